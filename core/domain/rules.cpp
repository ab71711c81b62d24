#include "rules.h"

#include <QTimeZone>
#include <QUuid>

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace huntaze::rules {

std::optional<qsizetype> forbiddenCharacter(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() == 0)
            return i;
        if (c.isHighSurrogate()) {
            if (i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                ++i;
                continue;
            }
            return i;
        }
        if (c.isLowSurrogate())
            return i;
    }
    return std::nullopt;
}

Result<void> text(const QString &field, QStringView value, int maxLength)
{
    if (const auto at = forbiddenCharacter(value)) {
        Error error
            = Error::validation(field,
                                QCoreApplication::translate(
                                    "huntaze::rules",
                                    "This text contains a character that cannot be stored (a NUL character or half of an emoji's code), at "
                                    "position %1.")
                                    .arg(*at + 1));
        error.position = static_cast<int>(*at);
        return error;
    }
    if (value.size() > maxLength)
        return Error::validation(field, QCoreApplication::translate("huntaze::rules", "Use at most %n characters.", nullptr, maxLength));
    return Result<void>::success();
}

Result<void> requiredText(const QString &field, QStringView value, int maxLength, const QString &whenEmpty)
{
    if (value.trimmed().isEmpty())
        return Error::validation(field, whenEmpty);
    return text(field, value, maxLength);
}

Result<double> money(const QString &field, double value, Zero zero)
{
    const QLocale c = QLocale::c();
    const bool inRange = std::isfinite(value) && (zero == Zero::Allowed ? value >= 0 : value > 0) && value <= maxMoney;
    // Whole cents: the value times 100 is (within binary rounding) an integer.
    const double cents = value * 100;
    if (!inRange || std::abs(cents - std::round(cents)) > 1e-6 * std::max(1.0, std::abs(cents)))
        return Error::validation(
            field,
            (zero == Zero::Allowed
                 ? QCoreApplication::translate("huntaze::rules", "An amount is from 0 to %1, in whole cents (like 12.50).")
                 : QCoreApplication::translate("huntaze::rules", "An amount is above 0 and at most %1, in whole cents (like 12.50)."))
                .arg(c.toString(maxMoney, 'f', 0)));
    // -0 and 12.499999999 are stored as 0 and 12.50.
    return std::round(cents) / 100 + 0.0;
}

Result<qint64> wholeNumber(const QString &field, double value, qint64 minimum, qint64 maximum)
{
    // Compared as doubles first: converting an out-of-range double to an integer is undefined.
    if (!std::isfinite(value) || value != std::floor(value) || value < static_cast<double>(minimum) || value > static_cast<double>(maximum))
        return Error::validation(
            field, QCoreApplication::translate("huntaze::rules", "Enter a whole number from %1 to %2.").arg(minimum).arg(maximum));
    return static_cast<qint64>(value);
}

bool isKnownTimeZone(QStringView id)
{
    if (id.isEmpty() || id.size() > 64 || !std::all_of(id.begin(), id.end(), [](QChar c) { return c.unicode() > 32 && c.unicode() < 127; }))
        return false;
    // isTimeZoneIdAvailable() leaves out aliases such as Etc/UTC, which
    // /etc/localtime commonly names; QTimeZone itself knows them.
    return QTimeZone(id.toLatin1()).isValid();
}

Result<void> labels(const QString &field, const QStringList &values)
{
    if (values.size() > maxLabelsPerRow)
        return Error::validation(field, QCoreApplication::translate("huntaze::rules", "Use at most %n labels.", nullptr, maxLabelsPerRow));
    for (const QString &value : values) {
        if (Result<void> ok = text(field, value, maxLabelLength); !ok.ok())
            return ok;
    }
    return Result<void>::success();
}

namespace {

std::optional<Error> forbiddenInside(const QJsonValue &value)
{
    if (value.isString()) {
        if (Result<void> ok = text(QStringLiteral("value"), value.toString(), maxPreferenceBytes); !ok.ok())
            return ok.error();
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (auto error = forbiddenInside(item))
                return error;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (forbiddenCharacter(it.key()))
                return text(QStringLiteral("value"), it.key(), maxPreferenceBytes).error();
            if (auto error = forbiddenInside(it.value()))
                return error;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> uuid(QStringView text)
{
    const QUuid parsed = QUuid::fromString(text);
    if (parsed.isNull())
        return std::nullopt;
    return parsed.toString(QUuid::WithoutBraces);
}

Result<void> preferenceValue(const QJsonValue &value)
{
    if (auto error = forbiddenInside(value))
        return *error;
    const qsizetype size = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).size() - 2;
    if (size > maxPreferenceBytes)
        return Error::validation(
            QStringLiteral("value"),
            QCoreApplication::translate("huntaze::rules", "A preference is at most %1 KiB of JSON.").arg(maxPreferenceBytes / 1024));
    return Result<void>::success();
}

Result<void> preferenceKey(const QString &key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z][A-Za-z0-9._-]{0,63}$"));
    if (plain.match(key).hasMatch())
        return Result<void>::success();
    return Error::validation(QStringLiteral("key"),
                             QCoreApplication::translate("huntaze::rules",
                                                         "A preference name is a letter followed by up to 63 "
                                                         "letters, digits, dots, dashes or underscores."));
}

} // namespace huntaze::rules

namespace huntaze::jsonfield {

namespace {

Error wrongType(const QString &key, const char *expected)
{
    return Error::validation(key, QCoreApplication::translate("huntaze::jsonfield", expected).arg(key));
}

} // namespace

Result<QString> requiredString(const QJsonObject &json, const QString &key, int maxLength)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().trimmed().isEmpty()))
        return Error::validation(key, QCoreApplication::translate("huntaze::jsonfield", "\"%1\" is required.").arg(key));
    return optionalString(json, key, maxLength);
}

Result<QString> optionalString(const QJsonObject &json, const QString &key, int maxLength, const QString &fallback)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString())
        return wrongType(key, QT_TRANSLATE_NOOP("huntaze::jsonfield", "\"%1\" must be a string."));
    const QString text = value.toString();
    if (Result<void> ok = rules::text(key, text, maxLength); !ok.ok())
        return ok.error();
    return text;
}

Result<qint64> optionalWholeNumber(const QJsonObject &json, const QString &key, qint64 minimum, qint64 maximum, qint64 fallback)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isDouble())
        return wrongType(key, QT_TRANSLATE_NOOP("huntaze::jsonfield", "\"%1\" must be a number."));
    return rules::wholeNumber(key, value.toDouble(), minimum, maximum);
}

Result<double> optionalMoney(const QJsonObject &json, const QString &key, rules::Zero zero, double fallback)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isDouble())
        return wrongType(key, QT_TRANSLATE_NOOP("huntaze::jsonfield", "\"%1\" must be a number."));
    return rules::money(key, value.toDouble(), zero);
}

Result<double> requiredMoney(const QJsonObject &json, const QString &key, rules::Zero zero)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return Error::validation(key, QCoreApplication::translate("huntaze::jsonfield", "\"%1\" is required.").arg(key));
    return optionalMoney(json, key, zero, 0);
}

Result<QJsonArray> requiredArray(const QJsonObject &json, const QString &key, int maxItems)
{
    const QJsonValue value = json.value(key);
    if (!value.isArray())
        return wrongType(key, QT_TRANSLATE_NOOP("huntaze::jsonfield", "\"%1\" must be a list."));
    if (value.toArray().size() > maxItems)
        return Error::validation(
            key,
            QCoreApplication::translate("huntaze::jsonfield", "\"%1\" has more than %2 items: send it in parts.").arg(key).arg(maxItems));
    return value.toArray();
}

Result<QStringList> optionalStrings(const QJsonObject &json, const QString &key)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (!value.isArray())
        return wrongType(key, QT_TRANSLATE_NOOP("huntaze::jsonfield", "\"%1\" must be a list of texts."));
    QStringList strings;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return wrongType(key, QT_TRANSLATE_NOOP("huntaze::jsonfield", "\"%1\" must be a list of texts."));
        strings.append(item.toString());
    }
    return strings;
}

Result<QDate> optionalDate(const QJsonObject &json, const QString &key)
{
    const Result<QString> text = optionalString(json, key, 10);
    if (!text.ok())
        return Error::validation(key, QCoreApplication::translate("huntaze::jsonfield", "\"%1\" is not a date like 2026-01-31.").arg(key));
    if (text.value().isEmpty())
        return QDate();
    const QDate date = QDate::fromString(text.value(), Qt::ISODate);
    if (!date.isValid())
        return Error::validation(key, QCoreApplication::translate("huntaze::jsonfield", "\"%1\" is not a date like 2026-01-31.").arg(key));
    return date;
}

Result<QDateTime> optionalInstant(const QJsonObject &json, const QString &key)
{
    const auto refused = [&key] {
        return Error::validation(
            key, QCoreApplication::translate("huntaze::jsonfield", "\"%1\" is not a time like 2026-01-31T18:00:00Z.").arg(key));
    };
    const Result<QString> text = optionalString(json, key, 40);
    if (!text.ok())
        return refused();
    if (text.value().isEmpty())
        return QDateTime();
    const QDateTime instant = QDateTime::fromString(text.value(), Qt::ISODateWithMs);
    // Without an offset the time would be read in this computer's zone: refused, not guessed.
    if (!instant.isValid() || instant.timeSpec() == Qt::LocalTime)
        return refused();
    return instant.toUTC();
}

Error within(const QString &path, Error error)
{
    error.field = error.field.isEmpty() ? path : path + u'.' + error.field;
    return error;
}

} // namespace huntaze::jsonfield

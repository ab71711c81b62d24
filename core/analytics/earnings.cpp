#include "earnings.h"

#include "domain/money.h"

#include "domain/rules.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <array>
#include <cmath>
#include <limits>

namespace huntaze::analytics {

namespace {

struct KindName {
    EarningKind kind;
    const char *id;
};
constexpr std::array<KindName, earningKindCount> kindNames{{
    {EarningKind::NewSubscription, "subscription_new"},
    {EarningKind::Renewal, "subscription_renewal"},
    {EarningKind::ExpiredSubscription, "subscription_expired"},
    {EarningKind::Tip, "tip"},
    {EarningKind::PaidPost, "paid_post"},
    {EarningKind::PaidMessage, "paid_message"},
    {EarningKind::MassMessage, "mass_message"},
    {EarningKind::Stream, "stream"},
    {EarningKind::Referral, "referral"},
    {EarningKind::Custom, "custom"},
}};

constexpr int maxReferenceLength = 200;

qint64 centsOf(double amount)
{
    return std::llround(amount * 100);
}

} // namespace

QString kindId(EarningKind kind)
{
    for (const KindName &name : kindNames) {
        if (name.kind == kind)
            return QString::fromLatin1(name.id);
    }
    return {};
}

std::optional<EarningKind> kindFromId(const QString &id)
{
    for (const KindName &name : kindNames) {
        if (id == QLatin1String(name.id))
            return name.kind;
    }
    return std::nullopt;
}

QList<EarningKind> allKinds()
{
    QList<EarningKind> kinds;
    for (const KindName &name : kindNames)
        kinds.append(name.kind);
    return kinds;
}

EarningSource sourceOf(EarningKind kind)
{
    switch (kind) {
    case EarningKind::NewSubscription:
    case EarningKind::Renewal:
    case EarningKind::ExpiredSubscription: return EarningSource::Subscriptions;
    case EarningKind::Tip: return EarningSource::Tips;
    case EarningKind::PaidPost: return EarningSource::Posts;
    case EarningKind::PaidMessage:
    case EarningKind::MassMessage: return EarningSource::Messages;
    case EarningKind::Stream: return EarningSource::Streams;
    case EarningKind::Referral: return EarningSource::Referrals;
    case EarningKind::Custom: return EarningSource::Customs;
    }
    return EarningSource::Customs;
}

QByteArray EarningEvent::identity() const
{
    QCryptographicHash digest(QCryptographicHash::Sha256);
    if (!reference.isEmpty()) {
        digest.addData(QByteArrayLiteral("reference\n"));
        digest.addData(reference.toUtf8());
        return digest.result();
    }
    // Every field, in a fixed form: the same line read twice gives the same digest.
    QByteArray canonical;
    canonical.reserve(128);
    canonical += QByteArray::number(occurredAt.toMSecsSinceEpoch());
    canonical += '\n';
    canonical += kindId(kind).toLatin1();
    canonical += '\n';
    canonical += QByteArray::number(grossCents);
    canonical += '\n';
    canonical += QByteArray::number(netCents);
    canonical += '\n';
    canonical += currency.toUtf8();
    canonical += '\n';
    canonical += fan.toUtf8();
    canonical += '\n';
    canonical += QByteArray::number(memberId);
    digest.addData(canonical);
    return digest.result();
}

Result<void> EarningEvent::checkAmounts() const
{
    if (grossCents < 0 || netCents < 0)
        return Error::validation(QStringLiteral("gross"),
                                 QCoreApplication::translate("huntaze::analytics", "An amount cannot be negative."));
    if (netCents > grossCents)
        return Error::validation(QStringLiteral("net"),
                                 QCoreApplication::translate("huntaze::analytics", "The net amount cannot be more than the gross amount."));
    if (kind == EarningKind::ExpiredSubscription && grossCents != 0)
        return Error::validation(QStringLiteral("gross"),
                                 QCoreApplication::translate("huntaze::analytics", "An expired subscription has no amount."));
    // Free pages and trials have subscriptions at 0; a tip or a sale of nothing is a broken line.
    const bool mayBeFree = kind == EarningKind::NewSubscription || kind == EarningKind::Renewal || kind == EarningKind::ExpiredSubscription;
    if (!mayBeFree && grossCents == 0)
        return Error::validation(QStringLiteral("gross"),
                                 QCoreApplication::translate("huntaze::analytics", "A line of this kind has an amount of at least 0.01."));
    return Result<void>::success();
}

Result<EarningEvent> EarningEvent::parse(const QJsonObject &json, const QString &accountCurrency)
{
    EarningEvent event;
    const Result<QDateTime> at = requiredInstant(json, QStringLiteral("occurredAt"));
    if (!at.ok())
        return at.error();
    event.occurredAt = at.value();

    const Result<QString> kind = jsonfield::requiredString(json, QStringLiteral("kind"), 40);
    if (!kind.ok())
        return kind.error();
    const std::optional<EarningKind> known = kindFromId(kind.value());
    if (!known) {
        QStringList ids;
        for (const KindName &name : kindNames)
            ids.append(QString::fromLatin1(name.id));
        return Error::validation(
            QStringLiteral("kind"),
            QCoreApplication::translate("huntaze::analytics", "The kind is one of: %1.").arg(ids.join(QStringLiteral(", "))));
    }
    event.kind = *known;

    const Result<double> gross = jsonfield::optionalMoney(json, QStringLiteral("gross"), rules::Zero::Allowed, 0);
    if (!gross.ok())
        return gross.error();
    const Result<double> net = jsonfield::optionalMoney(json, QStringLiteral("net"), rules::Zero::Allowed, gross.value());
    if (!net.ok())
        return net.error();
    event.grossCents = centsOf(gross.value());
    event.netCents = centsOf(net.value());
    if (Result<void> amounts = event.checkAmounts(); !amounts.ok())
        return amounts.error();

    const Result<QString> currency = jsonfield::optionalString(json, QStringLiteral("currency"), 3, accountCurrency);
    if (!currency.ok())
        return currency.error();
    event.currency = currency.value().toUpper();
    if (Result<void> same = money::checkAccountCurrency(currency.value(), accountCurrency); !same.ok())
        return same.error();

    const Result<QString> fan = jsonfield::optionalString(json, QStringLiteral("fan"), rules::maxNameLength);
    if (!fan.ok())
        return fan.error();
    event.fan = fan.value().trimmed();
    const Result<QString> reference = jsonfield::optionalString(json, QStringLiteral("reference"), maxReferenceLength);
    if (!reference.ok())
        return reference.error();
    event.reference = reference.value().trimmed();
    const Result<qint64> member
        = jsonfield::optionalWholeNumber(json, QStringLiteral("memberId"), 0, std::numeric_limits<qint32>::max(), 0);
    if (!member.ok())
        return member.error();
    event.memberId = member.value();
    return event;
}

QJsonObject EarningEvent::toJson() const
{
    QJsonObject json{{QStringLiteral("occurredAt"), occurredAt.toUTC().toString(Qt::ISODateWithMs)},
                     {QStringLiteral("kind"), kindId(kind)},
                     {QStringLiteral("gross"), static_cast<double>(grossCents) / 100},
                     {QStringLiteral("net"), static_cast<double>(netCents) / 100},
                     {QStringLiteral("currency"), currency}};
    if (!fan.isEmpty())
        json.insert(QStringLiteral("fan"), fan);
    if (!reference.isEmpty())
        json.insert(QStringLiteral("reference"), reference);
    if (memberId != 0)
        json.insert(QStringLiteral("memberId"), memberId);
    return json;
}

Result<QDateTime> requiredInstant(const QJsonObject &json, const QString &key)
{
    const Result<QString> text = jsonfield::requiredString(json, key, 64);
    if (!text.ok())
        return text.error();
    const QDateTime at = QDateTime::fromString(text.value(), Qt::ISODateWithMs);
    if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
        return Error::validation(
            key, QCoreApplication::translate("huntaze::analytics", "Give the time with its offset or Z, like 2026-03-01T18:30:00Z."));
    if (at.toUTC().date().year() < 2000 || at.toUTC().date().year() > 2100)
        return Error::validation(key,
                                 QCoreApplication::translate("huntaze::analytics", "The date must be between the years 2000 and 2100."));
    return at.toUTC();
}

QPair<QDate, int> localHour(const QDateTime &occurredAt, const QTimeZone &zone)
{
    const QDateTime local = zone.isValid() ? occurredAt.toTimeZone(zone) : occurredAt.toUTC();
    return {local.date(), local.time().hour()};
}

} // namespace huntaze::analytics

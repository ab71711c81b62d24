#include "fan.h"

#include "common/jsonwriter.h"

#include <cstdio>

#include "domain/rules.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze {

QString Fan::firstName() const
{
    return name.simplified().section(u' ', 0, 0);
}

int Fan::daysInactive(const QDate &today) const
{
    return lastActive.isValid() ? static_cast<int>(lastActive.daysTo(today)) : -1;
}

QJsonObject Fan::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
            {QStringLiteral("totalSpend"), totalSpend},
            {QStringLiteral("lastPurchase"), lastPurchase},
            {QStringLiteral("lastActive"), lastActive.toString(Qt::ISODate)}};
}

void Fan::writeJson(JsonWriter &out, bool withEarnings) const
{
    out.beginObject();
    out.key(QLatin1String("id")).value(id);
    out.key(QLatin1String("name")).value(name);
    out.key(QLatin1String("tags")).beginArray();
    for (const QString &tag : tags)
        out.value(tag);
    out.endArray();
    if (withEarnings) {
        out.key(QLatin1String("totalSpend")).value(totalSpend);
        out.key(QLatin1String("lastPurchase")).value(lastPurchase);
    }
    // QDate::toString(Qt::ISODate) formats through QString::asprintf: a tenth
    // of the whole answer's cost for 500 fans.
    char date[16] = {};
    if (lastActive.isValid() && lastActive.year() >= 0 && lastActive.year() <= 9999)
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", lastActive.year(), lastActive.month(), lastActive.day());
    else if (lastActive.isValid())
        qstrncpy(date, lastActive.toString(Qt::ISODate).toLatin1().constData(), sizeof date);
    out.key(QLatin1String("lastActive")).value(QLatin1String(date));
    out.endObject();
}

Fan Fan::fromJson(const QJsonObject &json)
{
    Fan fan;
    fan.id = json.value(QStringLiteral("id")).toInteger();
    fan.name = json.value(QStringLiteral("name")).toString();
    for (const auto &tag : json.value(QStringLiteral("tags")).toArray())
        fan.tags.append(tag.toString());
    fan.totalSpend = json.value(QStringLiteral("totalSpend")).toDouble();
    fan.lastPurchase = json.value(QStringLiteral("lastPurchase")).toString();
    fan.lastActive = QDate::fromString(json.value(QStringLiteral("lastActive")).toString(), Qt::ISODate);
    return fan;
}

QJsonObject Offer::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("title"), title},
            {QStringLiteral("price"), price},
            {QStringLiteral("recipients"), recipients},
            {QStringLiteral("purchases"), purchases},
            {QStringLiteral("sentOn"), sentOn.toString(Qt::ISODate)}};
}

Offer Offer::fromJson(const QJsonObject &json)
{
    Offer offer;
    offer.id = json.value(QStringLiteral("id")).toInteger();
    offer.title = json.value(QStringLiteral("title")).toString();
    offer.price = json.value(QStringLiteral("price")).toDouble();
    offer.recipients = json.value(QStringLiteral("recipients")).toInt();
    offer.purchases = json.value(QStringLiteral("purchases")).toInt();
    offer.sentOn = QDate::fromString(json.value(QStringLiteral("sentOn")).toString(), Qt::ISODate);
    return offer;
}

QJsonObject Post::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("platform"), platform},
            {QStringLiteral("caption"), caption},
            {QStringLiteral("hashtags"), QJsonArray::fromStringList(hashtags)},
            {QStringLiteral("engagement"), engagement},
            {QStringLiteral("postedOn"), postedOn.toString(Qt::ISODate)}};
}

Post Post::fromJson(const QJsonObject &json)
{
    Post post;
    post.id = json.value(QStringLiteral("id")).toInteger();
    post.platform = json.value(QStringLiteral("platform")).toString();
    post.caption = json.value(QStringLiteral("caption")).toString();
    for (const auto &tag : json.value(QStringLiteral("hashtags")).toArray())
        post.hashtags.append(tag.toString());
    post.engagement = json.value(QStringLiteral("engagement")).toInt();
    post.postedOn = QDate::fromString(json.value(QStringLiteral("postedOn")).toString(), Qt::ISODate);
    return post;
}

namespace {

template <typename T> Result<T> check(const Result<T> &result, T &into)
{
    if (result.ok())
        into = result.value();
    return result;
}

Error notAnObject()
{
    return Error::validation({}, QCoreApplication::translate("huntaze::Fan", "Each row must be a JSON object."));
}

QString field(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

Result<Fan> Fan::parse(const QJsonValue &row)
{
    if (!row.isObject())
        return notAnObject();
    const QJsonObject json = row.toObject();
    Fan fan;
    if (auto v = jsonfield::optionalString(json, field("name"), rules::maxNameLength); !check(v, fan.name).ok())
        return v.error();
    if (auto v = jsonfield::optionalStrings(json, field("tags")); !check(v, fan.tags).ok())
        return v.error();
    if (auto v = jsonfield::optionalMoney(json, field("totalSpend"), rules::Zero::Allowed, 0); !check(v, fan.totalSpend).ok())
        return v.error();
    if (auto v = jsonfield::optionalString(json, field("lastPurchase"), rules::maxNameLength); !check(v, fan.lastPurchase).ok())
        return v.error();
    if (auto v = jsonfield::optionalDate(json, field("lastActive")); !check(v, fan.lastActive).ok())
        return v.error();
    return validateFan(fan);
}

Result<Offer> Offer::parse(const QJsonValue &row)
{
    if (!row.isObject())
        return notAnObject();
    const QJsonObject json = row.toObject();
    Offer offer;
    if (auto v = jsonfield::optionalString(json, field("title"), rules::maxNameLength); !check(v, offer.title).ok())
        return v.error();
    if (auto v = jsonfield::requiredMoney(json, field("price"), rules::Zero::Refused); !check(v, offer.price).ok())
        return v.error();
    qint64 count = 0;
    if (auto v = jsonfield::optionalWholeNumber(json, field("recipients"), 0, rules::maxCount, 0); !check(v, count).ok())
        return v.error();
    offer.recipients = static_cast<int>(count);
    if (auto v = jsonfield::optionalWholeNumber(json, field("purchases"), 0, rules::maxCount, 0); !check(v, count).ok())
        return v.error();
    offer.purchases = static_cast<int>(count);
    if (auto v = jsonfield::optionalDate(json, field("sentOn")); !check(v, offer.sentOn).ok())
        return v.error();
    return validateOffer(offer);
}

Result<Post> Post::parse(const QJsonValue &row)
{
    if (!row.isObject())
        return notAnObject();
    const QJsonObject json = row.toObject();
    Post post;
    if (auto v = jsonfield::optionalString(json, field("platform"), rules::maxLabelLength); !check(v, post.platform).ok())
        return v.error();
    if (auto v = jsonfield::optionalString(json, field("caption"), rules::maxCaptionLength); !check(v, post.caption).ok())
        return v.error();
    if (auto v = jsonfield::optionalStrings(json, field("hashtags")); !check(v, post.hashtags).ok())
        return v.error();
    qint64 engagement = 0;
    if (auto v = jsonfield::optionalWholeNumber(json, field("engagement"), 0, rules::maxCount, 0); !check(v, engagement).ok())
        return v.error();
    post.engagement = static_cast<int>(engagement);
    if (auto v = jsonfield::optionalDate(json, field("postedOn")); !check(v, post.postedOn).ok())
        return v.error();
    return validatePost(post);
}

Result<Fan> validateFan(Fan fan)
{
    fan.name = fan.name.simplified();
    if (Result<void> ok = rules::requiredText(field("name"), fan.name, rules::maxNameLength,
                                              QCoreApplication::translate("huntaze::Fan", "The name is empty."));
        !ok.ok())
        return ok.error();
    for (QString &tag : fan.tags)
        tag = tag.trimmed();
    fan.tags.removeAll(QString());
    if (Result<void> ok = rules::labels(field("tags"), fan.tags); !ok.ok())
        return ok.error();
    const Result<double> spend = rules::money(field("totalSpend"), fan.totalSpend, rules::Zero::Allowed);
    if (!spend.ok())
        return spend.error();
    fan.totalSpend = spend.value();
    if (Result<void> ok = rules::text(field("lastPurchase"), fan.lastPurchase, rules::maxNameLength); !ok.ok())
        return ok.error();
    return fan;
}

Result<Offer> validateOffer(Offer offer)
{
    if (Result<void> ok = rules::text(field("title"), offer.title, rules::maxNameLength); !ok.ok())
        return ok.error();
    const Result<double> price = rules::money(field("price"), offer.price, rules::Zero::Refused);
    if (!price.ok())
        return price.error();
    offer.price = price.value();
    if (Result<qint64> ok = rules::wholeNumber(field("recipients"), offer.recipients, 0, rules::maxCount); !ok.ok())
        return ok.error();
    if (offer.purchases < 0 || offer.purchases > offer.recipients)
        return Error::validation(
            field("purchases"),
            QCoreApplication::translate("huntaze::Offer", "Purchases must be between 0 and the number of recipients (%1).")
                .arg(offer.recipients));
    return offer;
}

Result<Post> validatePost(Post post)
{
    post.platform = post.platform.trimmed().toLower();
    if (post.caption.trimmed().isEmpty() && post.hashtags.isEmpty())
        return Error::validation(field("caption"), QCoreApplication::translate("huntaze::Post", "A post needs a caption or hashtags."));
    if (Result<void> ok = rules::text(field("platform"), post.platform, rules::maxLabelLength); !ok.ok())
        return ok.error();
    if (Result<void> ok = rules::text(field("caption"), post.caption, rules::maxCaptionLength); !ok.ok())
        return ok.error();
    if (Result<void> ok = rules::labels(field("hashtags"), post.hashtags); !ok.ok())
        return ok.error();
    if (Result<qint64> ok = rules::wholeNumber(field("engagement"), post.engagement, 0, rules::maxCount); !ok.ok())
        return ok.error();
    return post;
}

Error rowError(const QString &list, qsizetype index, const Error &problem)
{
    Error error = jsonfield::within(QStringLiteral("%1[%2]").arg(list).arg(index), problem);
    error.message
        = QCoreApplication::translate("huntaze::ImportRows", "Row %1: %2 Nothing was imported.").arg(index + 1).arg(error.message);
    return error;
}

Error importRowError(const QString &list, qsizetype index, const Error &problem)
{
    Error error = jsonfield::within(QStringLiteral("%1[%2]").arg(list).arg(index), problem);
    error.message = QCoreApplication::translate("huntaze::ImportRows", "%1: %2 Nothing was imported.").arg(error.field, error.message);
    return error;
}

} // namespace huntaze

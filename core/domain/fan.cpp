#include "fan.h"

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

Result<Draft> validateDraft(const Draft &draft)
{
    if (draft.body.trimmed().isEmpty())
        return Error::validation(QStringLiteral("body"), QCoreApplication::translate("huntaze::Draft", "An empty draft cannot be saved."));
    return draft;
}

QString Draft::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Idea: return QStringLiteral("idea");
    case Kind::Caption: return QStringLiteral("caption");
    case Kind::Message: return QStringLiteral("message");
    }
    return QStringLiteral("idea");
}

std::optional<Draft::Kind> Draft::kindFrom(const QString &name)
{
    for (Kind kind : {Kind::Idea, Kind::Caption, Kind::Message}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QJsonObject Draft::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), kindName(kind)},
            {QStringLiteral("title"), title},
            {QStringLiteral("body"), body},
            {QStringLiteral("createdAt"), createdAt.toUTC().toString(Qt::ISODateWithMs)}};
}

Draft Draft::fromJson(const QJsonObject &json)
{
    Draft draft;
    draft.id = json.value(QStringLiteral("id")).toInteger();
    draft.kind = kindFrom(json.value(QStringLiteral("kind")).toString()).value_or(Kind::Idea);
    draft.title = json.value(QStringLiteral("title")).toString();
    draft.body = json.value(QStringLiteral("body")).toString();
    draft.createdAt = QDateTime::fromString(json.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    return draft;
}

} // namespace huntaze

#include "fan.h"

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

} // namespace huntaze

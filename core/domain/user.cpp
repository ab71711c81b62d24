#include "user.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze {

QString User::creatorName(qint64 creatorId) const
{
    for (const Creator &creator : creators) {
        if (creator.id == creatorId)
            return creator.profile.displayName;
    }
    return QCoreApplication::translate("huntaze::User", "Creator %1").arg(creatorId);
}

QJsonObject User::toJson() const
{
    QJsonArray creatorList;
    for (const Creator &creator : creators)
        creatorList.append(creator.toJson());
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("email"), email},
        {QStringLiteral("createdAt"), createdAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("agency"), QJsonObject{{QStringLiteral("id"), agencyId}, {QStringLiteral("name"), agencyName}}},
        {QStringLiteral("role"),
         QJsonObject{{QStringLiteral("id"), role},
                     {QStringLiteral("name"), roleName},
                     {QStringLiteral("permissions"), QJsonArray::fromStringList(permissions)}}},
        {QStringLiteral("creators"), creatorList},
        {QStringLiteral("creatorId"), creatorId},
        {QStringLiteral("profile"), profile.toJson()},
    };
}

User User::fromJson(const QJsonObject &json)
{
    User user;
    user.id = json.value(QStringLiteral("id")).toInteger();
    user.email = json.value(QStringLiteral("email")).toString();
    user.createdAt = QDateTime::fromString(json.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    const QJsonObject agency = json.value(QStringLiteral("agency")).toObject();
    user.agencyId = agency.value(QStringLiteral("id")).toInteger();
    user.agencyName = agency.value(QStringLiteral("name")).toString();
    const QJsonObject role = json.value(QStringLiteral("role")).toObject();
    user.role = role.value(QStringLiteral("id")).toString();
    user.roleName = role.value(QStringLiteral("name")).toString();
    for (const QJsonValue &permission : role.value(QStringLiteral("permissions")).toArray())
        user.permissions.append(permission.toString());
    for (const QJsonValue &creator : json.value(QStringLiteral("creators")).toArray())
        user.creators.append(Creator::fromJson(creator.toObject()));
    user.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    user.profile = Profile::fromJson(json.value(QStringLiteral("profile")).toObject());
    return user;
}

} // namespace huntaze

#include "team.h"

#include <QJsonArray>

namespace huntaze {

QJsonObject TeamMember::toJson() const
{
    QJsonArray assigned;
    for (const qint64 id : creators)
        assigned.append(id);
    QJsonObject json{
        {QStringLiteral("userId"), userId},
        {QStringLiteral("email"), email},
        {QStringLiteral("role"), role},
        {QStringLiteral("roleName"), roleName},
        {QStringLiteral("creators"), assigned},
        {QStringLiteral("joinedAt"), joinedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("lastActive"), lastActive.isValid() ? QJsonValue(lastActive.toString(Qt::ISODateWithMs)) : QJsonValue()}};
    if (customRoleId != 0)
        json.insert(QStringLiteral("customRole"), customRoleId);
    if (ownCreator != 0)
        json.insert(QStringLiteral("creator"), ownCreator);
    return json;
}

TeamMember TeamMember::fromJson(const QJsonObject &json)
{
    TeamMember member;
    member.userId = json.value(QStringLiteral("userId")).toInteger();
    member.email = json.value(QStringLiteral("email")).toString();
    member.role = json.value(QStringLiteral("role")).toString();
    member.roleName = json.value(QStringLiteral("roleName")).toString();
    member.customRoleId = json.value(QStringLiteral("customRole")).toInteger();
    member.ownCreator = json.value(QStringLiteral("creator")).toInteger();
    for (const QJsonValue &id : json.value(QStringLiteral("creators")).toArray())
        member.creators.append(id.toInteger());
    member.joinedAt = QDateTime::fromString(json.value(QStringLiteral("joinedAt")).toString(), Qt::ISODateWithMs);
    member.lastActive = QDateTime::fromString(json.value(QStringLiteral("lastActive")).toString(), Qt::ISODateWithMs);
    return member;
}

} // namespace huntaze

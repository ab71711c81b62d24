#include "user.h"

namespace huntaze {

QJsonObject User::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("email"), email},
        {QStringLiteral("profile"), profile.toJson()},
        {QStringLiteral("createdAt"), createdAt.toString(Qt::ISODateWithMs)},
    };
}

User User::fromJson(const QJsonObject &json)
{
    User user;
    user.id = json.value(QStringLiteral("id")).toInteger();
    user.email = json.value(QStringLiteral("email")).toString();
    user.profile = Profile::fromJson(json.value(QStringLiteral("profile")).toObject());
    user.createdAt = QDateTime::fromString(json.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    return user;
}

} // namespace huntaze

#include "creator.h"

namespace huntaze {

QJsonObject Creator::toJson() const
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("profile"), profile.toJson()}};
}

Creator Creator::fromJson(const QJsonObject &json)
{
    Creator creator;
    creator.id = json.value(QStringLiteral("id")).toInteger();
    creator.profile = Profile::fromJson(json.value(QStringLiteral("profile")).toObject());
    return creator;
}

} // namespace huntaze

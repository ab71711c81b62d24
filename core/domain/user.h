#pragma once

#include "domain/profile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace huntaze {

struct User {
    qint64 id = 0;
    QString email; // normalised: trimmed, lower case
    Profile profile;
    QDateTime createdAt;

    QJsonObject toJson() const;
    static User fromJson(const QJsonObject &json);

    friend bool operator==(const User &, const User &) = default;
};

} // namespace huntaze

Q_DECLARE_METATYPE(huntaze::User)

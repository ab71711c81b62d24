#pragma once

#include "agency/permissions.h"
#include "domain/creator.h"
#include "domain/profile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace huntaze {

// A signed-in login as the apps see it: who they are, the agency their
// session acts in, their role there, and the creators they may work with.
struct User {
    qint64 id = 0;
    QString email; // normalised: trimmed, lower case
    QDateTime createdAt;

    qint64 agencyId = 0;
    QString agencyName;
    QString role; // agency::presetId: "owner", "admin", "chatter", "creator", "custom"
    QString roleName; // as shown: "Owner", or a custom role's name
    QStringList permissions; // agency::permissionId of each permission the role has
    QList<Creator> creators; // the creators this member may see, oldest first

    // The creator the data calls act for (the first of `creators` until the
    // member picks another) and that creator's profile.
    qint64 creatorId = 0;
    Profile profile;

    bool may(agency::Permission permission) const { return permissions.contains(agency::permissionId(permission)); }
    // One of `creators` by name, for lists that name them by id ("Creator 7" for one no longer visible).
    QString creatorName(qint64 creatorId) const;

    QJsonObject toJson() const;
    static User fromJson(const QJsonObject &json);

    friend bool operator==(const User &, const User &) = default;
};

} // namespace huntaze

Q_DECLARE_METATYPE(huntaze::User)

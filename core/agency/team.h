#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace huntaze {

// One member of an agency as the Team page lists them.
struct TeamMember {
    qint64 userId = 0;
    QString email;
    QString role; // agency::presetId
    QString roleName;
    qint64 customRoleId = 0;
    qint64 ownCreator = 0;
    QList<qint64> creators; // assigned
    QDateTime joinedAt;
    QDateTime lastActive; // the member's most recent session use; invalid when never

    QJsonObject toJson() const;
    static TeamMember fromJson(const QJsonObject &json);

    friend bool operator==(const TeamMember &, const TeamMember &) = default;
};

// A role an owner made, as the Team page offers it.
struct CustomRole {
    qint64 id = 0;
    QString name;

    friend bool operator==(const CustomRole &, const CustomRole &) = default;
};

struct NewInvitation {
    QString code; // shown once; only its digest is stored
    QDateTime expiresAt;
};

} // namespace huntaze

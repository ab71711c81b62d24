#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace huntaze {

// One line of an agency's audit log: who did what, when, about which creator.
struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    qint64 actorId = 0;
    QString actorEmail;
    qint64 creatorId = 0; // 0: about the agency itself
    QString action; // one of audit::actions()
    QJsonObject detail; // what the action says about itself (counts, kinds, who was invited)

    QJsonObject toJson() const;
    static AuditEntry fromJson(const QJsonObject &json);
};

// Which entries to list; empty fields do not filter.
struct AuditFilter {
    QString action;
    qint64 actorId = 0;
    qint64 creatorId = 0;
    QDateTime from; // inclusive
    QDateTime to; // exclusive
    int limit = 500;
};

namespace audit {
// Stable ids, stored and sent over the API.
inline const QString signedUp = QStringLiteral("signed_up");
inline const QString joined = QStringLiteral("joined");
inline const QString signedIn = QStringLiteral("signed_in");
inline const QString imported = QStringLiteral("imported");
inline const QString draftSaved = QStringLiteral("draft_saved");
inline const QString preferenceChanged = QStringLiteral("preference_changed");
inline const QString profileChanged = QStringLiteral("profile_changed");
inline const QString invited = QStringLiteral("invited");
inline const QString memberChanged = QStringLiteral("member_changed");
inline const QString memberRemoved = QStringLiteral("member_removed");
inline const QString roleCreated = QStringLiteral("role_created");
inline const QString creatorAdded = QStringLiteral("creator_added");
inline const QString creatorArchived = QStringLiteral("creator_archived");
inline const QString clockedIn = QStringLiteral("clocked_in");
inline const QString clockedOut = QStringLiteral("clocked_out");
inline const QString scheduleChanged = QStringLiteral("schedule_changed");
QStringList actions();
// For people: "Imported rows".
QString describe(const QString &action);
} // namespace audit

} // namespace huntaze

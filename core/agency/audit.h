#pragma once

#include "agency/permissions.h"
#include "common/result.h"

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

// Work done only on the desktop, which the desktop reports to the audit log:
// fan messages copied to be sent, exported, a draft copied. The text is what
// was written in the creator's name, so they can read it later.
struct ClientEvent {
    QString action; // one of audit::clientActions()
    int count = 0; // how many messages (fans)
    QString text; // the message template or draft

    // From a client: {"action": "messages_copied", "count": 12, "text": "Hi {{first_name}}"}.
    static Result<ClientEvent> parse(const QJsonObject &json);
    QJsonObject toJson() const;
    // What the member's role must allow to have done it.
    agency::Permission permission() const;
};

namespace audit {
// Stable ids, stored and sent over the API.
inline const QString signedUp = QStringLiteral("signed_up");
inline const QString joined = QStringLiteral("joined");
inline const QString signedIn = QStringLiteral("signed_in");
inline const QString imported = QStringLiteral("imported");
inline const QString draftSaved = QStringLiteral("draft_saved");
inline const QString draftDeleted = QStringLiteral("draft_deleted");
inline const QString draftConflictResolved = QStringLiteral("draft_conflict_resolved");
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
inline const QString attributionChanged = QStringLiteral("attribution_changed");
inline const QString messagesCopied = QStringLiteral("messages_copied");
inline const QString messagesExported = QStringLiteral("messages_exported");
inline const QString draftCopied = QStringLiteral("draft_copied");
inline const QString passwordChanged = QStringLiteral("password_changed");
inline const QString signedOutEverywhere = QStringLiteral("signed_out_everywhere");
inline const QString sessionsEnded = QStringLiteral("sessions_ended");
// A spent refresh token came back: its session ended (stolen copy suspected).
inline const QString refreshTokenReused = QStringLiteral("refresh_token_reused");
inline const QString apiKeyCreated = QStringLiteral("api_key_created");
inline const QString passwordResetIssued = QStringLiteral("password_reset_issued");
inline const QString passwordReset = QStringLiteral("password_reset");
inline const QString apiKeyRevoked = QStringLiteral("api_key_revoked");
// The actions a client may report (ClientEvent); the others the repositories record.
QStringList clientActions();
QStringList actions();
// For people: "Imported rows".
QString describe(const QString &action);
} // namespace audit

} // namespace huntaze

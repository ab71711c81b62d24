#include "audit.h"

#include "domain/rules.h"

#include <QCoreApplication>

#include <climits>

namespace huntaze {

QJsonObject AuditEntry::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("at"), at.toString(Qt::ISODateWithMs)},
            {QStringLiteral("actorId"), actorId != 0 ? QJsonValue(actorId) : QJsonValue()},
            {QStringLiteral("actorEmail"), actorEmail},
            {QStringLiteral("creatorId"), creatorId != 0 ? QJsonValue(creatorId) : QJsonValue()},
            {QStringLiteral("action"), action},
            {QStringLiteral("detail"), detail}};
}

AuditEntry AuditEntry::fromJson(const QJsonObject &json)
{
    AuditEntry entry;
    entry.id = json.value(QStringLiteral("id")).toInteger();
    entry.at = QDateTime::fromString(json.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    entry.actorId = json.value(QStringLiteral("actorId")).toInteger();
    entry.actorEmail = json.value(QStringLiteral("actorEmail")).toString();
    entry.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    entry.action = json.value(QStringLiteral("action")).toString();
    entry.detail = json.value(QStringLiteral("detail")).toObject();
    return entry;
}

Result<ClientEvent> ClientEvent::parse(const QJsonObject &json)
{
    const Result<QString> action = jsonfield::requiredString(json, QStringLiteral("action"), 40);
    if (!action.ok())
        return action.error();
    if (!audit::clientActions().contains(action.value()))
        return Error::validation(QStringLiteral("action"),
                                 QCoreApplication::translate("huntaze::audit", "\"action\" must be one of: %1.")
                                     .arg(audit::clientActions().join(QStringLiteral(", "))));
    const Result<qint64> count = jsonfield::optionalWholeNumber(json, QStringLiteral("count"), 0, rules::maxCount, 0);
    if (!count.ok())
        return count.error();
    const Result<QString> text = jsonfield::optionalString(json, QStringLiteral("text"), rules::maxDraftBodyLength);
    if (!text.ok())
        return text.error();
    return ClientEvent{action.value(), static_cast<int>(std::min<qint64>(count.value(), INT_MAX)), text.value()};
}

QJsonObject ClientEvent::toJson() const
{
    QJsonObject json{{QStringLiteral("action"), action}, {QStringLiteral("count"), count}};
    if (!text.isEmpty())
        json.insert(QStringLiteral("text"), text);
    return json;
}

agency::Permission ClientEvent::permission() const
{
    if (action == audit::draftCopied)
        return agency::Permission::ManageDrafts;
    return action == audit::messagesExported ? agency::Permission::ExportData : agency::Permission::WriteFanMessages;
}

namespace audit {

namespace {
struct Known {
    const QString *id;
    const char *description;
};
const Known known[] = {
    {&signedUp, QT_TRANSLATE_NOOP("huntaze::audit", "Created the account")},
    {&joined, QT_TRANSLATE_NOOP("huntaze::audit", "Joined with an invitation")},
    {&signedIn, QT_TRANSLATE_NOOP("huntaze::audit", "Signed in")},
    {&imported, QT_TRANSLATE_NOOP("huntaze::audit", "Imported rows")},
    {&draftSaved, QT_TRANSLATE_NOOP("huntaze::audit", "Saved a draft")},
    {&draftDeleted, QT_TRANSLATE_NOOP("huntaze::audit", "Deleted a draft")},
    {&draftConflictResolved, QT_TRANSLATE_NOOP("huntaze::audit", "Resolved two versions of a draft")},
    {&preferenceChanged, QT_TRANSLATE_NOOP("huntaze::audit", "Changed a setting")},
    {&profileChanged, QT_TRANSLATE_NOOP("huntaze::audit", "Edited the creator's profile")},
    {&invited, QT_TRANSLATE_NOOP("huntaze::audit", "Invited someone")},
    {&memberChanged, QT_TRANSLATE_NOOP("huntaze::audit", "Changed a member's role or creators")},
    {&memberRemoved, QT_TRANSLATE_NOOP("huntaze::audit", "Removed a member")},
    {&roleCreated, QT_TRANSLATE_NOOP("huntaze::audit", "Made a role")},
    {&creatorAdded, QT_TRANSLATE_NOOP("huntaze::audit", "Added a creator")},
    {&creatorArchived, QT_TRANSLATE_NOOP("huntaze::audit", "Archived a creator")},
    {&clockedIn, QT_TRANSLATE_NOOP("huntaze::audit", "Clocked in")},
    {&clockedOut, QT_TRANSLATE_NOOP("huntaze::audit", "Clocked out")},
    {&scheduleChanged, QT_TRANSLATE_NOOP("huntaze::audit", "Changed the shift schedule")},
    {&attributionChanged, QT_TRANSLATE_NOOP("huntaze::audit", "Changed how sales are credited to the team")},
    {&messagesCopied, QT_TRANSLATE_NOOP("huntaze::audit", "Copied fan messages to send")},
    {&messagesExported, QT_TRANSLATE_NOOP("huntaze::audit", "Exported fan messages")},
    {&draftCopied, QT_TRANSLATE_NOOP("huntaze::audit", "Copied a draft")},
    {&passwordChanged, QT_TRANSLATE_NOOP("huntaze::audit", "Changed their password")},
    {&signedOutEverywhere, QT_TRANSLATE_NOOP("huntaze::audit", "Signed out everywhere")},
    {&sessionsEnded, QT_TRANSLATE_NOOP("huntaze::audit", "Ended a member's sessions")},
    {&apiKeyCreated, QT_TRANSLATE_NOOP("huntaze::audit", "Made an API key")},
    {&passwordResetIssued, QT_TRANSLATE_NOOP("huntaze::audit", "Issued a password reset code")},
    {&passwordReset, QT_TRANSLATE_NOOP("huntaze::audit", "Reset their password with a code")},
    {&apiKeyRevoked, QT_TRANSLATE_NOOP("huntaze::audit", "Revoked an API key")},
    {&refreshTokenReused,
     QT_TRANSLATE_NOOP("huntaze::audit", "Session ended: a used sign-in token came back (a copy may have been stolen)")},
};
} // namespace

QStringList clientActions()
{
    return {messagesCopied, messagesExported, draftCopied};
}

QStringList actions()
{
    QStringList ids;
    for (const Known &entry : known)
        ids.append(*entry.id);
    return ids;
}

QString describe(const QString &action)
{
    for (const Known &entry : known) {
        if (*entry.id == action)
            return QCoreApplication::translate("huntaze::audit", entry.description);
    }
    return action;
}

} // namespace audit

} // namespace huntaze

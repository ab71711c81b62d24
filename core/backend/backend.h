#pragma once

#include "agency/apikeys.h"
#include "agency/audit.h"
#include "agency/membership.h"
#include "agency/shifts.h"
#include "agency/team.h"
#include "ai/aiprovider.h"
#include "analytics/agencyanalytics.h"
#include "analytics/dashboard.h"
#include "analytics/earnings.h"
#include "common/result.h"
#include "domain/credentials.h"
#include "domain/draft.h"
#include "domain/fan.h"
#include "domain/user.h"

#include <QAtomicInteger>
#include <QFuture>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace huntaze {

namespace sync {
class SyncEngine;
}

// Where accounts and creator data live: in-process over SQLite
// (EmbeddedBackend) or on a huntaze-server (RemoteBackend, a later step).
// Every call is asynchronous and speaks domain types only.
//
// A backend holds at most one signed-in session: signUp, signIn and
// restoreSession start it, signOut ends it, and the other calls act for it.
// Calls are made from the thread the backend lives in; results arrive on any
// thread, so continue them with QFuture::then(context, ...).
class Backend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Stable name of the place the accounts live (a file path, a server URL):
    // remembered sessions are keyed by it.
    virtual QString identity() const = 0;

    // Prepares storage (migrations, connection). Call once before anything else.
    virtual QFuture<Result<void>> open() = 0;
    // Whether anyone has an account here, known once open() finished: a new
    // user on a fresh install is shown "Create account", not "Sign in".
    virtual bool hasAccounts() const { return true; }

    virtual QFuture<Result<User>> signUp(const SignUpRequest &request) = 0;
    // With an invitation code (a server), the member joins that agency and the session acts there.
    virtual QFuture<Result<User>> signIn(const QString &email, const QString &password, const QString &invitation) = 0;
    QFuture<Result<User>> signIn(const QString &email, const QString &password) { return signIn(email, password, {}); }
    // ErrorCode::Unauthorized when the token is unknown or expired.
    virtual QFuture<Result<User>> restoreSession(const QString &token) = 0;
    virtual QFuture<Result<void>> signOut() = 0;
    // The signed-in login's password: `current` must be right; every other
    // session of the login ends, this one stays.
    virtual QFuture<Result<void>> changePassword(const QString &current, const QString &next);
    // Sets a forgotten password with a one-time code from an owner or admin
    // (on a server; every session of the login ends). Signs nobody in.
    virtual QFuture<Result<void>> resetPassword(const QString &email, const QString &code, const QString &newPassword);
    // Ends every session of the login, on every device and in every agency,
    // this one included (it is forgotten once the backend agrees).
    virtual QFuture<Result<void>> signOutEverywhere();

    // The member, acting for the selected creator (its profile in `profile`).
    virtual QFuture<Result<User>> currentUser() = 0;
    // The selected creator's profile.
    virtual QFuture<Result<User>> updateProfile(const Profile &profile) = 0;

    // Which of the member's creators the calls below act for; 0 (the
    // default) for their first. Takes effect for calls made after it.
    void selectCreator(qint64 creatorId) { m_creator.storeRelease(creatorId); }
    qint64 selectedCreator() const { return m_creator.loadAcquire(); }
    // Creators of the agency (creators.manage). Archived ones leave every list; their rows stay.
    virtual QFuture<Result<Creator>> addCreator(const Profile &profile);
    virtual QFuture<Result<void>> archiveCreator(qint64 creatorId);

    // The agency's team: chatters, invitations and roles need a server (the
    // embedded backend has one local owner). ErrorCode::Forbidden elsewhere.
    virtual bool hasTeam() const { return false; }
    virtual QFuture<Result<QList<TeamMember>>> teamMembers();
    virtual QFuture<Result<QList<CustomRole>>> customRoles();
    // A role made from the permission list (roles.manage); answers its id.
    virtual QFuture<Result<qint64>> createCustomRole(const agency::Role &role);
    virtual QFuture<Result<NewInvitation>> invite(const agency::MemberGrant &grant);
    virtual QFuture<Result<void>> changeMember(qint64 userId, const agency::MemberGrant &grant);
    virtual QFuture<Result<void>> removeMember(qint64 userId);
    // Ends the member's sessions in the agency; they stay a member.
    virtual QFuture<Result<void>> endMemberSessions(qint64 userId);
    // Deletes the agency and all its data (owners; `typedName` is its name).
    // The session ends with it.
    virtual QFuture<Result<void>> deleteAgency(const QString &typedName);
    // The agency's audit log (audit.view), newest first.
    virtual QFuture<Result<QList<AuditEntry>>> auditLog(const AuditFilter &filter) = 0;
    // Tells the audit log what the member did on this computer for the
    // selected creator (fan messages copied or exported, a draft copied).
    virtual QFuture<Result<void>> recordClientEvent(const ClientEvent &event);

    // Chatters' shifts (agency/shifts.h), for the signed-in member: their open
    // shift, clocking in (for the selected creator) and out, the activity that
    // keeps a shift open, the weekly schedule and the hours report (everyone's
    // with shifts.manage). Both backends keep them.
    virtual QFuture<Result<std::optional<Shift>>> currentShift();
    virtual QFuture<Result<Shift>> clockIn();
    virtual QFuture<Result<Shift>> clockOut();
    virtual QFuture<Result<Shift>> recordShiftActivity();
    virtual QFuture<Result<QList<ShiftSlot>>> shiftSchedule();
    virtual QFuture<Result<ShiftSlot>> addShiftSlot(const ShiftSlot &slot);
    virtual QFuture<Result<void>> removeShiftSlot(qint64 slotId);
    virtual QFuture<Result<QList<HoursRow>>> shiftHours(const QDateTime &from, const QDateTime &to);
    virtual QFuture<Result<int>> shiftIdleMinutes();
    virtual QFuture<Result<void>> setShiftIdleMinutes(int minutes);

    // The signed-in creator's fans, paid offers and drafts. Imports are all or nothing.
    virtual QFuture<Result<QList<Fan>>> fans() = 0;
    virtual QFuture<Result<int>> importFans(const QList<Fan> &fans) = 0;
    virtual QFuture<Result<QList<Offer>>> offers() = 0;
    virtual QFuture<Result<int>> importOffers(const QList<Offer> &offers) = 0;
    virtual QFuture<Result<QList<Post>>> posts() = 0;
    virtual QFuture<Result<int>> importPosts(const QList<Post> &posts) = 0;
    // Drafts (issue 13), of the draft's creator (0: the selected one): a
    // draft with no id is added, one with an id takes the new fields; a
    // delete leaves nothing to list.
    virtual QFuture<Result<Draft>> saveDraft(const Draft &draft) = 0;
    virtual QFuture<Result<void>> deleteDraft(qint64 creatorId, const QString &id) = 0;
    // The drafts of every creator the member may see (a chatter: those assigned to them).
    virtual QFuture<Result<QList<Draft>>> visibleDrafts() = 0;
    // Edits kept beside the drafts they collided with, for someone to choose
    // (issue 13); none without a replica. Resolving saves `chosen` (either
    // version, or one merged by hand) as the draft and closes the conflict.
    virtual QFuture<Result<QList<DraftConflict>>> draftConflicts();
    virtual QFuture<Result<Draft>> resolveDraftConflict(const QString &conflictId, const Draft &chosen);
    // The selected creator's analytics (issue 12): the dashboard of a range,
    // and statement lines added (a line already there counts once; all or
    // none). Roles that do not see earnings are refused.
    virtual QFuture<Result<analytics::Dashboard>> dashboard(const analytics::DashboardRequest &request) = 0;
    // The agency's creators and team side by side for a range (every creator the member may see).
    virtual QFuture<Result<analytics::AgencyAnalytics>> agencyAnalytics(const analytics::DashboardRequest &request) = 0;
    // The agency's rule for crediting sales to its team (owners and admins).
    virtual QFuture<Result<void>> setSalesAttribution(analytics::Attribution rule) = 0;
    virtual QFuture<Result<int>> importEarnings(const QList<analytics::EarningEvent> &events) = 0;
    // Message log lines, likewise (the team's reply times and paid messages).
    virtual QFuture<Result<int>> importMessages(const QList<analytics::MessageEvent> &messages) = 0;
    // Engagement export lines, likewise; how many post days were new or changed.
    virtual QFuture<Result<int>> importEngagement(const QList<analytics::PostEngagement> &lines) = 0;
    // Turns a new agency (one creator, no other member, no data) into the demo
    // agency of importing/demoagency.h, all or nothing; answers the lines
    // written. On this computer only: a server's agency has real people in it,
    // and demo members would be strangers among them (Forbidden elsewhere).
    virtual bool offersDemoAgency() const { return false; }
    virtual QFuture<Result<int>> addDemoAgency();
    // Preferences that belong to the account (JSON values); Undefined when never set.
    virtual QFuture<Result<QJsonValue>> creatorPreference(const QString &key) = 0;
    virtual QFuture<Result<void>> setCreatorPreference(const QString &key, const QJsonValue &value) = 0;

    // A backend that runs the AI tools itself (huntaze-server, which keeps the
    // AI provider's key) supplies the provider the app must use; null when the
    // app's own choice (Settings → AI) applies.
    virtual std::unique_ptr<AIProvider> createAiProvider() { return nullptr; }

    // The token of the current session, to be remembered in the keychain; empty when signed out.
    virtual QString sessionToken() const = 0;

    // Finishes (or abandons) in-flight work so that no future of this backend
    // is still pending afterwards. Called before the objects observing it go.
    virtual void shutdown() = 0;

    // The agency's API keys (a server's; owners and admins). A key made
    // comes with its secret, which nothing shows again.
    struct MadeApiKey {
        agency::ApiKey key;
        QString secret;
    };
    // A one-time code with which a member who forgot their password chooses a new one (a server's).
    virtual QFuture<Result<NewInvitation>> issuePasswordReset(qint64 userId);
    virtual QFuture<Result<QList<agency::ApiKey>>> apiKeys();
    virtual QFuture<Result<MadeApiKey>> createApiKey(const agency::NewApiKey &key);
    virtual QFuture<Result<void>> revokeApiKey(qint64 keyId);

    // What the team calls answer where there is no team.
    static Error teamNeedsAServer();

    // What keeps a local replica in step with a server (issue 13); none for a backend without one.
    virtual sync::SyncEngine *syncEngine() { return nullptr; }

Q_SIGNALS:
    // sessionToken() changed on its own (a server rotates its refresh token);
    // empty when the server ended the session.
    void sessionTokenChanged(const QString &token);
    // The drafts changed without a call from this app (another device's, through a sync).
    void draftsChanged();
    // Fans, offers, posts or preferences changed without a call from this app (through a sync).
    void creatorDataChanged();
    // The figures the Dashboard reads changed without a call from this app (another device's import, through a sync).
    void analyticsChanged();
    // syncEngine() is another one (or none): signed in, or out.
    void syncEngineChanged();

private:
    QAtomicInteger<qint64> m_creator = 0;
};

} // namespace huntaze

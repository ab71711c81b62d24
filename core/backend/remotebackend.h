#pragma once

#include "backend/backend.h"
#include "backend/offlinemembers.h"
#include "backend/serverapi.h"
#include "backend/serversession.h"
#include "storage/sqlworker.h"
#include "sync/keptanalytics.h"
#include "sync/syncengine.h"
#include "sync/syncevents.h"

#include <memory>

namespace huntaze {

class ApiClient;

// Accounts and data on a huntaze-server (an agency's, over PostgreSQL), through
// the resilient ApiClient. Offers everything the embedded backend does, and
// the AI tools run on the server, so the AI provider's key stays there.
class RemoteBackend final : public Backend
{
    Q_OBJECT
public:
    // With `replicaDirectory`, drafts are kept in a local replica per member
    // there (issue 13): saved at once, offline too, and synced with the
    // server; without one, every draft call goes to the server. `clock`
    // drives when the replica syncs on its own (after a change, periodically).
    RemoteBackend(ApiClient &client, const QUrl &serverUrl, QString replicaDirectory = {}, Clock &clock = Clock::system(),
                  QObject *parent = nullptr);
    ~RemoteBackend() override;

    QString identity() const override;
    QUrl serverUrl() const { return m_api.serverUrl(); }
    ServerSession &session() { return m_session; }
    sync::SyncEngine *syncEngine() override;
    // Listens to the server's sync events while a replica is open (once a
    // sync has succeeded), so other devices' changes arrive at once; off by
    // default, the periodic pull then stands alone (the app turns it on).
    void setLiveUpdates(bool on);
    sync::SyncEvents *syncEvents() { return m_events.get(); }

    // Checks that the server answers and can reach its database. Out of
    // reach, the app still starts when a member signed in here before
    // (restoreSession then opens their replica).
    QFuture<Result<void>> open() override;
    QFuture<Result<User>> signUp(const SignUpRequest &request) override;
    using Backend::signIn;
    QFuture<Result<User>> signIn(const QString &email, const QString &password, const QString &invitation) override;
    QFuture<Result<User>> restoreSession(const QString &token) override;
    QFuture<Result<void>> signOut() override;
    QFuture<Result<void>> changePassword(const QString &current, const QString &next) override;
    QFuture<Result<void>> resetPassword(const QString &email, const QString &code, const QString &newPassword) override;
    QFuture<Result<void>> signOutEverywhere() override;
    QFuture<Result<User>> currentUser() override;
    QFuture<Result<User>> updateProfile(const Profile &profile) override;
    QFuture<Result<Creator>> addCreator(const Profile &profile) override;
    QFuture<Result<void>> archiveCreator(qint64 creatorId) override;
    bool hasTeam() const override { return true; }
    QFuture<Result<QList<TeamMember>>> teamMembers() override;
    QFuture<Result<QList<CustomRole>>> customRoles() override;
    QFuture<Result<qint64>> createCustomRole(const agency::Role &role) override;
    QFuture<Result<NewInvitation>> invite(const agency::MemberGrant &grant) override;
    QFuture<Result<void>> changeMember(qint64 userId, const agency::MemberGrant &grant) override;
    QFuture<Result<void>> removeMember(qint64 userId) override;
    QFuture<Result<void>> endMemberSessions(qint64 userId) override;
    QFuture<Result<void>> deleteAgency(const QString &typedName) override;
    QFuture<Result<NewInvitation>> issuePasswordReset(qint64 userId) override;
    QFuture<Result<QList<agency::ApiKey>>> apiKeys() override;
    QFuture<Result<MadeApiKey>> createApiKey(const agency::NewApiKey &key) override;
    QFuture<Result<void>> revokeApiKey(qint64 keyId) override;
    QFuture<Result<QList<AuditEntry>>> auditLog(const AuditFilter &filter) override;
    QFuture<Result<void>> recordClientEvent(const ClientEvent &event) override;
    QFuture<Result<std::optional<Shift>>> currentShift() override;
    QFuture<Result<Shift>> clockIn() override;
    QFuture<Result<Shift>> clockOut() override;
    QFuture<Result<Shift>> recordShiftActivity() override;
    QFuture<Result<QList<ShiftSlot>>> shiftSchedule() override;
    QFuture<Result<ShiftSlot>> addShiftSlot(const ShiftSlot &slot) override;
    QFuture<Result<void>> removeShiftSlot(qint64 slotId) override;
    QFuture<Result<QList<HoursRow>>> shiftHours(const QDateTime &from, const QDateTime &to) override;
    QFuture<Result<int>> shiftIdleMinutes() override;
    QFuture<Result<void>> setShiftIdleMinutes(int minutes) override;
    QString sessionToken() const override;

    QFuture<Result<QList<Fan>>> fans() override;
    QFuture<Result<int>> importFans(const QList<Fan> &fans) override;
    QFuture<Result<analytics::Dashboard>> dashboard(const analytics::DashboardRequest &request) override;
    QFuture<Result<analytics::AgencyAnalytics>> agencyAnalytics(const analytics::DashboardRequest &request) override;
    QFuture<Result<void>> setSalesAttribution(analytics::Attribution rule) override;
    QFuture<Result<int>> importEarnings(const QList<analytics::EarningEvent> &events) override;
    QFuture<Result<int>> importMessages(const QList<analytics::MessageEvent> &messages) override;
    QFuture<Result<int>> importEngagement(const QList<analytics::PostEngagement> &lines) override;
    QFuture<Result<QList<Offer>>> offers() override;
    QFuture<Result<int>> importOffers(const QList<Offer> &offers) override;
    QFuture<Result<QList<Post>>> posts() override;
    QFuture<Result<int>> importPosts(const QList<Post> &posts) override;
    QFuture<Result<Draft>> saveDraft(const Draft &draft) override;
    QFuture<Result<void>> deleteDraft(qint64 creatorId, const QString &id) override;
    QFuture<Result<QList<Draft>>> visibleDrafts() override;
    QFuture<Result<QList<DraftConflict>>> draftConflicts() override;
    QFuture<Result<Draft>> resolveDraftConflict(const QString &conflictId, const Draft &chosen) override;
    QFuture<Result<QJsonValue>> creatorPreference(const QString &key) override;
    QFuture<Result<void>> setCreatorPreference(const QString &key, const QJsonValue &value) override;

    std::unique_ptr<AIProvider> createAiProvider() override;

    void shutdown() override;

private:
    QFuture<Result<User>> startSession(const QString &path, const QJsonObject &body);
    // The member `/api/me` described for the remembered `token`, or, with the server out of reach, the one remembered here.
    Result<User> restoredFrom(const QString &token, const Result<QJsonObject> &answer);
    // The list `name` of GET `path` (default: /api/<name>).
    template <typename T> QFuture<Result<QList<T>>> list(const QString &name, const QString &path = {});
    template <typename T> QFuture<Result<int>> import(const QString &name, const QList<T> &rows);
    // `rows` of `table` imported into the replica with `importHere` once it
    // holds the table (queued for the server, offline too); before that, on the server.
    template <typename T>
    QFuture<Result<int>> importHereOr(const QString &table, const QList<T> &rows,
                                      Result<int> (sync::Replica::*importHere)(qint64, const QList<T> &));
    // More rows than one request may carry: opened, sent in batches and
    // committed by the server in one transaction (server/importroutes.h); the
    // future reports progress in batches.
    QFuture<Result<int>> importInBatches(const QString &name, const QList<QJsonArray> &batches);

public:
    // A batch: at most this many rows, and about this much JSON (the server
    // takes 5,000 rows and 4 MiB per request).
    static constexpr int rowsPerBatch = 5000;
    static constexpr qsizetype bytesPerBatch = 1024 * 1024;

private:
    ApiClient &m_client;
    ServerSession m_session;
    ServerApi m_api;
    // The signed-in member's replica, opened when they sign in (see
    // replicaDirectory); gone before the API it syncs through.
    void useReplicaFor(const User &user);
    void closeReplica();
    // <replicaDirectory>/<host>-<port>-<name>: the server's files on this computer.
    QString replicaPath(const QString &name) const;
    // A local change on the replica (with its outbox row), then a sync soon.
    template <typename T> QFuture<Result<T>> changeReplica(std::function<Result<T>(sync::Replica &)> change);
    // `change` of the selected creator on the replica once it holds `table`
    // whole, synced like a draft (offline too); before that, `onServer`.
    template <typename T>
    QFuture<Result<T>> changeReplicaOr(const QString &table, std::function<Result<T>(sync::Replica &, qint64 creatorId)> change,
                                       std::function<QFuture<Result<T>>()> onServer);
    // `read` of the selected creator on the replica once it holds `table`
    // whole (a sync brought it), so pages open with no network; before that, `fromServer`.
    template <typename T>
    QFuture<Result<T>> fromReplicaOr(const QString &table, std::function<Result<T>(QSqlDatabase &, const agency::CreatorScope &)> read,
                                     std::function<QFuture<Result<T>>()> fromServer);
    // `writing` (a write made on the server, with its progress), finished once a
    // sync brought it into the replica: the pages reading the replica show it.
    template <typename T> QFuture<Result<T>> thenSynced(QFuture<Result<T>> writing);
    // `write` (made on the server, with its progress) once the changes still
    // waiting here reached the server: statement, message-log and engagement
    // lines are checked against what the server holds (a currency set offline).
    template <typename T> QFuture<Result<T>> afterPushed(std::function<QFuture<Result<T>>()> write);
    // Analytics `T` (the `member` of GET `path`'s answer) for `request`: kept in
    // the replica when the server answers, and the kept answer (with its
    // keptAt) when the server is out of reach, so the page opens with no network.
    template <typename T>
    QFuture<Result<T>> analyticsKeptOffline(sync::AnalyticsView view, const analytics::DashboardRequest &request, const QString &path,
                                            const QString &member);
    QString m_replicaDirectory;
    Clock &m_clock;
    qint64 m_replicaUser = 0;
    std::optional<User> m_member; // as the server last described them, while their replica is open
    OfflineMembers m_offlineMembers;
    sync::ReplicaOwner m_replicaOwner;
    qint64 m_defaultCreator = 0; // a new draft's creator when none is selected
    std::unique_ptr<SqlWorker> m_replica;
    std::unique_ptr<sync::SyncEngine> m_sync;
    std::unique_ptr<sync::SyncEvents> m_events; // with m_sync, when live updates are on
    bool m_liveUpdates = false;
};

} // namespace huntaze

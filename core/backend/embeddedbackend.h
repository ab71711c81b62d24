#pragma once

#include <QAtomicInt>

#include "auth/accountservice.h"
#include "backend/backend.h"
#include "net/clock.h"
#include "storage/creatorexport.h"
#include "storage/sqlworker.h"

#include <QMutex>

namespace huntaze {

// The default backend: accounts and data in a SQLite file on this computer,
// usable offline with no setup. Database work and password hashing run on the
// SqlWorker's thread.
class EmbeddedBackend final : public Backend
{
    Q_OBJECT
public:
    explicit EmbeddedBackend(const QString &databasePath, PasswordHasher hasher = PasswordHasher(), QObject *parent = nullptr);
    ~EmbeddedBackend() override;

    QString identity() const override;
    QString databasePath() const { return m_worker.config().databaseName; }

    QFuture<Result<void>> open() override;
    bool hasAccounts() const override { return m_hasAccounts.loadAcquire() != 0; }
    QFuture<Result<User>> signUp(const SignUpRequest &request) override;
    using Backend::signIn;
    QFuture<Result<User>> signIn(const QString &email, const QString &password, const QString &invitation) override;
    QFuture<Result<User>> restoreSession(const QString &token) override;
    QFuture<Result<void>> signOut() override;
    QFuture<Result<void>> changePassword(const QString &current, const QString &next) override;
    QFuture<Result<void>> signOutEverywhere() override;
    QFuture<Result<User>> currentUser() override;
    QFuture<Result<User>> updateProfile(const Profile &profile) override;
    QFuture<Result<Creator>> addCreator(const Profile &profile) override;
    QFuture<Result<void>> archiveCreator(qint64 creatorId) override;
    bool offersDemoAgency() const override { return true; }
    QFuture<Result<int>> addDemoAgency() override;
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
    // When shifts start, end and lapse; the system clock unless a test moves time.
    void useClock(Clock &clock) { m_clock = &clock; }

    // Moving this computer's data to a server (MoveToServer): what `creatorId`
    // holds, then its lines a page at a time, for the signed-in member.
    QFuture<Result<CreatorExport::Holdings>> holdingsToMove(qint64 creatorId);
    QFuture<Result<LinePage<analytics::EarningEvent>>> earningsToMove(qint64 creatorId, qint64 after, int limit);
    QFuture<Result<LinePage<analytics::MessageEvent>>> messagesToMove(qint64 creatorId, qint64 after, int limit);
    QFuture<Result<LinePage<analytics::PostEngagement>>> engagementToMove(qint64 creatorId, qint64 after, int limit);
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
    QFuture<Result<QJsonValue>> creatorPreference(const QString &key) override;
    QFuture<Result<void>> setCreatorPreference(const QString &key, const QJsonValue &value) override;

    void shutdown() override;

private:
    // Remembers the new session's token and passes its user on.
    Result<User> keepSession(const Result<AccountService::Session> &session);
    // Runs `job` for the signed-in member on the database thread; Unauthorized when signed out.
    template <typename T> QFuture<Result<T>> runForMember(std::function<Result<T>(QSqlDatabase &, const agency::Membership &)> job);
    // The same, on the rows of the member's creator.
    template <typename T> QFuture<Result<T>> runForCreator(std::function<Result<T>(QSqlDatabase &, const agency::CreatorScope &)> job);
    // For `creatorId` (0: the selected creator).
    template <typename T>
    QFuture<Result<T>> runForCreator(qint64 creatorId, std::function<Result<T>(QSqlDatabase &, const agency::CreatorScope &)> job);
    void setSessionToken(const QString &token);

    AccountService m_accounts;
    Clock *m_clock = &Clock::system();
    mutable QMutex m_tokenMutex;
    QString m_token;
    QAtomicInt m_hasAccounts = 1;
    SqlWorker m_worker; // last: destroyed first, so no job outlives the members above
};

} // namespace huntaze

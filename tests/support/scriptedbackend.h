#pragma once

#include "backend/backend.h"
#include "common/async.h"

#include <QPromise>
#include <QStringList>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace huntaze::test {

// A Backend whose calls stay pending until the test answers them, so tests
// can observe the state in between (isLoading, unchanged user, ...).
class ScriptedBackend : public Backend
{
    Q_OBJECT
public:
    using Backend::Backend;

    QString identity() const override { return QStringLiteral("scripted:test"); }
    QFuture<Result<void>> open() override;
    QFuture<Result<User>> signUp(const SignUpRequest &request) override;
    using Backend::signIn;
    QFuture<Result<User>> signIn(const QString &email, const QString &password, const QString &invitation) override;
    QFuture<Result<User>> restoreSession(const QString &token) override;
    QFuture<Result<void>> signOut() override;
    QFuture<Result<User>> currentUser() override;
    QFuture<Result<User>> updateProfile(const Profile &profile) override;
    QString sessionToken() const override { return m_token; }
    // Creator data is not scripted: these answer at once from memory.
    QFuture<Result<QList<Fan>>> fans() override;
    QFuture<Result<int>> importFans(const QList<Fan> &fans) override;
    // The dashboard set by setDashboard, with the request's range; held like creator data.
    QFuture<Result<analytics::Dashboard>> dashboard(const analytics::DashboardRequest &request) override;
    // The answer set by setAgencyAnalytics, with the request's range; held like creator data.
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
    // Saves `chosen` and closes the conflict, as a replica does.
    QFuture<Result<Draft>> resolveDraftConflict(const QString &conflictId, const Draft &chosen) override;
    // Conflicts to list (as a sync would have brought them).
    void setConflicts(QList<DraftConflict> conflicts) { m_conflicts = std::move(conflicts); }
    QFuture<Result<QJsonValue>> creatorPreference(const QString &key) override;
    QFuture<Result<void>> setCreatorPreference(const QString &key, const QJsonValue &value) override;
    void shutdown() override;
    QFuture<Result<QList<AuditEntry>>> auditLog(const AuditFilter &) override
    {
        return readyFuture<QList<AuditEntry>>(QList<AuditEntry>{});
    }

    // Holds the answers of creator-data calls until released, in any order:
    // for races such as a sign-out while lists are loading. Each held answer
    // carries the data as it was when the call was made.
    void holdCreatorData(bool hold) { m_holding = hold; }
    // Holds the answers of draft saves the same way (each save is kept at once; its answer waits).
    void holdDraftSaves(bool hold) { m_holdingDraftSaves = hold; }
    // From now on saveDraft answers with `error` (none: it succeeds).
    void refuseDraftSaves(std::optional<Error> error) { m_draftRefusal = std::move(error); }
    // Every draft saveDraft was given, in order.
    const QList<Draft> &savedDrafts() const { return m_savedDrafts; }
    int heldAnswers() const { return static_cast<int>(m_held.size()); }
    void releaseHeld(int index); // in call order; each once
    void releaseAllHeld(); // newest first
    void setFans(const QList<Fan> &fans) { m_fans = fans; }
    void setDashboard(const analytics::Dashboard &dashboard) { m_dashboard = dashboard; }
    const QList<analytics::DashboardRequest> &dashboardRequests() const { return m_dashboardRequests; }
    void setAgencyAnalytics(const analytics::AgencyAnalytics &answer) { m_agencyAnalytics = answer; }
    // From now on setSalesAttribution answers with `error` (none: it succeeds).
    void refuseSalesAttribution(std::optional<Error> error) { m_attributionRefusal = std::move(error); }
    const QList<analytics::DashboardRequest> &agencyRequests() const { return m_agencyRequests; }
    const QList<analytics::EarningEvent> &earnings() const { return m_earnings; }
    const QList<analytics::MessageEvent> &messages() const { return m_messages; }
    const QList<analytics::PostEngagement> &engagement() const { return m_engagement; }

    // Answers the oldest pending call that returns a user.
    void answer(const Result<User> &result, const QString &tokenOnSuccess = QStringLiteral("token-1"));
    int pendingCalls() const { return static_cast<int>(m_pending.size()); }
    // Names of the calls made so far ("signIn", "updateProfile", ...).
    const QStringList &calls() const { return m_calls; }
    const Profile &lastProfile() const { return m_lastProfile; }

private:
    QFuture<Result<User>> pending(const QString &call);
    template <typename T> QFuture<Result<T>> answerOrHold(const T &value, bool hold);
    template <typename T> QFuture<Result<T>> answerOrHold(const T &value) { return answerOrHold(value, m_holding); }

    std::deque<std::shared_ptr<QPromise<Result<User>>>> m_pending;
    QStringList m_calls;
    Profile m_lastProfile;
    QList<Fan> m_fans;
    analytics::Dashboard m_dashboard;
    QList<analytics::DashboardRequest> m_dashboardRequests;
    analytics::AgencyAnalytics m_agencyAnalytics;
    std::optional<Error> m_attributionRefusal;
    QList<analytics::DashboardRequest> m_agencyRequests;
    QList<analytics::EarningEvent> m_earnings;
    QList<analytics::MessageEvent> m_messages;
    QList<analytics::PostEngagement> m_engagement;
    QList<Offer> m_offers;
    QList<Draft> m_drafts;
    QList<Post> m_posts;
    QHash<QString, QJsonValue> m_preferences;
    QString m_token;
    bool m_holding = false;
    bool m_holdingDraftSaves = false;
    std::optional<Error> m_draftRefusal;
    QList<Draft> m_savedDrafts;
    QList<DraftConflict> m_conflicts;
    std::vector<std::function<void()>> m_held; // emptied as released
};

} // namespace huntaze::test

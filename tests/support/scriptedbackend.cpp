#include "scriptedbackend.h"

#include <QUuid>

#include "common/async.h"

namespace huntaze::test {

QFuture<Result<void>> ScriptedBackend::open()
{
    m_calls.append(QStringLiteral("open"));
    return readyFuture<void>(Result<void>::success());
}

QFuture<Result<User>> ScriptedBackend::signUp(const SignUpRequest &)
{
    return pending(QStringLiteral("signUp"));
}

QFuture<Result<User>> ScriptedBackend::signIn(const QString &, const QString &, const QString &)
{
    return pending(QStringLiteral("signIn"));
}

QFuture<Result<User>> ScriptedBackend::restoreSession(const QString &)
{
    return pending(QStringLiteral("restoreSession"));
}

QFuture<Result<void>> ScriptedBackend::signOut()
{
    m_calls.append(QStringLiteral("signOut"));
    m_token.clear();
    return readyFuture<void>(Result<void>::success());
}

QFuture<Result<User>> ScriptedBackend::currentUser()
{
    return pending(QStringLiteral("currentUser"));
}

QFuture<Result<User>> ScriptedBackend::updateProfile(const Profile &profile)
{
    m_lastProfile = profile;
    return pending(QStringLiteral("updateProfile"));
}

QFuture<Result<QList<Fan>>> ScriptedBackend::fans()
{
    return answerOrHold<QList<Fan>>(m_fans);
}

QFuture<Result<int>> ScriptedBackend::importFans(const QList<Fan> &fans)
{
    m_fans += fans;
    return readyFuture<int>(static_cast<int>(fans.size()));
}

QFuture<Result<analytics::Dashboard>> ScriptedBackend::dashboard(const analytics::DashboardRequest &request)
{
    m_dashboardRequests.append(request);
    analytics::Dashboard answer = m_dashboard;
    answer.request = request;
    return answerOrHold<analytics::Dashboard>(answer);
}

QFuture<Result<analytics::AgencyAnalytics>> ScriptedBackend::agencyAnalytics(const analytics::DashboardRequest &request)
{
    m_agencyRequests.append(request);
    analytics::AgencyAnalytics answer = m_agencyAnalytics;
    answer.request = request;
    return answerOrHold<analytics::AgencyAnalytics>(answer);
}

QFuture<Result<void>> ScriptedBackend::setSalesAttribution(analytics::Attribution rule)
{
    m_calls.append(QStringLiteral("setSalesAttribution"));
    if (m_attributionRefusal)
        return readyFuture<void>(*m_attributionRefusal);
    m_agencyAnalytics.attribution = rule;
    return readyFuture<void>(Result<void>::success());
}

QFuture<Result<int>> ScriptedBackend::importEarnings(const QList<analytics::EarningEvent> &events)
{
    m_earnings += events;
    return readyFuture<int>(static_cast<int>(events.size()));
}

QFuture<Result<int>> ScriptedBackend::importMessages(const QList<analytics::MessageEvent> &messages)
{
    m_messages += messages;
    return readyFuture<int>(static_cast<int>(messages.size()));
}

QFuture<Result<int>> ScriptedBackend::importEngagement(const QList<analytics::PostEngagement> &lines)
{
    m_engagement += lines;
    return readyFuture<int>(static_cast<int>(lines.size()));
}

QFuture<Result<QList<Offer>>> ScriptedBackend::offers()
{
    return answerOrHold<QList<Offer>>(m_offers);
}

QFuture<Result<int>> ScriptedBackend::importOffers(const QList<Offer> &offers)
{
    m_offers += offers;
    return readyFuture<int>(static_cast<int>(offers.size()));
}

QFuture<Result<QList<Post>>> ScriptedBackend::posts()
{
    return answerOrHold<QList<Post>>(m_posts);
}

QFuture<Result<int>> ScriptedBackend::importPosts(const QList<Post> &posts)
{
    m_posts += posts;
    return readyFuture<int>(static_cast<int>(posts.size()));
}

QFuture<Result<Draft>> ScriptedBackend::saveDraft(const Draft &draft)
{
    m_savedDrafts.append(draft);
    if (m_draftRefusal)
        return readyFuture<Draft>(*m_draftRefusal);
    Draft saved = draft;
    if (saved.id.isEmpty())
        saved.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_drafts.removeIf([&saved](const Draft &kept) { return kept.id == saved.id; });
    m_drafts.prepend(saved);
    return answerOrHold<Draft>(saved, m_holdingDraftSaves);
}

QFuture<Result<void>> ScriptedBackend::deleteDraft(qint64, const QString &id)
{
    m_drafts.removeIf([&id](const Draft &draft) { return draft.id == id; });
    return readyFuture<void>(Result<void>::success());
}

QFuture<Result<QList<Draft>>> ScriptedBackend::visibleDrafts()
{
    return answerOrHold<QList<Draft>>(m_drafts);
}

QFuture<Result<QList<DraftConflict>>> ScriptedBackend::draftConflicts()
{
    return readyFuture<QList<DraftConflict>>(m_conflicts);
}

QFuture<Result<Draft>> ScriptedBackend::resolveDraftConflict(const QString &conflictId, const Draft &chosen)
{
    if (m_conflicts.removeIf([&conflictId](const DraftConflict &conflict) { return conflict.id == conflictId; }) == 0)
        return Backend::resolveDraftConflict(conflictId, chosen);
    return saveDraft(chosen);
}

QFuture<Result<QJsonValue>> ScriptedBackend::creatorPreference(const QString &key)
{
    return answerOrHold<QJsonValue>(m_preferences.value(key, QJsonValue(QJsonValue::Undefined)));
}

QFuture<Result<void>> ScriptedBackend::setCreatorPreference(const QString &key, const QJsonValue &value)
{
    m_preferences.insert(key, value);
    return readyFuture<void>(Result<void>::success());
}

template <typename T> QFuture<Result<T>> ScriptedBackend::answerOrHold(const T &value, bool hold)
{
    if (!hold)
        return readyFuture<T>(value);
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    m_held.push_back([promise, value] {
        promise->addResult(Result<T>(value));
        promise->finish();
    });
    return promise->future();
}

void ScriptedBackend::releaseHeld(int index)
{
    Q_ASSERT(index >= 0 && index < heldAnswers() && m_held.at(static_cast<size_t>(index)));
    auto release = std::exchange(m_held[static_cast<size_t>(index)], nullptr);
    release();
}

void ScriptedBackend::releaseAllHeld()
{
    for (auto it = m_held.rbegin(); it != m_held.rend(); ++it) {
        if (*it)
            std::exchange(*it, nullptr)();
    }
    m_held.clear();
}

void ScriptedBackend::shutdown()
{
    releaseAllHeld();
    while (!m_pending.empty())
        answer(Error{ErrorCode::Internal, QStringLiteral("shut down"), {}, {}});
}

void ScriptedBackend::answer(const Result<User> &result, const QString &tokenOnSuccess)
{
    Q_ASSERT(!m_pending.empty());
    auto promise = m_pending.front();
    m_pending.pop_front();
    if (result.ok())
        m_token = tokenOnSuccess;
    promise->addResult(result);
    promise->finish();
}

QFuture<Result<User>> ScriptedBackend::pending(const QString &call)
{
    m_calls.append(call);
    auto promise = std::make_shared<QPromise<Result<User>>>();
    promise->start();
    m_pending.push_back(promise);
    return promise->future();
}

} // namespace huntaze::test

#include "syncengine.h"

#include "net/apierrors.h"

#include "backend/serverapi.h"
#include "common/async.h"
#include "logging/logging.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>

#include <algorithm>

namespace huntaze::sync {

SyncEngine::SyncEngine(SqlWorker &replica, ReplicaOwner owner, ServerApi &api, Clock &clock, QObject *parent)
    : QObject(parent), m_replica(replica), m_owner(std::move(owner)), m_api(api), m_clock(clock)
{
    refreshStatus();
}

SyncEngine::~SyncEngine() = default;

template <typename T> QFuture<Result<T>> SyncEngine::onReplica(std::function<Result<T>(Replica &)> job)
{
    return sync::onReplica<T>(m_replica, m_owner, std::move(job));
}

void SyncEngine::requestSync()
{
    if (m_running) {
        m_again = true;
        return;
    }
    start();
}

QFuture<bool> SyncEngine::syncNow()
{
    auto promise = std::make_shared<QPromise<bool>>();
    promise->start();
    m_waitingForStart.append(promise);
    requestSync();
    return promise->future();
}

QFuture<Result<QList<SyncProblem>>> SyncEngine::problems()
{
    return onReplica<QList<SyncProblem>>([](Replica &replica) { return replica.problemsToRead(); });
}

QFuture<Result<void>> SyncEngine::dismissProblems(const QList<qint64> &mutationIds)
{
    QFuture<Result<void>> dismissed = onReplica<void>([mutationIds](Replica &replica) { return replica.dismissProblems(mutationIds); });
    onFinished(dismissed, this, [this](const Result<void> &) { refreshStatus(); });
    return dismissed;
}

void SyncEngine::localChange()
{
    refreshStatus();
    m_changeTimer = m_clock.startTimer(changeDelay, this, [this] { requestSync(); });
}

void SyncEngine::start()
{
    m_running = true;
    m_again = false;
    m_gapsMended = 0;
    m_waitingForEnd += std::exchange(m_waitingForStart, {});
    m_nextTimer.reset();
    setState(State::Syncing);
    pushNext();
}

void SyncEngine::pushNext()
{
    onFinished(onReplica<PushRequest>([](Replica &replica) { return replica.nextPush(); }), this, [this](const Result<PushRequest> &next) {
        if (!next.ok())
            return done(&next.error());
        if (next.value().mutations.isEmpty())
            return pull();
        onFinished(m_api.call("POST", QStringLiteral("/api/sync/push"), next.value().toJson()), this,
                   [this](const Result<QJsonObject> &answer) {
                       if (!answer.ok()) {
                           // A gap: the server applied more than the outbox knows (an answer lost); a pull says how far.
                           if (answer.error().code == ErrorCode::Conflict && m_gapsMended++ == 0)
                               return pull();
                           return done(&answer.error());
                       }
                       const PushResponse response = PushResponse::fromJson(answer.value());
                       store([response](Replica &replica) { return replica.pushed(response); },
                             [this] {
                                 refreshStatus();
                                 pushNext();
                             });
                   });
    });
}

void SyncEngine::pull()
{
    onFinished(onReplica<PullRequest>([](Replica &replica) { return replica.nextPull(); }), this, [this](const Result<PullRequest> &next) {
        if (!next.ok())
            return done(&next.error());
        pullPage(next.value(), {});
    });
}

void SyncEngine::pullPage(PullRequest request, PullChanges changes)
{
    onFinished(m_api.call("POST", QStringLiteral("/api/sync/pull"), request.toJson()), this,
               [this, request, changes](const Result<QJsonObject> &answer) mutable {
                   if (!answer.ok())
                       return done(&answer.error());
                   const PullResponse response = PullResponse::fromJson(answer.value());
                   changes.drafts = changes.drafts || !response.drafts.isEmpty() || response.reset;
                   // Compared as sets: a pull with nothing new reloads nothing.
                   QStringList held = request.tables;
                   QStringList readable = response.tables;
                   held.sort();
                   readable.sort();
                   const bool tablesChanged = !response.next && held != readable;
                   changes.creatorData = changes.creatorData || !response.creatorData.isEmpty() || response.reset || tablesChanged;
                   const bool rollUps = std::any_of(response.creatorData.cbegin(), response.creatorData.cend(),
                                                    [](const CreatorRows &rows) { return !rows.rollUps.isEmpty(); });
                   changes.analytics = changes.analytics || rollUps || response.reset || tablesChanged;
                   store([response](Replica &replica) { return replica.pulled(response); },
                         [this, request, changes, next = response.next]() mutable {
                             // More pages: asked for with the first page's request.
                             if (next) {
                                 request.page = next;
                                 return pullPage(request, changes);
                             }
                             if (changes.drafts)
                                 Q_EMIT replicaChanged();
                             if (changes.creatorData)
                                 Q_EMIT creatorDataChanged();
                             if (changes.analytics)
                                 Q_EMIT analyticsChanged();
                             // A gap mended by this pull: what is left of the outbox goes now.
                             if (m_gapsMended == 1) {
                                 ++m_gapsMended;
                                 return pushNext();
                             }
                             done(nullptr);
                         });
               });
}

void SyncEngine::store(std::function<Result<void>(Replica &)> write, std::function<void()> next)
{
    onFinished(onReplica<bool>([write = std::move(write)](Replica &replica) -> Result<bool> {
                   if (Result<void> stored = write(replica); !stored.ok())
                       return stored.error();
                   return true;
               }),
               this, [this, next = std::move(next)](const Result<bool> &stored) {
                   if (!stored.ok())
                       return done(&stored.error());
                   next();
               });
}

void SyncEngine::done(const Error *error)
{
    m_running = false;
    if (error) {
        m_lastError = error->message;
        const bool unreachable = apierrors::meansUnreachable(*error);
        qCWarning(lcState).noquote() << "sync stopped:" << error->message << error->detail;
        setState(unreachable ? State::Offline : State::Idle);
        m_nextTimer = m_clock.startTimer(retryDelay, this, [this] { requestSync(); });
    } else {
        m_lastError.clear();
        setState(State::Idle);
        m_nextTimer = m_clock.startTimer(fallbackPeriod, this, [this] { requestSync(); });
    }
    refreshStatus();
    Q_EMIT finished();
    for (const std::shared_ptr<QPromise<bool>> &waiting : std::exchange(m_waitingForEnd, {})) {
        waiting->addResult(error == nullptr);
        waiting->finish();
    }
    if (m_again)
        start();
}

void SyncEngine::refreshStatus()
{
    onFinished(onReplica<ReplicaStatus>([](Replica &replica) { return replica.status(); }), this,
               [this](const Result<ReplicaStatus> &read) {
                   if (!read.ok() || read.value() == m_status)
                       return;
                   m_status = read.value();
                   Q_EMIT statusChanged();
               });
}

void SyncEngine::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace huntaze::sync

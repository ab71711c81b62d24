#pragma once

#include "net/clock.h"
#include "sync/replica.h"

#include <QFuture>
#include <QObject>
#include <QPromise>

#include <chrono>
#include <memory>

namespace huntaze {
class ServerApi;
class SqlWorker;
} // namespace huntaze

namespace huntaze::sync {

// Keeps one replica in step with the server (issue 13, docs/sync.md): pushes
// the outbox in batches until it is empty, then pulls, through the resilient
// ServerApi. It runs when asked (start, network return), shortly after a local
// change, and every few minutes as a fallback; a sync asked for while one
// runs runs again after it. A network failure leaves it offline until the next
// try (the outbox keeps everything); a gap the server reports is mended by a
// pull, whose acknowledgement tells the outbox where the server is.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Syncing, Offline };
    static constexpr std::chrono::milliseconds changeDelay{500};
    static constexpr std::chrono::milliseconds retryDelay{30000};
    static constexpr std::chrono::milliseconds fallbackPeriod{300000};

    SyncEngine(SqlWorker &replica, ReplicaOwner owner, ServerApi &api, Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~SyncEngine() override;

    void requestSync();
    // Syncs, and finishes once a sync that started after this call is over:
    // true when it went through. For a write made on the server that the
    // replica should show when the caller is told it is done.
    QFuture<bool> syncNow();
    // A local change was written: sync once the changes pause.
    void localChange();

    State state() const { return m_state; }
    const ReplicaStatus &status() const { return m_status; }
    // The changes the server refused for good (ReplicaStatus::problems of them), the latest first.
    QFuture<Result<QList<SyncProblem>>> problems();
    // The member read them: they go, and the status follows.
    QFuture<Result<void>> dismissProblems(const QList<qint64> &mutationIds);
    // Why the last sync stopped (offline, or the server refused the whole request).
    const QString &lastError() const { return m_lastError; }

Q_SIGNALS:
    void stateChanged(huntaze::sync::SyncEngine::State state);
    void statusChanged();
    // A pull wrote the server's drafts: what the pages show may have changed.
    void replicaChanged();
    // A pull wrote fans, offers, posts or preferences, or the tables held changed.
    void creatorDataChanged();
    // A pull wrote analytics roll-ups (another device's import, say), or the tables held changed.
    void analyticsChanged();
    // A sync finished (successfully or not).
    void finished();

private:
    void start();
    void pushNext();
    void pull();
    struct PullChanges {
        bool drafts = false;
        bool creatorData = false;
        bool analytics = false;
    };
    // One answer of a pull series; `request` is the series' first, with the page to ask for.
    void pullPage(PullRequest request, PullChanges changes);
    // Writes an answer into the replica, then goes on with `next` (or stops on a failure).
    void store(std::function<Result<void>(Replica &)> write, std::function<void()> next);
    void done(const Error *error);
    void refreshStatus();
    void setState(State state);
    template <typename T> QFuture<Result<T>> onReplica(std::function<Result<T>(Replica &)> job);

    SqlWorker &m_replica;
    ReplicaOwner m_owner;
    ServerApi &m_api;
    Clock &m_clock;
    std::unique_ptr<ClockTimer> m_changeTimer;
    std::unique_ptr<ClockTimer> m_nextTimer;
    State m_state = State::Idle;
    ReplicaStatus m_status;
    QString m_lastError;
    bool m_running = false;
    bool m_again = false;
    QList<std::shared_ptr<QPromise<bool>>> m_waitingForStart; // syncNow() callers, for the next sync to start
    QList<std::shared_ptr<QPromise<bool>>> m_waitingForEnd; // those of the sync running
    int m_gapsMended = 0; // in this sync: a second gap in a row is not mended again
};

} // namespace huntaze::sync

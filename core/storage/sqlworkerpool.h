#pragma once

#include "storage/sqlworker.h"

#include <QAtomicInt>
#include <QElapsedTimer>

#include <chrono>
#include <functional>

#include <memory>
#include <vector>

namespace huntaze {

// Several SqlWorkers (each a thread with its own connection) for a server
// that answers many requests at once. A job goes to the worker with the
// fewest jobs waiting, so one slow query (or a password hash) does not hold
// up the requests queued behind it while other connections sit idle.
class SqlWorkerPool
{
public:
    SqlWorkerPool(const DatabaseConfig &config, int connections);

    const DatabaseConfig &config() const { return m_slots.front()->worker->config(); }
    int size() const { return static_cast<int>(m_slots.size()); }
    const DatabaseHealth &health() const { return *m_health; }

    template <typename T> QFuture<Result<T>> run(std::function<Result<T>(QSqlDatabase &)> job)
    {
        Slot &slot = leastBusy();
        slot.pending.ref();
        QElapsedTimer queued;
        queued.start();
        return slot.worker->run<T>([this, &slot, queued, job = std::move(job)](QSqlDatabase &db) {
            if (m_onJobStarted)
                m_onJobStarted(std::chrono::nanoseconds(queued.nsecsElapsed()));
            Result<T> result = job(db);
            slot.pending.deref();
            return result;
        });
    }

    // Jobs queued or running, over every connection.
    int pendingJobs() const;
    // Called on the connection's thread as each job starts, with how long it
    // waited for its connection (metrics). Set before the first job.
    void setJobStartedObserver(std::function<void(std::chrono::nanoseconds waited)> observer) { m_onJobStarted = std::move(observer); }

    // Blocks until every job queued so far has finished. For shutdown and tests.
    void waitForIdle();

private:
    struct Slot {
        std::unique_ptr<SqlWorker> worker;
        QAtomicInt pending;
    };
    Slot &leastBusy();

    std::shared_ptr<DatabaseHealth> m_health; // one outage, seen by every connection
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::function<void(std::chrono::nanoseconds)> m_onJobStarted;
};

} // namespace huntaze

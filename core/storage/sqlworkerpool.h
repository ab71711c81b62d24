#pragma once

#include "storage/sqlworker.h"

#include <QAtomicInt>

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
        return slot.worker->run<T>([&slot, job = std::move(job)](QSqlDatabase &db) {
            Result<T> result = job(db);
            slot.pending.deref();
            return result;
        });
    }

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
};

} // namespace huntaze

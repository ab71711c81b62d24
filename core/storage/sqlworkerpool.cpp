#include "sqlworkerpool.h"

namespace huntaze {

SqlWorkerPool::SqlWorkerPool(const DatabaseConfig &config, int connections) : m_health(std::make_shared<DatabaseHealth>(config.describe()))
{
    for (int i = 0; i < qMax(1, connections); ++i) {
        auto slot = std::make_unique<Slot>();
        slot->worker = std::make_unique<SqlWorker>(config, m_health);
        m_slots.push_back(std::move(slot));
    }
}

void SqlWorkerPool::waitForIdle()
{
    for (const auto &slot : m_slots)
        slot->worker->waitForIdle();
}

int SqlWorkerPool::pendingJobs() const
{
    int pending = 0;
    for (const auto &slot : m_slots)
        pending += slot->pending.loadRelaxed();
    return pending;
}

SqlWorkerPool::Slot &SqlWorkerPool::leastBusy()
{
    Slot *best = m_slots.front().get();
    for (const auto &slot : m_slots) {
        if (slot->pending.loadRelaxed() < best->pending.loadRelaxed())
            best = slot.get();
    }
    return *best;
}

} // namespace huntaze

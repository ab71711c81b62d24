#pragma once

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace huntaze::server {

// Where Argon2id runs: a thread per core, away from the database connections.
// Counts the hashes waiting for a thread, which is what a burst of sign-ins
// looks like from outside (/api/metrics).
class HashingPool
{
public:
    HashingPool() { m_threads.setMaxThreadCount(qMax(1, QThread::idealThreadCount())); }

    template <typename Job> auto run(Job job)
    {
        m_waiting.fetch_add(1, std::memory_order_relaxed);
        return QtConcurrent::run(&m_threads, [this, job = std::move(job)]() mutable {
            m_waiting.fetch_sub(1, std::memory_order_relaxed);
            return job();
        });
    }

    int waiting() const { return m_waiting.load(std::memory_order_relaxed); }
    int busy() const { return m_threads.activeThreadCount(); }
    int threads() const { return m_threads.maxThreadCount(); }
    void waitForDone() { m_threads.waitForDone(); }

private:
    QThreadPool m_threads;
    std::atomic<int> m_waiting = 0;
};

} // namespace huntaze::server

#pragma once

#include "net/clock.h"

#include <QCoreApplication>
#include <QFuture>
#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>

#include <chrono>
#include <list>
#include <memory>

namespace huntaze::test {

// A clock that moves only when the test says so. Its timers fire (queued on
// their context's thread, like real ones) when advance() moves past them.
class FakeClock : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC)) : m_now(std::move(start)) {}

    QDateTime now() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }

    std::unique_ptr<ClockTimer> startTimer(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) override
    {
        QMutexLocker lock(&m_mutex);
        auto entry = std::make_shared<Entry>(Entry{m_now.addMSecs(delay.count()), context, std::move(callback), false});
        m_pending.push_back(entry);
        return std::make_unique<Handle>(entry);
    }

    void advance(std::chrono::milliseconds by)
    {
        std::list<std::shared_ptr<Entry>> due;
        {
            QMutexLocker lock(&m_mutex);
            m_now = m_now.addMSecs(by.count());
            for (auto it = m_pending.begin(); it != m_pending.end();) {
                if ((*it)->stopped) {
                    it = m_pending.erase(it);
                } else if ((*it)->at <= m_now) {
                    due.push_back(*it);
                    it = m_pending.erase(it);
                } else {
                    ++it;
                }
            }
        }
        due.sort([](const auto &a, const auto &b) { return a->at < b->at; });
        for (const auto &entry : due) {
            if (!entry->context)
                continue;
            QMetaObject::invokeMethod(
                entry->context.data(),
                [entry] {
                    if (!entry->stopped)
                        entry->callback();
                },
                Qt::QueuedConnection);
        }
    }

    // When the earliest pending timer is due; invalid when there is none.
    QDateTime nextDue() const
    {
        QMutexLocker lock(&m_mutex);
        QDateTime earliest;
        for (const auto &entry : m_pending) {
            if (!entry->stopped && (!earliest.isValid() || entry->at < earliest))
                earliest = entry->at;
        }
        return earliest;
    }

    // Timers started and neither fired nor stopped: what the code under test waits for.
    int pendingTimers() const
    {
        QMutexLocker lock(&m_mutex);
        int count = 0;
        for (const auto &entry : m_pending)
            count += entry->stopped ? 0 : 1;
        return count;
    }

private:
    struct Entry {
        QDateTime at;
        QPointer<QObject> context;
        std::function<void()> callback;
        bool stopped;
    };
    class Handle : public ClockTimer
    {
    public:
        explicit Handle(std::shared_ptr<Entry> entry) : m_entry(std::move(entry)) {}
        ~Handle() override { stop(); }
        void stop() override { m_entry->stopped = true; }

    private:
        std::shared_ptr<Entry> m_entry;
    };

    mutable QMutex m_mutex;
    QDateTime m_now;
    std::list<std::shared_ptr<Entry>> m_pending;
};

// Spins the event loop until `future` has its result; whenever a timer on
// `clock` is due within `horizon`, moves the clock straight to it. Waits
// measured on the fake clock (retry pauses, rate-limit waits) pass in no real
// time, while a longer one (a request's timeout while its answer is on the
// way) is left alone.
template <typename T> T awaitAdvancing(const QFuture<T> &future, FakeClock &clock, std::chrono::milliseconds horizon)
{
    for (int turns = 0; !future.isFinished(); ++turns) {
        if (turns > 1000000)
            qFatal("future did not finish");
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (future.isFinished())
            break;
        const QDateTime next = clock.nextDue();
        if (next.isValid() && clock.now().msecsTo(next) <= horizon.count())
            clock.advance(std::chrono::milliseconds(std::max<qint64>(0, clock.now().msecsTo(next))));
    }
    return future.result();
}

} // namespace huntaze::test

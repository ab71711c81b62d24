#pragma once

#include "net/clock.h"

#include <QMutex>
#include <QMutexLocker>

#include <chrono>

namespace huntaze::test {

// A clock that moves only when the test says so.
class FakeClock : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC)) : m_now(std::move(start)) {}

    QDateTime now() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }
    void advance(std::chrono::milliseconds by)
    {
        QMutexLocker lock(&m_mutex);
        m_now = m_now.addMSecs(by.count());
    }

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace huntaze::test

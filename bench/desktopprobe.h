#pragma once

// What the desktop benchmarks share: the process's resident memory, the
// longest UI-thread stall, and waiting for a future with the event loop running.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QTimer>

#include <algorithm>

namespace huntaze::bench {

inline double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// The longest gap between the ticks of a 1 ms timer on the UI thread: how long the window froze.
class StallWatch
{
public:
    StallWatch()
    {
        m_ticker.setInterval(1);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] { m_longest = std::max(m_longest, m_sinceTick.restart()); });
    }
    void start()
    {
        m_longest = 0;
        m_sinceTick.start();
        m_ticker.start();
    }
    qint64 stop()
    {
        m_ticker.stop();
        return std::max(m_longest, m_sinceTick.elapsed());
    }

private:
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    qint64 m_longest = 0;
};

template <typename T> T wait(QFuture<T> future)
{
    while (!future.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return future.result();
}

} // namespace huntaze::bench

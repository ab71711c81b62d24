#include "startupprobe.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <ctime>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

namespace huntaze {

StartupProbe::StartupProbe(QObject *window) : QObject(window)
{
    // Application-wide: a window's first paint may go to a child (a scroll
    // area's viewport) rather than the window object itself. A window paints
    // all its widgets in one pass, so the first paint event anywhere starts it.
    QCoreApplication::instance()->installEventFilter(this);
}

double StartupProbe::millisecondsSinceProcessStart()
{
#ifdef Q_OS_LINUX
    // Field 22 of /proc/self/stat is the start time in clock ticks since boot.
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        timespec now{};
        if (fields.size() > 19 && clock_gettime(CLOCK_BOOTTIME, &now) == 0) {
            const double startSeconds = fields.at(19).toDouble() / static_cast<double>(sysconf(_SC_CLK_TCK));
            const double nowSeconds = static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
            return (nowSeconds - startSeconds) * 1000.0;
        }
    }
#endif
    static QElapsedTimer sinceFirstCall;
    if (!sinceFirstCall.isValid())
        sinceFirstCall.start();
    return static_cast<double>(sinceFirstCall.nsecsElapsed()) / 1e6;
}

qint64 StartupProbe::residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // /proc files report size 0, so read them whole rather than line by line.
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_reported) {
        m_reported = true;
        // Measure after this paint has completed, not before it starts.
        QTimer::singleShot(0, this, [] {
            std::printf("startup_ms=%.1f rss_kib=%lld\n", millisecondsSinceProcessStart(), static_cast<long long>(residentKiB()));
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace huntaze

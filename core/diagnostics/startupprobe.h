#pragma once

#include <QObject>

namespace huntaze {

// Measures start-up for bench/startup.sh: when the window first paints, prints
// one line "startup_ms=<from process start> rss_kib=<resident memory>" to
// stdout and quits the application.
class StartupProbe : public QObject
{
    Q_OBJECT
public:
    explicit StartupProbe(QObject *window);

    // Milliseconds since the process started (from /proc on Linux; from the
    // first call elsewhere, which is close to main()).
    static double millisecondsSinceProcessStart();
    // Resident set size in KiB, or -1 where unknown.
    static qint64 residentKiB();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool m_reported = false;
};

} // namespace huntaze

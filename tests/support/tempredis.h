#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace huntaze::test {

// A throw-away redis-server for one test program, on a free loopback port,
// keeping nothing on disk; stopped with the object. stop() and start() make
// an outage (the same port again, empty).
class TempRedis
{
public:
    TempRedis();
    ~TempRedis();

    TempRedis(const TempRedis &) = delete;
    TempRedis &operator=(const TempRedis &) = delete;

    // Empty when it runs; otherwise why not.
    const QString &error() const { return m_error; }
    bool isRunning() const { return m_error.isEmpty() && m_process && m_process->state() == QProcess::Running; }
    QUrl url() const { return QUrl(QStringLiteral("redis://127.0.0.1:%1").arg(m_port)); }

    // Killed at once (SIGKILL), as a crash would.
    void kill();
    bool start();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
    QString m_error;
};

} // namespace huntaze::test

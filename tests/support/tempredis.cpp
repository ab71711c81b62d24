#include "tempredis.h"

#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

namespace huntaze::test {

TempRedis::TempRedis() : m_dir(std::make_unique<QTemporaryDir>())
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("no free port");
        return;
    }
    m_port = probe.serverPort();
    probe.close();
    start();
}

TempRedis::~TempRedis()
{
    kill();
}

bool TempRedis::start()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (program.isEmpty()) {
        m_error = QStringLiteral("redis-server not found (install redis-server)");
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(program,
                     {QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"), QStringLiteral("no"), QStringLiteral("--dir"),
                      m_dir->path(), QStringLiteral("--daemonize"), QStringLiteral("no")});
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("redis-server did not start: ") + m_process->errorString();
        return false;
    }
    // Ready once it says so on its output (it does within milliseconds), and answers PING.
    QByteArray said;
    while (!said.contains("Ready to accept connections") && m_process->waitForReadyRead(10000))
        said += m_process->readAll();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(m_port));
    if (said.contains("Ready to accept connections") && socket.waitForConnected(5000)) {
        socket.write("PING\r\n");
        if (socket.waitForReadyRead(5000) && socket.readAll().startsWith("+PONG")) {
            m_error.clear();
            return true;
        }
    }
    said += m_process->readAll();
    m_error = QStringLiteral("redis-server did not answer: ") + QString::fromLocal8Bit(said);
    return false;
}

void TempRedis::kill()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(10000);
    }
    m_process.reset();
}

} // namespace huntaze::test

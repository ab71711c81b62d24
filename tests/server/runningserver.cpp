#include "runningserver.h"

#include "testutil.h"

#include <QTcpServer>

namespace huntaze::test {

QString RunningServer::start(const std::function<void(server::ServerConfig &)> &configure)
{
    m_postgres = std::make_unique<TempPostgres>();
    if (!m_postgres->isRunning())
        return QStringLiteral("no PostgreSQL: ") + m_postgres->error();
    server::ServerConfig config;
    config.port = 0;
    config.database = m_postgres->createDatabase(QStringLiteral("huntaze"));
    if (configure)
        configure(config);
    QString error;
    m_server = startAnother(config, &error);
    if (m_server)
        m_port = m_server->http().serverPort();
    return error;
}

std::unique_ptr<server::HuntazeServer> RunningServer::startAnother(server::ServerConfig config, QString *error)
{
    // The cheapest Argon2id cost: tests sign up many accounts.
    auto server = std::make_unique<server::HuntazeServer>(std::move(config), PasswordHasher(PasswordHasher::minimumCost()));
    const Result<quint16> started = await(server->start());
    if (!started.ok()) {
        if (error)
            *error = QStringLiteral("the server did not start: %1 %2").arg(started.error().message, started.error().detail);
        return nullptr;
    }
    return server;
}

} // namespace huntaze::test

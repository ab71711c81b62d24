#include "runningserver.h"

#include "testutil.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>

namespace huntaze::test {

Answer send(QNetworkAccessManager &network, const QUrl &url, const QByteArray &method, const QByteArray &body, const QString &token,
            const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value); // an empty value removes the header
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(30000))
        qFatal("no answer to %s %s", method.constData(), qPrintable(url.toString()));
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.json = QJsonDocument::fromJson(answer.body).object();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return answer;
}

QString RunningServer::start(const std::function<void(server::ServerConfig &)> &configure)
{
    m_postgres = std::make_unique<TempPostgres>();
    if (!m_postgres->isRunning())
        return QStringLiteral("no PostgreSQL: ") + m_postgres->error();
    server::ServerConfig config;
    config.port = 0;
    // As in production (docs/server.md, "Database roles"): an owner that is
    // no superuser migrates, the server runs as a role that row-level
    // security applies to.
    m_superuserDatabase = m_postgres->createDatabase(QStringLiteral("huntaze"));
    config.migrationDatabase = m_postgres->ownerRole(m_superuserDatabase);
    config.database = m_postgres->runtimeRole(m_superuserDatabase);
    // Tests make many agencies side by side; the invitation-only default has a test of its own.
    config.openSignUp = true;
    // Tests sign up and in far more often from 127.0.0.1 than a person
    // does; the limits before sign-in have tests of their own (tst_ratelimits).
    config.rateLimits.anonymous.requests = 0;
    config.rateLimits.signIn.requests = 0;
    if (configure)
        configure(config);
    m_database = config.database;
    QString error;
    m_server = startAnother(config, &error);
    if (m_server)
        m_port = m_server->http().serverPort();
    return error;
}

std::unique_ptr<server::HuntazeServer> RunningServer::startInstance(server::ServerConfig &config, QString *error)
{
    config = m_server->config();
    config.port = 0;
    std::unique_ptr<server::HuntazeServer> instance = startAnother(config, error);
    if (instance)
        config.port = instance->http().serverPort();
    return instance;
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

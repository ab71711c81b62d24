#pragma once

#include "server/httpconnection.h"
#include "server/router.h"

#include <QFuture>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>

#include <memory>

#include <chrono>

namespace huntaze::server {

// The HTTP front of huntaze-server: a TCP listener, one HttpConnection per
// client (Boost.Beast's parser, deadlines, ordered answers), our Router, and
// answers written when the handler's future finishes, so a slow database
// query or AI call never holds up other connections on the event loop.
class ApiServer : public QObject
{
    Q_OBJECT
public:
    explicit ApiServer(Router router, HttpLimits limits = {}, QObject *parent = nullptr);
    ~ApiServer() override;

    // Before listen(): HTTPS only (QSslServer; the handshake must end within the head deadline).
    void useTls(const QSslConfiguration &configuration);
    bool listen(const QHostAddress &address, quint16 port);
    bool isListening() const { return m_listener->isListening(); }
    quint16 serverPort() const { return m_listener->serverPort(); }
    QString errorString() const { return m_listener->errorString(); }
    const HttpLimits &limits() const { return m_limits; }
    int openConnections() const { return static_cast<int>(m_connections.size()); }
    const Router &router() const { return m_router; }

    // A graceful stop: no new connections or requests; what is in flight is
    // answered, for at most `grace`; then every connection is closed. The
    // future finishes when none is left.
    QFuture<void> stop(std::chrono::milliseconds grace);

Q_SIGNALS:
    // After each answer: for metrics and tests.
    void answered(const huntaze::server::HttpRequest &request, int status, qint64 elapsedMs);

private:
    void accept();

    Router m_router;
    HttpLimits m_limits;
    std::unique_ptr<QTcpServer> m_listener; // a QSslServer once useTls() was called
    QSet<HttpConnection *> m_connections;
};

} // namespace huntaze::server

#include "apiserver.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace huntaze::server {

ApiServer::ApiServer(Router router, HttpLimits limits, QObject *parent)
    : QObject(parent), m_router(std::move(router)), m_limits(limits), m_listener(std::make_unique<QTcpServer>())
{
    connect(m_listener.get(), &QTcpServer::newConnection, this, &ApiServer::accept);
}

void ApiServer::useTls(const QSslConfiguration &configuration)
{
    auto listener = std::make_unique<QSslServer>();
    listener->setSslConfiguration(configuration);
    // A client that opens a connection and never finishes the handshake holds it no longer than a slow request head.
    listener->setHandshakeTimeout(static_cast<int>(std::chrono::milliseconds(m_limits.headDeadline).count()));
    connect(listener.get(), &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError) {
        qCInfo(lcServer).noquote() << "TLS handshake with" << socket->peerAddress().toString() << "failed:" << socket->errorString();
    });
    // QSslServer hands over a connection once its handshake is done, and says
    // so with pendingConnectionAvailable (newConnection comes before, with nothing to take yet).
    connect(listener.get(), &QTcpServer::pendingConnectionAvailable, this, &ApiServer::accept);
    m_listener = std::move(listener);
}

ApiServer::~ApiServer()
{
    m_listener->close();
    const QSet<HttpConnection *> open = m_connections;
    m_connections.clear();
    for (HttpConnection *connection : open) {
        disconnect(connection, nullptr, this, nullptr);
        delete connection;
    }
}

bool ApiServer::listen(const QHostAddress &address, quint16 port)
{
    // Accepted connections wait in the kernel's backlog while the cap is reached.
    m_listener->setMaxPendingConnections(m_limits.maxConnections);
    return m_listener->listen(address, port);
}

void ApiServer::accept()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
        if (m_connections.size() >= m_limits.maxConnections) {
            // Over the cap: a short, honest answer instead of a connection that never moves.
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                          "Connection: close\r\nContent-Length: 78\r\n\r\n"
                          "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"Too many connections.\"}}\n");
            socket->disconnectFromHost();
            connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            qCWarning(lcServer) << "refused a connection: already" << m_connections.size() << "open (HUNTAZE_MAX_CONNECTIONS)";
            continue;
        }
        auto *connection = new HttpConnection(
            socket, m_limits, [this](const HttpRequest &request) { return m_router.dispatch(request); }, this);
        m_connections.insert(connection);
        connect(connection, &HttpConnection::answered, this, &ApiServer::answered);
        connect(connection, &HttpConnection::closed, this, [this, connection] { m_connections.remove(connection); });
    }
}

QFuture<void> ApiServer::stop(std::chrono::milliseconds grace)
{
    m_listener->close();
    auto done = std::make_shared<QPromise<void>>();
    done->start();
    const QFuture<void> future = done->future();
    qCInfo(lcServer) << "stopping:" << m_connections.size() << "connections open, grace" << grace.count() << "ms";
    auto finishIfEmpty = [this, done] {
        if (m_connections.isEmpty() && !done->future().isFinished()) {
            qCInfo(lcServer) << "stopped";
            done->finish();
        }
    };
    // A copy: closing a connection can remove it from the set at once.
    const QSet<HttpConnection *> open = m_connections;
    for (HttpConnection *connection : open) {
        connect(connection, &HttpConnection::closed, this, finishIfEmpty, Qt::QueuedConnection);
        connection->finishAndClose();
    }
    QTimer::singleShot(grace, this, [this, done] {
        if (done->future().isFinished())
            return;
        qCWarning(lcServer) << "grace period over:" << m_connections.size() << "connections cut";
        const QSet<HttpConnection *> left = m_connections;
        for (HttpConnection *connection : left)
            connection->abort();
        done->finish();
    });
    finishIfEmpty();
    return future;
}

} // namespace huntaze::server

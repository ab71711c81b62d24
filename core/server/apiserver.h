#pragma once

#include "server/router.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>

#include <map>

class QTcpSocket;

namespace huntaze::server {

// The HTTP front of huntaze-server: Qt's parser, our Router, and answers
// written when the handler's future finishes, so a slow database query or AI
// call never holds up other connections on the event loop.
//
// Why not QHttpServer's own QFuture routes: on Qt 6.4 they keep references to
// the request and socket past their lifetime. Here the request is copied
// before any asynchronous step, and the socket is watched: a client that
// hangs up simply gets no answer.
// Answers leave in request order on each connection, so pipelining clients
// are served correctly even when a later request finishes first.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit ApiServer(Router router, qsizetype maxBodyBytes, QObject *parent = nullptr);

    qsizetype maxBodyBytes() const { return m_maxBodyBytes; }

Q_SIGNALS:
    // After each answer: for metrics and tests.
    void answered(const QByteArray &method, const QString &path, int status, qint64 elapsedMs);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct ReadyAnswer {
        QByteArray bytes;
        bool closeAfter = false;
    };
    // Per connection: answers finished out of order wait for the earlier ones.
    struct Connection {
        quint64 nextAssigned = 0;
        quint64 nextToSend = 0;
        std::map<quint64, ReadyAnswer> ready;
    };

    quint64 takeSequenceNumber(QTcpSocket *socket);
    void respond(QPointer<QTcpSocket> socket, quint64 sequence, const HttpRequest &request, const HttpResponse &response, bool closeAfter,
                 qint64 startedMs);

    Router m_router;
    qsizetype m_maxBodyBytes;
    QHash<QTcpSocket *, Connection> m_connections;
};

} // namespace huntaze::server

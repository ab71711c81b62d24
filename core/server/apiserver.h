#pragma once

#include "server/router.h"

#include <QAbstractHttpServer>
#include <QPointer>

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
    void respond(QPointer<QTcpSocket> socket, const HttpRequest &request, const HttpResponse &response, bool closeAfter, qint64 startedMs);

    Router m_router;
    qsizetype m_maxBodyBytes;
};

} // namespace huntaze::server

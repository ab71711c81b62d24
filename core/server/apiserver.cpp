#include "apiserver.h"

#include "logging/logging.h"
#include "server/idleclosingtcpserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHttpServerRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>

namespace huntaze::server {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put: return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head: return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect: return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace: return QByteArrayLiteral("TRACE");
    default: return QByteArrayLiteral("UNKNOWN");
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 204: return QByteArrayLiteral("No Content");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 409: return QByteArrayLiteral("Conflict");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 422: return QByteArrayLiteral("Unprocessable Content");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    default: return QByteArrayLiteral("Status");
    }
}

// A caller's id is kept (a proxy in front may have set it) when it is short and plain.
QString requestIdFor(const QByteArray &given)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    const QString candidate = QString::fromLatin1(given);
    if (plain.match(candidate).hasMatch())
        return candidate;
    return QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
}

} // namespace

ApiServer::ApiServer(Router router, qsizetype maxBodyBytes, QObject *parent)
    : QAbstractHttpServer(parent), m_router(std::move(router)), m_maxBodyBytes(maxBodyBytes)
{}

bool ApiServer::handleRequest(const QHttpServerRequest &qtRequest, QTcpSocket *socket)
{
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
    HttpRequest request;
    request.method = methodName(qtRequest.method());
    request.path = qtRequest.url().path();
    request.query = qtRequest.query();
    request.headers = qtRequest.headers();
    request.remoteAddress = qtRequest.remoteAddress();
    request.requestId = requestIdFor(request.header(QByteArrayLiteral("X-Request-Id")));
    const bool closeAfter = request.header(QByteArrayLiteral("Connection")).compare("close", Qt::CaseInsensitive) == 0;

    QPointer<QTcpSocket> target(socket);
    const quint64 sequence = takeSequenceNumber(socket);
    IdleClosingTcpServer::pauseIdleTimeout(socket);
    if (qtRequest.body().size() > m_maxBodyBytes) {
        respond(target, sequence, request,
                HttpResponse::error(413, QStringLiteral("body_too_large"),
                                    QCoreApplication::translate("huntaze::server::ApiServer",
                                                                "The request body is larger than this server accepts (%1 KiB). Send "
                                                                "the data in smaller parts.")
                                        .arg(m_maxBodyBytes / 1024)),
                true, startedMs);
        return true;
    }
    request.body = qtRequest.body();

    QFuture<HttpResponse> response = m_router.dispatch(request);
    auto *watcher = new QFutureWatcher<HttpResponse>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        watcher->deleteLater();
        // A handler must always answer; a lost future is a bug, reported as one.
        const HttpResponse answer = watcher->future().resultCount() > 0
            ? watcher->future().result()
            : HttpResponse::fromError(Error(ErrorCode::Internal, {}, QStringLiteral("handler gave no result")));
        respond(target, sequence, request, answer, closeAfter, startedMs);
    });
    watcher->setFuture(response);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest answers every request (the Router has its own 404/405).
}

quint64 ApiServer::takeSequenceNumber(QTcpSocket *socket)
{
    if (!m_connections.contains(socket)) {
        // Socket addresses are reused once freed: forget the connection with its socket.
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    }
    return m_connections[socket].nextAssigned++;
}

void ApiServer::respond(QPointer<QTcpSocket> socket, quint64 sequence, const HttpRequest &request, const HttpResponse &response,
                        bool closeAfter, qint64 startedMs)
{
    const qint64 elapsedMs = QDateTime::currentMSecsSinceEpoch() - startedMs;
    qCInfo(lcServer).noquote() << request.method << request.path << response.status << elapsedMs << "ms"
                               << "id" << request.requestId;
    if (response.status >= 500)
        qCWarning(lcServer).noquote() << "request" << request.requestId << "failed:" << response.logDetail;
    Q_EMIT answered(request.method, request.path, response.status, elapsedMs);
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return; // the client hung up; nothing to send to

    const QByteArray body = response.serializedBody(request.requestId);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (response.status != 204) {
        head += "Content-Type: " + response.contentType + "\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    head += "X-Request-Id: " + request.requestId.toLatin1() + "\r\n";
    head += "Cache-Control: no-store\r\n";
    head += "X-Content-Type-Options: nosniff\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += closeAfter ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";

    // HTTP/1.1 answers go out in the order the requests came in, whichever
    // finishes first: a pipelining client matches them by position.
    Connection &connection = m_connections[socket.data()];
    connection.ready.emplace(sequence, ReadyAnswer{head + body, closeAfter});
    while (!connection.ready.empty() && connection.ready.begin()->first == connection.nextToSend) {
        const ReadyAnswer answer = std::move(connection.ready.begin()->second);
        connection.ready.erase(connection.ready.begin());
        ++connection.nextToSend;
        socket->write(answer.bytes);
        if (answer.closeAfter) {
            socket->disconnectFromHost();
            break;
        }
    }
    if (connection.nextToSend == connection.nextAssigned)
        IdleClosingTcpServer::resumeIdleTimeout(socket.data());
}

} // namespace huntaze::server

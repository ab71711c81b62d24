#include "testhttpserver.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace huntaze::test {

TestHttpServer::Reply TestHttpServer::Reply::json(int status, const QJsonObject &body)
{
    return raw(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

TestHttpServer::Reply TestHttpServer::Reply::raw(int status, QByteArray body, QByteArray contentType)
{
    Reply reply;
    reply.status = status;
    reply.body = std::move(body);
    reply.headers.append({QByteArrayLiteral("Content-Type"), std::move(contentType)});
    return reply;
}

TestHttpServer::Reply TestHttpServer::Reply::stall()
{
    Reply reply;
    reply.mode = Mode::Stall;
    return reply;
}

TestHttpServer::Reply TestHttpServer::Reply::resetMidBody(QByteArray body)
{
    Reply reply = raw(200, std::move(body));
    reply.mode = Mode::ResetMidBody;
    return reply;
}

TestHttpServer::Reply TestHttpServer::Reply::closeMidBody(QByteArray body)
{
    Reply reply = raw(200, std::move(body));
    reply.mode = Mode::CloseMidBody;
    return reply;
}

TestHttpServer::Reply TestHttpServer::Reply::stream(QList<QByteArray> chunks, QByteArray contentType)
{
    Reply reply = raw(200, {}, std::move(contentType));
    reply.mode = Mode::Stream;
    reply.chunks = std::move(chunks);
    return reply;
}

TestHttpServer::Reply &TestHttpServer::Reply::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

TestHttpServer::Reply &TestHttpServer::Reply::after(int milliseconds)
{
    delayMs = milliseconds;
    return *this;
}

TestHttpServer::TestHttpServer(QObject *parent) : QObject(parent)
{
    m_handler = [](const Request &) { return Reply::json(200, {{QStringLiteral("ok"), true}}); };
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("test HTTP server cannot listen: %s", qPrintable(m_server.errorString()));
}

TestHttpServer::~TestHttpServer()
{
    // Closing sockets emits disconnected(); no handler may run into the half-destroyed server.
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        disconnect(socket, nullptr, this, nullptr);
    m_server.close();
}

QUrl TestHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

void TestHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        Request request;
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);

        m_requests.append(request);
        const Reply reply = m_handler(request);
        Q_EMIT requestReceived(requestCount());
        if (reply.mode == Reply::Mode::Stall)
            continue;
        if (reply.delayMs > 0) {
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(reply.delayMs, this, [this, guarded, reply] {
                if (guarded)
                    respond(guarded, reply);
            });
        } else {
            respond(socket, reply);
        }
    }
}

void TestHttpServer::writeChunks(QTcpSocket *socket, const Reply &reply, int index)
{
    if (index >= reply.chunks.size()) {
        if (!reply.stallAfterChunks)
            socket->disconnectFromHost();
        return;
    }
    socket->write(reply.chunks.at(index));
    socket->flush();
    QPointer<QTcpSocket> guarded(socket);
    QTimer::singleShot(reply.chunkDelayMs, this, [this, guarded, reply, index] {
        if (guarded)
            writeChunks(guarded, reply, index + 1);
    });
}

void TestHttpServer::respond(QTcpSocket *socket, const Reply &reply)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Status\r\n";
    for (const auto &[name, value] : reply.headers)
        head += name + ": " + value + "\r\n";
    if (reply.mode == Reply::Mode::Stream) {
        // No length: the body ends when the connection closes, as a streaming server may do.
        socket->write(head + "Connection: close\r\n\r\n");
        writeChunks(socket, reply, 0);
        return;
    }
    // A connection lost mid-body announces the whole body but sends only half of it.
    const bool midBody = reply.mode == Reply::Mode::ResetMidBody || reply.mode == Reply::Mode::CloseMidBody;
    const qsizetype announced = midBody ? reply.body.size() * 2 : reply.body.size();
    head += "Content-Length: " + QByteArray::number(announced) + "\r\nConnection: keep-alive\r\n\r\n";
    if (midBody) {
        socket->write(head + reply.body.left(reply.body.size() / 2));
        socket->flush();
        if (reply.mode == Reply::Mode::ResetMidBody)
            socket->abort();
        else
            socket->disconnectFromHost();
        return;
    }
    socket->write(head + reply.body);
}

} // namespace huntaze::test

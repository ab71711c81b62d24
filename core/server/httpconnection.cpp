#include "httpconnection.h"

#include "logging/logging.h"
#include "server/responsestream.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrl>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <optional>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace huntaze::server {

namespace http = boost::beast::http;

struct HttpConnection::Parser {
    std::optional<http::request_parser<http::string_body>> beast;
};

namespace {

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
    case 408: return QByteArrayLiteral("Request Timeout");
    case 409: return QByteArrayLiteral("Conflict");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 422: return QByteArrayLiteral("Unprocessable Content");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
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

QByteArray bytesOf(boost::beast::string_view view)
{
    return QByteArray(view.data(), static_cast<qsizetype>(view.size()));
}

QString badRequestMessage()
{
    return QCoreApplication::translate("huntaze::server::HttpConnection",
                                       "This request is not valid HTTP/1.1, so the server closed the connection.");
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Dispatch dispatch, QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits), m_dispatch(std::move(dispatch)), m_parser(std::make_unique<Parser>())
{
    socket->setParent(this);
    // Unread bytes stay in the kernel: a client sending faster than it is answered is slowed down by TCP.
    socket->setReadBufferSize(64 * 1024);
    resetParser();
    m_deadline.setSingleShot(true);
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_limits.idleTimeout);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        refuse(408, QStringLiteral("request_timeout"),
               QCoreApplication::translate("huntaze::server::HttpConnection",
                                           "The request did not arrive in time, so the server closed the connection."));
    });
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->disconnectFromHost();
    });
    m_linger.setSingleShot(true);
    m_linger.setInterval(std::chrono::seconds(2));
    connect(&m_linger, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->abort();
    });
    connect(socket, &QIODevice::readyRead, this, &HttpConnection::readIncoming);
    connect(socket, &QAbstractSocket::disconnected, this, [this] {
        m_stopReading = true;
        m_deadline.stop();
        m_idle.stop();
        m_linger.stop();
        if (m_stream)
            std::exchange(m_stream, {})->abandon();
        if (m_socket)
            m_socket->deleteLater();
        m_socket.clear();
        // Answers still being prepared are logged when they are ready; then this connection goes.
        if (!hasPendingAnswers()) {
            Q_EMIT closed();
            deleteLater();
        }
    });
    updateTimers();
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::resetParser()
{
    m_parser->beast.emplace();
    m_parser->beast->header_limit(static_cast<std::uint32_t>(m_limits.maxHeadBytes));
    m_parser->beast->body_limit(static_cast<std::uint64_t>(m_limits.maxBodyBytes));
    m_parser->beast->eager(true);
    m_headChecked = false;
}

void HttpConnection::finishAndClose()
{
    // A request the client has sent is in flight too, even if its bytes still
    // wait in the kernel: take them in now (without blocking) and answer them.
    if (m_socket && !m_stopReading)
        m_socket->waitForReadyRead(0);
    readIncoming();
    m_finishing = true;
    if (m_stream) {
        m_stream->end(); // the stream's end closes the connection
        return;
    }
    if (m_readingRequest && !m_stopReading)
        return; // its end closes the connection
    m_stopReading = true;
    m_buffer.clear();
    m_deadline.stop();
    if (!hasPendingAnswers())
        closeGracefully();
}

void HttpConnection::closeGracefully()
{
    if (!m_socket || m_closing)
        return;
    m_closing = true;
    m_stopReading = true;
    m_idle.stop();
#ifdef Q_OS_UNIX
    auto shutWriting = [this] {
        if (!m_socket || m_socket->bytesToWrite() > 0 || m_linger.isActive())
            return;
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
        m_linger.start(); // the client closes its side on reading our FIN; else this does
    };
    connect(m_socket, &QIODevice::bytesWritten, this, shutWriting);
    shutWriting();
#else
    m_socket->disconnectFromHost();
#endif
}

void HttpConnection::abort()
{
    if (m_socket)
        m_socket->abort();
}

void HttpConnection::readIncoming()
{
    if (!m_socket)
        return;
    if (m_stopReading) {
        m_socket->readAll(); // after the last request: read and drop
        return;
    }
    if (m_nextAssigned - m_nextToSend >= static_cast<quint64>(m_limits.maxPipelined))
        return; // read again once answers have gone out
    const QByteArray incoming = m_socket->readAll();
    if (incoming.isEmpty())
        return;
    m_buffer += incoming;
    parseBuffered();
}

void HttpConnection::parseBuffered()
{
    while (!m_buffer.isEmpty() && !m_stopReading && m_nextAssigned - m_nextToSend < static_cast<quint64>(m_limits.maxPipelined)) {
        if (!m_readingRequest) {
            m_readingRequest = true;
            m_requestStarted.start();
            m_deadline.start(m_limits.headDeadline);
            m_idle.stop();
        }
        boost::system::error_code error;
        const std::size_t used
            = m_parser->beast->put(boost::asio::const_buffer(m_buffer.constData(), static_cast<std::size_t>(m_buffer.size())), error);
        m_buffer.remove(0, static_cast<qsizetype>(used));
        if (error == http::error::need_more) {
            if (m_parser->beast->is_header_done() && !m_headChecked && !checkHead())
                return;
            if (used == 0)
                break; // wait for more bytes
            continue;
        }
        if (error == http::error::header_limit) {
            // Still no end to the request line: the target is too long; else the header fields are.
            const bool inRequestLine = !m_buffer.contains('\n');
            refuse(inRequestLine ? 414 : 431, inRequestLine ? QStringLiteral("uri_too_long") : QStringLiteral("headers_too_large"),
                   inRequestLine ? QCoreApplication::translate("huntaze::server::HttpConnection", "The request line is too long.")
                                 : QCoreApplication::translate("huntaze::server::HttpConnection",
                                                               "The request's header fields are too large (at most %1 KiB).")
                                       .arg(m_limits.maxHeadBytes / 1024));
            return;
        }
        if (error == http::error::body_limit) {
            refuse(413, QStringLiteral("body_too_large"),
                   QCoreApplication::translate("huntaze::server::HttpConnection",
                                               "The request body is larger than this server accepts (%1 KiB). Send the data in "
                                               "smaller parts.")
                       .arg(m_limits.maxBodyBytes / 1024));
            return;
        }
        if (error) {
            qCInfo(lcServer).noquote() << "refused a malformed request:" << QString::fromStdString(error.message());
            refuse(400, QStringLiteral("bad_request"), badRequestMessage());
            return;
        }
        if (m_parser->beast->is_header_done() && !m_headChecked && !checkHead())
            return;
        if (m_parser->beast->is_done())
            takeRequest();
    }
    updateTimers();
}

bool HttpConnection::checkHead()
{
    m_headChecked = true;
    const auto &head = m_parser->beast->get();
    int fields = 0;
    int hosts = 0;
    for (const auto &field : head) {
        ++fields;
        if (field.name() == http::field::host)
            ++hosts;
    }
    if (fields > m_limits.maxHeaderFields) {
        refuse(431, QStringLiteral("headers_too_large"),
               QCoreApplication::translate("huntaze::server::HttpConnection", "The request has more than %1 header fields.")
                   .arg(m_limits.maxHeaderFields));
        return false;
    }
    // RFC 9112: a request whose body length cannot be known for sure is refused, and the
    // connection closed (a transfer coding other than a final "chunked"); HTTP/1.1 needs one Host.
    const bool unknownLength = head.find(http::field::transfer_encoding) != head.end() && !m_parser->beast->chunked();
    const bool target = !head.target().empty() && head.target().front() == '/';
    if (unknownLength || !target || hosts > 1 || (head.version() >= 11 && hosts == 0)) {
        refuse(400, QStringLiteral("bad_request"), badRequestMessage());
        return false;
    }
    if (!m_parser->beast->is_done()) {
        m_deadline.start(m_limits.bodyDeadline);
        const auto expect = head.find(http::field::expect);
        if (expect != head.end() && boost::beast::iequals(expect->value(), "100-continue") && !hasPendingAnswers() && m_socket)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    return true;
}

QHostAddress clientAddressOf(const QHostAddress &peer, const QByteArray &forwardedFor,
                             const QList<QPair<QHostAddress, int>> &trustedProxies)
{
    auto trusted = [&trustedProxies](const QHostAddress &address) {
        return std::any_of(trustedProxies.begin(), trustedProxies.end(),
                           [&address](const QPair<QHostAddress, int> &subnet) { return address.isInSubnet(subnet); });
    };
    if (!trusted(peer) || forwardedFor.isEmpty())
        return peer;
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull())
            return peer; // garbage where an address should be: believe nothing of it
        if (!trusted(address))
            return address;
    }
    return peer;
}

void HttpConnection::takeRequest()
{
    const auto &message = m_parser->beast->get();
    HttpRequest request;
    request.method = bytesOf(message.method_string());
    const QByteArray target = bytesOf(message.target());
    const qsizetype question = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(question < 0 ? target : target.left(question));
    if (question >= 0)
        request.query = QUrlQuery(QString::fromUtf8(target.mid(question + 1)));
    for (const auto &field : message)
        request.headers.append({bytesOf(field.name_string()), bytesOf(field.value())});
    request.body = QByteArray(message.body().data(), static_cast<qsizetype>(message.body().size()));
    request.remoteAddress = m_socket ? m_socket->peerAddress() : QHostAddress();
    request.clientAddress
        = clientAddressOf(request.remoteAddress, request.header(QByteArrayLiteral("X-Forwarded-For")), m_limits.trustedProxies);
    request.requestId = requestIdFor(request.header(QByteArrayLiteral("X-Request-Id")));
    // HTTP/1.0 without keep-alive, or "Connection: close": this is the connection's last request.
    const bool closeAfter = !message.keep_alive() || m_finishing;
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch() - m_requestStarted.elapsed();

    resetParser();
    m_readingRequest = false;
    m_deadline.stop();
    if (closeAfter) {
        m_stopReading = true;
        m_buffer.clear();
    }

    const quint64 sequence = m_nextAssigned++;
    auto *watcher = new QFutureWatcher<HttpResponse>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        watcher->deleteLater();
        // A handler must always answer; a lost future is a bug, reported as one.
        const HttpResponse answer = watcher->future().resultCount() > 0
            ? watcher->future().result()
            : HttpResponse::fromError(Error(ErrorCode::Internal, {}, QStringLiteral("handler gave no result")));
        queueAnswer(sequence, request, answer, closeAfter, startedMs);
    });
    watcher->setFuture(m_dispatch(request));
}

void HttpConnection::refuse(int status, const QString &code, const QString &message)
{
    HttpRequest request;
    request.method = QByteArrayLiteral("-");
    request.path = QStringLiteral("-");
    request.requestId = requestIdFor({});
    m_stopReading = true;
    m_buffer.clear();
    m_readingRequest = false;
    m_deadline.stop();
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch() - (m_requestStarted.isValid() ? m_requestStarted.elapsed() : 0);
    queueAnswer(m_nextAssigned++, request, HttpResponse::error(status, code, message), true, startedMs);
}

void HttpConnection::queueAnswer(quint64 sequence, const HttpRequest &request, const HttpResponse &response, bool closeAfter,
                                 qint64 startedMs)
{
    const qint64 elapsedMs = QDateTime::currentMSecsSinceEpoch() - startedMs;
    if (lcRequests().isInfoEnabled()) {
        QJsonObject line{{QStringLiteral("requestId"), request.requestId},
                         {QStringLiteral("method"), QString::fromLatin1(request.method)},
                         {QStringLiteral("route"), request.actor->route.isEmpty() ? request.path : request.actor->route},
                         {QStringLiteral("status"), response.status},
                         {QStringLiteral("ms"), elapsedMs},
                         {QStringLiteral("client"), request.clientAddress.toString()}};
        if (const qint64 agency = request.actor->agencyId; agency != 0)
            line.insert(QStringLiteral("agency"), agency);
        if (const qint64 member = request.actor->userId; member != 0)
            line.insert(QStringLiteral("member"), member);
        qCInfo(lcRequests).noquote() << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact));
    }
    // 503s (starting, database down, too busy) are logged once per episode where they are decided, not per request.
    if (response.status >= 500 && response.status != 503)
        qCWarning(lcServer).noquote() << "request" << request.requestId << "failed:" << response.logDetail;
    Q_EMIT answered(request, response.status, elapsedMs);

    const bool streamed = response.stream != nullptr;
    if (streamed)
        closeAfter = true; // its end is the connection's end: no length to announce
    const QByteArray body = streamed ? response.body : response.serializedBody(request.requestId);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (response.status != 204) {
        head += "Content-Type: " + response.contentType + "\r\n";
        if (!streamed)
            head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    if (streamed)
        head += "X-Accel-Buffering: no\r\n"; // nginx passes each event on at once
    head += "X-Request-Id: " + request.requestId.toLatin1() + "\r\n";
    head += "Cache-Control: no-store\r\n";
    head += "X-Content-Type-Options: nosniff\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += closeAfter ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    m_ready.emplace(sequence, ReadyAnswer{head + body, closeAfter, response.stream});
    flushAnswers();
}

void HttpConnection::flushAnswers()
{
    // HTTP/1.1 answers go out in the order the requests came in, whichever
    // finishes first: a pipelining client matches them by position.
    while (!m_ready.empty() && m_ready.begin()->first == m_nextToSend) {
        const ReadyAnswer answer = std::move(m_ready.begin()->second);
        m_ready.erase(m_ready.begin());
        ++m_nextToSend;
        if (!m_socket)
            continue; // the client hung up; nothing to send to
        m_socket->write(answer.bytes);
        if (answer.closeAfter)
            m_stopReading = true;
        if (answer.stream)
            follow(answer.stream);
    }
    if (!m_socket) {
        if (!hasPendingAnswers()) {
            Q_EMIT closed();
            deleteLater();
        }
        return;
    }
    const bool streaming = m_stream != nullptr; // open until the stream ends
    if (!streaming && m_stopReading && !hasPendingAnswers())
        closeGracefully();
    else if (!streaming && !m_stopReading) {
        parseBuffered(); // requests held back by the pipelining limit
        readIncoming();
    }
    updateTimers();
}

void HttpConnection::follow(std::shared_ptr<ResponseStream> stream)
{
    m_stream = std::move(stream);
    m_socket->write(m_stream->takeUp());
    connect(m_stream.get(), &ResponseStream::data, this, [this](const QByteArray &bytes) {
        if (m_socket)
            m_socket->write(bytes);
    });
    connect(m_stream.get(), &ResponseStream::ended, this, &HttpConnection::endStream);
    if (m_stream->isEnded())
        endStream();
}

void HttpConnection::endStream()
{
    // Maybe from the stream's own signal: let go of it once that is over.
    QMetaObject::invokeMethod(
        this, [held = std::exchange(m_stream, {})] {}, Qt::QueuedConnection);
    closeGracefully();
}

void HttpConnection::updateTimers()
{
    const bool idle = !m_readingRequest && !hasPendingAnswers() && m_buffer.isEmpty() && m_socket && !m_stream;
    if (idle && !m_idle.isActive())
        m_idle.start();
    else if (!idle)
        m_idle.stop();
}

} // namespace huntaze::server

#pragma once

#include "server/httpmessage.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

class QTcpSocket;

namespace huntaze::server {

// What one client may send and how long it may take: the defences against
// slow or hostile clients (docs/server.md lists them with their settings).
struct HttpLimits {
    qsizetype maxBodyBytes = 4 * 1024 * 1024;
    qsizetype maxHeadBytes = 16 * 1024; // request line and header fields together
    int maxHeaderFields = 100;
    std::chrono::milliseconds headDeadline{10'000}; // first byte of a request to the end of its head
    std::chrono::milliseconds bodyDeadline{60'000}; // end of the head to the end of the body
    std::chrono::milliseconds idleTimeout{60'000}; // nothing asked and nothing to answer
    int maxConnections = 1000;
    int maxPipelined = 32; // requests read ahead of their answers on one connection
    // Peers (nginx in front) whose X-Forwarded-For names the client.
    QList<QPair<QHostAddress, int>> trustedProxies;
};

// Who sent the request: the peer, unless it is a trusted proxy; then the
// last address in X-Forwarded-For that is not one (the proxy appends what it
// saw, so earlier entries are the client's word and may be forged).
QHostAddress clientAddressOf(const QHostAddress &peer, const QByteArray &forwardedFor,
                             const QList<QPair<QHostAddress, int>> &trustedProxies);

// One client connection: HTTP/1.1 parsed by Boost.Beast's parser (strict
// framing: a request with both Content-Length and Transfer-Encoding, or with
// two different lengths, is refused and the connection closed, so nothing
// hidden in a body is ever read as a request), deadlines for a complete
// request, and answers written in request order whichever finishes first.
//
// Why not Qt HttpServer's parser: on Qt 6.4 it answered requests smuggled
// inside a body, dropped every header past about 100 fields, accepted
// 1 MB request lines, and buffered a body whole before its size could be
// checked (tst_apiserver shows each case).
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using Dispatch = std::function<QFuture<HttpResponse>(const HttpRequest &)>;

    // Takes the socket (it becomes a child of this object).
    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Dispatch dispatch, QObject *parent = nullptr);
    ~HttpConnection() override;

    // Reads no further requests; closes once every answer already owed is sent.
    void finishAndClose();
    void abort();
    bool hasPendingAnswers() const { return m_nextToSend != m_nextAssigned; }

Q_SIGNALS:
    void answered(const huntaze::server::HttpRequest &request, int status, qint64 elapsedMs);
    void closed();

private:
    struct Parser;
    struct ReadyAnswer {
        QByteArray bytes;
        bool closeAfter = false;
        std::shared_ptr<ResponseStream> stream;
    };

    void readIncoming();
    void parseBuffered();
    bool checkHead(); // false when the request was refused
    void takeRequest();
    void refuse(int status, const QString &code, const QString &message);
    void queueAnswer(quint64 sequence, const HttpRequest &request, const HttpResponse &response, bool closeAfter, qint64 startedMs);
    void flushAnswers();
    // Writes what `stream` says as it says it, and closes when it ends.
    void follow(std::shared_ptr<ResponseStream> stream);
    void endStream();
    void updateTimers();
    void resetParser();
    // Sends what is queued, then stops writing but keeps reading (and
    // dropping) for a moment before closing: closing with unread request
    // bytes makes the kernel reset the connection, and the client would lose
    // the answer (a 413 sent before its body was read).
    void closeGracefully();

    QPointer<QTcpSocket> m_socket;
    HttpLimits m_limits;
    Dispatch m_dispatch;
    std::unique_ptr<Parser> m_parser;
    QByteArray m_buffer;
    bool m_readingRequest = false; // bytes of a request not yet complete have arrived
    bool m_headChecked = false;
    bool m_stopReading = false; // after an error, Connection: close, or finishAndClose()
    QElapsedTimer m_requestStarted;
    QTimer m_deadline; // head, then body
    QTimer m_idle;
    QTimer m_linger;
    bool m_closing = false;
    bool m_finishing = false; // the server is stopping: the request being read is the last
    quint64 m_nextAssigned = 0;
    quint64 m_nextToSend = 0;
    std::map<quint64, ReadyAnswer> m_ready;
    std::shared_ptr<ResponseStream> m_stream; // the answer being streamed: the connection's last
};

} // namespace huntaze::server

#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <utility>

class QTcpSocket;

namespace huntaze::test {

// A small HTTP/1.1 server on 127.0.0.1 for client tests, in the spirit of
// Nextcloud's FakeQNAM but over a real socket: each request goes to a handler
// whose reply can also stall forever, drop the connection mid-body, or arrive late.
class TestHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray path; // with the query
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
    };

    struct Reply {
        enum class Mode { Normal, Stall, ResetMidBody, CloseMidBody, Stream };
        int status = 200;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        Mode mode = Mode::Normal;
        int delayMs = 0;
        QList<QByteArray> chunks; // Stream: written one by one, chunkDelayMs apart, then the connection closes
        int chunkDelayMs = 10;
        bool stallAfterChunks = false; // Stream: keep the connection open, silent, after the last chunk

        static Reply json(int status, const QJsonObject &body);
        static Reply raw(int status, QByteArray body, QByteArray contentType = QByteArrayLiteral("application/json"));
        static Reply stall();
        static Reply resetMidBody(QByteArray body);
        static Reply closeMidBody(QByteArray body); // in good order (FIN, not RST), the body still short
        static Reply stream(QList<QByteArray> chunks, QByteArray contentType = QByteArrayLiteral("text/event-stream"));
        Reply &withHeader(QByteArray name, QByteArray value);
        Reply &after(int milliseconds);
    };

    using Handler = std::function<Reply(const Request &)>;

    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    QUrl url(const QString &path = QStringLiteral("/")) const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    int requestCount() const { return static_cast<int>(m_requests.size()); }
    const QList<Request> &requests() const { return m_requests; }

Q_SIGNALS:
    void requestReceived(int count);

private:
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Reply &reply);
    void writeChunks(QTcpSocket *socket, const Reply &reply, int index);

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace huntaze::test

#include "faultyproxy.h"

#include <QPointer>
#include <QTcpSocket>

namespace huntaze::test {

namespace {

// The head of an HTTP message with any Connection header replaced by "Connection: close".
QByteArray closingHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (i > 0 && line.toLower().startsWith("connection:"))
            continue;
        out += line + "\r\n";
    }
    return out + "Connection: close\r\n\r\n";
}

QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// Whether `message` (head and body so far) is complete; answers without a
// length end when the server closes.
bool isComplete(const QByteArray &message)
{
    const qsizetype headEnd = message.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QByteArray head = message.left(headEnd);
    const QByteArray length = headerValue(head, "content-length");
    if (!length.isEmpty())
        return message.size() - headEnd - 4 >= length.toLongLong();
    if (headerValue(head, "transfer-encoding").toLower().contains("chunked"))
        return message.endsWith("0\r\n\r\n");
    return false;
}

} // namespace

FaultyProxy::FaultyProxy(QUrl upstream, QObject *parent) : QObject(parent), m_upstream(std::move(upstream))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            connect(client, &QTcpSocket::readyRead, this, [this, client] { onReadyRead(client); });
            connect(client, &QTcpSocket::disconnected, this, [this, client] {
                m_buffers.remove(client);
                client->deleteLater();
            });
        }
    });
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("faulty proxy cannot listen: %s", qPrintable(m_server.errorString()));
}

FaultyProxy::~FaultyProxy()
{
    for (QTcpSocket *client : m_server.findChildren<QTcpSocket *>())
        disconnect(client, nullptr, this, nullptr);
    m_server.close();
}

QUrl FaultyProxy::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void FaultyProxy::failNext(const QByteArray &pathPrefix, Fault fault)
{
    m_faults.append({pathPrefix, fault});
}

int FaultyProxy::forwarded(const QByteArray &pathPrefix) const
{
    return static_cast<int>(std::count_if(m_forwardedPaths.cbegin(), m_forwardedPaths.cend(),
                                          [&pathPrefix](const QByteArray &path) { return path.startsWith(pathPrefix); }));
}

void FaultyProxy::onReadyRead(QTcpSocket *client)
{
    QByteArray &buffer = m_buffers[client];
    buffer += client->readAll();
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QByteArray head = buffer.left(headEnd);
    const qsizetype length = headerValue(head, "content-length").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return;
    const QByteArray request = closingHead(head) + buffer.mid(headEnd + 4, length);
    buffer.remove(0, headEnd + 4 + length);
    // One request per connection: the answer says "Connection: close".
    disconnect(client, &QTcpSocket::readyRead, this, nullptr);
    const QByteArray path = head.left(head.indexOf('\r')).split(' ').value(1);
    std::optional<Fault> fault;
    for (qsizetype i = 0; i < m_faults.size() && !fault; ++i) {
        if (path.startsWith(m_faults.at(i).first))
            fault = m_faults.takeAt(i).second;
    }
    for (qsizetype i = 0; i < m_lasting.size() && !fault; ++i) {
        if (path.startsWith(m_lasting.at(i).first))
            fault = m_lasting.at(i).second;
    }
    if (fault)
        ++m_faultsMet;
    if (fault == Fault::NeverArrives) {
        client->abort();
        return;
    }
    forward(client, request, path, fault == Fault::SendTwice ? 2 : 1, fault == Fault::LoseAnswer);
}

void FaultyProxy::forward(QTcpSocket *client, QByteArray request, const QByteArray &path, int sendsLeft, bool loseAnswer)
{
    auto *upstream = new QTcpSocket(this);
    auto answer = std::make_shared<QByteArray>();
    auto done = std::make_shared<bool>(false);
    QPointer<QTcpSocket> guardedClient(client);
    const auto finish = [this, upstream, answer, done, guardedClient, request, path, sendsLeft, loseAnswer] {
        if (*done)
            return;
        *done = true;
        upstream->disconnect(this);
        upstream->deleteLater();
        m_forwardedPaths.append(path);
        if (!guardedClient)
            return;
        if (sendsLeft > 1)
            return forward(guardedClient, request, path, sendsLeft - 1, loseAnswer);
        if (loseAnswer || answer->isEmpty()) {
            guardedClient->abort();
            return;
        }
        const qsizetype headEnd = answer->indexOf("\r\n\r\n");
        guardedClient->write(headEnd < 0 ? *answer : closingHead(answer->left(headEnd)) + answer->mid(headEnd + 4));
        guardedClient->disconnectFromHost();
    };
    connect(upstream, &QTcpSocket::connected, this, [upstream, request] { upstream->write(request); });
    connect(upstream, &QTcpSocket::readyRead, this, [upstream, answer, finish] {
        *answer += upstream->readAll();
        if (isComplete(*answer))
            finish();
    });
    connect(upstream, &QTcpSocket::disconnected, this, finish);
    connect(upstream, &QTcpSocket::errorOccurred, this, [finish](QAbstractSocket::SocketError) { finish(); });
    upstream->connectToHost(m_upstream.host(), static_cast<quint16>(m_upstream.port()));
}

} // namespace huntaze::test

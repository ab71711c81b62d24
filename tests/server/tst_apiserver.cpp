// The HTTP layer alone, with routes made for the test: answer order on a
// pipelined connection, and clients that hang up before their answer.
#include "server/apiserver.h"

#include <QPromise>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace huntaze;
using namespace huntaze::server;

class TestApiServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void pipelinedAnswersKeepRequestOrder();
    void clientHangingUpBeforeItsAnswerHarmsNothing();
    void silentConnectionsAreClosed();
    void aSlowAnswerIsNotIdleness();
    void unknownMethodAndRouteAreAnswered_data();
    void unknownMethodAndRouteAreAnswered();
    void framingIsStrict_data();
    void framingIsStrict();
    void aWholeHeaderOf100FieldsIsKept();
    void http10GetsItsConnectionClosed();
    void aBodyOverTheLimitIsRefusedBeforeItIsSent();
    void aChunkedBodyArrivesWhole();
    void aTricklingHeadIsCutAtItsDeadline();
    void aTricklingBodyIsCutAtItsDeadline();
    void connectionsAreCapped();
    void stopAnswersWhatIsInFlightThenCloses();

private:
    QByteArray readAnswers(QTcpSocket &socket, int count);
    // Everything the server sends until it closes the connection.
    QByteArray readUntilClosed(QTcpSocket &socket);
    QTcpSocket *connectedSocket(quint16 port = 0);

    std::unique_ptr<ApiServer> m_server;
    quint16 m_port = 0;
    int m_slowStarted = 0; // /slow requests being answered
};

namespace {

// Answers after `delayMs`, from the event loop, like a database job would.
QFuture<HttpResponse> later(int delayMs, const QString &text)
{
    auto promise = std::make_shared<QPromise<HttpResponse>>();
    promise->start();
    QTimer::singleShot(delayMs, [promise, text] {
        promise->addResult(HttpResponse::ofJson({{QStringLiteral("answer"), text}}));
        promise->finish();
    });
    return promise->future();
}

} // namespace

void TestApiServer::init()
{
    Router router;
    m_slowStarted = 0;
    router.addPublic("GET", QStringLiteral("/slow"), [this](const HttpRequest &) {
        ++m_slowStarted;
        return later(200, QStringLiteral("slow"));
    });
    router.addPublic("GET", QStringLiteral("/fast"), [](const HttpRequest &) { return later(0, QStringLiteral("fast")); });
    router.addPublic("GET", QStringLiteral("/slower-than-idle"), [](const HttpRequest &) { return later(900, QStringLiteral("late")); });
    // A request that must never be reached through another's body.
    router.addPublic("GET", QStringLiteral("/secret"), [](const HttpRequest &) { return later(0, QStringLiteral("smuggled")); });
    router.addPublic("POST", QStringLiteral("/echo"), [](const HttpRequest &request) {
        return later(0, QStringLiteral("%1 bytes, probe %2").arg(request.body.size()).arg(QString::fromLatin1(request.header("X-Probe"))));
    });
    router.addPublic("GET", QStringLiteral("/probe"), [](const HttpRequest &request) {
        return later(0, QStringLiteral("probe %1").arg(QString::fromLatin1(request.header("X-Probe"))));
    });
    HttpLimits limits;
    limits.maxBodyBytes = 1024;
    limits.idleTimeout = std::chrono::milliseconds(400);
    limits.headDeadline = std::chrono::milliseconds(500);
    limits.bodyDeadline = std::chrono::milliseconds(500);
    m_server = std::make_unique<ApiServer>(std::move(router), limits);
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_port = m_server->serverPort();
}

void TestApiServer::cleanup()
{
    m_server.reset();
}

QByteArray TestApiServer::readAnswers(QTcpSocket &socket, int count)
{
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 ") >= count && received.endsWith('}');
        },
        5000);
    return received;
}

void TestApiServer::pipelinedAnswersKeepRequestOrder()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    // Both requests in one packet: the slow one must still be answered first.
    socket.write("GET /slow HTTP/1.1\r\nHost: test\r\n\r\nGET /fast HTTP/1.1\r\nHost: test\r\n\r\n");
    const QByteArray received = readAnswers(socket, 2);
    QCOMPARE(received.count("HTTP/1.1 200"), 2);
    QVERIFY2(received.indexOf("\"slow\"") < received.indexOf("\"fast\""), received.constData());
}

void TestApiServer::clientHangingUpBeforeItsAnswerHarmsNothing()
{
    QSignalSpy answered(m_server.get(), &ApiServer::answered);
    {
        QTcpSocket impatient;
        impatient.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(impatient.waitForConnected(5000));
        impatient.write("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n");
        QVERIFY(QTest::qWaitFor([this] { return m_slowStarted == 1; }, 5000)); // the server is preparing the answer
        impatient.abort();
    }
    // The answer is ready after the client left: logged, nothing written anywhere.
    QTRY_COMPARE(answered.count(), 1);
    QTcpSocket next;
    next.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(next.waitForConnected(5000));
    next.write("GET /fast HTTP/1.1\r\nHost: test\r\n\r\n");
    QVERIFY(readAnswers(next, 1).contains("\"fast\""));
}

void TestApiServer::unknownMethodAndRouteAreAnswered_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("unknown route") << QByteArray("GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n") << QByteArray("HTTP/1.1 404 Not Found");
    QTest::newRow("wrong method") << QByteArray("POST /fast HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
                                  << QByteArray("HTTP/1.1 405 Method Not Allowed");
    QTest::newRow("body too large") << QByteArray("POST /fast HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n") + QByteArray(2000, 'x')
                                    << QByteArray("HTTP/1.1 413 Content Too Large");
}

void TestApiServer::unknownMethodAndRouteAreAnswered()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write(request);
    const QByteArray received = readAnswers(socket, 1);
    QVERIFY2(received.startsWith(status), received.constData());
    QVERIFY(received.contains("X-Request-Id: "));
    QVERIFY(received.contains("\"requestId\""));
}

void TestApiServer::silentConnectionsAreClosed()
{
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(silent.waitForConnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 5000);

    // After an answer, a kept-alive connection that stays silent goes too.
    QTcpSocket finished;
    finished.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(finished.waitForConnected(5000));
    finished.write("GET /fast HTTP/1.1\r\nHost: test\r\n\r\n");
    QVERIFY(readAnswers(finished, 1).contains("\"fast\""));
    QTRY_COMPARE_WITH_TIMEOUT(finished.state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestApiServer::aSlowAnswerIsNotIdleness()
{
    QTcpSocket patient;
    patient.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(patient.waitForConnected(5000));
    patient.write("GET /slower-than-idle HTTP/1.1\r\nHost: test\r\n\r\n");
    QVERIFY(readAnswers(patient, 1).contains("\"late\""));
}

QByteArray TestApiServer::readUntilClosed(QTcpSocket &socket)
{
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    return received + socket.readAll();
}

QTcpSocket *TestApiServer::connectedSocket(quint16 port)
{
    auto *socket = new QTcpSocket(this);
    socket->connectToHost(QHostAddress::LocalHost, port ? port : m_port);
    if (!socket->waitForConnected(5000))
        qFatal("cannot connect");
    return socket;
}

void TestApiServer::framingIsStrict_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    const QByteArray hidden = "GET /secret HTTP/1.1\r\nHost: t\r\n\r\n";
    const QByteArray chunkedEnd = "0\r\n\r\n";
    // RFC 9112 6.1: both framings at once is an attack or a broken proxy: 400 and close.
    QTest::newRow("Content-Length covering a request, and chunked") << "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: "
            + QByteArray::number(chunkedEnd.size() + hidden.size()) + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedEnd
            + hidden << QByteArray("HTTP/1.1 400");
    QTest::newRow("chunked, then a short Content-Length")
        << "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunkedEnd + hidden
        << QByteArray("HTTP/1.1 400");
    QTest::newRow("two different lengths") << "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\nab" + hidden
                                           << QByteArray("HTTP/1.1 400");
    QTest::newRow("chunk size zz") << "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n" + chunkedEnd
                                   << QByteArray("HTTP/1.1 400");
    QTest::newRow("negative length") << QByteArray("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n")
                                     << QByteArray("HTTP/1.1 400");
    QTest::newRow("coding other than chunked") << "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n" + hidden
                                               << QByteArray("HTTP/1.1 400");
    QTest::newRow("no Host") << QByteArray("GET /fast HTTP/1.1\r\n\r\n") << QByteArray("HTTP/1.1 400");
    QTest::newRow("two Hosts") << QByteArray("GET /fast HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << QByteArray("HTTP/1.1 400");
    QTest::newRow("absolute target") << QByteArray("GET http://t/fast HTTP/1.1\r\nHost: t\r\n\r\n") << QByteArray("HTTP/1.1 400");
    QTest::newRow("not HTTP") << QByteArray("HELLO\r\n\r\n") << QByteArray("HTTP/1.1 400");
    QTest::newRow("1 MB request line") << "GET /" + QByteArray(1024 * 1024, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n"
                                       << QByteArray("HTTP/1.1 414");
    QByteArray manyFields = "GET /fast HTTP/1.1\r\nHost: t\r\n";
    for (int i = 0; i < 100000; ++i)
        manyFields += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("100,000 header fields") << manyFields + "\r\n" << QByteArray("HTTP/1.1 431");
    QByteArray tooMany = "GET /fast HTTP/1.1\r\nHost: t\r\n";
    for (int i = 0; i < 100; ++i)
        tooMany += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("101 short header fields") << tooMany + "\r\n" << QByteArray("HTTP/1.1 431");
}

void TestApiServer::framingIsStrict()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    std::unique_ptr<QTcpSocket> socket(connectedSocket());
    socket->write(request);
    const QByteArray received = readUntilClosed(*socket);
    QVERIFY2(received.startsWith(status), received.left(200).constData());
    QCOMPARE(received.count("HTTP/1.1 "), 1); // nothing hidden in the request was answered
    QVERIFY(!received.contains("smuggled"));
    QVERIFY(received.contains("Connection: close"));
}

void TestApiServer::aWholeHeaderOf100FieldsIsKept()
{
    // Qt HttpServer 6.4 dropped every field past about 100, Connection: close among them.
    QByteArray request = "GET /probe HTTP/1.1\r\nHost: t\r\n";
    for (int i = 0; i < 97; ++i)
        request += "X-Filler-" + QByteArray::number(i) + ": v\r\n";
    request += "X-Probe: kept\r\nConnection: close\r\n\r\n";
    std::unique_ptr<QTcpSocket> socket(connectedSocket());
    socket->write(request);
    const QByteArray received = readUntilClosed(*socket);
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY(received.contains("probe kept"));
}

void TestApiServer::http10GetsItsConnectionClosed()
{
    std::unique_ptr<QTcpSocket> socket(connectedSocket());
    socket->write("GET /fast HTTP/1.0\r\n\r\n");
    const QByteArray received = readUntilClosed(*socket);
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY(received.contains("Connection: close"));
    QVERIFY(received.contains("\"fast\""));
}

void TestApiServer::aBodyOverTheLimitIsRefusedBeforeItIsSent()
{
    // Only the head: the answer comes from the announced length alone.
    std::unique_ptr<QTcpSocket> socket(connectedSocket());
    socket->write("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n");
    const QByteArray received = readAnswers(*socket, 1);
    QVERIFY2(received.startsWith("HTTP/1.1 413"), received.constData());
    QVERIFY(received.contains("body_too_large"));
}

void TestApiServer::aChunkedBodyArrivesWhole()
{
    std::unique_ptr<QTcpSocket> socket(connectedSocket());
    socket->write("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nX-Probe: c\r\n\r\n"
                  "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
    const QByteArray received = readAnswers(*socket, 1);
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY(received.contains("7 bytes, probe c"));
}

void TestApiServer::aTricklingHeadIsCutAtItsDeadline()
{
    // One byte at a time keeps restarting an idle timer, never a deadline.
    std::unique_ptr<QTcpSocket> socket(connectedSocket());
    const QByteArray head = "GET /fast HTTP/1.1\r\nHost: t\r\nX-Slow: " + QByteArray(200, 'z');
    qsizetype sent = 0;
    QTimer trickle;
    connect(&trickle, &QTimer::timeout, socket.get(), [&] {
        if (sent < head.size() && socket->state() == QAbstractSocket::ConnectedState)
            socket->write(head.mid(sent++, 1));
    });
    trickle.start(20);
    const QByteArray received = readUntilClosed(*socket);
    QVERIFY2(received.startsWith("HTTP/1.1 408"), received.constData());
    QVERIFY(received.contains("request_timeout"));
    QVERIFY(sent < head.size());
}

void TestApiServer::aTricklingBodyIsCutAtItsDeadline()
{
    std::unique_ptr<QTcpSocket> socket(connectedSocket());
    socket->write("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nab");
    const QByteArray received = readUntilClosed(*socket);
    QVERIFY2(received.startsWith("HTTP/1.1 408"), received.constData());
}

void TestApiServer::connectionsAreCapped()
{
    Router router;
    router.addPublic("GET", QStringLiteral("/fast"), [](const HttpRequest &) { return later(0, QStringLiteral("fast")); });
    HttpLimits limits;
    limits.maxConnections = 2;
    ApiServer capped(std::move(router), limits);
    QVERIFY(capped.listen(QHostAddress::LocalHost, 0));
    std::unique_ptr<QTcpSocket> first(connectedSocket(capped.serverPort()));
    std::unique_ptr<QTcpSocket> second(connectedSocket(capped.serverPort()));
    for (QTcpSocket *socket : {first.get(), second.get()}) {
        socket->write("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        QVERIFY(readAnswers(*socket, 1).startsWith("HTTP/1.1 200"));
    }
    QCOMPARE(capped.openConnections(), 2);
    std::unique_ptr<QTcpSocket> third(connectedSocket(capped.serverPort()));
    const QByteArray refused = readUntilClosed(*third);
    QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
    QVERIFY(refused.contains("too_many_connections"));

    first->disconnectFromHost();
    QTRY_COMPARE(capped.openConnections(), 1);
    std::unique_ptr<QTcpSocket> fourth(connectedSocket(capped.serverPort()));
    fourth->write("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(readAnswers(*fourth, 1).startsWith("HTTP/1.1 200"));
}

void TestApiServer::stopAnswersWhatIsInFlightThenCloses()
{
    std::unique_ptr<QTcpSocket> busy(connectedSocket());
    busy->write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    QSignalSpy answered(m_server.get(), &ApiServer::answered);
    QVERIFY(QTest::qWaitFor([&] { return m_slowStarted == 1; }, 5000));
    const QFuture<void> stopped = m_server->stop(std::chrono::seconds(5));
    QVERIFY(!m_server->isListening());
    const QByteArray received = readUntilClosed(*busy);
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData()); // answered, not cut
    QVERIFY(received.contains("\"slow\""));
    QTRY_VERIFY(stopped.isFinished());
    QCOMPARE(answered.count(), 1);
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(!late.waitForConnected(2000));
}

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"

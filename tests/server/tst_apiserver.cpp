// The HTTP layer alone, with routes made for the test: answer order on a
// pipelined connection, and clients that hang up before their answer.
#include "server/apiserver.h"
#include "server/idleclosingtcpserver.h"

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

private:
    QByteArray readAnswers(QTcpSocket &socket, int count);

    std::unique_ptr<ApiServer> m_server;
    quint16 m_port = 0;
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
    router.add("GET", QStringLiteral("/slow"), [](const HttpRequest &) { return later(200, QStringLiteral("slow")); });
    router.add("GET", QStringLiteral("/fast"), [](const HttpRequest &) { return later(0, QStringLiteral("fast")); });
    router.add("GET", QStringLiteral("/slower-than-idle"), [](const HttpRequest &) { return later(900, QStringLiteral("late")); });
    m_server = std::make_unique<ApiServer>(std::move(router), 1024);
    auto *tcp = new IdleClosingTcpServer(std::chrono::milliseconds(400));
    QVERIFY(tcp->listen(QHostAddress::LocalHost));
    m_server->bind(tcp);
    m_port = tcp->serverPort();
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
        QVERIFY(impatient.waitForBytesWritten(5000));
        QTest::qWait(50);
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

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"

// The real huntaze-server binary, as systemd runs it: SIGTERM while requests
// are being answered lets them finish (within the grace period), then the
// process exits cleanly.
#include "temppostgres.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>

using namespace huntaze;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray post(const QByteArray &path, const QByteArray &body)
{
    return "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

// One complete answer read from `socket`: its status.
int readStatus(QTcpSocket &socket, QByteArray *body = nullptr)
{
    QByteArray received;
    const bool complete = QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            const qsizetype headEnd = received.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return false;
            const qsizetype lengthAt = received.toLower().indexOf("content-length: ");
            const qsizetype length
                = lengthAt < 0 ? 0 : received.mid(lengthAt + 16, received.indexOf('\r', lengthAt) - lengthAt - 16).toInt();
            return received.size() >= headEnd + 4 + length;
        },
        30000);
    if (!complete)
        return 0;
    if (body)
        *body = received.mid(received.indexOf("\r\n\r\n") + 4);
    return received.mid(9, 3).toInt();
}

} // namespace

class TestServerProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sigtermLetsRequestsInFlightFinish();
};

void TestServerProcess::sigtermLetsRequestsInFlightFinish()
{
    test::TempPostgres postgres;
    if (!postgres.isRunning()) {
        if (test::TempPostgres::required())
            QFAIL(qPrintable(postgres.error()));
        QSKIP("no PostgreSQL");
    }
    postgres.createDatabase(QStringLiteral("huntaze"));
    const quint16 port = freePort();
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HUNTAZE_DATABASE_URL"), postgres.urlOf(QStringLiteral("huntaze")));
    environment.insert(QStringLiteral("HUNTAZE_SHUTDOWN_GRACE_SECONDS"), QStringLiteral("20"));
    server.setProcessEnvironment(environment);
    server.start(QStringLiteral(HUNTAZE_SERVER_BINARY), {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)});
    QVERIFY(server.waitForStarted());

    // An account to sign in to (a sign-in costs a full Argon2id hash: tens of milliseconds each).
    QTcpSocket setup;
    QVERIFY(QTest::qWaitFor(
        [&] {
            setup.connectToHost(QHostAddress::LocalHost, port);
            return setup.waitForConnected(200);
        },
        30000));
    QVERIFY(QTest::qWaitFor(
        [&] {
            setup.write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
            return readStatus(setup) == 200;
        },
        30000));
    const QByteArray account = R"({"email":"mia@example.com","password":"long enough password","displayName":"Mia"})";
    setup.write(post("/api/auth/sign-up", account));
    QByteArray signedUp;
    QCOMPARE(readStatus(setup, &signedUp), 201);
    const QByteArray token = QJsonDocument::fromJson(signedUp).object().value(QStringLiteral("token")).toString().toLatin1();
    setup.write("GET /api/me HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    QCOMPARE(readStatus(setup), 200);

    // Six clients, each with a connection the server has accepted, then each asks to sign in...
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 6; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket->waitForConnected(5000));
        socket->write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(readStatus(*socket), 200);
        clients.push_back(std::move(socket));
    }
    for (auto &socket : clients) {
        socket->write(post("/api/auth/sign-in", R"({"email":"mia@example.com","password":"long enough password"})"));
        QVERIFY(socket->waitForBytesWritten(5000));
    }
    // ...and the server is told to stop while it hashes.
    ::kill(static_cast<pid_t>(server.processId()), SIGTERM);

    for (auto &socket : clients) {
        QByteArray body;
        const int status = readStatus(*socket, &body);
        if (status != 200)
            qWarning("%s", server.readAll().constData());
        QCOMPARE(status, 200); // answered, not cut
        QVERIFY(!QJsonDocument::fromJson(body).object().value(QStringLiteral("token")).toString().isEmpty());
    }
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    const QByteArray log = server.readAll();
    QVERIFY2(log.contains("stopping:") && log.contains("stopped"), log.right(2000).constData());
    // One JSON object per line (journald, log shippers); a request line says who it acted as.
    bool sawMe = false;
    for (const QByteArray &line : log.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject entry = QJsonDocument::fromJson(line).object();
        QVERIFY2(!entry.isEmpty(), line.constData());
        QVERIFY(entry.contains(QStringLiteral("time")) && entry.contains(QStringLiteral("level")));
        if (entry.value(QStringLiteral("route")).toString() == QLatin1String("/api/me")) {
            sawMe = true;
            QCOMPARE(entry.value(QStringLiteral("status")).toInt(), 200);
            QVERIFY(entry.value(QStringLiteral("member")).toInteger() > 0);
            QVERIFY(entry.value(QStringLiteral("agency")).toInteger() > 0);
            QVERIFY(!entry.value(QStringLiteral("requestId")).toString().isEmpty());
        }
    }
    QVERIFY2(sawMe, log.right(2000).constData());
    // Nobody new gets in after the stop.
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!late.waitForConnected(1000));
}

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_serverprocess.moc"

// huntaze-server behind a real nginx (issue 11), with packaging/nginx's site
// as shipped (only its addresses and certificate swapped for the test's):
// TLS, request ids, the client's own address for rate limits (a forged
// X-Forwarded-For changes nothing), the limits' answers, the body limit, and
// the metrics path closed from outside. Clients come from distinct loopback
// addresses (127.0.0.2, .3, ...) so nginx sees them apart.
#include "fakeclock.h"
#include "runningserver.h"
#include "testutil.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace huntaze;
using namespace huntaze::server;

namespace {

struct Reply {
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestNginx : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void healthGoesThroughTls();
    void requestIdsAreKeptOrMade();
    void eachClientAddressHasItsOwnBudget();
    void bodiesOverTheLimitStopAtNginx();
    void metricsAreClosedFromOutside();

private:
    Reply request(const QByteArray &from, const QByteArray &method, const QByteArray &path,
                  const QList<QPair<QByteArray, QByteArray>> &headers = {}, const QByteArray &body = {});

    test::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC)};
    test::RunningServer m_running;
    QTemporaryDir m_dir;
    QProcess m_nginx;
    QSslCertificate m_certificate;
    int m_port = 0;
};

void TestNginx::initTestCase()
{
    const QString nginx
        = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (nginx.isEmpty() || openssl.isEmpty()) {
        if (test::TempPostgres::required())
            QFAIL("nginx and openssl are needed (Debian: nginx, openssl)");
        QSKIP("nginx or openssl not installed");
    }
    HUNTAZE_REQUIRE_SERVER(m_running.start([this](ServerConfig &config) {
        config.databaseConnections = 2;
        config.clock = &m_clock;
        config.trustedProxies = {{QHostAddress(QHostAddress::LocalHost), 32}};
        config.rateLimits.anonymous.requests = 3;
    }));

    // A self-signed certificate for "localhost", which the test's client trusts.
    QProcess certificate;
    certificate.start(openssl,
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost"),
                       QStringLiteral("-keyout"), m_dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                       m_dir.filePath(QStringLiteral("cert.pem"))});
    QVERIFY(certificate.waitForFinished(60000));
    QCOMPARE(certificate.exitCode(), 0);
    m_certificate = QSslCertificate::fromPath(m_dir.filePath(QStringLiteral("cert.pem"))).value(0);
    QVERIFY(!m_certificate.isNull());

    // The shipped site, pointed at this server, port and certificate.
    QFile shipped(QStringLiteral(HUNTAZE_SOURCE_DIR "/packaging/nginx/huntaze-server.conf"));
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    QString site = QString::fromUtf8(shipped.readAll());
    m_port = freePort();
    const std::pair<QString, QString> swaps[] = {
        {QStringLiteral("server 127.0.0.1:8080;"), QStringLiteral("server 127.0.0.1:%1;").arg(m_running.port())},
        {QStringLiteral("listen 443 ssl http2;"), QStringLiteral("listen 127.0.0.1:%1 ssl;").arg(m_port)},
        {QStringLiteral("listen [::]:443 ssl http2;"), QString()},
        {QStringLiteral("listen 80;"), QStringLiteral("listen 127.0.0.1:%1;").arg(freePort())},
        {QStringLiteral("listen [::]:80;"), QString()},
        {QStringLiteral("/etc/ssl/certs/huntaze.example.com.pem"), m_dir.filePath(QStringLiteral("cert.pem"))},
        {QStringLiteral("/etc/ssl/private/huntaze.example.com.key"), m_dir.filePath(QStringLiteral("key.pem"))},
    };
    for (const auto &[from, to] : swaps) {
        QVERIFY2(site.contains(from), qPrintable(from));
        site.replace(from, to);
    }
    QFile siteFile(m_dir.filePath(QStringLiteral("site.conf")));
    QVERIFY(siteFile.open(QIODevice::WriteOnly));
    siteFile.write(site.toUtf8());
    siteFile.close();
    QFile main(m_dir.filePath(QStringLiteral("nginx.conf")));
    QVERIFY(main.open(QIODevice::WriteOnly));
    const QString dir = m_dir.path();
    main.write(QStringLiteral("%1worker_processes 1;\nerror_log %2/error.log;\npid %2/nginx.pid;\nevents {}\n"
                              "http {\n  access_log %2/access.log;\n  client_body_temp_path %2/body;\n  proxy_temp_path %2/proxy;\n"
                              "  fastcgi_temp_path %2/fastcgi;\n  uwsgi_temp_path %2/uwsgi;\n  scgi_temp_path %2/scgi;\n"
                              "  include %2/site.conf;\n}\n")
                   .arg(::geteuid() == 0 ? QStringLiteral("user root;\n") : QString(), dir)
                   .toUtf8());
    main.close();
    m_nginx.setProcessChannelMode(QProcess::MergedChannels);
    m_nginx.start(nginx,
                  {QStringLiteral("-p"), dir, QStringLiteral("-c"), main.fileName(), QStringLiteral("-g"), QStringLiteral("daemon off;")});
    QVERIFY(m_nginx.waitForStarted());
    // Listening once a connection is accepted (nginx starts within milliseconds).
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(m_port));
            return probe.waitForConnected(200) || m_nginx.state() != QProcess::Running;
        }(),
        20000);
    QVERIFY2(m_nginx.state() == QProcess::Running, m_nginx.readAll().constData());
}

void TestNginx::cleanupTestCase()
{
    if (m_nginx.state() == QProcess::Running) {
        m_nginx.terminate();
        m_nginx.waitForFinished(10000);
    }
}

Reply TestNginx::request(const QByteArray &from, const QByteArray &method, const QByteArray &path,
                         const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QSslSocket socket;
    QSslConfiguration tls = socket.sslConfiguration();
    tls.setCaCertificates({m_certificate});
    socket.setSslConfiguration(tls);
    if (!socket.bind(QHostAddress(QString::fromLatin1(from))))
        qFatal("cannot bind %s: %s", from.constData(), qPrintable(socket.errorString()));
    socket.connectToHostEncrypted(QStringLiteral("localhost"), static_cast<quint16>(m_port));
    // The server answering nginx runs in this thread: every wait must let its events run.
    if (!QTest::qWaitFor([&socket] { return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState; }, 20000)
        || !socket.isEncrypted())
        qFatal("no TLS with nginx: %s", qPrintable(socket.errorString()));
    QByteArray head = method + ' ' + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    socket.write(head + "\r\n" + body);
    QByteArray received;
    QObject::connect(&socket, &QIODevice::readyRead, &socket, [&] { received += socket.readAll(); });
    // "Connection: close": the answer is complete when nginx closes.
    if (!QTest::qWaitFor([&socket] { return socket.state() == QAbstractSocket::UnconnectedState; }, 30000))
        qFatal("nginx did not finish answering %s %s", method.constData(), path.constData());
    received += socket.readAll();
    Reply reply;
    const qsizetype end = received.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = received.left(end).split('\n');
    reply.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            reply.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    reply.body = received.mid(end + 4);
    if (reply.headers.value("transfer-encoding") == "chunked") {
        QByteArray decoded;
        QByteArray rest = reply.body;
        while (true) {
            const qsizetype lineEnd = rest.indexOf("\r\n");
            const int size = rest.left(lineEnd).toInt(nullptr, 16);
            if (lineEnd < 0 || size == 0)
                break;
            decoded += rest.mid(lineEnd + 2, size);
            rest = rest.mid(lineEnd + 2 + size + 2);
        }
        reply.body = decoded;
    }
    return reply;
}

void TestNginx::healthGoesThroughTls()
{
    const Reply health = request("127.0.0.2", "GET", "/health");
    QCOMPARE(health.status, 200);
    QCOMPARE(QJsonDocument::fromJson(health.body).object().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(health.headers.value("strict-transport-security"), QByteArray("max-age=31536000"));
}

void TestNginx::requestIdsAreKeptOrMade()
{
    QCOMPARE(request("127.0.0.2", "GET", "/health", {{"X-Request-Id", "trace-from-the-app-1"}}).headers.value("x-request-id"),
             QByteArray("trace-from-the-app-1"));
    // None (or one the server would not take): nginx makes one, the server answers with it.
    for (const QByteArray &given : {QByteArray(), QByteArray("bad id with spaces")}) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!given.isEmpty())
            headers.append({"X-Request-Id", given});
        const QByteArray made = request("127.0.0.2", "GET", "/health", headers).headers.value("x-request-id");
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(QString::fromLatin1(made)).hasMatch(), made.constData());
    }
}

void TestNginx::eachClientAddressHasItsOwnBudget()
{
    const QByteArray wrong = R"({"email":"nobody@example.com","password":"long enough password"})";
    for (int i = 0; i < 3; ++i)
        QCOMPARE(request("127.0.0.3", "POST", "/api/auth/sign-in", {}, wrong).status, 401);
    const Reply refused = request("127.0.0.3", "POST", "/api/auth/sign-in", {}, wrong);
    QCOMPARE(refused.status, 429); // the server saw 127.0.0.3, not nginx's 127.0.0.1
    QCOMPARE(refused.headers.value("retry-after"), QByteArray("20"));
    QCOMPARE(refused.headers.value("ratelimit-policy"), QByteArray(R"("anonymous";q=3;w=60)"));
    QVERIFY(QJsonDocument::fromJson(refused.body).object().contains(QStringLiteral("resetTime")));
    // Another address has its own budget, whatever it claims to be.
    QCOMPARE(request("127.0.0.4", "POST", "/api/auth/sign-in", {{"X-Forwarded-For", "127.0.0.3"}}, wrong).status, 401);
    // And nobody can spend another's by claiming its address.
    for (int i = 0; i < 2; ++i)
        QCOMPARE(request("127.0.0.5", "POST", "/api/auth/sign-in", {{"X-Forwarded-For", "127.0.0.6"}}, wrong).status, 401);
    QCOMPARE(request("127.0.0.6", "POST", "/api/auth/sign-in", {}, wrong).status, 401);
}

void TestNginx::bodiesOverTheLimitStopAtNginx()
{
    const QByteArray huge(5 * 1024 * 1024, 'x');
    QCOMPARE(request("127.0.0.7", "POST", "/api/auth/sign-in", {}, huge).status, 413);
}

void TestNginx::metricsAreClosedFromOutside()
{
    QCOMPARE(request("127.0.0.8", "GET", "/api/metrics", {{"Authorization", "Bearer anything"}}).status, 404);
    QCOMPARE(request("127.0.0.8", "GET", "/metrics").status, 404);
}

QTEST_GUILESS_MAIN(TestNginx)
#include "tst_nginx.moc"

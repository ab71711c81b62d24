// Native TLS (issue 11): huntaze-server speaks HTTPS itself when given a
// certificate and key, and the desktop's client refuses a server whose
// certificate it does not trust, with a message that says so, until the
// computer trusts the certificate's authority.
#include "backend/remotebackend.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "server/serverconfig.h"
#include "testutil.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;
using test::await;

class TestTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void theServerSpeaksHttps();
    void anUntrustedCertificateIsRefusedWithAClearMessage();
    void aTrustedAuthorityLetsTheDesktopSignIn();
    void plainHttpOnTheTlsPortIsClosed();
    void badTlsSettingsAreNamed_data();
    void badTlsSettingsAreNamed();

private:
    QUrl httpsUrl(const QString &path) const;

    QTemporaryDir m_dir;
    test::RunningServer m_running;
    QSslCertificate m_certificate;
    QSslConfiguration m_systemDefault = QSslConfiguration::defaultConfiguration();
    QNetworkAccessManager m_network;
};

void TestTls::initTestCase()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        if (test::TempPostgres::required())
            QFAIL("openssl is needed (Debian: openssl)");
        QSKIP("openssl not installed");
    }
    // A self-signed certificate for the loopback address, as a small setup would make one.
    QProcess certificate;
    certificate.start(openssl,
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=huntaze test"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"), QStringLiteral("-keyout"),
                       m_dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"), m_dir.filePath(QStringLiteral("cert.pem"))});
    QVERIFY(certificate.waitForFinished(30000));
    QCOMPARE(certificate.exitCode(), 0);

    // Through the settings an operator writes.
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HUNTAZE_DATABASE_URL"), QStringLiteral("postgresql://u@127.0.0.1/db"));
    environment.insert(QStringLiteral("HUNTAZE_TLS_CERTIFICATE"), m_dir.filePath(QStringLiteral("cert.pem")));
    environment.insert(QStringLiteral("HUNTAZE_TLS_KEY"), m_dir.filePath(QStringLiteral("key.pem")));
    const Result<ServerConfig> parsed = ServerConfig::parse({}, environment);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QVERIFY(parsed.value().usesTls());
    m_certificate = parsed.value().tlsCertificates.first();
    HUNTAZE_REQUIRE_SERVER(m_running.start([&parsed](ServerConfig &config) {
        config.databaseConnections = 2;
        config.tlsCertificates = parsed.value().tlsCertificates;
        config.tlsKey = parsed.value().tlsKey;
    }));
}

void TestTls::cleanup()
{
    QSslConfiguration::setDefaultConfiguration(m_systemDefault);
}

QUrl TestTls::httpsUrl(const QString &path) const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_running.port()).arg(path));
}

void TestTls::theServerSpeaksHttps()
{
    QNetworkRequest request(httpsUrl(QStringLiteral("/health")));
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.addCaCertificate(m_certificate);
    request.setSslConfiguration(trusting);
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->sslConfiguration().peerCertificate(), m_certificate);
    QVERIFY(reply->sslConfiguration().sessionProtocol() >= QSsl::TlsV1_2);
    reply->deleteLater();
}

void TestTls::anUntrustedCertificateIsRefusedWithAClearMessage()
{
    QNetworkAccessManager network; // a desktop that never met this server
    CircuitBreakerRegistry breakers;
    ApiClient api(network, breakers);
    RemoteBackend backend(api, httpsUrl({}));
    const Result<User> user = await(backend.signIn(QStringLiteral("nobody@example.com"), QStringLiteral("long enough password")));
    QVERIFY(!user.ok());
    QCOMPARE(user.error().code, ErrorCode::Tls);
    // It names the server and what is wrong with its certificate, and says what to do.
    QVERIFY2(user.error().message.contains(QLatin1String("127.0.0.1")), qPrintable(user.error().message));
    QVERIFY2(user.error().message.contains(QLatin1String("self-signed"), Qt::CaseInsensitive), qPrintable(user.error().message));
    QVERIFY2(user.error().message.contains(QLatin1String("authority")), qPrintable(user.error().message));
    backend.shutdown();
}

void TestTls::aTrustedAuthorityLetsTheDesktopSignIn()
{
    // The operator's authority installed on this computer: what the refusal asks for.
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.addCaCertificate(m_certificate);
    QSslConfiguration::setDefaultConfiguration(trusting);
    QNetworkAccessManager network; // after the change: it takes the default configuration then
    CircuitBreakerRegistry breakers;
    ApiClient api(network, breakers);
    RemoteBackend backend(api, httpsUrl({}));
    const Result<User> user
        = await(backend.signUp({QStringLiteral("tls@example.com"), QStringLiteral("long enough password"), QStringLiteral("Mia")}));
    QVERIFY2(user.ok(), qPrintable(user.ok() ? QString() : user.error().message));
    QCOMPARE(user.value().email, QStringLiteral("tls@example.com"));
    backend.shutdown();
}

void TestTls::plainHttpOnTheTlsPortIsClosed()
{
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, m_running.port());
    QVERIFY(plain.waitForConnected(5000));
    plain.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    // Not a TLS hello: the handshake fails and the connection closes, with no HTTP answer.
    QSignalSpy closed(&plain, &QTcpSocket::disconnected);
    QVERIFY(closed.wait(20000));
    QVERIFY(!plain.readAll().startsWith("HTTP/"));
}

void TestTls::badTlsSettingsAreNamed_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("saying");
    QTest::newRow("certificate alone") << QStringLiteral("cert.pem") << QString() << QStringLiteral("HUNTAZE_TLS_CERTIFICATE")
                                       << QStringLiteral("both");
    QTest::newRow("key alone") << QString() << QStringLiteral("key.pem") << QStringLiteral("HUNTAZE_TLS_CERTIFICATE")
                               << QStringLiteral("both");
    QTest::newRow("missing file") << QStringLiteral("absent.pem") << QStringLiteral("key.pem") << QStringLiteral("HUNTAZE_TLS_CERTIFICATE")
                                  << QStringLiteral("cannot read");
    QTest::newRow("key given as certificate") << QStringLiteral("key.pem") << QStringLiteral("key.pem")
                                              << QStringLiteral("HUNTAZE_TLS_CERTIFICATE") << QStringLiteral("no PEM certificate");
    QTest::newRow("certificate given as key") << QStringLiteral("cert.pem") << QStringLiteral("cert.pem")
                                              << QStringLiteral("HUNTAZE_TLS_KEY") << QStringLiteral("no unencrypted PEM private key");
}

void TestTls::badTlsSettingsAreNamed()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, field);
    QFETCH(QString, saying);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HUNTAZE_DATABASE_URL"), QStringLiteral("postgresql://u@127.0.0.1/db"));
    if (!certificate.isEmpty())
        environment.insert(QStringLiteral("HUNTAZE_TLS_CERTIFICATE"), m_dir.filePath(certificate));
    if (!key.isEmpty())
        environment.insert(QStringLiteral("HUNTAZE_TLS_KEY"), m_dir.filePath(key));
    const Result<ServerConfig> parsed = ServerConfig::parse({}, environment);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, field);
    QVERIFY2(parsed.error().message.contains(saying), qPrintable(parsed.error().message));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"

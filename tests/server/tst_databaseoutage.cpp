// PostgreSQL goes away under a running huntaze-server and comes back: every
// request meanwhile is a 503 database_unavailable with Retry-After (not a
// 500), the outage is logged once when it starts and once when it ends, and
// the server serves again without a restart.
#include "runningserver.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;

namespace {

QStringList storageLog;
QtMessageHandler previousHandler = nullptr;

void captureStorageLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArrayView(context.category) == "huntaze.storage")
        storageLog.append(message);
    previousHandler(type, context, message);
}

} // namespace

class TestDatabaseOutage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void outageIsA503ThenHeals();

private:
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body = {});
    int statusOf(QNetworkReply *reply);

    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    QString m_token;
};

void TestDatabaseOutage::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([](ServerConfig &config) {
        config.databaseConnections = 3;
        // Kept sessions would answer /api/me from memory for the first seconds
        // of an outage (tst_sessioncache covers that); here every route asks the database.
        config.sessionCacheSeconds = 0;
    }));
    QNetworkReply *signedUp = send("POST", QStringLiteral("/api/auth/sign-up"),
                                   R"({"email":"mia@example.com","password":"long enough password","displayName":"Mia"})");
    QCOMPARE(statusOf(signedUp), 201);
    m_token = QJsonDocument::fromJson(signedUp->readAll()).object().value(QStringLiteral("token")).toString();
    previousHandler = qInstallMessageHandler(captureStorageLog);
}

void TestDatabaseOutage::cleanupTestCase()
{
    if (previousHandler)
        qInstallMessageHandler(previousHandler);
}

QNetworkReply *TestDatabaseOutage::send(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(m_running.url().toString() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    reply->setParent(this);
    return reply;
}

int TestDatabaseOutage::statusOf(QNetworkReply *reply)
{
    if (!reply->isFinished() && !QSignalSpy(reply, &QNetworkReply::finished).wait(30000))
        qFatal("no answer");
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestDatabaseOutage::outageIsA503ThenHeals()
{
    QCOMPARE(statusOf(send("GET", QStringLiteral("/api/me"))), 200);
    storageLog.clear();
    QVERIFY(m_running.postgres().stopServer());

    QList<QNetworkReply *> during;
    for (int i = 0; i < 30; ++i)
        during.append(send("GET", i % 2 ? QStringLiteral("/api/me") : QStringLiteral("/api/fans")));
    for (QNetworkReply *reply : during) {
        QCOMPARE(statusOf(reply), 503);
        const QJsonObject error = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("database_unavailable"));
        QVERIFY(reply->rawHeader("Retry-After").toInt() >= 1);
    }
    QCOMPARE(statusOf(send("GET", QStringLiteral("/health"))), 503);
    QCOMPARE(storageLog.filter(QStringLiteral("unavailable")).size(), 1); // once, not once per request or connection
    QVERIFY(storageLog.filter(QStringLiteral("available again")).isEmpty());

    QVERIFY(m_running.postgres().startServer());
    // Reconnection is paced by the server's backoff (at most 5 s between attempts).
    QVERIFY(QTest::qWaitFor([&] { return statusOf(send("GET", QStringLiteral("/api/me"))) == 200; }, 20000));
    QCOMPARE(storageLog.filter(QStringLiteral("available again")).size(), 1);
    QCOMPARE(statusOf(send("POST", QStringLiteral("/api/fans/import"), R"({"fans":[{"name":"Leo"}]})")), 201);
    QCOMPARE(statusOf(send("GET", QStringLiteral("/health"))), 200);
    QCOMPARE(storageLog.filter(QStringLiteral("unavailable")).size(), 1);
}

QTEST_GUILESS_MAIN(TestDatabaseOutage)
#include "tst_databaseoutage.moc"

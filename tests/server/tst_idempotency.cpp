// Safe retries (issue 11): a write sent again with the same Idempotency-Key
// is done once and answered the same; another request with the key is 422;
// a refused write does not keep its key. And the desktop's client: its write
// whose answer was lost after the server committed is retried with the same
// key, and nothing is made twice.
#include "backend/remotebackend.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "testhttpserver.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;
using test::Answer;
using test::await;

namespace {

const QString password = QStringLiteral("long enough password");

QJsonObject draft(const QString &title)
{
    return {{QStringLiteral("kind"), QStringLiteral("idea")},
            {QStringLiteral("title"), title},
            {QStringLiteral("body"), QStringLiteral("Body")}};
}

} // namespace

class TestIdempotency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void theSameKeyGetsTheSameAnswerAndOneWrite();
    void anotherRequestWithTheKeyIs422();
    void aRefusedWriteDoesNotKeepItsKey();
    void keysBelongToTheirCaller();
    void twoTriesAtOnceMakeOneWrite();
    void badKeysAreRefused_data();
    void badKeysAreRefused();
    void desktopRetriesALostAnswerWithoutADuplicate();

private:
    Answer call(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body, const QByteArray &key = {});
    QString signUp(const QString &email);
    int drafts(const QString &token);

    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    QString m_mia;
};

void TestIdempotency::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([](ServerConfig &config) { config.databaseConnections = 3; }));
    m_mia = signUp(QStringLiteral("idempotent@example.com"));
}

Answer TestIdempotency::call(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body,
                             const QByteArray &key)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!key.isNull())
        headers.append({QByteArrayLiteral("Idempotency-Key"), key});
    return test::send(m_network, m_running.url().resolved(QUrl(path)), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token, headers);
}

QString TestIdempotency::signUp(const QString &email)
{
    const Answer answer = call(
        "POST", QStringLiteral("/api/auth/sign-up"), {},
        {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}, {QStringLiteral("displayName"), QStringLiteral("Mia")}});
    if (answer.status != 201)
        qFatal("sign-up failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

int TestIdempotency::drafts(const QString &token)
{
    return static_cast<int>(call("GET", QStringLiteral("/api/drafts"), token, {}).json.value(QStringLiteral("drafts")).toArray().size());
}

void TestIdempotency::theSameKeyGetsTheSameAnswerAndOneWrite()
{
    const int before = drafts(m_mia);
    const Answer first = call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Once")), "key-once-1");
    QCOMPARE(first.status, 201);
    QVERIFY(!first.headers.contains("idempotent-replayed"));
    for (int retry = 0; retry < 3; ++retry) {
        const Answer again = call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Once")), "key-once-1");
        QCOMPARE(again.status, 201);
        QCOMPARE(again.body, first.body); // the very answer, the draft's id included
        QCOMPARE(again.headers.value("idempotent-replayed"), QByteArray("true"));
    }
    QCOMPARE(drafts(m_mia), before + 1);
    // Without a key, each request is its own.
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Twice"))).status, 201);
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Twice"))).status, 201);
    QCOMPARE(drafts(m_mia), before + 3);
}

void TestIdempotency::anotherRequestWithTheKeyIs422()
{
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("First")), "key-reused").status, 201);
    const Answer other = call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Second")), "key-reused");
    QCOMPARE(other.status, 422);
    QCOMPARE(other.errorCode(), QStringLiteral("idempotency_key_reused"));
    QCOMPARE(other.errorField(), QStringLiteral("Idempotency-Key"));
    const Answer elsewhere
        = call("PUT", QStringLiteral("/api/preferences/tone"), m_mia, {{QStringLiteral("value"), QStringLiteral("warm")}}, "key-reused");
    QCOMPARE(elsewhere.status, 422);
}

void TestIdempotency::aRefusedWriteDoesNotKeepItsKey()
{
    const int before = drafts(m_mia);
    QJsonObject bad = draft(QStringLiteral("Bad"));
    bad.insert(QStringLiteral("kind"), QStringLiteral("poem"));
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"), m_mia, bad, "key-fixed-later").status, 400);
    // Corrected and sent with the same key: nothing was done the first time, so it is done now.
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"), m_mia, bad, "key-fixed-later").status, 400);
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Fixed")), "key-fixed-later").status, 201);
    QCOMPARE(drafts(m_mia), before + 1);
}

void TestIdempotency::keysBelongToTheirCaller()
{
    const QString zoe = signUp(QStringLiteral("idempotent-zoe@example.com"));
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Mia's")), "shared-key").status, 201);
    const Answer theirs = call("POST", QStringLiteral("/api/drafts"), zoe, draft(QStringLiteral("Zoe's")), "shared-key");
    QCOMPARE(theirs.status, 201);
    QVERIFY(!theirs.headers.contains("idempotent-replayed"));
    QCOMPARE(drafts(zoe), 1);
}

void TestIdempotency::twoTriesAtOnceMakeOneWrite()
{
    const int before = drafts(m_mia);
    const QByteArray body = QJsonDocument(draft(QStringLiteral("Raced"))).toJson(QJsonDocument::Compact);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 4; ++i) {
        QNetworkRequest request(m_running.url().resolved(QUrl(QStringLiteral("/api/drafts"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_mia.toLatin1());
        request.setRawHeader("Idempotency-Key", "key-raced");
        replies.append(m_network.post(request, body));
    }
    // Each is served the one write's answer, or told to come back in a moment
    // (409, Retry-After) while that answer is on its way; never a second write.
    QSet<QByteArray> bodies;
    for (QNetworkReply *reply : replies) {
        if (!reply->isFinished())
            QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(20000));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status == 409) {
            QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("1"));
        } else {
            QCOMPARE(status, 201);
            bodies.insert(body);
        }
        reply->deleteLater();
    }
    QCOMPARE(bodies.size(), 1);
    QCOMPARE(drafts(m_mia), before + 1);
    // Come back: the first answer.
    const Answer later = call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Raced")), "key-raced");
    QCOMPARE(later.status, 201);
    QCOMPARE(later.body, *bodies.cbegin());
}

void TestIdempotency::badKeysAreRefused_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("too long") << QByteArray(256, 'k');
    QTest::newRow("space") << QByteArray("two words");
    QTest::newRow("control") << QByteArray("tab\there");
    QTest::newRow("not ASCII") << QByteArray("cl\xc3\xa9");
}

void TestIdempotency::badKeysAreRefused()
{
    QFETCH(QByteArray, key);
    const int before = drafts(m_mia);
    const Answer refused = call("POST", QStringLiteral("/api/drafts"), m_mia, draft(QStringLiteral("Never")), key);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorField(), QStringLiteral("Idempotency-Key"));
    QCOMPARE(drafts(m_mia), before);
}

void TestIdempotency::desktopRetriesALostAnswerWithoutADuplicate()
{
    // A proxy in front of the server: it passes everything on, but the answer to
    // the first draft saved is cut mid-body, after the server committed it.
    test::TestHttpServer proxy;
    QNetworkAccessManager upstream;
    bool cut = false;
    proxy.setHandler([&](const test::TestHttpServer::Request &request) {
        QList<QPair<QByteArray, QByteArray>> headers;
        for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it) {
            if (it.key() != "host" && it.key() != "content-length" && it.key() != "connection")
                headers.append({it.key(), it.value()});
        }
        const Answer answer = test::send(upstream, m_running.url().resolved(QUrl(QString::fromLatin1(request.path))), request.method,
                                         request.body, {}, headers);
        if (!cut && request.method == "POST" && request.path.startsWith("/api/drafts")) {
            cut = true;
            return test::TestHttpServer::Reply::resetMidBody(answer.body);
        }
        return test::TestHttpServer::Reply::raw(answer.status, answer.body);
    });
    CircuitBreakerRegistry breakers;
    ApiClient client(m_network, breakers);
    RemoteBackend desktop(client, proxy.url(QStringLiteral("/")));
    QVERIFY(await(desktop.signUp({QStringLiteral("idempotent-desk@example.com"), password, QStringLiteral("Mia")})).ok());
    Draft idea;
    idea.title = QStringLiteral("Lost answer");
    idea.body = QStringLiteral("Body");
    const Result<Draft> saved = await(desktop.saveDraft(idea));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QVERIFY(cut);
    // The retry carried the first try's key: one draft, not two.
    QList<QByteArray> keys;
    for (const test::TestHttpServer::Request &request : proxy.requests()) {
        if (request.method == "POST" && request.path.startsWith("/api/drafts"))
            keys.append(request.headers.value("idempotency-key"));
    }
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys.at(0), keys.at(1));
    QVERIFY(!keys.at(0).isEmpty());
    const Result<QList<Draft>> listed = await(desktop.visibleDrafts());
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), 1);
    QCOMPARE(listed.value().first().id, saved.value().id);
    desktop.shutdown();
}

QTEST_GUILESS_MAIN(TestIdempotency)
#include "tst_idempotency.moc"

// API keys (issue 11): made by owners and admins, the secret shown once and
// stored as a digest, scopes checked on every route, revoked at once, expired
// by the server's clock, budgets of their own, never across agencies.
#include "fakeclock.h"
#include "runningserver.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;
using namespace std::chrono_literals;
using test::Answer;
using test::await;

namespace {

const QString password = QStringLiteral("long enough password");

} // namespace

class TestApiKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void anOwnerMakesAKeyShownOnce();
    void onlyKeyManagersSeeOrMakeKeys();
    void badKeysAreRefusedByName_data();
    void badKeysAreRefusedByName();
    void scopesDecideEveryRoute_data();
    void scopesDecideEveryRoute();
    void aRevokedKeyStopsAtOnce();
    void anExpiredKeyStops();
    void aKeyNeverReachesAnotherAgency();
    void keysHaveBudgetsOfTheirOwn();

private:
    Answer call(const QByteArray &method, const QString &path, const QString &token = {}, const QJsonObject &body = {});
    QString signUp(const QString &email);
    QString makeKey(const QString &owner, const QStringList &scopes, const QString &expiresAt = {});

    test::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC)};
    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    QString m_owner;
};

void TestApiKeys::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([this](ServerConfig &config) {
        config.databaseConnections = 2;
        config.clock = &m_clock;
        config.rateLimits.api.requests = 100;
    }));
    m_owner = signUp(QStringLiteral("keys-owner@example.com"));
}

Answer TestApiKeys::call(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body)
{
    return test::send(m_network, m_running.url().resolved(QUrl(path)), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QString TestApiKeys::signUp(const QString &email)
{
    const Answer answer = call(
        "POST", QStringLiteral("/api/auth/sign-up"), {},
        {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}, {QStringLiteral("displayName"), QStringLiteral("Mia")}});
    if (answer.status != 201)
        qFatal("sign-up failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

QString TestApiKeys::makeKey(const QString &owner, const QStringList &scopes, const QString &expiresAt)
{
    QJsonObject body{{QStringLiteral("name"), QStringLiteral("Reporting script")},
                     {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)}};
    if (!expiresAt.isEmpty())
        body.insert(QStringLiteral("expiresAt"), expiresAt);
    const Answer made = call("POST", QStringLiteral("/api/agency/api-keys"), owner, body);
    if (made.status != 201)
        qFatal("making a key failed: %d %s", made.status, made.body.constData());
    return made.json.value(QStringLiteral("secret")).toString();
}

void TestApiKeys::anOwnerMakesAKeyShownOnce()
{
    const Answer made
        = call("POST", QStringLiteral("/api/agency/api-keys"), m_owner,
               {{QStringLiteral("name"), QStringLiteral("  Zapier  ")},
                {QStringLiteral("scopes"), QJsonArray{QStringLiteral("read"), QStringLiteral("ai"), QStringLiteral("read")}}});
    QCOMPARE(made.status, 201);
    const QString secret = made.json.value(QStringLiteral("secret")).toString();
    QVERIFY(secret.startsWith(QLatin1String("hzk_")));
    QCOMPARE(secret.size(), 4 + 43);
    const QJsonObject key = made.json.value(QStringLiteral("key")).toObject();
    QCOMPARE(key.value(QStringLiteral("name")).toString(), QStringLiteral("Zapier"));
    QCOMPARE(key.value(QStringLiteral("prefix")).toString(), secret.left(12));
    QCOMPARE(key.value(QStringLiteral("scopes")).toArray(), (QJsonArray{QStringLiteral("read"), QStringLiteral("ai")}));
    QVERIFY(key.value(QStringLiteral("expiresAt")).isNull());

    QCOMPARE(call("GET", QStringLiteral("/api/fans"), secret).status, 200);
    const Answer listed = call("GET", QStringLiteral("/api/agency/api-keys"), m_owner);
    QCOMPARE(listed.status, 200);
    QVERIFY(!listed.body.contains(secret.toUtf8())); // listed, never with its secret
    const QJsonObject first = listed.json.value(QStringLiteral("keys")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("prefix")).toString(), secret.left(12));
    QCOMPARE(first.value(QStringLiteral("createdByEmail")).toString(), QStringLiteral("keys-owner@example.com"));
    QCOMPARE(QDateTime::fromString(first.value(QStringLiteral("lastUsedAt")).toString(), Qt::ISODate).isValid(), true);
    // Only its digest is kept.
    SqlWorker database(m_running.superuserDatabase());
    const Result<int> plain = await(database.run<int>([secret](QSqlDatabase &db) -> Result<int> {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT COUNT(*) FILTER (WHERE secret_digest = sha256(convert_to(?, 'UTF8'))), "
                                     "COUNT(*) FILTER (WHERE position(? in name || prefix || scopes::text) > 0) FROM api_keys"));
        query.addBindValue(secret);
        query.addBindValue(secret.mid(12));
        if (!query.exec() || !query.next())
            return storageError(QStringLiteral("look for the secret"), query.lastError());
        return query.value(0).toInt() * 10 + query.value(1).toInt();
    }));
    QCOMPARE(plain.value(), 10); // its digest once, the secret itself nowhere
    const QJsonArray audit
        = call("GET", QStringLiteral("/api/agency/audit?action=api_key_created"), m_owner).json.value(QStringLiteral("entries")).toArray();
    QVERIFY(!audit.isEmpty());
}

void TestApiKeys::onlyKeyManagersSeeOrMakeKeys()
{
    const Answer invited
        = call("POST", QStringLiteral("/api/agency/invitations"), m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}});
    QCOMPARE(invited.status, 201);
    const Answer joined = call("POST", QStringLiteral("/api/auth/sign-up"), {},
                               {{QStringLiteral("email"), QStringLiteral("keys-chatter@example.com")},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("invitation"), invited.json.value(QStringLiteral("code")).toString()}});
    QCOMPARE(joined.status, 201);
    const QString chatter = joined.json.value(QStringLiteral("token")).toString();
    QCOMPARE(call("GET", QStringLiteral("/api/agency/api-keys"), chatter).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/agency/api-keys"), chatter,
                  {{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("read")}}})
                 .status,
             403);
    // Nor can a key make keys.
    const QString key = makeKey(m_owner, {QStringLiteral("read"), QStringLiteral("write"), QStringLiteral("ai")});
    QCOMPARE(call("GET", QStringLiteral("/api/agency/api-keys"), key).status, 403);
}

void TestApiKeys::badKeysAreRefusedByName_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    const QJsonArray read{QStringLiteral("read")};
    QTest::newRow("no name") << QJsonObject{{QStringLiteral("scopes"), read}} << QStringLiteral("name");
    QTest::newRow("blank name") << QJsonObject{{QStringLiteral("name"), QStringLiteral("   ")}, {QStringLiteral("scopes"), read}}
                                << QStringLiteral("name");
    QTest::newRow("long name") << QJsonObject{{QStringLiteral("name"), QString(101, u'x')}, {QStringLiteral("scopes"), read}}
                               << QStringLiteral("name");
    QTest::newRow("no scopes") << QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}} << QStringLiteral("scopes");
    QTest::newRow("empty scopes") << QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("scopes"), QJsonArray{}}}
                                  << QStringLiteral("scopes");
    QTest::newRow("unknown scope") << QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                                  {QStringLiteral("scopes"), QJsonArray{QStringLiteral("admin")}}}
                                   << QStringLiteral("scopes");
    QTest::newRow("scope a number") << QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("scopes"), QJsonArray{1}}}
                                    << QStringLiteral("scopes");
    QTest::newRow("past expiry") << QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                                {QStringLiteral("scopes"), read},
                                                {QStringLiteral("expiresAt"), QStringLiteral("2001-01-01T00:00:00Z")}}
                                 << QStringLiteral("expiresAt");
    QTest::newRow("expiry without offset") << QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                                          {QStringLiteral("scopes"), read},
                                                          {QStringLiteral("expiresAt"), QStringLiteral("2099-01-01T00:00:00")}}
                                           << QStringLiteral("expiresAt");
    QTest::newRow("expiry a number") << QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                                    {QStringLiteral("scopes"), read},
                                                    {QStringLiteral("expiresAt"), 1e308}}
                                     << QStringLiteral("expiresAt");
}

void TestApiKeys::badKeysAreRefusedByName()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    const Answer refused = call("POST", QStringLiteral("/api/agency/api-keys"), m_owner, body);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorField(), field);
}

void TestApiKeys::scopesDecideEveryRoute_data()
{
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    const QStringList read{QStringLiteral("read")}, write{QStringLiteral("write")}, ai{QStringLiteral("ai")};
    const QStringList all{QStringLiteral("read"), QStringLiteral("write"), QStringLiteral("ai")};
    const QJsonObject draft{{QStringLiteral("kind"), QStringLiteral("idea")},
                            {QStringLiteral("title"), QStringLiteral("T")},
                            {QStringLiteral("body"), QStringLiteral("B")}};
    const QJsonObject fans{{QStringLiteral("fans"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Ana")}}}}};
    const QJsonObject ideas{{QStringLiteral("count"), 2}};
    QTest::newRow("read: fans") << read << QByteArray("GET") << QStringLiteral("/api/fans") << QJsonObject() << 200;
    QTest::newRow("read: offers") << read << QByteArray("GET") << QStringLiteral("/api/offers") << QJsonObject() << 200;
    QTest::newRow("read: no import") << read << QByteArray("POST") << QStringLiteral("/api/fans/import") << fans << 403;
    QTest::newRow("read: no draft") << read << QByteArray("POST") << QStringLiteral("/api/drafts") << draft << 403;
    QTest::newRow("read: no AI") << read << QByteArray("POST") << QStringLiteral("/api/ai-assistant/tools/content-ideas") << ideas << 403;
    QTest::newRow("write: import") << write << QByteArray("POST") << QStringLiteral("/api/fans/import") << fans << 201;
    QTest::newRow("write: draft") << write << QByteArray("POST") << QStringLiteral("/api/drafts") << draft << 201;
    QTest::newRow("write: no fans list") << write << QByteArray("GET") << QStringLiteral("/api/fans") << QJsonObject() << 403;
    QTest::newRow("write: no AI") << write << QByteArray("POST") << QStringLiteral("/api/ai-assistant/tools/content-ideas") << ideas << 403;
    QTest::newRow("ai: ideas") << ai << QByteArray("POST") << QStringLiteral("/api/ai-assistant/tools/content-ideas") << ideas << 200;
    QTest::newRow("ai: no fans list") << ai << QByteArray("GET") << QStringLiteral("/api/fans") << QJsonObject() << 403;
    QTest::newRow("ai: no import") << ai << QByteArray("POST") << QStringLiteral("/api/fans/import") << fans << 403;
    // Whatever its scopes, never the people.
    QTest::newRow("all: no team") << all << QByteArray("GET") << QStringLiteral("/api/agency/members") << QJsonObject() << 403;
    QTest::newRow("all: no invitations") << all << QByteArray("POST") << QStringLiteral("/api/agency/invitations")
                                         << QJsonObject{{QStringLiteral("role"), QStringLiteral("admin")}} << 403;
    QTest::newRow("all: no password") << all << QByteArray("POST") << QStringLiteral("/api/auth/password")
                                      << QJsonObject{{QStringLiteral("currentPassword"), password},
                                                     {QStringLiteral("newPassword"), QStringLiteral("another long password")}}
                                      << 403;
    QTest::newRow("all: no signing out everyone")
        << all << QByteArray("POST") << QStringLiteral("/api/auth/sign-out-everywhere") << QJsonObject() << 403;
    QTest::newRow("all: no shifts") << all << QByteArray("POST") << QStringLiteral("/api/shifts/clock-in") << QJsonObject() << 403;
    QTest::newRow("all: no hours") << all << QByteArray("GET") << QStringLiteral("/api/shifts/schedule") << QJsonObject() << 403;
}

void TestApiKeys::scopesDecideEveryRoute()
{
    QFETCH(QStringList, scopes);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    const QString key = makeKey(m_owner, scopes);
    const Answer answer = call(method, path, key, body);
    QVERIFY2(answer.status == status, answer.body.constData());
    if (status == 403)
        QCOMPARE(answer.errorCode(), QStringLiteral("forbidden"));
}

void TestApiKeys::aRevokedKeyStopsAtOnce()
{
    const Answer made
        = call("POST", QStringLiteral("/api/agency/api-keys"), m_owner,
               {{QStringLiteral("name"), QStringLiteral("Leaked")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("read")}}});
    const QString secret = made.json.value(QStringLiteral("secret")).toString();
    const qint64 id = made.json.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toInteger();
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), secret).status, 200);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/api-keys/%1").arg(id), m_owner).status, 204);
    const Answer refused = call("GET", QStringLiteral("/api/fans"), secret);
    QCOMPARE(refused.status, 401);
    QVERIFY(refused.errorMessage().contains(QStringLiteral("revoked")));
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/api-keys/%1").arg(id), m_owner).status, 204); // again: nothing changes
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/api-keys/999999"), m_owner).status, 404);
    bool listedAsRevoked = false;
    for (const QJsonValue &key : call("GET", QStringLiteral("/api/agency/api-keys"), m_owner).json.value(QStringLiteral("keys")).toArray())
        listedAsRevoked
            |= key.toObject().value(QStringLiteral("id")).toInteger() == id && key.toObject().value(QStringLiteral("revokedAt")).isString();
    QVERIFY(listedAsRevoked);
}

void TestApiKeys::anExpiredKeyStops()
{
    const QString secret = makeKey(m_owner, {QStringLiteral("read")}, m_clock.now().addSecs(3600).toString(Qt::ISODate));
    m_clock.advance(59min);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), secret).status, 200);
    m_clock.advance(1min);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), secret).status, 401);
    // The owner's own access token expired meanwhile too: a new session for the tests after.
    m_owner = call("POST", QStringLiteral("/api/auth/sign-in"), {},
                   {{QStringLiteral("email"), QStringLiteral("keys-owner@example.com")}, {QStringLiteral("password"), password}})
                  .json.value(QStringLiteral("token"))
                  .toString();
}

void TestApiKeys::aKeyNeverReachesAnotherAgency()
{
    const QString other = signUp(QStringLiteral("keys-other@example.com"));
    const qint64 otherCreator = call("GET", QStringLiteral("/api/me"), other)
                                    .json.value(QStringLiteral("user"))
                                    .toObject()
                                    .value(QStringLiteral("creatorId"))
                                    .toInteger();
    const QString key = makeKey(m_owner, {QStringLiteral("read"), QStringLiteral("write")});
    QCOMPARE(call("GET", QStringLiteral("/api/fans?creator=%1").arg(otherCreator), key).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/fans/import?creator=%1").arg(otherCreator), key,
                  {{QStringLiteral("fans"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Intruder")}}}}})
                 .status,
             403);
    // Nor revoke its keys.
    const Answer theirs
        = call("POST", QStringLiteral("/api/agency/api-keys"), other,
               {{QStringLiteral("name"), QStringLiteral("Theirs")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("read")}}});
    const qint64 theirId = theirs.json.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toInteger();
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/api-keys/%1").arg(theirId), m_owner).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), theirs.json.value(QStringLiteral("secret")).toString()).status, 200);
}

void TestApiKeys::keysHaveBudgetsOfTheirOwn()
{
    const QString key = makeKey(m_owner, {QStringLiteral("read")});
    int served = 0;
    Answer last;
    while ((last = call("GET", QStringLiteral("/api/fans"), key)).status == 200)
        ++served;
    QCOMPARE(last.status, 429);
    QCOMPARE(served, 100);
    // The member who made it still has theirs.
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), m_owner).status, 200);
    m_clock.advance(60s);
}

QTEST_GUILESS_MAIN(TestApiKeys)
#include "tst_apikeys.moc"

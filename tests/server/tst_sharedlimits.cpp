// Rate limits shared between huntaze-server instances through Redis (issue
// 11): a real redis-server and two servers over one PostgreSQL. One client's
// budget holds across both; Redis going away loses no request (each instance
// falls back to budgets of its own and says "degraded"), and its return is
// picked up by itself.
#include "fakeclock.h"
#include "runningserver.h"
#include "server/ratelimiter.h"
#include "server/redisratelimiter.h"
#include "tempredis.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;
using namespace std::chrono_literals;
using test::Answer;

class TestSharedLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void redisAndLocalDecideAlike();
    void oneClientsBudgetHoldsAcrossInstances();
    void healthSaysRedisIsThere();
    void losingRedisLosesNoRequest();

private:
    Answer call(quint16 port, const QByteArray &method, const QString &path, const QString &token = {}, const QJsonObject &body = {});

    test::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC)};
    std::unique_ptr<test::TempRedis> m_redis;
    test::RunningServer m_running;
    std::unique_ptr<HuntazeServer> m_second;
    QNetworkAccessManager m_network;
    QString m_token;
};

void TestSharedLimits::initTestCase()
{
    m_redis = std::make_unique<test::TempRedis>();
    if (!m_redis->isRunning()) {
        if (test::TempPostgres::required())
            QFAIL(qPrintable(m_redis->error()));
        QSKIP(qPrintable(m_redis->error()));
    }
    HUNTAZE_REQUIRE_SERVER(m_running.start([this](ServerConfig &config) {
        config.databaseConnections = 2;
        config.clock = &m_clock;
        config.redisUrl = m_redis->url();
        config.rateLimits.api.requests = 6;
        config.metricsToken = QStringLiteral("scrape-token-0123456789abcdef");
    }));
    QString error;
    m_second = m_running.startAnother(m_running.server().config(), &error);
    QVERIFY2(m_second, qPrintable(error));
    const Answer signedUp = call(m_running.port(), "POST", QStringLiteral("/api/auth/sign-up"), {},
                                 {{QStringLiteral("email"), QStringLiteral("shared@example.com")},
                                  {QStringLiteral("password"), QStringLiteral("long enough password")},
                                  {QStringLiteral("displayName"), QStringLiteral("Mia")}});
    QCOMPARE(signedUp.status, 201);
    m_token = signedUp.json.value(QStringLiteral("token")).toString();
}

void TestSharedLimits::cleanupTestCase()
{
    m_second.reset();
}

Answer TestSharedLimits::call(quint16 port, const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body)
{
    return test::send(m_network, QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

void TestSharedLimits::redisAndLocalDecideAlike()
{
    // The Lua script and RateLimiter::decide are one rule written twice: random traffic must get the same answers.
    test::FakeClock clock;
    RedisRateLimiter shared(m_redis->url(), clock);
    LocalRateLimiter local(clock);
    QRandomGenerator random(20261130);
    const RateLimit limits[] = {{QByteArrayLiteral("a"), 5, 10s}, {QByteArrayLiteral("b"), 3, 60s}, {QByteArrayLiteral("c"), 1000, 1s}};
    for (int i = 0; i < 2000; ++i) {
        const RateLimit &limit = limits[random.bounded(3)];
        const QString key = QStringLiteral("alike:%1:%2").arg(QString::fromLatin1(limit.name)).arg(random.bounded(3));
        const RateDecision fromRedis = shared.take(key, limit);
        const RateDecision fromHere = local.take(key, limit);
        QCOMPARE(fromRedis.allowed, fromHere.allowed);
        QCOMPARE(fromRedis.remaining, fromHere.remaining);
        QCOMPARE(fromRedis.retryAfter, fromHere.retryAfter);
        QCOMPARE(fromRedis.reset, fromHere.reset);
        clock.advance(std::chrono::milliseconds(random.bounded(1500)));
    }
    QVERIFY(shared.isUp());
}

void TestSharedLimits::oneClientsBudgetHoldsAcrossInstances()
{
    const quint16 ports[] = {m_running.port(), m_second->http().serverPort()};
    for (int i = 0; i < 6; ++i) {
        const Answer answer = call(ports[i % 2], "GET", QStringLiteral("/api/fans"), m_token);
        QCOMPARE(answer.status, 200);
        // The count goes down across both instances: one budget.
        QCOMPARE(answer.headers.value("ratelimit"),
                 QByteArray(R"("api";r=)") + QByteArray::number(5 - i) + ";t=" + QByteArray::number(10 * (i + 1)));
    }
    QCOMPARE(call(ports[0], "GET", QStringLiteral("/api/fans"), m_token).status, 429);
    QCOMPARE(call(ports[1], "GET", QStringLiteral("/api/fans"), m_token).status, 429);
    m_clock.advance(10s);
    QCOMPARE(call(ports[1], "GET", QStringLiteral("/api/fans"), m_token).status, 200);
    QCOMPARE(call(ports[0], "GET", QStringLiteral("/api/fans"), m_token).status, 429);
    m_clock.advance(60s);
}

void TestSharedLimits::healthSaysRedisIsThere()
{
    const Answer health = call(m_second->http().serverPort(), "GET", QStringLiteral("/api/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    const QJsonObject redis = health.json.value(QStringLiteral("checks")).toObject().value(QStringLiteral("redis")).toObject();
    QCOMPARE(redis.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(redis.value(QStringLiteral("latencyMs")).toDouble() > 0);
    QVERIFY(call(m_second->http().serverPort(), "GET", QStringLiteral("/api/metrics"), QStringLiteral("scrape-token-0123456789abcdef"))
                .body.contains("\nhuntaze_redis_up 1\n"));
}

void TestSharedLimits::losingRedisLosesNoRequest()
{
    const quint16 ports[] = {m_running.port(), m_second->http().serverPort()};
    QList<int> statuses;
    for (int i = 0; i < 12; ++i) {
        if (i == 4)
            m_redis->kill(); // mid-run, between two requests
        statuses.append(call(ports[i % 2], "GET", QStringLiteral("/api/fans"), m_token).status);
        m_clock.advance(5s);
    }
    // Every request answered as a limit would answer it: served or refused, never failed.
    for (const int status : statuses)
        QVERIFY2(status == 200 || status == 429, qPrintable(QString::number(status)));
    QVERIFY(statuses.count(200) >= 8);
    for (const quint16 port : ports) {
        const Answer health = call(port, "GET", QStringLiteral("/health"));
        QCOMPARE(health.status, 200); // Redis is not required: still serving
        QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
        QCOMPARE(health.json.value(QStringLiteral("checks"))
                     .toObject()
                     .value(QStringLiteral("redis"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("down"));
    }
    QVERIFY(call(ports[0], "GET", QStringLiteral("/api/metrics"), QStringLiteral("scrape-token-0123456789abcdef"))
                .body.contains("\nhuntaze_redis_up 0\n"));
    // Back on the same address: each instance finds it by itself (at most one try a second).
    QVERIFY(m_redis->start());
    m_clock.advance(1s);
    for (const quint16 port : ports)
        QCOMPARE(call(port, "GET", QStringLiteral("/health")).json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    m_clock.advance(60s);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(call(ports[i % 2], "GET", QStringLiteral("/api/fans"), m_token).status, 200);
    QCOMPARE(call(ports[0], "GET", QStringLiteral("/api/fans"), m_token).status, 429); // shared again
}

QTEST_GUILESS_MAIN(TestSharedLimits)
#include "tst_sharedlimits.moc"

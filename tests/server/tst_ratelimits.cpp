// Rate limits (issue 11): the GCRA arithmetic, then huntaze-server's budgets
// end to end (per member, AI calls, per client address behind a trusted
// proxy, sign-in attempts per account), the 429 and the RateLimit fields,
// and the desktop's client honouring them. Time is a FakeClock shared by the
// server and the client.
#include "backend/remotebackend.h"
#include "fakeclock.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "server/httpconnection.h"
#include "server/ratelimiter.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;
using namespace std::chrono_literals;
using test::Answer;
using test::await;

namespace {

const QString password = QStringLiteral("long enough password");

RateLimit perMinute(int requests)
{
    return RateLimit{QByteArrayLiteral("test"), requests, std::chrono::seconds(60)};
}

} // namespace

class TestRateLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    // The arithmetic
    void aBurstOfTheWholeBudgetThenOneEveryInterval();
    void aRefusalTakesNothing();
    void keysAreIndependentAndForgottenWhenFull();
    void clientAddressBelievesOnlyTrustedProxies_data();
    void clientAddressBelievesOnlyTrustedProxies();

    // The server
    void everyLimitedAnswerCarriesTheFields();
    void aSpentBudgetIsA429ThatSaysWhenToComeBack();
    void membersHaveBudgetsOfTheirOwn();
    void aiCallsHaveASmallerBudget();
    void anonymousRoutesCountPerClientAddress();
    void signInAttemptsCountPerAccountFromAnyAddress();
    void healthIsNeverLimited();
    void desktopWaitsUntilTheResetTimeThenSucceeds();

private:
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, const QString &token = {},
                const QByteArray &from = "10.0.0.1");
    QString signUp(const QString &email);

    test::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC)};
    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    int m_addresses = 0;
};

void TestRateLimits::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([this](ServerConfig &config) {
        config.databaseConnections = 2;
        config.clock = &m_clock;
        config.rateLimits.api.requests = 6;
        config.rateLimits.ai.requests = 2;
        config.rateLimits.anonymous.requests = 3;
        config.rateLimits.signIn.requests = 4;
        config.trustedProxies = {{QHostAddress(QHostAddress::LocalHost), 32}};
    }));
}

Answer TestRateLimits::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token,
                            const QByteArray &from)
{
    return test::send(m_network, m_running.url().resolved(QUrl(path)), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token,
                      {{QByteArrayLiteral("X-Forwarded-For"), from}});
}

QString TestRateLimits::signUp(const QString &email)
{
    // Each from an address of its own: sign-ups spend their address's budget.
    const QByteArray from = "10.1.0." + QByteArray::number(++m_addresses);
    const Answer answer = call("POST", QStringLiteral("/api/auth/sign-up"),
                               {{QStringLiteral("email"), email},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("displayName"), QStringLiteral("Mia Rose")}},
                               {}, from);
    if (answer.status != 201)
        qFatal("sign-up failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

void TestRateLimits::aBurstOfTheWholeBudgetThenOneEveryInterval()
{
    test::FakeClock clock;
    LocalRateLimiter limiter(clock);
    for (int i = 0; i < 6; ++i) {
        const RateDecision taken = limiter.take(QStringLiteral("k"), perMinute(6));
        QVERIFY(taken.allowed);
        QCOMPARE(taken.remaining, 5 - i);
    }
    const RateDecision refused = limiter.take(QStringLiteral("k"), perMinute(6));
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfter, 10s); // one request back every 60 s / 6
    QCOMPARE(refused.reset, 60s);
    clock.advance(10s);
    const RateDecision oneMore = limiter.take(QStringLiteral("k"), perMinute(6));
    QVERIFY(oneMore.allowed);
    QCOMPARE(oneMore.remaining, 0);
    clock.advance(60s);
    QCOMPARE(limiter.take(QStringLiteral("k"), perMinute(6)).remaining, 5); // all back
}

void TestRateLimits::aRefusalTakesNothing()
{
    test::FakeClock clock;
    LocalRateLimiter limiter(clock);
    for (int i = 0; i < 2; ++i)
        QVERIFY(limiter.take(QStringLiteral("k"), perMinute(2)).allowed);
    // A client hammering while refused does not push its own comeback further away.
    for (int i = 0; i < 100; ++i)
        QCOMPARE(limiter.take(QStringLiteral("k"), perMinute(2)).retryAfter, 30s);
    clock.advance(30s);
    QVERIFY(limiter.take(QStringLiteral("k"), perMinute(2)).allowed);
}

void TestRateLimits::keysAreIndependentAndForgottenWhenFull()
{
    test::FakeClock clock;
    LocalRateLimiter limiter(clock);
    QVERIFY(limiter.take(QStringLiteral("a"), perMinute(1)).allowed);
    QVERIFY(!limiter.take(QStringLiteral("a"), perMinute(1)).allowed);
    QVERIFY(limiter.take(QStringLiteral("b"), perMinute(1)).allowed);
    QVERIFY(limiter.take(QStringLiteral("off"), RateLimit{QByteArrayLiteral("off"), 0, 60s}).allowed);
    for (int i = 0; i < 5000; ++i)
        limiter.take(QStringLiteral("client %1").arg(i), perMinute(100));
    QVERIFY(limiter.size() >= 5000);
    // Once their budgets are whole again they are forgotten: memory follows the active clients only.
    clock.advance(61s);
    for (int i = 0; i < 4096; ++i)
        limiter.take(QStringLiteral("later"), perMinute(100000));
    QVERIFY(limiter.size() < 10);
}

void TestRateLimits::clientAddressBelievesOnlyTrustedProxies_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArray>("forwardedFor");
    QTest::addColumn<QString>("client");
    QTest::newRow("direct") << "203.0.113.9" << QByteArray() << "203.0.113.9";
    QTest::newRow("untrusted peer forwarding") << "203.0.113.9" << QByteArray("1.2.3.4") << "203.0.113.9";
    QTest::newRow("trusted proxy") << "127.0.0.1" << QByteArray("198.51.100.7") << "198.51.100.7";
    QTest::newRow("forged first hop") << "127.0.0.1" << QByteArray("1.1.1.1, 198.51.100.7") << "198.51.100.7";
    QTest::newRow("two trusted proxies") << "127.0.0.1" << QByteArray("198.51.100.7, 10.0.0.2") << "198.51.100.7";
    QTest::newRow("garbage") << "127.0.0.1" << QByteArray("not-an-address") << "127.0.0.1";
    QTest::newRow("IPv6 client") << "127.0.0.1" << QByteArray("2001:db8::1") << "2001:db8::1";
}

void TestRateLimits::clientAddressBelievesOnlyTrustedProxies()
{
    QFETCH(QString, peer);
    QFETCH(QByteArray, forwardedFor);
    QFETCH(QString, client);
    const QList<QPair<QHostAddress, int>> trusted{{QHostAddress(QStringLiteral("127.0.0.1")), 32},
                                                  QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8"))};
    QCOMPARE(clientAddressOf(QHostAddress(peer), forwardedFor, trusted), QHostAddress(client));
}

void TestRateLimits::everyLimitedAnswerCarriesTheFields()
{
    const QString token = signUp(QStringLiteral("fields@example.com"));
    const Answer me = call("GET", QStringLiteral("/api/me"), {}, token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.headers.value("ratelimit-policy"), QByteArray(R"("api";q=6;w=60)"));
    QCOMPARE(me.headers.value("ratelimit"), QByteArray(R"("api";r=5;t=10)"));
    const Answer fans = call("GET", QStringLiteral("/api/fans"), {}, token);
    QCOMPARE(fans.headers.value("ratelimit"), QByteArray(R"("api";r=4;t=20)"));
    // An error answer spends and says so too.
    const Answer missing = call("GET", QStringLiteral("/api/preferences/nothing"), {}, token);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.headers.value("ratelimit"), QByteArray(R"("api";r=3;t=30)"));
}

void TestRateLimits::aSpentBudgetIsA429ThatSaysWhenToComeBack()
{
    const QString token = signUp(QStringLiteral("spent@example.com"));
    for (int i = 0; i < 6; ++i)
        QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, token).status, 200);
    const Answer refused = call("GET", QStringLiteral("/api/fans"), {}, token);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), QStringLiteral("rate_limited"));
    QVERIFY(refused.errorMessage().contains(QStringLiteral("Wait 10 s")));
    QCOMPARE(refused.headers.value("retry-after"), QByteArray("10"));
    QCOMPARE(refused.headers.value("ratelimit"), QByteArray(R"("api";r=0;t=60)"));
    QCOMPARE(QDateTime::fromString(refused.json.value(QStringLiteral("resetTime")).toString(), Qt::ISODate), m_clock.now().addSecs(10));
    QVERIFY(!refused.json.value(QStringLiteral("requestId")).toString().isEmpty());
    // Every route of the member shares the budget.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, token).status, 429);
    m_clock.advance(10s);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, token).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, token).status, 429);
}

void TestRateLimits::membersHaveBudgetsOfTheirOwn()
{
    const QString greedy = signUp(QStringLiteral("greedy@example.com"));
    const QString patient = signUp(QStringLiteral("patient@example.com"));
    while (call("GET", QStringLiteral("/api/fans"), {}, greedy).status == 200) {}
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, patient).status, 200);
    // A second session of the same login shares its budget.
    const Answer again
        = call("POST", QStringLiteral("/api/auth/sign-in"),
               {{QStringLiteral("email"), QStringLiteral("greedy@example.com")}, {QStringLiteral("password"), password}}, {}, "10.2.0.1");
    QCOMPARE(again.status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, again.json.value(QStringLiteral("token")).toString()).status, 429);
    m_clock.advance(60s);
}

void TestRateLimits::aiCallsHaveASmallerBudget()
{
    const QString token = signUp(QStringLiteral("ai@example.com"));
    const QJsonObject ideas{{QStringLiteral("count"), 3}};
    for (int i = 0; i < 2; ++i)
        QCOMPARE(call("POST", QStringLiteral("/api/ai-assistant/tools/content-ideas"), ideas, token).status, 200);
    const Answer refused = call("POST", QStringLiteral("/api/ai-assistant/tools/content-ideas"), ideas, token);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.headers.value("ratelimit-policy"), QByteArray(R"("ai";q=2;w=60)"));
    QCOMPARE(refused.headers.value("retry-after"), QByteArray("30"));
    // Ordinary reads still go: the AI budget is its own.
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, token).status, 200);
    m_clock.advance(60s);
}

void TestRateLimits::anonymousRoutesCountPerClientAddress()
{
    const QJsonObject wrong{{QStringLiteral("email"), QStringLiteral("nobody@example.com")}, {QStringLiteral("password"), password}};
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), wrong, {}, "192.0.2.1").status, 401);
    const Answer refused = call("POST", QStringLiteral("/api/auth/sign-in"), wrong, {}, "192.0.2.1");
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.headers.value("ratelimit-policy"), QByteArray(R"("anonymous";q=3;w=60)"));
    // Refreshing and signing up spend the same budget; a bearer token does not dodge it.
    QCOMPARE(
        call("POST", QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), QStringLiteral("x")}}, {}, "192.0.2.1").status,
        429);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), wrong, QStringLiteral("made-up"), "192.0.2.1").status, 429);
    // Another address is another budget.
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), wrong, {}, "192.0.2.2").status, 401);
    m_clock.advance(60s);
}

void TestRateLimits::signInAttemptsCountPerAccountFromAnyAddress()
{
    signUp(QStringLiteral("target@example.com"));
    const QJsonObject guess{{QStringLiteral("email"), QStringLiteral("Target@Example.com")},
                            {QStringLiteral("password"), QStringLiteral("guess guess guess")}};
    for (int i = 0; i < 4; ++i)
        QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), guess, {}, "198.51.100." + QByteArray::number(i)).status, 401);
    // The fifth guess, from yet another address, is refused before any password is checked...
    const Answer refused = call("POST", QStringLiteral("/api/auth/sign-in"), guess, {}, "198.51.100.50");
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.headers.value("ratelimit-policy"), QByteArray(R"("sign-in";q=4;w=900)"));
    QCOMPARE(refused.headers.value("retry-after"), QByteArray("225"));
    // ...and so is the right password, until the account's budget refills: the limit does not tell guesses apart.
    const QJsonObject right{{QStringLiteral("email"), QStringLiteral("target@example.com")}, {QStringLiteral("password"), password}};
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), right, {}, "198.51.100.51").status, 429);
    // An account nobody has is limited alike: a refusal does not tell which emails exist.
    const QJsonObject ghost{{QStringLiteral("email"), QStringLiteral("ghost@example.com")}, {QStringLiteral("password"), password}};
    for (int i = 0; i < 4; ++i)
        QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), ghost, {}, "198.51.100." + QByteArray::number(60 + i)).status, 401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), ghost, {}, "198.51.100.70").status, 429);
    m_clock.advance(225s);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), right, {}, "198.51.100.52").status, 200);
}

void TestRateLimits::healthIsNeverLimited()
{
    for (int i = 0; i < 10; ++i) {
        const Answer health = call("GET", QStringLiteral("/health"), {}, {}, "192.0.2.99");
        QCOMPARE(health.status, 200);
        QVERIFY(!health.headers.contains("ratelimit"));
    }
}

void TestRateLimits::desktopWaitsUntilTheResetTimeThenSucceeds()
{
    CircuitBreakerRegistry breakers(m_clock);
    ApiClient client(m_network, breakers, m_clock);
    RemoteBackend desktop(client, m_running.url());
    desktop.session().useClock(m_clock);
    // From its own address (the fixture's proxy header is not sent by the desktop: 127.0.0.1 it is).
    QVERIFY(await(desktop.signUp({QStringLiteral("desk-limited@example.com"), password, QStringLiteral("Mia")})).ok());
    for (int i = 0; i < 6; ++i)
        QVERIFY(await(desktop.fans()).ok());
    // Refused, a read waits for the reset time the server gave, on the client's clock, and is tried again then.
    QFuture<Result<QList<Fan>>> waiting = desktop.fans();
    QTRY_COMPARE(m_clock.nextDue(), m_clock.now().addSecs(10));
    QVERIFY(!waiting.isFinished());
    m_clock.advance(10s);
    const Result<QList<Fan>> served = await(waiting);
    QVERIFY2(served.ok(), qPrintable(served.ok() ? QString() : served.error().message));
    // So does a write, which its Idempotency-Key makes safe to send again: done once.
    Draft draft;
    draft.title = QStringLiteral("Hello");
    draft.body = QStringLiteral("Hello there");
    QFuture<Result<Draft>> saving = desktop.saveDraft(draft);
    QTRY_COMPARE(m_clock.nextDue(), m_clock.now().addSecs(10));
    m_clock.advance(10s);
    QVERIFY(await(saving).ok());
    m_clock.advance(60s);
    QCOMPARE(await(desktop.visibleDrafts()).value().size(), 1);
    desktop.shutdown();
    m_clock.advance(60s);
}

QTEST_GUILESS_MAIN(TestRateLimits)
#include "tst_ratelimits.moc"

#include "fakeclock.h"
#include "net/apiclient.h"
#include "testhttpserver.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>

using namespace huntaze;
using namespace std::chrono_literals;
using huntaze::test::await;
using huntaze::test::FakeClock;
using huntaze::test::TestHttpServer;
using Reply = TestHttpServer::Reply;

namespace {

RetryPolicy fastRetries(int attempts = 3)
{
    RetryPolicy policy;
    policy.maxAttempts = attempts;
    policy.baseDelay = 10ms;
    policy.maxDelay = 50ms;
    policy.totalDeadline = 5s;
    return policy;
}

QJsonObject object(const QString &key, const QJsonValue &value)
{
    return QJsonObject{{key, value}};
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void getReturnsJson();
    void sendsCredentialsAndIdempotencyKey();
    void hundredConcurrentGetsMakeOneRequest();
    void coalescedCallersShareTheError();
    void differentCredentialsAreNotCoalesced();
    void postIsCoalescedOnlyWithExplicitKey();
    void failingTwiceThenSucceeding();
    void plainPostIsNeverRetried();
    void postWithIdempotencyKeyIsRetried();
    void clientErrorsAreNotRetried_data();
    void clientErrorsAreNotRetried();
    void retryAfterIsRespected();
    void anAnswerStillBeingMadeIsAwaited_data();
    void anAnswerStillBeingMadeIsAwaited();
    void resetTimeIsRespected();
    void rateLimitedEndpointFailsFast();
    void totalDeadlineIsRespected();
    void malformedJsonIsReported();
    void connectionLostMidBody_data();
    void connectionLostMidBody();
    void serverThatNeverAnswersTimesOut();
    void unreachableServer();
    void cancelAbortsTheCall();
    void cancellingOneCallerLeavesTheOthers();
    void openBreakerRejectsWithoutNetworkIo();

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<CircuitBreakerRegistry> m_breakers;
    std::unique_ptr<ApiClient> m_client;
};

void TestApiClient::init()
{
    m_server = std::make_unique<TestHttpServer>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_breakers = std::make_unique<CircuitBreakerRegistry>();
    m_client = std::make_unique<ApiClient>(*m_network, *m_breakers);
    m_client->setDefaultRetryPolicy(fastRetries());
}

void TestApiClient::cleanup()
{
    m_client.reset();
    m_breakers.reset();
    m_network.reset();
    m_server.reset();
}

void TestApiClient::getReturnsJson()
{
    m_server->setHandler([](const auto &) { return Reply::json(200, object(QStringLiteral("hello"), QStringLiteral("world"))); });
    const Result<ApiResponse> response = await(m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/hello")))));
    QVERIFY(response.ok());
    QCOMPARE(response.value().status, 200);
    QCOMPARE(response.value().json.object().value(QStringLiteral("hello")).toString(), QStringLiteral("world"));
    QCOMPARE(m_server->requests().first().path, QByteArray("/v1/hello"));
    QCOMPARE(m_client->callsInFlight(), 0);
}

void TestApiClient::sendsCredentialsAndIdempotencyKey()
{
    ApiRequest request
        = ApiRequest::post(m_server->url(QStringLiteral("/v1/offers")), QJsonDocument(object(QStringLiteral("price"), 9.99)));
    request.bearerToken = QStringLiteral("token-123");
    request.idempotencyKey = "offer-1";
    QVERIFY(await(m_client->send(request)).ok());
    const auto &seen = m_server->requests().first();
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.headers.value("authorization"), QByteArray("Bearer token-123"));
    QCOMPARE(seen.headers.value("idempotency-key"), QByteArray("offer-1"));
    QCOMPARE(seen.headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(!seen.headers.value("x-request-id").isEmpty());
    QCOMPARE(QJsonDocument::fromJson(seen.body).object().value(QStringLiteral("price")).toDouble(), 9.99);
}

void TestApiClient::hundredConcurrentGetsMakeOneRequest()
{
    m_server->setHandler([](const auto &) {
        QJsonArray ideas;
        for (int i = 0; i < 5; ++i)
            ideas.append(QStringLiteral("idea %1").arg(i));
        return Reply::json(200, object(QStringLiteral("ideas"), ideas)).after(100);
    });
    const ApiRequest request = ApiRequest::get(m_server->url(QStringLiteral("/v1/ideas")));
    QList<QFuture<Result<ApiResponse>>> futures;
    for (int i = 0; i < 100; ++i)
        futures.append(m_client->send(request));
    QCOMPARE(m_client->callsInFlight(), 1);
    for (const auto &future : futures) {
        const Result<ApiResponse> response = await(future);
        QVERIFY(response.ok());
        QCOMPARE(response.value().json.object().value(QStringLiteral("ideas")).toArray().size(), 5);
    }
    QCOMPARE(m_server->requestCount(), 1);
    QTRY_COMPARE(m_client->callsInFlight(), 0);

    // Once the call has ended, the next request goes to the server again.
    QVERIFY(await(m_client->send(request)).ok());
    QCOMPARE(m_server->requestCount(), 2);
}

void TestApiClient::coalescedCallersShareTheError()
{
    m_server->setHandler(
        [](const auto &) { return Reply::json(404, object(QStringLiteral("error"), QStringLiteral("No such fan"))).after(50); });
    QList<QFuture<Result<ApiResponse>>> futures;
    for (int i = 0; i < 100; ++i)
        futures.append(m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/fans/42")))));
    for (const auto &future : futures) {
        const Result<ApiResponse> response = await(future);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, ErrorCode::HttpStatus);
        QCOMPARE(response.error().httpStatus, 404);
        QVERIFY2(response.error().message.contains(QStringLiteral("No such fan")), qPrintable(response.error().message));
    }
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClient::differentCredentialsAreNotCoalesced()
{
    m_server->setHandler([](const auto &) { return Reply::json(200, {}).after(50); });
    ApiRequest alice = ApiRequest::get(m_server->url(QStringLiteral("/v1/me")));
    alice.bearerToken = QStringLiteral("alice");
    ApiRequest bob = alice;
    bob.bearerToken = QStringLiteral("bob");
    auto first = m_client->send(alice);
    auto second = m_client->send(bob);
    auto third = m_client->send(alice);
    QVERIFY(await(first).ok() && await(second).ok() && await(third).ok());
    QCOMPARE(m_server->requestCount(), 2);
}

void TestApiClient::postIsCoalescedOnlyWithExplicitKey()
{
    m_server->setHandler([](const auto &) { return Reply::json(200, {}).after(50); });
    const ApiRequest post
        = ApiRequest::post(m_server->url(QStringLiteral("/api/content-ideas/generate")), QJsonDocument(object(QStringLiteral("count"), 5)));
    auto a = m_client->send(post);
    auto b = m_client->send(post);
    QVERIFY(await(a).ok() && await(b).ok());
    QCOMPARE(m_server->requestCount(), 2);

    ApiRequest keyed = post;
    keyed.coalesceKey = QStringLiteral("ideas-7");
    auto c = m_client->send(keyed);
    auto d = m_client->send(keyed);
    QVERIFY(await(c).ok() && await(d).ok());
    QCOMPARE(m_server->requestCount(), 3);
}

void TestApiClient::failingTwiceThenSucceeding()
{
    m_server->setHandler([this](const auto &) {
        if (m_server->requestCount() <= 2)
            return Reply::json(503, object(QStringLiteral("error"), QStringLiteral("warming up")));
        return Reply::json(200, object(QStringLiteral("ok"), true));
    });
    const Result<ApiResponse> response = await(m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/stats")))));
    QVERIFY(response.ok());
    QCOMPARE(m_server->requestCount(), 3);
    const auto metrics = m_breakers->breaker(QStringLiteral("127.0.0.1")).metrics();
    QCOMPARE(metrics.calls, 3u);
    QCOMPARE(metrics.failures, 2u);
}

void TestApiClient::plainPostIsNeverRetried()
{
    m_server->setHandler([](const auto &) { return Reply::json(503, {}); });
    const Result<ApiResponse> response = await(m_client->send(ApiRequest::post(m_server->url(QStringLiteral("/v1/messages")), {})));
    QCOMPARE(response.error().httpStatus, 503);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClient::postWithIdempotencyKeyIsRetried()
{
    m_server->setHandler([this](const auto &) { return Reply::json(m_server->requestCount() < 3 ? 502 : 201, {}); });
    ApiRequest request = ApiRequest::post(m_server->url(QStringLiteral("/v1/messages")), {});
    request.idempotencyKey = "draft-9";
    const Result<ApiResponse> response = await(m_client->send(request));
    QVERIFY(response.ok());
    QCOMPARE(response.value().status, 201);
    QCOMPARE(m_server->requestCount(), 3);
    for (const auto &seen : m_server->requests())
        QCOMPARE(seen.headers.value("idempotency-key"), QByteArray("draft-9"));
}

void TestApiClient::clientErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("expectedRequests");
    QTest::newRow("400") << 400 << 1;
    QTest::newRow("401") << 401 << 1;
    QTest::newRow("404") << 404 << 1;
    QTest::newRow("422") << 422 << 1;
    QTest::newRow("408 is retried") << 408 << 3;
    QTest::newRow("500 is retried") << 500 << 3;
}

void TestApiClient::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    QFETCH(int, expectedRequests);
    m_server->setHandler([status](const auto &) { return Reply::json(status, {}); });
    const Result<ApiResponse> response = await(m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/x")))));
    QCOMPARE(response.error().httpStatus, status);
    QCOMPARE(m_server->requestCount(), expectedRequests);
}

void TestApiClient::retryAfterIsRespected()
{
    FakeClock clock;
    ApiClient client(*m_network, *m_breakers, clock);
    client.setDefaultRetryPolicy(fastRetries());
    m_server->setHandler([&](const auto &) {
        if (m_server->requestCount() == 1)
            return Reply::json(429, {}).withHeader("Retry-After", "1");
        return Reply::json(200, {});
    });
    const QFuture<Result<ApiResponse>> sending = client.send(ApiRequest::get(m_server->url(QStringLiteral("/v1/limited"))));
    // The 429 arrives; the client waits for a retry timer on its clock, not the wall clock.
    QTRY_VERIFY(clock.pendingTimers() == 1 && m_server->requestCount() == 1);
    clock.advance(999ms);
    QCoreApplication::processEvents();
    QCOMPARE(m_server->requestCount(), 1); // not a millisecond early
    clock.advance(1ms);
    QVERIFY(await(sending).ok());
    QCOMPARE(m_server->requestCount(), 2);
}

void TestApiClient::anAnswerStillBeingMadeIsAwaited_data()
{
    QTest::addColumn<bool>("callerReadsClientErrors"); // as ServerApi does
    QTest::newRow("errors as errors") << false;
    QTest::newRow("errors read by the caller") << true;
}

void TestApiClient::anAnswerStillBeingMadeIsAwaited()
{
    // A keyed write whose earlier try the server is still answering (that try
    // timed out here): 409 with Retry-After, three times, then the answer. The
    // client comes back after each wait on its clock, past its three attempts.
    QFETCH(bool, callerReadsClientErrors);
    FakeClock clock;
    ApiClient client(*m_network, *m_breakers, clock);
    client.setDefaultRetryPolicy(fastRetries(3));
    m_server->setHandler([&](const auto &) {
        if (m_server->requestCount() <= 3)
            return Reply::json(409, {}).withHeader("Retry-After", "1");
        return Reply::json(201, object(QStringLiteral("imported"), 6000));
    });
    ApiRequest request = ApiRequest::post(m_server->url(QStringLiteral("/api/imports/1/commit")), {});
    request.idempotencyKey = "commit-1";
    request.returnClientErrors = callerReadsClientErrors;
    const QFuture<Result<ApiResponse>> sending = client.send(request);
    for (int answered = 1; answered <= 3; ++answered) {
        // The one timer is the Retry-After wait, not the attempt's timeout
        // (pending too while the answer travels back: waiting on the count
        // alone advanced that one, and the wait was never reached).
        QTRY_VERIFY(m_server->requestCount() == answered && clock.pendingTimers() == 1 && clock.nextDue() == clock.now().addMSecs(1000));
        clock.advance(999ms);
        QCoreApplication::processEvents();
        QCOMPARE(m_server->requestCount(), answered); // not a millisecond early
        clock.advance(1ms);
    }
    const Result<ApiResponse> response = await(sending);
    QVERIFY(response.ok());
    QCOMPARE(response.value().status, 201);
    QCOMPARE(response.value().json.object().value(QStringLiteral("imported")).toInt(), 6000);
    QCOMPARE(m_server->requestCount(), 4);

    // A conflict that is not a wait (no Retry-After), or a write with no key, ends the call at once.
    m_server->setHandler([](const auto &) { return Reply::json(409, {}); });
    const Result<ApiResponse> conflict = await(client.send(request));
    QCOMPARE(conflict.ok() ? conflict.value().status : conflict.error().httpStatus, 409);
    QCOMPARE(m_server->requestCount(), 5);
    m_server->setHandler([](const auto &) { return Reply::json(409, {}).withHeader("Retry-After", "1"); });
    ApiRequest unkeyed = request;
    unkeyed.idempotencyKey.clear();
    const Result<ApiResponse> busy = await(client.send(unkeyed));
    QCOMPARE(busy.ok() ? busy.value().status : busy.error().httpStatus, 409);
    QCOMPARE(m_server->requestCount(), 6);
}

void TestApiClient::resetTimeIsRespected()
{
    FakeClock clock;
    ApiClient client(*m_network, *m_breakers, clock);
    client.setDefaultRetryPolicy(fastRetries());
    m_server->setHandler([&](const auto &) {
        if (m_server->requestCount() == 1) {
            const double reset = double(clock.now().toMSecsSinceEpoch() + 400);
            return Reply::json(
                429, QJsonObject{{QStringLiteral("error"), QStringLiteral("Too many requests")}, {QStringLiteral("resetTime"), reset}});
        }
        return Reply::json(200, {});
    });
    const QFuture<Result<ApiResponse>> sending = client.send(ApiRequest::get(m_server->url(QStringLiteral("/v1/limited"))));
    QTRY_VERIFY(clock.pendingTimers() == 1 && m_server->requestCount() == 1);
    clock.advance(399ms);
    QCoreApplication::processEvents();
    QCOMPARE(m_server->requestCount(), 1);
    clock.advance(1ms);
    QVERIFY(await(sending).ok());
}

void TestApiClient::rateLimitedEndpointFailsFast()
{
    m_server->setHandler([](const auto &) { return Reply::json(429, {}).withHeader("Retry-After", "60"); });
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Result<ApiResponse> first = await(m_client->send(ApiRequest::post(m_server->url(QStringLiteral("/v1/ideas")), {})));
    QCOMPARE(first.error().code, ErrorCode::RateLimited);
    QVERIFY(first.error().retryAt >= before.addSecs(59));
    QVERIFY(first.error().message.contains(QStringLiteral("rate limited until")));
    QCOMPARE(m_server->requestCount(), 1);

    QElapsedTimer timer;
    timer.start();
    const Result<ApiResponse> second = await(m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/ideas?page=2")))));
    QCOMPARE(second.error().code, ErrorCode::RateLimited);
    QCOMPARE(second.error().retryAt, first.error().retryAt);
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(timer.elapsed() < 1000); // failing fast, not waiting the 60 s out

    m_server->setHandler([](const auto &) { return Reply::json(200, {}); });
    QVERIFY(await(m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/fans"))))).ok());
}

void TestApiClient::totalDeadlineIsRespected()
{
    FakeClock clock;
    ApiClient client(*m_network, *m_breakers, clock);
    m_server->setHandler([](const auto &) { return Reply::json(503, {}); });
    ApiRequest request = ApiRequest::get(m_server->url(QStringLiteral("/v1/slow")));
    RetryPolicy policy;
    policy.maxAttempts = 50;
    policy.baseDelay = 100ms;
    policy.maxDelay = 100ms;
    policy.totalDeadline = 400ms;
    request.retry = policy;
    request.timeout = 24h; // the answers come in real time: only the waits between attempts are on the fake clock
    client.setRandomSource([] { return 0.999; }); // always the longest wait (99.9 ms)
    const QDateTime started = clock.now();
    const Result<ApiResponse> response = awaitAdvancing(client.send(request), clock, 1s);
    QCOMPARE(response.error().httpStatus, 503);
    // Attempts at 0, 99, 198, 297 and 396 ms (waits of 99 ms); a sixth would start after the 400 ms deadline.
    QCOMPARE(m_server->requestCount(), 5);
    QVERIFY2(started.msecsTo(clock.now()) <= 400, qPrintable(QString::number(started.msecsTo(clock.now()))));
}

void TestApiClient::malformedJsonIsReported()
{
    m_server->setHandler([](const auto &) { return Reply::raw(200, "{\"ideas\": [1, 2,"); });
    const Result<ApiResponse> response = await(m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/ideas")))));
    QCOMPARE(response.error().code, ErrorCode::MalformedResponse);
    QVERIFY(response.error().detail.contains(QStringLiteral("offset")));
    QCOMPARE(m_server->requestCount(), 1); // not worth repeating
}

void TestApiClient::connectionLostMidBody_data()
{
    QTest::addColumn<bool>("reset");
    QTest::addColumn<bool>("streamed");
    QTest::newRow("reset") << true << false;
    QTest::newRow("closed in good order") << false << false;
    QTest::newRow("reset, streamed") << true << true;
    QTest::newRow("closed in good order, streamed") << false << true;
}

// However the server goes away mid-body, the caller learns the connection was
// lost, never that the half it got was malformed or, streamed, that it was all.
void TestApiClient::connectionLostMidBody()
{
    QFETCH(bool, reset);
    QFETCH(bool, streamed);
    const QByteArray body(2000, 'x');
    m_server->setHandler([=](const auto &) { return reset ? Reply::resetMidBody(body) : Reply::closeMidBody(body); });
    ApiRequest request = ApiRequest::get(m_server->url(QStringLiteral("/v1/export")));
    request.retry = RetryPolicy::none();
    QByteArray received;
    if (streamed)
        request.onData = [&received](const QByteArray &chunk) { received += chunk; };
    const Result<ApiResponse> response = await(m_client->send(request));
    QVERIFY(!response.ok());
    QCOMPARE(response.error().code, ErrorCode::Network);
    QVERIFY2(response.error().message.contains(QStringLiteral("lost")), qPrintable(response.error().message));
    QVERIFY(received.size() < body.size() * 2);
}

void TestApiClient::serverThatNeverAnswersTimesOut()
{
    FakeClock clock;
    ApiClient client(*m_network, *m_breakers, clock);
    m_server->setHandler([](const auto &) { return Reply::stall(); });
    ApiRequest request = ApiRequest::get(m_server->url(QStringLiteral("/v1/hang")));
    request.timeout = 200ms;
    request.retry = fastRetries(2);
    const QFuture<Result<ApiResponse>> sending = client.send(request);
    QTRY_VERIFY(m_server->requestCount() == 1 && clock.pendingTimers() == 1);
    clock.advance(199ms);
    QCoreApplication::processEvents();
    QVERIFY(!sending.isFinished()); // still within its 200 ms
    clock.advance(1ms); // now it is not
    // The retry's short pause passes on the clock; then the second attempt reaches the server.
    QVERIFY(QTest::qWaitFor(
        [&] {
            const QDateTime next = clock.nextDue();
            if (m_server->requestCount() < 2 && next.isValid() && clock.now().msecsTo(next) <= 50)
                clock.advance(std::chrono::milliseconds(clock.now().msecsTo(next)));
            return m_server->requestCount() == 2;
        },
        5000));
    clock.advance(200ms);
    const Result<ApiResponse> response = await(sending);
    QCOMPARE(response.error().code, ErrorCode::Timeout);
    QVERIFY(response.error().message.contains(QStringLiteral("0.2")));
    QCOMPARE(m_server->requestCount(), 2);
}

void TestApiClient::unreachableServer()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    ApiRequest request = ApiRequest::get(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/x").arg(port)));
    request.retry = RetryPolicy::none();
    const Result<ApiResponse> response = await(m_client->send(request));
    QCOMPARE(response.error().code, ErrorCode::Network);
    QVERIFY(response.error().message.contains(QStringLiteral("Cannot reach 127.0.0.1")));
}

void TestApiClient::cancelAbortsTheCall()
{
    m_server->setHandler([](const auto &) { return Reply::stall(); });
    auto future = m_client->send(ApiRequest::get(m_server->url(QStringLiteral("/v1/hang"))));
    QTRY_COMPARE(m_server->requestCount(), 1);
    future.cancel();
    QTRY_VERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
    QTRY_COMPARE(m_client->callsInFlight(), 0);
    const auto metrics = m_breakers->breaker(QStringLiteral("127.0.0.1")).metrics();
    QCOMPARE(metrics.failures, 0u); // giving up is not the server's fault
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClient::cancellingOneCallerLeavesTheOthers()
{
    m_server->setHandler([](const auto &) { return Reply::json(200, object(QStringLiteral("n"), 1)).after(150); });
    const ApiRequest request = ApiRequest::get(m_server->url(QStringLiteral("/v1/shared")));
    auto leaving = m_client->send(request);
    auto staying = m_client->send(request);
    leaving.cancel();
    const Result<ApiResponse> response = await(staying);
    QVERIFY(response.ok());
    QCOMPARE(response.value().json.object().value(QStringLiteral("n")).toInt(), 1);
    QVERIFY(leaving.isCanceled());
    QCOMPARE(m_server->requestCount(), 1);
}

void TestApiClient::openBreakerRejectsWithoutNetworkIo()
{
    FakeClock clock;
    CircuitBreakerRegistry breakers(clock);
    ApiClient client(*m_network, breakers, clock);
    CircuitBreakerConfig config;
    config.slidingWindowSize = 2;
    config.minimumCalls = 2;
    config.waitInOpen = 30s;
    config.permittedCallsInHalfOpen = 1;
    breakers.breaker(QStringLiteral("huntaze-server"), config);

    m_server->setHandler([](const auto &) { return Reply::json(500, {}); });
    ApiRequest request = ApiRequest::get(m_server->url(QStringLiteral("/v1/stats")));
    request.service = QStringLiteral("huntaze-server");
    request.retry = fastRetries(5);
    request.timeout = 24h; // the answers come in real time: only the waits between attempts are on the fake clock
    // The breaker opens after the second failure, so the retries stop there.
    QCOMPARE(awaitAdvancing(client.send(request), clock, 1s).error().httpStatus, 500);
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY(breakers.anyOpen());

    const Result<ApiResponse> rejected = await(client.send(request));
    QCOMPARE(rejected.error().code, ErrorCode::CircuitOpen);
    QCOMPARE(rejected.error().retryAt, clock.now().addSecs(30));
    QVERIFY(rejected.error().message.contains(QStringLiteral("huntaze-server")));
    QCOMPARE(m_server->requestCount(), 2);

    m_server->setHandler([](const auto &) { return Reply::json(200, {}); });
    clock.advance(30s);
    QVERIFY(await(client.send(request)).ok());
    QCOMPARE(breakers.breaker(QStringLiteral("huntaze-server")).state(), CircuitBreaker::State::Closed);
    QVERIFY(!breakers.anyOpen());
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"

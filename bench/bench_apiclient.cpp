// Overhead of the resilience layer, measured with QBENCHMARK (not a test:
// nothing here asserts a time). Run: bench/apiclient.sh
//   closedBreakerCall     permit + outcome on a CLOSED breaker
//   coalescingKey         the single-flight key of a GET with credentials
//   coalescerJoin         joining/leaving the coalescer around a finished call
//   baselineFutureRoundTrip  a bare QPromise -> watcher -> handler delivery, for scale
//   thousandIdenticalGets 1,000 concurrent identical GETs against a local server

#include "common/async.h"
#include "net/apiclient.h"
#include "net/circuitbreaker.h"
#include "net/requestcoalescer.h"
#include "testhttpserver.h"
#include "testutil.h"

#include <QNetworkAccessManager>
#include <QPromise>
#include <QTest>

using namespace huntaze;
using namespace std::chrono_literals;

class BenchApiClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void closedBreakerCall();
    void coalescingKey();
    void coalescerJoin();
    void baselineFutureRoundTrip();
    void thousandIdenticalGets();
};

void BenchApiClient::closedBreakerCall()
{
    CircuitBreaker breaker(QStringLiteral("bench"));
    QBENCHMARK
    {
        const auto permit = breaker.tryAcquire();
        breaker.onSuccess(permit, 3ms);
    }
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
}

void BenchApiClient::coalescingKey()
{
    ApiRequest request
        = ApiRequest::get(QUrl(QStringLiteral("https://api.huntaze.example/v1/analytics/revenue?from=2026-01-01&to=2026-01-31")));
    request.bearerToken = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl");
    QByteArray key;
    QBENCHMARK
    {
        key = RequestCoalescer::keyFor(request);
    }
    QVERIFY(!key.isEmpty());
}

void BenchApiClient::coalescerJoin()
{
    RequestCoalescer coalescer;
    const QByteArray key = QByteArrayLiteral("GET https://api.huntaze.example/v1/fans");
    const auto ready = [] { return QtFuture::makeReadyFuture(Result<ApiResponse>(ApiResponse{})); };
    QBENCHMARK
    {
        auto future = coalescer.join(key, ready);
        while (!future.isFinished())
            QCoreApplication::processEvents();
    }
}

// What any asynchronous result costs here: a promise, a watcher, one event.
// coalescerJoin minus this is the coalescer's own bookkeeping.
void BenchApiClient::baselineFutureRoundTrip()
{
    QObject context;
    QBENCHMARK
    {
        QPromise<Result<ApiResponse>> promise;
        promise.start();
        bool delivered = false;
        onFinished(promise.future(), &context, [&](const Result<ApiResponse> &) { delivered = true; });
        promise.addResult(Result<ApiResponse>(ApiResponse{}));
        promise.finish();
        while (!delivered)
            QCoreApplication::processEvents();
    }
}

void BenchApiClient::thousandIdenticalGets()
{
    test::TestHttpServer server;
    server.setHandler([](const auto &) { return test::TestHttpServer::Reply::json(200, {{QStringLiteral("fans"), 1200}}); });
    QNetworkAccessManager network;
    CircuitBreakerRegistry breakers;
    ApiClient client(network, breakers);
    const ApiRequest request = ApiRequest::get(server.url(QStringLiteral("/v1/fans/count")));
    int batches = 0;
    QBENCHMARK
    {
        QList<QFuture<Result<ApiResponse>>> futures;
        futures.reserve(1000);
        for (int i = 0; i < 1000; ++i)
            futures.append(client.send(request));
        for (const auto &future : futures) {
            if (!test::await(future).ok())
                QFAIL("request failed");
        }
        ++batches;
    }
    qInfo("upstream requests: %d for %d batches of 1000 callers", server.requestCount(), batches);
    QCOMPARE(server.requestCount(), batches);
}

QTEST_GUILESS_MAIN(BenchApiClient)
#include "bench_apiclient.moc"

#include "fakeclock.h"
#include "net/apierrors.h"
#include "net/circuitbreaker.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <barrier>
#include <thread>

using namespace huntaze;
using namespace std::chrono_literals;
using huntaze::test::FakeClock;
using State = CircuitBreaker::State;

namespace {

CircuitBreakerConfig testConfig()
{
    CircuitBreakerConfig config;
    config.slidingWindowSize = 4;
    config.minimumCalls = 4;
    config.failureRateThreshold = 0.5;
    config.slowCallRateThreshold = 0.5;
    config.slowCallDuration = 100ms;
    config.waitInOpen = 10s;
    config.permittedCallsInHalfOpen = 2;
    config.probeTimeout = 5s;
    return config;
}

// Plays outcomes: S success, F failure (5xx), L slow success, X client error (4xx).
void play(CircuitBreaker &breaker, const QString &outcomes)
{
    for (const QChar outcome : outcomes) {
        const auto permit = breaker.tryAcquire();
        if (!permit.granted)
            continue;
        if (outcome == u'S')
            breaker.onSuccess(permit, 10ms);
        else if (outcome == u'L')
            breaker.onSuccess(permit, 150ms);
        else if (outcome == u'F')
            breaker.onError(permit, 10ms, apierrors::httpStatus(503, {}));
        else if (outcome == u'X')
            breaker.onError(permit, 10ms, apierrors::httpStatus(404, {}));
    }
}

// Trips the breaker, then lets waitInOpen pass: the next caller finds it half-open.
void tripAndWait(CircuitBreaker &breaker, FakeClock &clock)
{
    play(breaker, QStringLiteral("FFFF"));
    clock.advance(10s);
}

} // namespace

Q_DECLARE_METATYPE(huntaze::CircuitBreaker::State)

class TestCircuitBreaker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decisionOverSlidingWindow_data();
    void decisionOverSlidingWindow();
    void openRejectsWithoutCallsUntilWaitIsOver();
    void halfOpenAdmitsOnlyPermittedProbes();
    void probesDecide_data();
    void probesDecide();
    void hungProbeReopensInsteadOfStickingHalfOpen();
    void abandonedProbeFreesItsSlot();
    void concurrentCallersAtTheSwitchGetOnlyPermittedProbes();
    void lateOutcomeOfAnOlderCallIsIgnored();
    void signalsAndCounters();
    void whichErrorsCount_data();
    void whichErrorsCount();
    void customFailurePredicate();
};

void TestCircuitBreaker::decisionOverSlidingWindow_data()
{
    QTest::addColumn<QString>("outcomes");
    QTest::addColumn<State>("expected");
    QTest::addColumn<double>("failureRate");
    QTest::newRow("all good") << QStringLiteral("SSSS") << State::Closed << 0.0;
    QTest::newRow("below minimum calls") << QStringLiteral("FFF") << State::Closed << 1.0;
    QTest::newRow("one in four fails") << QStringLiteral("SSSF") << State::Closed << 0.25;
    QTest::newRow("half fail") << QStringLiteral("SSFF") << State::Open << 0.5;
    QTest::newRow("all fail") << QStringLiteral("FFFF") << State::Open << 1.0;
    QTest::newRow("old failures slide out") << QStringLiteral("FSSSFS") << State::Closed << 0.25;
    QTest::newRow("window of the last four") << QStringLiteral("SSSSSFSF") << State::Open << 0.5;
    QTest::newRow("half slow") << QStringLiteral("SLSL") << State::Open << 0.0;
    QTest::newRow("one slow") << QStringLiteral("SSSL") << State::Closed << 0.0;
    QTest::newRow("client errors do not count") << QStringLiteral("XXXX") << State::Closed << 0.0;
}

void TestCircuitBreaker::decisionOverSlidingWindow()
{
    QFETCH(QString, outcomes);
    QFETCH(State, expected);
    QFETCH(double, failureRate);
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    play(breaker, outcomes);
    const auto metrics = breaker.metrics();
    QCOMPARE(metrics.state, expected);
    QCOMPARE(metrics.failureRate, failureRate);
    QCOMPARE(metrics.windowCalls, std::min<int>(static_cast<int>(outcomes.size()), 4));
}

void TestCircuitBreaker::openRejectsWithoutCallsUntilWaitIsOver()
{
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    play(breaker, QStringLiteral("FFFF"));
    const QDateTime openedAt = clock.now();
    QCOMPARE(breaker.state(), State::Open);

    const auto refused = breaker.tryAcquire();
    QVERIFY(!refused.granted);
    QCOMPARE(refused.retryAt, openedAt.addSecs(10));
    clock.advance(9999ms);
    QVERIFY(!breaker.tryAcquire().granted);
    QCOMPARE(breaker.metrics().rejections, 2u);
    QCOMPARE(breaker.metrics().retryAt, openedAt.addSecs(10));

    clock.advance(1ms);
    QCOMPARE(breaker.state(), State::HalfOpen);
    QVERIFY(breaker.tryAcquire().granted);
}

void TestCircuitBreaker::halfOpenAdmitsOnlyPermittedProbes()
{
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    tripAndWait(breaker, clock);
    const auto first = breaker.tryAcquire();
    const auto second = breaker.tryAcquire();
    const auto third = breaker.tryAcquire();
    QVERIFY(first.granted);
    QVERIFY(second.granted);
    QVERIFY(!third.granted);
    QCOMPARE(third.retryAt, clock.now().addSecs(5)); // at the latest when the oldest probe times out
    // A finished probe does not free a slot: the verdict needs both.
    breaker.onSuccess(first, 10ms);
    QVERIFY(!breaker.tryAcquire().granted);
    QCOMPARE(breaker.state(), State::HalfOpen);
}

void TestCircuitBreaker::probesDecide_data()
{
    QTest::addColumn<bool>("firstSucceeds");
    QTest::addColumn<bool>("secondSucceeds");
    QTest::addColumn<State>("expected");
    QTest::newRow("both succeed") << true << true << State::Closed;
    QTest::newRow("first fails") << false << true << State::Open;
    QTest::newRow("second fails") << true << false << State::Open;
}

void TestCircuitBreaker::probesDecide()
{
    QFETCH(bool, firstSucceeds);
    QFETCH(bool, secondSucceeds);
    QFETCH(State, expected);
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    tripAndWait(breaker, clock);
    const auto first = breaker.tryAcquire();
    const auto second = breaker.tryAcquire();
    auto report = [&](const CircuitBreaker::Permit &permit, bool ok) {
        if (ok)
            breaker.onSuccess(permit, 10ms);
        else
            breaker.onError(permit, 10ms, apierrors::timeout(QStringLiteral("h"), 1000));
    };
    report(first, firstSucceeds);
    report(second, secondSucceeds);
    QCOMPARE(breaker.state(), expected);
    if (expected == State::Closed) {
        // A fresh window: three failures are not enough to reopen.
        play(breaker, QStringLiteral("FFF"));
        QCOMPARE(breaker.state(), State::Closed);
        QCOMPARE(breaker.metrics().windowCalls, 3);
    } else {
        QVERIFY(!breaker.tryAcquire().granted);
    }
}

void TestCircuitBreaker::hungProbeReopensInsteadOfStickingHalfOpen()
{
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    tripAndWait(breaker, clock);
    const auto hung = breaker.tryAcquire();
    const auto fine = breaker.tryAcquire();
    QVERIFY(hung.granted && fine.granted);
    breaker.onSuccess(fine, 10ms);
    clock.advance(4999ms);
    QCOMPARE(breaker.state(), State::HalfOpen);
    clock.advance(1ms);
    QCOMPARE(breaker.state(), State::Open);
    // The hung call reporting much later changes nothing.
    breaker.onSuccess(hung, 6000ms);
    QCOMPARE(breaker.state(), State::Open);
    clock.advance(10s);
    QCOMPARE(breaker.state(), State::HalfOpen);
    QVERIFY(breaker.tryAcquire().granted);
}

void TestCircuitBreaker::abandonedProbeFreesItsSlot()
{
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    tripAndWait(breaker, clock);
    const auto first = breaker.tryAcquire();
    const auto second = breaker.tryAcquire();
    QVERIFY(!breaker.tryAcquire().granted);
    breaker.onAbandoned(second);
    const auto replacement = breaker.tryAcquire();
    QVERIFY(replacement.granted);
    breaker.onSuccess(first, 10ms);
    breaker.onSuccess(replacement, 10ms);
    QCOMPARE(breaker.state(), State::Closed);
}

void TestCircuitBreaker::concurrentCallersAtTheSwitchGetOnlyPermittedProbes()
{
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    tripAndWait(breaker, clock); // the next caller flips OPEN -> HALF_OPEN

    constexpr int threads = 8;
    constexpr int callsPerThread = 200;
    std::atomic<int> granted{0};
    std::barrier start(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            start.arrive_and_wait();
            for (int i = 0; i < callsPerThread; ++i) {
                if (breaker.tryAcquire().granted)
                    ++granted;
            }
        });
    }
    for (auto &worker : workers)
        worker.join();
    QCOMPARE(granted.load(), 2);
    QCOMPARE(breaker.metrics().rejections, static_cast<quint64>(threads * callsPerThread - 2));
}

void TestCircuitBreaker::lateOutcomeOfAnOlderCallIsIgnored()
{
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    const auto slowStarter = breaker.tryAcquire(); // started while closed
    tripAndWait(breaker, clock);
    const auto probe1 = breaker.tryAcquire();
    const auto probe2 = breaker.tryAcquire();
    // The old call succeeding now must not count as a probe.
    breaker.onSuccess(slowStarter, 10ms);
    breaker.onSuccess(probe1, 10ms);
    QCOMPARE(breaker.state(), State::HalfOpen);
    breaker.onSuccess(probe2, 10ms);
    QCOMPARE(breaker.state(), State::Closed);
}

void TestCircuitBreaker::signalsAndCounters()
{
    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    QSignalSpy transitions(&breaker, &CircuitBreaker::stateChanged);
    play(breaker, QStringLiteral("SLFF"));
    QVERIFY(!breaker.tryAcquire().granted);
    clock.advance(10s);
    play(breaker, QStringLiteral("SS"));

    QCOMPARE(transitions.count(), 3);
    QCOMPARE(transitions.at(0).at(0).value<State>(), State::Closed);
    QCOMPARE(transitions.at(0).at(1).value<State>(), State::Open);
    QCOMPARE(transitions.at(1).at(1).value<State>(), State::HalfOpen);
    QCOMPARE(transitions.at(2).at(1).value<State>(), State::Closed);
    const auto metrics = breaker.metrics();
    QCOMPARE(metrics.calls, 6u);
    QCOMPARE(metrics.failures, 2u);
    QCOMPARE(metrics.slowCalls, 1u);
    QCOMPARE(metrics.rejections, 1u);
    QCOMPARE(metrics.state, State::Closed);
}

void TestCircuitBreaker::whichErrorsCount_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("counts");
    QTest::newRow("unreachable") << static_cast<int>(ErrorCode::Network) << 0 << true;
    QTest::newRow("timeout") << static_cast<int>(ErrorCode::Timeout) << 0 << true;
    QTest::newRow("tls") << static_cast<int>(ErrorCode::Tls) << 0 << true;
    QTest::newRow("500") << static_cast<int>(ErrorCode::HttpStatus) << 500 << true;
    QTest::newRow("503") << static_cast<int>(ErrorCode::HttpStatus) << 503 << true;
    QTest::newRow("400") << static_cast<int>(ErrorCode::HttpStatus) << 400 << false;
    QTest::newRow("404") << static_cast<int>(ErrorCode::HttpStatus) << 404 << false;
    QTest::newRow("429") << static_cast<int>(ErrorCode::RateLimited) << 429 << false;
    QTest::newRow("malformed answer") << static_cast<int>(ErrorCode::MalformedResponse) << 200 << false;
}

void TestCircuitBreaker::whichErrorsCount()
{
    QFETCH(int, code);
    QFETCH(int, status);
    QFETCH(bool, counts);
    Error error(static_cast<ErrorCode>(code), QStringLiteral("x"));
    error.httpStatus = status;
    QCOMPARE(CircuitBreakerConfig::defaultIsFailure(error), counts);

    FakeClock clock;
    CircuitBreaker breaker(QStringLiteral("svc"), testConfig(), clock);
    for (int i = 0; i < 4; ++i)
        breaker.onError(breaker.tryAcquire(), 10ms, error);
    QCOMPARE(breaker.state(), counts ? State::Open : State::Closed);
}

void TestCircuitBreaker::customFailurePredicate()
{
    FakeClock clock;
    CircuitBreakerConfig config = testConfig();
    config.isFailure = [](const Error &error) { return error.httpStatus == 404; };
    CircuitBreaker breaker(QStringLiteral("svc"), config, clock);
    play(breaker, QStringLiteral("XXXX"));
    QCOMPARE(breaker.state(), State::Open);
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"

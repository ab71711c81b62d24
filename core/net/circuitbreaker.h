#pragma once

#include "common/result.h"
#include "net/clock.h"

#include <QDateTime>
#include <QMutex>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <vector>

namespace huntaze {

// Settings of one circuit breaker. The defaults suit a desktop app's low
// traffic (docs/resilience.md explains them): resilience4j's default minimum
// of 100 calls would almost never be reached by one user.
struct CircuitBreakerConfig {
    using milliseconds = std::chrono::milliseconds;

    int slidingWindowSize = 10; // outcomes of the last N calls decide
    int minimumCalls = 5; // no decision before this many calls
    double failureRateThreshold = 0.5; // open at >= 50 % failures
    double slowCallRateThreshold = 0.8; // open at >= 80 % slow calls
    milliseconds slowCallDuration{8000}; // a call slower than this is slow
    milliseconds waitInOpen{20000}; // reject everything this long, then probe
    int permittedCallsInHalfOpen = 2; // probes admitted when half-open
    milliseconds probeTimeout{30000}; // an unfinished probe counts as failed after this

    // Which errors count against the service. Default: unreachable, timeout,
    // TLS and 5xx; a 4xx is the caller's mistake, not the service's.
    std::function<bool(const Error &)> isFailure = defaultIsFailure;
    static bool defaultIsFailure(const Error &error);
};

// A count-based circuit breaker with resilience4j's semantics:
// CLOSED -> OPEN when, over the last slidingWindowSize calls (and at least
// minimumCalls), the failure rate or slow-call rate reaches its threshold;
// OPEN rejects at once for waitInOpen, then HALF_OPEN admits at most
// permittedCallsInHalfOpen probes: all succeed -> CLOSED, any fails -> OPEN.
// Thread-safe; callers acquire a permit before the call and report its outcome.
class CircuitBreaker : public QObject
{
    Q_OBJECT
public:
    enum class State { Closed, Open, HalfOpen };
    Q_ENUM(State)

    struct Permit {
        bool granted = false;
        QDateTime retryAt; // when refused: when the breaker will admit probes
        quint64 generation = 0;
        quint64 id = 0;
    };

    struct Metrics {
        State state = State::Closed;
        quint64 calls = 0; // finished calls, all time
        quint64 failures = 0; // of which failed
        quint64 slowCalls = 0; // of which slow
        quint64 rejections = 0; // calls refused without network I/O
        double failureRate = 0; // over the current window, 0..1
        double slowCallRate = 0;
        int windowCalls = 0;
        QDateTime retryAt; // when open: when probing starts
    };

    explicit CircuitBreaker(QString name, CircuitBreakerConfig config = {}, Clock &clock = Clock::system(), QObject *parent = nullptr);

    const QString &name() const { return m_name; }
    const CircuitBreakerConfig &config() const { return m_config; }

    // Asks to make one call. A refused permit means: do no I/O, fail with CircuitOpen.
    Permit tryAcquire();
    // Reports the outcome of a granted call.
    void onSuccess(const Permit &permit, std::chrono::milliseconds duration);
    void onError(const Permit &permit, std::chrono::milliseconds duration, const Error &error);
    // The call was abandoned (cancelled by the user): frees a probe slot, records nothing.
    void onAbandoned(const Permit &permit);

    // Both account for time passing (OPEN becomes HALF_OPEN once waitInOpen is over).
    State state();
    Metrics metrics();

    // Back to CLOSED with an empty window (e.g. the user changed the server address).
    void reset();

Q_SIGNALS:
    void stateChanged(huntaze::CircuitBreaker::State from, huntaze::CircuitBreaker::State to);

private:
    struct Outcome {
        bool failed;
        bool slow;
    };
    struct Probe {
        quint64 id;
        QDateTime startedAt;
    };

    void record(const Permit &permit, bool failed, bool slow);
    void transitionTo(State next, const QDateTime &now, std::vector<std::pair<State, State>> &transitions);
    void advanceWithTime(const QDateTime &now, std::vector<std::pair<State, State>> &transitions);
    void emitTransitions(const std::vector<std::pair<State, State>> &transitions);
    double rate(int count) const;

    const QString m_name;
    const CircuitBreakerConfig m_config;
    Clock &m_clock;

    mutable QMutex m_mutex;
    State m_state = State::Closed;
    quint64 m_generation = 1; // bumps on every transition; outcomes of older permits are stale
    quint64 m_nextPermitId = 1;
    QDateTime m_openedAt;
    std::vector<Outcome> m_window; // ring buffer
    int m_windowNext = 0;
    int m_windowFailures = 0;
    int m_windowSlow = 0;
    std::vector<Probe> m_probes; // half-open probes in flight
    int m_probesAdmitted = 0; // in this half-open period
    int m_probeSuccesses = 0;
    quint64 m_calls = 0;
    quint64 m_failures = 0;
    quint64 m_slowCalls = 0;
    quint64 m_rejections = 0;
};

QString toDisplayString(CircuitBreaker::State state);

} // namespace huntaze

#include "circuitbreaker.h"

#include <QCoreApplication>
#include <QMutexLocker>

#include <algorithm>

namespace huntaze {

using std::chrono::milliseconds;

bool CircuitBreakerConfig::defaultIsFailure(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::Tls: return true;
    case ErrorCode::HttpStatus: return error.httpStatus >= 500;
    default: return false;
    }
}

CircuitBreaker::CircuitBreaker(QString name, CircuitBreakerConfig config, Clock &clock, QObject *parent)
    : QObject(parent), m_name(std::move(name)), m_config(std::move(config)), m_clock(clock)
{
    Q_ASSERT(m_config.slidingWindowSize > 0);
    Q_ASSERT(m_config.minimumCalls > 0 && m_config.permittedCallsInHalfOpen > 0);
    m_window.reserve(static_cast<size_t>(m_config.slidingWindowSize));
}

CircuitBreaker::Permit CircuitBreaker::tryAcquire()
{
    std::vector<std::pair<State, State>> transitions;
    Permit permit;
    {
        QMutexLocker lock(&m_mutex);
        const QDateTime now = m_clock.now();
        advanceWithTime(now, transitions);
        switch (m_state) {
        case State::Closed: permit.granted = true; break;
        case State::Open: permit.retryAt = m_openedAt.addMSecs(m_config.waitInOpen.count()); break;
        case State::HalfOpen:
            if (m_probesAdmitted < m_config.permittedCallsInHalfOpen) {
                permit.granted = true;
                ++m_probesAdmitted;
            } else {
                // Every probe slot is taken: the verdict comes when they finish,
                // at the latest when the oldest one times out.
                permit.retryAt = m_probes.empty() ? now : m_probes.front().startedAt.addMSecs(m_config.probeTimeout.count());
            }
            break;
        }
        permit.generation = m_generation;
        if (permit.granted) {
            permit.id = m_nextPermitId++;
            if (m_state == State::HalfOpen)
                m_probes.push_back({permit.id, now});
        } else {
            ++m_rejections;
        }
    }
    emitTransitions(transitions);
    return permit;
}

void CircuitBreaker::onSuccess(const Permit &permit, milliseconds duration)
{
    record(permit, false, duration >= m_config.slowCallDuration);
}

void CircuitBreaker::onError(const Permit &permit, milliseconds duration, const Error &error)
{
    // An error that is not the service's fault shows the service is up.
    record(permit, m_config.isFailure(error), duration >= m_config.slowCallDuration);
}

void CircuitBreaker::onAbandoned(const Permit &permit)
{
    QMutexLocker lock(&m_mutex);
    if (!permit.granted || permit.generation != m_generation || m_state != State::HalfOpen)
        return;
    const auto probe = std::find_if(m_probes.begin(), m_probes.end(), [&](const Probe &p) { return p.id == permit.id; });
    if (probe != m_probes.end()) {
        m_probes.erase(probe);
        --m_probesAdmitted;
    }
}

void CircuitBreaker::record(const Permit &permit, bool failed, bool slow)
{
    if (!permit.granted)
        return;
    std::vector<std::pair<State, State>> transitions;
    {
        QMutexLocker lock(&m_mutex);
        ++m_calls;
        m_failures += failed ? 1 : 0;
        m_slowCalls += slow ? 1 : 0;
        const QDateTime now = m_clock.now();
        advanceWithTime(now, transitions);
        // A call that started before the last transition says nothing about
        // the service as it is now (e.g. a slow call finishing after the breaker opened).
        if (permit.generation == m_generation) {
            if (m_state == State::Closed) {
                const auto size = static_cast<size_t>(m_config.slidingWindowSize);
                if (m_window.size() < size) {
                    m_window.push_back({failed, slow});
                } else {
                    Outcome &oldest = m_window[static_cast<size_t>(m_windowNext)];
                    m_windowFailures -= oldest.failed ? 1 : 0;
                    m_windowSlow -= oldest.slow ? 1 : 0;
                    oldest = {failed, slow};
                }
                m_windowNext = (m_windowNext + 1) % m_config.slidingWindowSize;
                m_windowFailures += failed ? 1 : 0;
                m_windowSlow += slow ? 1 : 0;
                const int count = static_cast<int>(m_window.size());
                if (count >= m_config.minimumCalls
                    && (rate(m_windowFailures) >= m_config.failureRateThreshold || rate(m_windowSlow) >= m_config.slowCallRateThreshold))
                    transitionTo(State::Open, now, transitions);
            } else if (m_state == State::HalfOpen) {
                std::erase_if(m_probes, [&](const Probe &p) { return p.id == permit.id; });
                if (failed) {
                    transitionTo(State::Open, now, transitions);
                } else if (++m_probeSuccesses >= m_config.permittedCallsInHalfOpen) {
                    transitionTo(State::Closed, now, transitions);
                }
            }
        }
    }
    emitTransitions(transitions);
}

CircuitBreaker::State CircuitBreaker::state()
{
    return metrics().state;
}

CircuitBreaker::Metrics CircuitBreaker::metrics()
{
    std::vector<std::pair<State, State>> transitions;
    Metrics metrics;
    {
        QMutexLocker lock(&m_mutex);
        advanceWithTime(m_clock.now(), transitions);
        metrics.state = m_state;
        metrics.calls = m_calls;
        metrics.failures = m_failures;
        metrics.slowCalls = m_slowCalls;
        metrics.rejections = m_rejections;
        metrics.windowCalls = static_cast<int>(m_window.size());
        metrics.failureRate = rate(m_windowFailures);
        metrics.slowCallRate = rate(m_windowSlow);
        if (m_state == State::Open)
            metrics.retryAt = m_openedAt.addMSecs(m_config.waitInOpen.count());
    }
    emitTransitions(transitions);
    return metrics;
}

void CircuitBreaker::reset()
{
    std::vector<std::pair<State, State>> transitions;
    {
        QMutexLocker lock(&m_mutex);
        transitionTo(State::Closed, m_clock.now(), transitions);
    }
    emitTransitions(transitions);
}

void CircuitBreaker::advanceWithTime(const QDateTime &now, std::vector<std::pair<State, State>> &transitions)
{
    if (m_state == State::Open && now >= m_openedAt.addMSecs(m_config.waitInOpen.count()))
        transitionTo(State::HalfOpen, now, transitions);
    if (m_state == State::HalfOpen) {
        // A probe that never reports back must not keep the breaker half-open forever.
        const bool hung = std::any_of(m_probes.begin(), m_probes.end(),
                                      [&](const Probe &probe) { return probe.startedAt.addMSecs(m_config.probeTimeout.count()) <= now; });
        if (hung) {
            ++m_failures;
            transitionTo(State::Open, now, transitions);
        }
    }
}

void CircuitBreaker::transitionTo(State next, const QDateTime &now, std::vector<std::pair<State, State>> &transitions)
{
    const State previous = m_state;
    m_state = next;
    ++m_generation;
    m_probes.clear();
    m_probesAdmitted = 0;
    m_probeSuccesses = 0;
    if (next == State::Open)
        m_openedAt = now;
    if (next == State::Closed) {
        m_window.clear();
        m_windowNext = 0;
        m_windowFailures = 0;
        m_windowSlow = 0;
    }
    if (previous != next)
        transitions.emplace_back(previous, next);
}

void CircuitBreaker::emitTransitions(const std::vector<std::pair<State, State>> &transitions)
{
    for (const auto &[from, to] : transitions)
        Q_EMIT stateChanged(from, to);
}

double CircuitBreaker::rate(int count) const
{
    return m_window.empty() ? 0.0 : static_cast<double>(count) / static_cast<double>(m_window.size());
}

QString toDisplayString(CircuitBreaker::State state)
{
    switch (state) {
    case CircuitBreaker::State::Closed: return QCoreApplication::translate("huntaze::CircuitBreaker", "Working");
    case CircuitBreaker::State::Open: return QCoreApplication::translate("huntaze::CircuitBreaker", "Paused after failures");
    case CircuitBreaker::State::HalfOpen: return QCoreApplication::translate("huntaze::CircuitBreaker", "Testing recovery");
    }
    return {};
}

} // namespace huntaze

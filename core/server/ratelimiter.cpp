#include "ratelimiter.h"

#include <QMutexLocker>

#include <algorithm>

namespace huntaze::server {

RateDecision RateLimiter::decide(qint64 storedTat, qint64 nowMs, const RateLimit &limit, qint64 *nextTat)
{
    RateDecision decision;
    decision.limit = limit;
    decision.decidedAtMs = nowMs;
    const qint64 windowMs = std::chrono::milliseconds(limit.window).count();
    const qint64 interval = std::max<qint64>(1, windowMs / limit.requests);
    const qint64 tat = std::max(storedTat, nowMs);
    const qint64 next = tat + interval;
    if (next - nowMs > windowMs) {
        decision.allowed = false;
        decision.remaining = 0;
        decision.retryAfter = std::chrono::milliseconds(next - nowMs - windowMs);
        decision.reset = std::chrono::milliseconds(tat - nowMs);
        *nextTat = storedTat;
        return decision;
    }
    decision.remaining = static_cast<int>((windowMs - (next - nowMs)) / interval);
    decision.reset = std::chrono::milliseconds(next - nowMs);
    *nextTat = next;
    return decision;
}

RateDecision LocalRateLimiter::take(const QString &key, const RateLimit &limit)
{
    if (!limit.enabled())
        return RateDecision{limit, true, 0, {}, {}, 0};
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    qint64 next = 0;
    const RateDecision decision = decide(m_tat.value(key), now, limit, &next);
    if (decision.allowed)
        m_tat.insert(key, next);
    // A key whose instant has passed has its whole budget back: forgetting it changes nothing.
    if (++m_takesSinceSweep >= 4096) {
        m_takesSinceSweep = 0;
        sweep(now);
    }
    return decision;
}

qsizetype LocalRateLimiter::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_tat.size();
}

void LocalRateLimiter::sweep(qint64 nowMs)
{
    m_tat.removeIf([nowMs](const QHash<QString, qint64>::iterator entry) { return entry.value() <= nowMs; });
}

} // namespace huntaze::server

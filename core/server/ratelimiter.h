#pragma once

#include "net/clock.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <chrono>

namespace huntaze::server {

// A budget: `requests` per `window`, of which all may come at once; then one
// more every window / requests (GCRA, the generic cell rate algorithm: one
// instant per key is all it stores). Its `name` is what clients read in the
// RateLimit-Policy header field.
struct RateLimit {
    QByteArray name;
    int requests = 0; // 0: unlimited
    std::chrono::seconds window{60};

    bool enabled() const { return requests > 0; }
};

// What taking one request from a budget decided, as the IETF RateLimit
// header fields and Retry-After tell it.
struct RateDecision {
    RateLimit limit;
    bool allowed = true;
    int remaining = 0;
    std::chrono::milliseconds reset{0}; // until the whole budget is back
    std::chrono::milliseconds retryAfter{0}; // refused: until one request fits
    qint64 decidedAtMs = 0; // on the limiter's clock
};

// Budgets kept by key ("api:member:42"). take() is thread-safe: database
// workers and the server's thread call it. A refused request takes nothing.
class RateLimiter
{
public:
    virtual ~RateLimiter() = default;
    virtual RateDecision take(const QString &key, const RateLimit &limit) = 0;

    // The arithmetic every store shares: the decision for a key whose
    // theoretical arrival time was `storedTat` (ms since the epoch, 0: never
    // seen), and the one to store if allowed.
    static RateDecision decide(qint64 storedTat, qint64 nowMs, const RateLimit &limit, qint64 *nextTat);
};

// In this process only: one instance's budgets (or every instance's, when
// Redis is down).
class LocalRateLimiter final : public RateLimiter
{
public:
    explicit LocalRateLimiter(const Clock &clock = Clock::system()) : m_clock(clock) {}
    RateDecision take(const QString &key, const RateLimit &limit) override;
    qsizetype size() const;

private:
    void sweep(qint64 nowMs);

    const Clock &m_clock;
    mutable QMutex m_mutex;
    QHash<QString, qint64> m_tat;
    int m_takesSinceSweep = 0;
};

} // namespace huntaze::server

#pragma once

#include "server/ratelimiter.h"

#include <QDateTime>
#include <QMutex>
#include <QUrl>

#include <memory>

struct redisContext;

namespace huntaze::server {

// Budgets shared by every huntaze-server instance through Redis (the seed's
// stack), so a client spread over instances by a load balancer meets one
// limit. Each take is one round trip: a Lua script reads and updates the
// key's instant atomically in Redis. With Redis unreachable, the instance
// keeps serving on budgets of its own (`fallback`) and says "degraded" in its
// health answer; it tries Redis again at most once a second, by itself.
class RedisRateLimiter final : public RateLimiter
{
public:
    // redis://[:password@]host[:port][/db]
    RedisRateLimiter(QUrl url, const Clock &clock = Clock::system());
    ~RedisRateLimiter() override;

    RateDecision take(const QString &key, const RateLimit &limit) override;

    struct Health {
        bool up = false;
        double latencyMs = 0;
        QString error; // why not, for the operator (never the password)
    };
    // A PING, now (for /health).
    Health check();
    bool isUp() const;
    // Where it is, for logs: the URL without its password.
    QString describe() const;

    static bool isValidUrl(const QUrl &url);

private:
    bool connectLocked(QString *why);
    void dropLocked(const QString &why);
    std::optional<qint64> evalLocked(const QByteArray &key, qint64 nowMs, const RateLimit &limit, QString *why);

    QUrl m_url;
    const Clock &m_clock;
    LocalRateLimiter m_fallback;
    mutable QMutex m_mutex;
    redisContext *m_context = nullptr;
    QByteArray m_scriptSha;
    qint64 m_nextAttemptMs = 0; // after a failure, not before this (on the clock)
    bool m_wasUp = true; // for logging the changes only
};

} // namespace huntaze::server

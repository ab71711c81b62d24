#pragma once

#include "net/apirequest.h"
#include "net/clock.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>

namespace huntaze {

// Remembers which endpoints answered 429 and until when, so further calls to
// them fail fast instead of hammering the server.
class RateLimitTracker
{
public:
    explicit RateLimitTracker(Clock &clock = Clock::system()) : m_clock(clock) {}

    // scheme://host:port/path: the query does not make another endpoint.
    static QString endpointOf(const QUrl &url);

    // When the endpoint may be called again; invalid when it may be called now.
    QDateTime limitedUntil(const QString &endpoint);
    void limit(const QString &endpoint, const QDateTime &until);

    // The reset time a 429 answer announces: the Retry-After header (seconds
    // or an HTTP date), else the JSON body's "resetTime" (ISO 8601, or Unix
    // time in seconds or milliseconds), else `fallback` after now.
    static QDateTime resetTime(const ApiResponse &response, const QDateTime &now, qint64 fallbackMs = 5000);

private:
    Clock &m_clock;
    QMutex m_mutex;
    QHash<QString, QDateTime> m_until;
};

} // namespace huntaze

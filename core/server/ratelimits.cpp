#include "ratelimits.h"

#include <QCoreApplication>
#include <QDateTime>

namespace huntaze::server {

namespace {

qint64 wholeSecondsUp(std::chrono::milliseconds duration)
{
    return (duration.count() + 999) / 1000;
}

} // namespace

const RateLimit &RateLimits::forRoute(const QString &route) const
{
    return route.startsWith(QLatin1String("/api/ai-assistant/")) ? ai : api;
}

Error tooManyRequests(const RateDecision &refused)
{
    const qint64 seconds = std::max<qint64>(1, wholeSecondsUp(refused.retryAfter));
    // "s", not a plural: huntaze-server loads no translations (they live in the desktop's UI library).
    Error error(ErrorCode::TooManyRequests,
                QCoreApplication::translate("huntaze::server::RateLimits", "Too many requests. Wait %1 s, then try again.").arg(seconds),
                QStringLiteral("rate limit %1").arg(QString::fromLatin1(refused.limit.name)));
    error.retryAt = QDateTime::fromMSecsSinceEpoch(refused.decidedAtMs + seconds * 1000, Qt::UTC);
    return error;
}

void addRateLimitFields(HttpResponse &response, const RateDecision &decision)
{
    if (!decision.limit.enabled())
        return;
    const QByteArray name = '"' + decision.limit.name + '"';
    response.headers.append({QByteArrayLiteral("RateLimit-Policy"),
                             name + ";q=" + QByteArray::number(decision.limit.requests)
                                 + ";w=" + QByteArray::number(static_cast<qint64>(decision.limit.window.count()))});
    response.headers.append(
        {QByteArrayLiteral("RateLimit"),
         name + ";r=" + QByteArray::number(decision.remaining) + ";t=" + QByteArray::number(wholeSecondsUp(decision.reset))});
    if (!decision.allowed)
        response.headers.append(
            {QByteArrayLiteral("Retry-After"), QByteArray::number(std::max<qint64>(1, wholeSecondsUp(decision.retryAfter)))});
}

} // namespace huntaze::server

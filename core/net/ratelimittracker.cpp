#include "ratelimittracker.h"

#include <QJsonObject>
#include <QLocale>
#include <QMutexLocker>

namespace huntaze {

QString RateLimitTracker::endpointOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo | QUrl::StripTrailingSlash)
        .toString(QUrl::FullyEncoded);
}

QDateTime RateLimitTracker::limitedUntil(const QString &endpoint)
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_until.find(endpoint);
    if (found == m_until.end())
        return {};
    if (found.value() <= m_clock.now()) {
        m_until.erase(found);
        return {};
    }
    return found.value();
}

void RateLimitTracker::limit(const QString &endpoint, const QDateTime &until)
{
    QMutexLocker lock(&m_mutex);
    QDateTime &current = m_until[endpoint];
    if (!current.isValid() || until > current)
        current = until;
}

QDateTime RateLimitTracker::resetTime(const ApiResponse &response, const QDateTime &now, qint64 fallbackMs)
{
    const QByteArray retryAfter = response.header(QByteArrayLiteral("Retry-After")).trimmed();
    if (!retryAfter.isEmpty()) {
        bool isNumber = false;
        const qint64 seconds = retryAfter.toLongLong(&isNumber);
        if (isNumber && seconds >= 0)
            return now.addSecs(seconds);
        // RFC 9110 HTTP-date, e.g. "Wed, 21 Oct 2026 07:28:00 GMT".
        const QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(retryAfter), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        if (date.isValid())
            return QDateTime(date.date(), date.time(), Qt::UTC);
    }

    const QJsonValue reset = response.json.object().value(QStringLiteral("resetTime"));
    if (reset.isString()) {
        const QDateTime parsed = QDateTime::fromString(reset.toString(), Qt::ISODateWithMs);
        if (parsed.isValid())
            return parsed.toUTC();
    } else if (reset.isDouble()) {
        const auto value = static_cast<qint64>(reset.toDouble());
        // Unix time: milliseconds if it would otherwise be centuries ahead.
        return value > 100'000'000'000LL ? QDateTime::fromMSecsSinceEpoch(value, Qt::UTC) : QDateTime::fromSecsSinceEpoch(value, Qt::UTC);
    }
    return now.addMSecs(fallbackMs);
}

} // namespace huntaze

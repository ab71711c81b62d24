#include "localhours.h"

#include "analytics/earnings.h"

#include <algorithm>
#include <limits>

namespace huntaze::analytics {

namespace {

constexpr qint64 msPerDay = 86'400'000;
constexpr qint64 msPerHour = 3'600'000;
constexpr qint64 julianDayOfEpoch = 2'440'588; // 1970-01-01

} // namespace

LocalHours::LocalHours(QTimeZone zone) : m_zone(zone.isValid() ? std::move(zone) : QTimeZone::utc())
{}

QPair<QDate, int> LocalHours::at(const QDateTime &instant)
{
    const qint64 ms = instant.toMSecsSinceEpoch();
    const Period *period = periodOf(ms);
    if (!period)
        return localHour(instant, m_zone);
    const qint64 local = ms + qint64(period->offsetSeconds) * 1000;
    // Floor division: instants before 1970 have negative milliseconds.
    const qint64 days = local >= 0 ? local / msPerDay : -((-local + msPerDay - 1) / msPerDay);
    return {QDate::fromJulianDay(julianDayOfEpoch + days), static_cast<int>((local - days * msPerDay) / msPerHour)};
}

const LocalHours::Period *LocalHours::periodOf(qint64 ms)
{
    // The last period starting at or before `ms`.
    auto after = std::upper_bound(m_periods.begin(), m_periods.end(), ms, [](qint64 value, const Period &p) { return value < p.fromMs; });
    if (after != m_periods.begin() && ms < std::prev(after)->untilMs)
        return &*std::prev(after);
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    Period period{std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), m_zone.offsetFromUtc(utc)};
    if (m_zone.hasTransitions()) {
        // previousTransition() answers the last one strictly before its argument: one at `ms` itself counts.
        const QTimeZone::OffsetData previous = m_zone.previousTransition(utc.addMSecs(1));
        const QTimeZone::OffsetData next = m_zone.nextTransition(utc);
        if (previous.atUtc.isValid())
            period.fromMs = previous.atUtc.toMSecsSinceEpoch();
        if (next.atUtc.isValid())
            period.untilMs = next.atUtc.toMSecsSinceEpoch();
    }
    // A backend whose transitions do not bracket the instant is asked each time.
    if (period.fromMs > ms || period.untilMs <= ms)
        return nullptr;
    // An overlapping period met before (none should be) gives way.
    auto first = std::lower_bound(m_periods.begin(), m_periods.end(), period.fromMs,
                                  [](const Period &p, qint64 value) { return p.untilMs <= value; });
    auto last = std::lower_bound(first, m_periods.end(), period.untilMs, [](const Period &p, qint64 value) { return p.fromMs < value; });
    return &*m_periods.insert(m_periods.erase(first, last), period);
}

} // namespace huntaze::analytics

#pragma once

#include "analytics/earnings.h"

#include <QDate>
#include <QList>
#include <QMap>

#include <array>
#include <optional>

// What the Dashboard shows of a creator's earnings, computed from the daily
// and hourly roll-ups (never from the events): totals for a period and the one before,
// series by day, week or month stacked by source, and when in the week the
// money comes. Pure functions: the same on the desktop and the server.
namespace huntaze::analytics {

enum class Granularity { Day, Week, Month };
enum class Amount { Gross, Net };

// Local days `from` to `to`, both included.
struct DateRange {
    QDate from;
    QDate to;

    qint64 days() const { return from.daysTo(to) + 1; }
    bool contains(const QDate &day) const { return day >= from && day <= to; }
    // The same number of days just before: what a change is measured against.
    DateRange previous() const { return {from.addDays(-days()), from.addDays(-1)}; }
    // The range of the `days` days ending with `last`.
    static DateRange lastDays(const QDate &last, int days) { return {last.addDays(1 - days), last}; }

    friend bool operator==(const DateRange &, const DateRange &) = default;
};

// The first day of the bucket `day` falls in: itself, the Monday of its
// week, or the first of its month.
QDate bucketStart(const QDate &day, Granularity granularity);

struct PeriodTotals {
    qint64 cents = 0; // gross or net, as asked
    qint64 purchases = 0; // events that brought money
    QMap<EarningSource, qint64> centsBySource;
    qint64 newSubscribers = 0;
    qint64 renewals = 0;
    qint64 lostSubscribers = 0; // subscriptions that expired

    friend bool operator==(const PeriodTotals &, const PeriodTotals &) = default;
};
PeriodTotals totals(const QList<EarningsDay> &days, const DateRange &range, Amount amount);

// A figure against the previous period's: the relative change, none when
// there was nothing before (no "+∞ %").
struct Change {
    qint64 current = 0;
    qint64 previous = 0;
    std::optional<double> relative() const
    {
        if (previous == 0)
            return std::nullopt;
        return static_cast<double>(current - previous) / static_cast<double>(previous);
    }
};

// One bucket per day, week or month of `range` (empty ones included, so a
// chart's axis has no gaps), earnings stacked by source, and subscribers
// gained and lost.
struct EarningsSeries {
    QList<QDate> buckets; // each bucket's first day (clipped to the range)
    QMap<EarningSource, QList<qint64>> cents; // every source, one value per bucket
    QList<qint64> gained;
    QList<qint64> lost;
};
EarningsSeries earningsOverTime(const QList<EarningsDay> &days, const DateRange &range, Granularity granularity, Amount amount);

// Earnings by weekday (0 Monday .. 6 Sunday) and local hour, from the hours
// of a range summed by hour of the week: the best time to post and to staff chatters.
using WeekHeatmap = std::array<std::array<qint64, 24>, 7>;
WeekHeatmap weekdayHourHeatmap(const QList<HourOfWeek> &hours, Amount amount);

QList<EarningSource> allSources();

} // namespace huntaze::analytics

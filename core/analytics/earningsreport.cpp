#include "earningsreport.h"

#include <QHash>

#include <algorithm>

namespace huntaze::analytics {

namespace {

qint64 amountOf(const EarningsRollup &rollup, Amount amount)
{
    return amount == Amount::Gross ? rollup.grossCents : rollup.netCents;
}

} // namespace

QList<EarningSource> allSources()
{
    return {EarningSource::Subscriptions, EarningSource::Tips,      EarningSource::Posts,  EarningSource::Messages,
            EarningSource::Streams,       EarningSource::Referrals, EarningSource::Customs};
}

QDate bucketStart(const QDate &day, Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day: return day;
    case Granularity::Week: return day.addDays(1 - day.dayOfWeek());
    case Granularity::Month: return QDate(day.year(), day.month(), 1);
    }
    return day;
}

PeriodTotals totals(const QList<EarningsRollup> &rollups, const DateRange &range, Amount amount)
{
    PeriodTotals sum;
    for (const EarningSource source : allSources())
        sum.centsBySource.insert(source, 0);
    for (const EarningsRollup &rollup : rollups) {
        if (!range.contains(rollup.day))
            continue;
        const qint64 cents = amountOf(rollup, amount);
        sum.cents += cents;
        sum.centsBySource[sourceOf(rollup.kind)] += cents;
        if (rollup.kind != EarningKind::ExpiredSubscription)
            sum.purchases += rollup.events;
        switch (rollup.kind) {
        case EarningKind::NewSubscription: sum.newSubscribers += rollup.events; break;
        case EarningKind::Renewal: sum.renewals += rollup.events; break;
        case EarningKind::ExpiredSubscription: sum.lostSubscribers += rollup.events; break;
        default: break;
        }
    }
    return sum;
}

EarningsSeries earningsOverTime(const QList<EarningsRollup> &rollups, const DateRange &range, Granularity granularity, Amount amount)
{
    EarningsSeries series;
    if (!range.from.isValid() || !range.to.isValid() || range.to < range.from)
        return series;
    // Bucket i starts at buckets[i]; a day's bucket is found by its start.
    QHash<qint64, qsizetype> indexOfStart;
    for (QDate start = bucketStart(range.from, granularity); start <= range.to;) {
        indexOfStart.insert(start.toJulianDay(), series.buckets.size());
        series.buckets.append(std::max(start, range.from));
        start = granularity == Granularity::Day ? start.addDays(1)
            : granularity == Granularity::Week  ? start.addDays(7)
                                                : start.addMonths(1);
    }
    for (const EarningSource source : allSources())
        series.cents.insert(source, QList<qint64>(series.buckets.size(), 0));
    series.gained = QList<qint64>(series.buckets.size(), 0);
    series.lost = QList<qint64>(series.buckets.size(), 0);
    for (const EarningsRollup &rollup : rollups) {
        if (!range.contains(rollup.day))
            continue;
        const qsizetype bucket = indexOfStart.value(bucketStart(rollup.day, granularity).toJulianDay(), -1);
        if (bucket < 0)
            continue;
        series.cents[sourceOf(rollup.kind)][bucket] += amountOf(rollup, amount);
        if (rollup.kind == EarningKind::NewSubscription)
            series.gained[bucket] += rollup.events;
        else if (rollup.kind == EarningKind::ExpiredSubscription)
            series.lost[bucket] += rollup.events;
    }
    return series;
}

WeekHeatmap weekdayHourHeatmap(const QList<EarningsRollup> &rollups, const DateRange &range, Amount amount)
{
    WeekHeatmap heatmap{};
    for (const EarningsRollup &rollup : rollups) {
        if (range.contains(rollup.day) && rollup.hour >= 0 && rollup.hour < 24)
            heatmap[static_cast<std::size_t>(rollup.day.dayOfWeek() - 1)][static_cast<std::size_t>(rollup.hour)]
                += amountOf(rollup, amount);
    }
    return heatmap;
}

} // namespace huntaze::analytics

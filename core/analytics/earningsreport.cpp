#include "earningsreport.h"

#include <QHash>

#include <algorithm>

namespace huntaze::analytics {

namespace {

template <typename Sum> qint64 amountOf(const Sum &sum, Amount amount)
{
    return amount == Amount::Gross ? sum.grossCents : sum.netCents;
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

PeriodTotals totals(const QList<EarningsDay> &days, const DateRange &range, Amount amount)
{
    PeriodTotals sum;
    for (const EarningSource source : allSources())
        sum.centsBySource.insert(source, 0);
    for (const EarningsDay &day : days) {
        if (!range.contains(day.day))
            continue;
        const qint64 cents = amountOf(day, amount);
        sum.cents += cents;
        sum.centsBySource[sourceOf(day.kind)] += cents;
        if (day.kind != EarningKind::ExpiredSubscription)
            sum.purchases += day.events;
        switch (day.kind) {
        case EarningKind::NewSubscription: sum.newSubscribers += day.events; break;
        case EarningKind::Renewal: sum.renewals += day.events; break;
        case EarningKind::ExpiredSubscription: sum.lostSubscribers += day.events; break;
        default: break;
        }
    }
    return sum;
}

EarningsSeries earningsOverTime(const QList<EarningsDay> &days, const DateRange &range, Granularity granularity, Amount amount)
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
    for (const EarningsDay &day : days) {
        if (!range.contains(day.day))
            continue;
        const qsizetype bucket = indexOfStart.value(bucketStart(day.day, granularity).toJulianDay(), -1);
        if (bucket < 0)
            continue;
        series.cents[sourceOf(day.kind)][bucket] += amountOf(day, amount);
        if (day.kind == EarningKind::NewSubscription)
            series.gained[bucket] += day.events;
        else if (day.kind == EarningKind::ExpiredSubscription)
            series.lost[bucket] += day.events;
    }
    return series;
}

WeekHeatmap weekdayHourHeatmap(const QList<HourOfWeek> &hours, Amount amount)
{
    WeekHeatmap heatmap{};
    for (const HourOfWeek &sum : hours) {
        if (sum.weekday >= 1 && sum.weekday <= 7 && sum.hour >= 0 && sum.hour < 24)
            heatmap[static_cast<std::size_t>(sum.weekday - 1)][static_cast<std::size_t>(sum.hour)] += amountOf(sum, amount);
    }
    return heatmap;
}

} // namespace huntaze::analytics

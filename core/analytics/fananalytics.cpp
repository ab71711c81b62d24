#include "fananalytics.h"

#include <QHash>

#include <algorithm>

namespace huntaze::analytics {

QString segmentId(SpendSegment segment)
{
    switch (segment) {
    case SpendSegment::Whales: return QStringLiteral("whales");
    case SpendSegment::Regulars: return QStringLiteral("regulars");
    case SpendSegment::OneTime: return QStringLiteral("one_time");
    }
    return {};
}

QList<SpendSegment> allSegments()
{
    return {SpendSegment::Whales, SpendSegment::Regulars, SpendSegment::OneTime};
}

QList<SegmentSummary> spendSegments(QList<FanLifetime> fans, Amount amount)
{
    fans.removeIf([](const FanLifetime &fan) { return fan.purchases <= 0; });
    // Biggest spenders first; equal spends in name order, so the same fans are whales every time.
    std::sort(fans.begin(), fans.end(), [amount](const FanLifetime &a, const FanLifetime &b) {
        return a.cents(amount) != b.cents(amount) ? a.cents(amount) > b.cents(amount) : a.fan < b.fan;
    });
    const qsizetype whales = (fans.size() + 9) / 10;
    QList<SegmentSummary> summaries;
    for (SpendSegment segment : allSegments())
        summaries.append(SegmentSummary{segment, 0, 0});
    for (qsizetype i = 0; i < fans.size(); ++i) {
        const FanLifetime &fan = fans.at(i);
        const SpendSegment segment = i < whales ? SpendSegment::Whales
            : fan.purchases == 1                ? SpendSegment::OneTime
                                                : SpendSegment::Regulars;
        SegmentSummary &summary = summaries[static_cast<qsizetype>(segment)];
        ++summary.fans;
        summary.cents += fan.cents(amount);
    }
    return summaries;
}

namespace {

int monthsBetween(const QDate &from, const QDate &to)
{
    return (to.year() - from.year()) * 12 + to.month() - from.month();
}

} // namespace

QList<Cohort> retentionTriangle(const QList<CohortActivity> &activity, const QDate &firstMonth, const QDate &lastMonth)
{
    QList<Cohort> cohorts;
    const QDate first(firstMonth.year(), firstMonth.month(), 1);
    const QDate last(lastMonth.year(), lastMonth.month(), 1);
    if (!first.isValid() || !last.isValid() || first > last)
        return cohorts;
    QHash<QDate, qsizetype> rowOf;
    for (QDate month = first; month <= last; month = month.addMonths(1)) {
        rowOf.insert(month, cohorts.size());
        cohorts.append(Cohort{month, 0, QList<qint64>(monthsBetween(month, last) + 1, 0)});
    }
    for (const CohortActivity &cell : activity) {
        const auto row = rowOf.constFind(QDate(cell.cohort.year(), cell.cohort.month(), 1));
        if (row == rowOf.cend())
            continue;
        Cohort &cohort = cohorts[*row];
        const int later = monthsBetween(cohort.month, cell.month);
        if (later < 0 || later >= cohort.retained.size())
            continue;
        cohort.retained[later] += cell.fans;
        if (later == 0)
            cohort.subscribers = cohort.retained[0];
    }
    return cohorts;
}

} // namespace huntaze::analytics

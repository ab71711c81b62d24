#pragma once

#include "analytics/earningsreport.h"

#include <QDate>
#include <QList>
#include <QString>

// What a creator's fans are worth and how long they stay (issue 12), from
// the per-fan daily roll-ups: spend segments with their lifetime value, and
// monthly subscriber cohorts. Pure functions: the same on the desktop and
// the server.
namespace huntaze::analytics {

// One fan's purchases up to a day.
struct FanLifetime {
    QString fan;
    qint64 purchases = 0; // lines that brought money
    qint64 grossCents = 0;
    qint64 netCents = 0;

    qint64 cents(Amount amount) const { return amount == Amount::Gross ? grossCents : netCents; }
};

// Whales: the tenth of paying fans who spent the most (at least one fan
// once there are any). One-time: the others who bought once. Regulars: the
// others who bought again.
enum class SpendSegment { Whales, Regulars, OneTime };
QString segmentId(SpendSegment segment); // "whales", "regulars", "one_time"
QList<SpendSegment> allSegments();

struct SegmentSummary {
    SpendSegment segment = SpendSegment::Regulars;
    qint64 fans = 0;
    qint64 cents = 0; // what they spent, gross or net
    // Lifetime value: what a fan of the segment spent on average, in cents (rounded).
    qint64 averageCents() const { return fans == 0 ? 0 : (cents + fans / 2) / fans; }

    friend bool operator==(const SegmentSummary &, const SegmentSummary &) = default;
};
// One summary per segment, in allSegments() order (empty ones included).
// Fans who never paid are in none.
QList<SegmentSummary> spendSegments(QList<FanLifetime> fans, Amount amount);

// How many of the fans whose first subscription fell in `cohort` (a month,
// by its first day) subscribed or renewed in `month`.
struct CohortActivity {
    QDate cohort;
    QDate month;
    qint64 fans = 0;
};

// One row of the retention triangle: a month's new subscribers and, for
// each month since (0 = that month, up to the last month asked), the share
// still subscribing or renewing then.
struct Cohort {
    QDate month;
    qint64 subscribers = 0;
    QList<qint64> retained; // retained[n]: those still there n months later
    double share(int monthsLater) const
    {
        return subscribers == 0 || monthsLater >= retained.size()
            ? 0.0
            : static_cast<double>(retained.at(monthsLater)) / static_cast<double>(subscribers);
    }

    friend bool operator==(const Cohort &, const Cohort &) = default;
};
// The cohorts from `firstMonth` to `lastMonth` (first days), oldest first,
// every month present; the row of month m has one entry per month from m to `lastMonth`.
QList<Cohort> retentionTriangle(const QList<CohortActivity> &activity, const QDate &firstMonth, const QDate &lastMonth);

} // namespace huntaze::analytics

#pragma once

#include "analytics/earningsreport.h"

#include <QDate>
#include <QJsonObject>
#include <QList>

#include <optional>

// What the next 30 days may bring, from a creator's own daily history, and
// the days that fell far from what that history predicted (issue 12).
//
// The model is deliberately plain, so a creator can follow it: a day is
// expected to bring the average of the 28 days before the forecast starts,
// times its weekday's share (from the 8 weeks before: Sundays may earn twice
// a Tuesday), corrected by how far the held-out totals (below) missed in the
// middle (a history that grows or shrinks steadily makes the plain model
// miss one way). Its error is measured, not assumed: the
// model is run from up to 26 earlier starting days, a week apart, each
// forecasting 30 days that are already known (held out), and the band is
// where the held-out days' misses fell, as shares of what was expected (the
// middle 80 %). heldOutCoverage checks it honestly: each window's days
// against a band made from the other windows only.
namespace huntaze::analytics {

// Days of history before any forecast or flag: the model's 8 weeks.
inline constexpr int forecastHistoryDays = 56;
inline constexpr int forecastHorizonDays = 30;

// Consecutive days' values (cents or counts) ending with `lastDay`.
struct DailySeries {
    QDate lastDay;
    QList<qint64> values;

    QDate firstDay() const { return lastDay.addDays(1 - values.size()); }
    qint64 at(const QDate &day) const; // 0 outside
};

struct Forecast {
    QDate firstDay; // the day after the history
    QList<qint64> expected; // one per day, forecastHorizonDays of them
    QList<qint64> low; // the band's lower edge
    QList<qint64> high;
    qint64 total = 0;
    qint64 totalLow = 0;
    qint64 totalHigh = 0;
    double bandShare = 0.8; // the share of days the band is built to hold
    // How the error was measured: held-out 30-day windows, the median miss
    // of their totals (0.12: 12 %), and the share of their days inside the band.
    int heldOutWindows = 0;
    double typicalTotalError = 0;
    double heldOutCoverage = 0;

    bool isEmpty() const { return expected.isEmpty(); }
    QJsonObject toJson() const;
    static Forecast fromJson(const QJsonObject &json);
    friend bool operator==(const Forecast &, const Forecast &) = default;
};

// Nothing (an empty forecast) with fewer than four held-out windows of
// history (forecastHistoryDays + 30 + 21 days: about 15 weeks).
Forecast forecastDays(const DailySeries &history, double bandShare = 0.8);

// A day far from what the days before it predicted: a spike or a drop.
struct Anomaly {
    enum class Series { Earnings, Renewals };
    Series series = Series::Earnings;
    QDate day;
    qint64 actual = 0;
    qint64 expected = 0;

    bool isSpike() const { return actual > expected; }
    QJsonObject toJson() const;
    static std::optional<Anomaly> fromJson(const QJsonObject &json);
    friend bool operator==(const Anomaly &, const Anomaly &) = default;
};

// The days of `range` whose value misses what was expected of them (the
// median of the same weekday in the 8 weeks before, which one odd day does
// not move) by far more than the series usually does: over four robust
// standard deviations (from the median absolute miss, as a share of the
// expected day) and at least a fifth of the expected day; renewal counts
// over three, at least three renewals, and less likely than 1 in 10,000 for
// a Poisson count. At most `limit`, the farthest from usual kept, by day.
QList<Anomaly> findAnomalies(const DailySeries &history, const DateRange &range, Anomaly::Series series, int limit = 20);

} // namespace huntaze::analytics

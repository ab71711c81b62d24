#include "forecast.h"

#include "analytics/jsonnumbers.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace huntaze::analytics {

using json::numbers;
using json::numbersFrom;

namespace {

constexpr int levelDays = 28;
constexpr int windowSpacingDays = 7;
constexpr int maxWindows = 26;
constexpr int minWindows = 4;

// The model over one series: prefix sums make a level O(1).
class WeekdayModel
{
public:
    explicit WeekdayModel(const DailySeries &series) : m_series(series)
    {
        m_prefix.reserve(series.values.size() + 1);
        m_prefix.append(0);
        for (qint64 value : series.values)
            m_prefix.append(m_prefix.last() + value);
    }

    qsizetype size() const { return m_series.values.size(); }
    qint64 value(qsizetype index) const { return m_series.values.at(index); }
    int weekdayOf(qsizetype index) const { return m_series.firstDay().addDays(index).dayOfWeek() - 1; }

    // The average day of the levelDays before index `origin`.
    double level(qsizetype origin) const { return mean(origin - levelDays, origin); }
    // Each weekday's share of an average day over the forecastHistoryDays before `origin` (1 without history).
    std::array<double, 7> weekdayFactors(qsizetype origin) const
    {
        std::array<double, 7> factors;
        factors.fill(1.0);
        const double overall = mean(origin - forecastHistoryDays, origin);
        if (overall <= 0)
            return factors;
        std::array<double, 7> sums{};
        std::array<int, 7> counts{};
        for (qsizetype i = origin - forecastHistoryDays; i < origin; ++i) {
            sums[weekdayOf(i)] += static_cast<double>(value(i));
            ++counts[weekdayOf(i)];
        }
        for (int day = 0; day < 7; ++day)
            factors[day] = counts[day] > 0 ? sums[day] / counts[day] / overall : 1.0;
        return factors;
    }

private:
    double mean(qsizetype from, qsizetype to) const
    {
        return static_cast<double>(m_prefix.at(to) - m_prefix.at(from)) / static_cast<double>(to - from);
    }

    const DailySeries &m_series;
    QList<qint64> m_prefix;
};

double quantile(QList<double> values, double share)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const double position = share * static_cast<double>(values.size() - 1);
    const auto below = static_cast<qsizetype>(std::floor(position));
    const qsizetype above = std::min(below + 1, values.size() - 1);
    return values.at(below) + (values.at(above) - values.at(below)) * (position - static_cast<double>(below));
}

// One held-out window: its days' misses as shares of what was expected, and its total's.
struct Window {
    QList<double> dayMisses;
    double totalMiss = 0; // (actual - expected) over expected
    double totalError = 0; // |actual - expected| over expected, when something was expected
    bool hasTotalError = false;
};

Window heldOut(const WeekdayModel &model, qsizetype origin)
{
    Window window;
    const double level = model.level(origin);
    if (level <= 0)
        return window;
    const std::array<double, 7> factors = model.weekdayFactors(origin);
    double actualTotal = 0;
    double expectedTotal = 0;
    for (qsizetype i = origin; i < origin + forecastHorizonDays; ++i) {
        const double expected = level * factors[model.weekdayOf(i)];
        const auto actual = static_cast<double>(model.value(i));
        if (expected > 0) // noise grows with the day's size: misses are shares of what was expected
            window.dayMisses.append((actual - expected) / expected);
        actualTotal += actual;
        expectedTotal += expected;
    }
    if (expectedTotal > 0) {
        window.totalMiss = (actualTotal - expectedTotal) / expectedTotal;
        window.totalError = std::abs(window.totalMiss);
        window.hasTotalError = true;
    }
    return window;
}

// How likely a count this far from `expected` is when counts are Poisson: the
// smaller tail's probability (at or below `count`, or at or above it).
double poissonTail(qint64 count, double expected)
{
    double below = 0; // P(X <= count)
    double term = std::exp(-expected);
    for (qint64 k = 0; k <= count; ++k) {
        below += term;
        term *= expected / static_cast<double>(k + 1);
    }
    const double above = 1 - (below - std::exp(-expected + static_cast<double>(count) * std::log(expected) - std::lgamma(count + 1.0)));
    return std::clamp(std::min(below, above), 0.0, 1.0);
}

QString seriesId(Anomaly::Series series)
{
    return series == Anomaly::Series::Earnings ? QStringLiteral("earnings") : QStringLiteral("renewals");
}

} // namespace

qint64 DailySeries::at(const QDate &day) const
{
    const qint64 index = firstDay().daysTo(day);
    return index >= 0 && index < values.size() ? values.at(index) : 0;
}

Forecast forecastDays(const DailySeries &history, double bandShare)
{
    const WeekdayModel model(history);
    QList<Window> windows;
    for (int j = 0; j < maxWindows; ++j) {
        const qsizetype origin = model.size() - forecastHorizonDays - qsizetype(j) * windowSpacingDays;
        if (origin < forecastHistoryDays)
            break;
        Window window = heldOut(model, origin);
        if (!window.dayMisses.isEmpty())
            windows.append(std::move(window));
    }
    Forecast forecast;
    forecast.bandShare = bandShare;
    if (windows.size() < minWindows)
        return forecast;
    const double lowShare = (1 - bandShare) / 2;
    const double highShare = 1 - lowShare;
    // The band of each window's days comes from the other windows' misses: held out for real.
    qint64 inside = 0;
    qint64 days = 0;
    QList<double> allMisses;
    QList<double> totalMisses;
    QList<double> totalErrors;
    for (qsizetype j = 0; j < windows.size(); ++j) {
        QList<double> others;
        for (qsizetype k = 0; k < windows.size(); ++k) {
            if (k != j)
                others += windows.at(k).dayMisses;
        }
        const double low = quantile(others, lowShare);
        const double high = quantile(others, highShare);
        for (double miss : windows.at(j).dayMisses) {
            inside += miss >= low && miss <= high ? 1 : 0;
            ++days;
        }
        allMisses += windows.at(j).dayMisses;
        totalMisses.append(windows.at(j).totalMiss);
        if (windows.at(j).hasTotalError)
            totalErrors.append(windows.at(j).totalError);
    }
    forecast.heldOutWindows = static_cast<int>(windows.size());
    forecast.heldOutCoverage = days > 0 ? static_cast<double>(inside) / static_cast<double>(days) : 0;
    forecast.typicalTotalError = quantile(totalErrors, 0.5);

    const qsizetype origin = model.size();
    const double level = model.level(origin);
    const std::array<double, 7> factors = model.weekdayFactors(origin);
    const double dayLow = quantile(allMisses, lowShare);
    const double dayHigh = quantile(allMisses, highShare);
    // A history that grows or shrinks steadily makes the model miss one way:
    // its held-out totals' median miss corrects what is expected (the band
    // already lies where the misses fell).
    const double correction = 1 + quantile(totalMisses, 0.5);
    forecast.firstDay = history.lastDay.addDays(1);
    double total = 0;
    for (int h = 0; h < forecastHorizonDays; ++h) {
        const double expected = level * factors[forecast.firstDay.addDays(h).dayOfWeek() - 1];
        total += expected;
        forecast.expected.append(std::llround(expected * correction));
        forecast.low.append(std::max<qint64>(0, std::llround(expected * (1 + dayLow))));
        forecast.high.append(std::max<qint64>(0, std::llround(expected * (1 + dayHigh))));
    }
    forecast.total = std::llround(total * correction);
    forecast.totalLow = std::max<qint64>(0, std::llround(total * (1 + quantile(totalMisses, lowShare))));
    forecast.totalHigh = std::max<qint64>(0, std::llround(total * (1 + quantile(totalMisses, highShare))));
    return forecast;
}

QList<Anomaly> findAnomalies(const DailySeries &history, const DateRange &range, Anomaly::Series series, int limit)
{
    struct Miss {
        qsizetype index;
        double expected;
        double relative; // the miss as a share of what was expected
    };
    // What a day was expected to bring: the median of the same weekday in the
    // eight weeks before, which one odd day among them does not move.
    const qsizetype weeks = forecastHistoryDays / 7;
    QList<Miss> misses;
    for (qsizetype i = forecastHistoryDays; i < history.values.size(); ++i) {
        QList<double> sameWeekday;
        for (qsizetype week = 1; week <= weeks; ++week)
            sameWeekday.append(static_cast<double>(history.values.at(i - 7 * week)));
        const double expected = quantile(sameWeekday, 0.5);
        if (expected <= 0)
            continue; // nothing usual to judge the day against
        misses.append({i, expected, (static_cast<double>(history.values.at(i)) - expected) / expected});
    }
    if (misses.size() < forecastHorizonDays)
        return {};
    QList<double> relative;
    for (const Miss &miss : std::as_const(misses))
        relative.append(miss.relative);
    const double median = quantile(relative, 0.5);
    QList<double> deviations;
    for (double value : std::as_const(relative))
        deviations.append(std::abs(value - median));
    // A series that never moves still has a scale: a twentieth of the day.
    const double scale = std::max(1.4826 * quantile(deviations, 0.5), 0.05);
    // Counts move by whole units: a day with 1 renewal instead of 0 is no news,
    // and a count's own randomness (Poisson) says how far is far.
    const bool counts = series == Anomaly::Series::Renewals;
    const double smallest = counts ? 3.0 : 0.0;
    QList<std::pair<double, Anomaly>> found;
    for (const Miss &miss : std::as_const(misses)) {
        const QDate day = history.firstDay().addDays(miss.index);
        if (!range.contains(day))
            continue;
        const double distance = std::abs(miss.relative - median) / scale;
        const double gap = std::abs(static_cast<double>(history.values.at(miss.index)) - miss.expected);
        const qint64 actual = history.values.at(miss.index);
        const bool far = counts ? distance > 3 && poissonTail(actual, miss.expected) < 1e-4 : distance > 4;
        if (far && gap >= 0.2 * miss.expected && gap >= smallest)
            found.append({distance, Anomaly{series, day, history.values.at(miss.index), std::llround(miss.expected)}});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<Anomaly> anomalies;
    for (qsizetype i = 0; i < found.size() && i < limit; ++i)
        anomalies.append(found.at(i).second);
    std::sort(anomalies.begin(), anomalies.end(), [](const Anomaly &a, const Anomaly &b) { return a.day < b.day; });
    return anomalies;
}

QJsonObject Forecast::toJson() const
{
    return {{QStringLiteral("firstDay"), firstDay.toString(Qt::ISODate)},
            {QStringLiteral("expected"), numbers(expected)},
            {QStringLiteral("low"), numbers(low)},
            {QStringLiteral("high"), numbers(high)},
            {QStringLiteral("total"), total},
            {QStringLiteral("totalLow"), totalLow},
            {QStringLiteral("totalHigh"), totalHigh},
            {QStringLiteral("bandShare"), bandShare},
            {QStringLiteral("heldOutWindows"), heldOutWindows},
            {QStringLiteral("typicalTotalError"), typicalTotalError},
            {QStringLiteral("heldOutCoverage"), heldOutCoverage}};
}

Forecast Forecast::fromJson(const QJsonObject &json)
{
    Forecast forecast;
    forecast.firstDay = QDate::fromString(json.value(QStringLiteral("firstDay")).toString(), Qt::ISODate);
    forecast.expected = numbersFrom(json.value(QStringLiteral("expected")));
    forecast.low = numbersFrom(json.value(QStringLiteral("low")));
    forecast.high = numbersFrom(json.value(QStringLiteral("high")));
    forecast.low.resize(forecast.expected.size(), 0);
    forecast.high.resize(forecast.expected.size(), 0);
    forecast.total = json.value(QStringLiteral("total")).toInteger();
    forecast.totalLow = json.value(QStringLiteral("totalLow")).toInteger();
    forecast.totalHigh = json.value(QStringLiteral("totalHigh")).toInteger();
    forecast.bandShare = json.value(QStringLiteral("bandShare")).toDouble(0.8);
    forecast.heldOutWindows = json.value(QStringLiteral("heldOutWindows")).toInt();
    forecast.typicalTotalError = json.value(QStringLiteral("typicalTotalError")).toDouble();
    forecast.heldOutCoverage = json.value(QStringLiteral("heldOutCoverage")).toDouble();
    return forecast;
}

QJsonObject Anomaly::toJson() const
{
    return {{QStringLiteral("series"), seriesId(series)},
            {QStringLiteral("day"), day.toString(Qt::ISODate)},
            {QStringLiteral("actual"), actual},
            {QStringLiteral("expected"), expected}};
}

std::optional<Anomaly> Anomaly::fromJson(const QJsonObject &json)
{
    Anomaly anomaly;
    const QString series = json.value(QStringLiteral("series")).toString();
    if (series == seriesId(Anomaly::Series::Earnings))
        anomaly.series = Anomaly::Series::Earnings;
    else if (series == seriesId(Anomaly::Series::Renewals))
        anomaly.series = Anomaly::Series::Renewals;
    else
        return std::nullopt;
    anomaly.day = QDate::fromString(json.value(QStringLiteral("day")).toString(), Qt::ISODate);
    if (!anomaly.day.isValid())
        return std::nullopt;
    anomaly.actual = json.value(QStringLiteral("actual")).toInteger();
    anomaly.expected = json.value(QStringLiteral("expected")).toInteger();
    return anomaly;
}

} // namespace huntaze::analytics

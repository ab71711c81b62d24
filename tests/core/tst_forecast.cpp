// The 30-day forecast and the anomaly flags (issue 12): the band holds the
// held-out truth of synthetic series at about its stated rate, a pure weekly
// pattern is forecast exactly, spikes and drops are flagged and ordinary
// noise is not.
#include "analytics/dashboard.h"
#include "analytics/forecast.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <random>

using namespace huntaze::analytics;

namespace {

const QDate lastDay(2026, 6, 30);
// A creator's week: quiet early in the week, busy at the weekend.
constexpr std::array<double, 7> weekShape{0.7, 0.8, 0.9, 1.0, 1.1, 1.4, 1.6};

// `days` days ending with `end`: about `level` a day shaped by the week, with
// normal noise of `noise` of the day's value (never below 0).
DailySeries synthetic(const QDate &end, int days, double level, double noise, quint32 seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> normal(0, 1);
    DailySeries series{end, {}};
    for (int i = 0; i < days; ++i) {
        const QDate day = end.addDays(i + 1 - days);
        const double expected = level * weekShape[day.dayOfWeek() - 1];
        series.values.append(std::max<qint64>(0, std::llround(expected * (1 + noise * normal(random)))));
    }
    return series;
}

} // namespace

class TestForecast : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aWeeklyPatternIsForecastExactly();
    void tooLittleHistoryForecastsNothing_data();
    void tooLittleHistoryForecastsNothing();
    void theBandHoldsHeldOutTruthAtItsRate_data();
    void theBandHoldsHeldOutTruthAtItsRate();
    void spikesAndDropsAreFlagged();
    void ordinaryNoiseIsNotFlagged();
    void aDropInRenewalsIsFlagged();
    void theDashboardCarriesThem();
};

void TestForecast::aWeeklyPatternIsForecastExactly()
{
    const DailySeries history = synthetic(lastDay, 200, 10000, 0, 1);
    const Forecast forecast = forecastDays(history);
    QVERIFY(!forecast.isEmpty());
    QCOMPARE(forecast.firstDay, lastDay.addDays(1));
    QCOMPARE(forecast.expected.size(), forecastHorizonDays);
    for (int h = 0; h < forecastHorizonDays; ++h) {
        const double truth = 10000 * weekShape[lastDay.addDays(1 + h).dayOfWeek() - 1];
        QVERIFY2(std::abs(forecast.expected.at(h) - truth) <= 1, qPrintable(QString::number(forecast.expected.at(h))));
        QVERIFY(std::abs(forecast.high.at(h) - forecast.low.at(h)) <= 2); // nothing ever missed: no band to speak of
    }
    QCOMPARE(forecast.heldOutWindows, 17); // starting days a week apart, with 56 days before and 30 after: 114 / 7 + 1
    QVERIFY(forecast.typicalTotalError < 0.001);
    // The same through JSON.
    QCOMPARE(Forecast::fromJson(forecast.toJson()), forecast);
}

void TestForecast::tooLittleHistoryForecastsNothing_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<bool>("forecast");
    QTest::newRow("nothing") << 0 << false;
    QTest::newRow("eight weeks") << 56 << false;
    QTest::newRow("three held-out windows") << 56 + 30 + 14 << false;
    QTest::newRow("four held-out windows") << 56 + 30 + 21 << true;
}

void TestForecast::tooLittleHistoryForecastsNothing()
{
    QFETCH(int, days);
    QFETCH(bool, forecast);
    QCOMPARE(!forecastDays(synthetic(lastDay, days, 5000, 0.2, 3)).isEmpty(), forecast);
}

void TestForecast::theBandHoldsHeldOutTruthAtItsRate_data()
{
    QTest::addColumn<double>("noise");
    QTest::addColumn<double>("share");
    QTest::newRow("20 % noise, 80 % band") << 0.2 << 0.8;
    QTest::newRow("40 % noise, 80 % band") << 0.4 << 0.8;
    QTest::newRow("20 % noise, 50 % band") << 0.2 << 0.5;
}

void TestForecast::theBandHoldsHeldOutTruthAtItsRate()
{
    QFETCH(double, noise);
    QFETCH(double, share);
    // Forty series of 400 days: forecast from the first 370, check the band against the last 30.
    int inside = 0;
    int days = 0;
    double measured = 0;
    for (quint32 seed = 1; seed <= 40; ++seed) {
        const DailySeries whole = synthetic(lastDay, 400, 8000, noise, seed);
        const DailySeries history{lastDay.addDays(-forecastHorizonDays), whole.values.mid(0, 400 - forecastHorizonDays)};
        const Forecast forecast = forecastDays(history, share);
        QVERIFY(!forecast.isEmpty());
        measured += forecast.heldOutCoverage;
        for (int h = 0; h < forecastHorizonDays; ++h) {
            const qint64 truth = whole.at(forecast.firstDay.addDays(h));
            inside += truth >= forecast.low.at(h) && truth <= forecast.high.at(h) ? 1 : 0;
            ++days;
        }
    }
    const double coverage = static_cast<double>(inside) / days;
    QVERIFY2(std::abs(coverage - share) < 0.07, qPrintable(QStringLiteral("held %1 of the days").arg(coverage)));
    // What the forecast says of itself (from its own held-out windows) is near what happened.
    QVERIFY2(std::abs(measured / 40 - share) < 0.07, qPrintable(QString::number(measured / 40)));
}

void TestForecast::spikesAndDropsAreFlagged()
{
    DailySeries history = synthetic(lastDay, 200, 10000, 0.1, 7);
    const QDate spike = lastDay.addDays(-20);
    const QDate drop = lastDay.addDays(-5);
    history.values[history.firstDay().daysTo(spike)] *= 5;
    history.values[history.firstDay().daysTo(drop)] = 0;
    const QList<Anomaly> found = findAnomalies(history, DateRange::lastDays(lastDay, 30), Anomaly::Series::Earnings);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(0).day, spike);
    QVERIFY(found.at(0).isSpike());
    QCOMPARE(found.at(1).day, drop);
    QVERIFY(!found.at(1).isSpike());
    QCOMPARE(found.at(1).actual, 0);
    QVERIFY(found.at(1).expected > 5000);
    // Outside the range asked: not listed.
    QVERIFY(findAnomalies(history, {lastDay.addDays(-4), lastDay}, Anomaly::Series::Earnings).isEmpty());
}

void TestForecast::ordinaryNoiseIsNotFlagged()
{
    for (quint32 seed = 1; seed <= 10; ++seed) {
        const DailySeries history = synthetic(lastDay, 365, 10000, 0.15, seed);
        const QList<Anomaly> found = findAnomalies(history, DateRange::lastDays(lastDay, 300), Anomaly::Series::Earnings);
        QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().day.toString(Qt::ISODate)));
    }
}

void TestForecast::aDropInRenewalsIsFlagged()
{
    // About 20 renewals a day, Poisson-like; one day none (a payment outage).
    std::mt19937 random(11);
    std::poisson_distribution<int> renewals(20);
    DailySeries history{lastDay, {}};
    for (int i = 0; i < 150; ++i)
        history.values.append(renewals(random));
    const QDate outage = lastDay.addDays(-3);
    history.values[history.firstDay().daysTo(outage)] = 0;
    const QList<Anomaly> found = findAnomalies(history, DateRange::lastDays(lastDay, 30), Anomaly::Series::Renewals);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().day, outage);
    QCOMPARE(found.first().series, Anomaly::Series::Renewals);
    // A few renewals on a creator who has almost none: no flag for one or two.
    DailySeries sparse{lastDay, QList<qint64>(150, 0)};
    for (int i = 0; i < 150; i += 10)
        sparse.values[i] = 1;
    sparse.values[140] = 2;
    QVERIFY(findAnomalies(sparse, DateRange::lastDays(lastDay, 30), Anomaly::Series::Renewals).isEmpty());
}

void TestForecast::theDashboardCarriesThem()
{
    // Six months of a tip every day, 10.00 on weekdays and 20.00 at the weekend, and a day of 200.00.
    DashboardInputs inputs;
    const DateRange range = DateRange::lastDays(lastDay, 30);
    inputs.historyFrom = lastDay.addDays(-179);
    for (QDate day = inputs.historyFrom; day <= lastDay; day = day.addDays(1)) {
        const qint64 cents = day == lastDay.addDays(-10) ? 20000 : day.dayOfWeek() >= 6 ? 2000 : 1000;
        inputs.days.append({day, EarningKind::Tip, 1, cents, cents});
    }
    DashboardRequest request;
    request.range = range;
    const Dashboard dashboard = buildDashboard(request, inputs);
    QVERIFY(!dashboard.forecast.isEmpty());
    QCOMPARE(dashboard.forecast.firstDay, lastDay.addDays(1));
    QCOMPARE(dashboard.anomalies.size(), 1);
    QCOMPARE(dashboard.anomalies.first().day, lastDay.addDays(-10));
    const Dashboard back = Dashboard::fromJson(dashboard.toJson());
    QCOMPARE(back.forecast, dashboard.forecast);
    QCOMPARE(back.anomalies, dashboard.anomalies);
}

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"

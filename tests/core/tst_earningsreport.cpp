// The Dashboard's earnings figures from daily and hourly roll-ups (issue 12), against
// small cases worked out by hand: totals and their change, series by day,
// week and month with empty buckets kept, gross or net, and the weekday x
// hour heat map.
#include "analytics/earningsreport.h"

#include <QTest>

#include <numeric>

using namespace huntaze::analytics;

namespace {

// Monday 2 March 2026 to Sunday 5 April 2026, by hand.
const QList<EarningsDay> march{
    {QDate(2026, 3, 2), EarningKind::NewSubscription, 2, 2000, 1600}, // Monday
    {QDate(2026, 3, 2), EarningKind::Tip, 1, 500, 400},
    {QDate(2026, 3, 8), EarningKind::PaidMessage, 3, 3000, 2400}, // Sunday
    {QDate(2026, 3, 9), EarningKind::ExpiredSubscription, 1, 0, 0}, // Monday, week 2
    {QDate(2026, 3, 31), EarningKind::MassMessage, 2, 1000, 800}, // Tuesday
    {QDate(2026, 4, 1), EarningKind::Renewal, 1, 1000, 800}, // Wednesday, April
    {QDate(2026, 2, 28), EarningKind::Tip, 1, 7000, 5600}, // before the range
};
const DateRange range{QDate(2026, 3, 2), QDate(2026, 4, 5)};

} // namespace

class TestEarningsReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void totalsCountWhatTheRangeHolds_data();
    void totalsCountWhatTheRangeHolds();
    void aChangeAgainstNothingIsNoPercentage();
    void seriesHaveABucketForEveryStep_data();
    void seriesHaveABucketForEveryStep();
    void theHeatmapPutsMoneyWhereItCame();
    void rangesKnowTheirPreviousPeriod();
};

void TestEarningsReport::totalsCountWhatTheRangeHolds_data()
{
    QTest::addColumn<int>("amount");
    QTest::addColumn<qint64>("cents");
    QTest::addColumn<qint64>("messages");
    QTest::newRow("gross") << int(Amount::Gross) << qint64(2000 + 500 + 3000 + 1000 + 1000) << qint64(3000 + 1000);
    QTest::newRow("net") << int(Amount::Net) << qint64(1600 + 400 + 2400 + 800 + 800) << qint64(2400 + 800);
}

void TestEarningsReport::totalsCountWhatTheRangeHolds()
{
    QFETCH(int, amount);
    QFETCH(qint64, cents);
    QFETCH(qint64, messages);
    const PeriodTotals sum = totals(march, range, static_cast<Amount>(amount));
    QCOMPARE(sum.cents, cents);
    QCOMPARE(sum.centsBySource.value(EarningSource::Messages), messages);
    QCOMPARE(sum.centsBySource.value(EarningSource::Streams), 0); // every source is there, even at 0
    QCOMPARE(sum.centsBySource.size(), allSources().size());
    QCOMPARE(sum.purchases, 2 + 1 + 3 + 2 + 1); // the expiry is not a purchase
    QCOMPARE(sum.newSubscribers, 2);
    QCOMPARE(sum.renewals, 1);
    QCOMPARE(sum.lostSubscribers, 1);
}

void TestEarningsReport::aChangeAgainstNothingIsNoPercentage()
{
    const Change fromNothing{500, 0}, up{150, 100}, down{0, 100};
    QVERIFY(!fromNothing.relative());
    QCOMPARE(*up.relative(), 0.5);
    QCOMPARE(*down.relative(), -1.0);
    // The week of 2-8 March against 23 February - 1 March (February's big tip).
    const DateRange week = DateRange::lastDays(QDate(2026, 3, 8), 7);
    const Change change{totals(march, week, Amount::Gross).cents, totals(march, week.previous(), Amount::Gross).cents};
    QCOMPARE(change.current, 5500);
    QCOMPARE(change.previous, 7000);
}

void TestEarningsReport::seriesHaveABucketForEveryStep_data()
{
    QTest::addColumn<int>("granularity");
    QTest::addColumn<QList<QDate>>("buckets");
    QTest::addColumn<QList<qint64>>("messages");
    QTest::addColumn<QList<qint64>>("subscriptions");
    QTest::addColumn<QList<qint64>>("lost");
    QList<QDate> days;
    QList<qint64> dailyMessages, dailySubscriptions, dailyLost;
    for (QDate day = range.from; day <= range.to; day = day.addDays(1)) {
        days.append(day);
        dailyMessages.append(day == QDate(2026, 3, 8) ? 3000 : day == QDate(2026, 3, 31) ? 1000 : 0);
        dailySubscriptions.append(day == QDate(2026, 3, 2) ? 2000 : day == QDate(2026, 4, 1) ? 1000 : 0);
        dailyLost.append(day == QDate(2026, 3, 9) ? 1 : 0);
    }
    QTest::newRow("days") << int(Granularity::Day) << days << dailyMessages << dailySubscriptions << dailyLost;
    QTest::newRow("weeks") << int(Granularity::Week)
                           << QList<QDate>{QDate(2026, 3, 2), QDate(2026, 3, 9), QDate(2026, 3, 16), QDate(2026, 3, 23), QDate(2026, 3, 30)}
                           << QList<qint64>{3000, 0, 0, 0, 1000} << QList<qint64>{2000, 0, 0, 0, 1000} << QList<qint64>{0, 1, 0, 0, 0};
    // Months: the first bucket starts where the range does, not on the 1st.
    QTest::newRow("months") << int(Granularity::Month) << QList<QDate>{QDate(2026, 3, 2), QDate(2026, 4, 1)} << QList<qint64>{4000, 0}
                            << QList<qint64>{2000, 1000} << QList<qint64>{1, 0};
}

void TestEarningsReport::seriesHaveABucketForEveryStep()
{
    QFETCH(int, granularity);
    QFETCH(QList<QDate>, buckets);
    QFETCH(QList<qint64>, messages);
    QFETCH(QList<qint64>, subscriptions);
    QFETCH(QList<qint64>, lost);
    const EarningsSeries series = earningsOverTime(march, range, static_cast<Granularity>(granularity), Amount::Gross);
    QCOMPARE(series.buckets, buckets);
    QCOMPARE(series.cents.value(EarningSource::Messages), messages);
    QCOMPARE(series.cents.value(EarningSource::Subscriptions), subscriptions);
    QCOMPARE(series.lost, lost);
    QCOMPARE(series.gained.size(), buckets.size());
    QCOMPARE(std::accumulate(series.gained.cbegin(), series.gained.cend(), qint64(0)), 2);
    for (const EarningSource source : allSources())
        QCOMPARE(series.cents.value(source).size(), buckets.size());
}

void TestEarningsReport::theHeatmapPutsMoneyWhereItCame()
{
    const QList<HourOfWeek> hours{
        {1, 9, 2, 2000, 1600}, // Monday 9:00
        {1, 21, 1, 500, 400},  {7, 21, 3, 3000, 2400}, // Sunday 21:00
        {2, 23, 2, 1000, 800}, {3, 0, 1, 1000, 800}, // Wednesday midnight
        {1, 21, 1, 100, 80}, // the same hour twice adds up
        {0, 5, 1, 9999, 9999}, // no such weekday, nor hour: not drawn
        {8, 5, 1, 9999, 9999}, {2, 24, 1, 9999, 9999},
    };
    const WeekHeatmap net = weekdayHourHeatmap(hours, Amount::Net);
    QCOMPARE(net[0][9], 1600);
    QCOMPARE(net[0][21], 480);
    QCOMPARE(net[6][21], 2400);
    QCOMPARE(net[1][23], 800);
    QCOMPARE(net[2][0], 800);
    qint64 all = 0;
    for (const auto &day : net)
        for (const qint64 cents : day)
            all += cents;
    QCOMPARE(all, 1600 + 480 + 2400 + 800 + 800);
    QCOMPARE(weekdayHourHeatmap(hours, Amount::Gross)[0][21], 600);
}

void TestEarningsReport::rangesKnowTheirPreviousPeriod()
{
    QCOMPARE(range.days(), 35);
    QCOMPARE(range.previous().to, QDate(2026, 3, 1));
    QCOMPARE(range.previous().days(), 35);
    QCOMPARE(DateRange::lastDays(QDate(2026, 3, 31), 30).from, QDate(2026, 3, 2));
    QCOMPARE(bucketStart(QDate(2026, 3, 8), Granularity::Week), QDate(2026, 3, 2)); // a Sunday belongs to the Monday before
    QCOMPARE(bucketStart(QDate(2026, 3, 31), Granularity::Month), QDate(2026, 3, 1));
}

QTEST_APPLESS_MAIN(TestEarningsReport)
#include "tst_earningsreport.moc"

// Spend segments, lifetime value and the retention triangle against cases
// worked out by hand; the dashboard's request as a server reads it from a
// URL (bad ranges refused by field); the dashboard's JSON round trip.
#include "analytics/dashboard.h"
#include "analytics/fananalytics.h"

#include <QTest>

using namespace huntaze;
using namespace huntaze::analytics;

class TestFanAnalytics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void segmentsSplitPayingFans();
    void aTenthAreWhalesRoundedUp_data();
    void aTenthAreWhalesRoundedUp();
    void retentionTriangleFromHandCountedFans();
    void requestsComeFromAUrl_data();
    void requestsComeFromAUrl();
    void badRequestsNameTheirField_data();
    void badRequestsNameTheirField();
    void theDashboardRoundTripsThroughJson();
};

void TestFanAnalytics::segmentsSplitPayingFans()
{
    // Twelve paying fans and one who never paid: ceil(12 / 10) = 2 whales.
    QList<FanLifetime> fans{
        {QStringLiteral("whale-a"), 3, 90'000, 72'000},
        {QStringLiteral("whale-b"), 1, 50'000, 40'000},
        {QStringLiteral("reg-1"), 2, 2'000, 1'600},
        {QStringLiteral("reg-2"), 5, 4'000, 3'200},
        {QStringLiteral("reg-3"), 2, 1'000, 800},
        {QStringLiteral("one-1"), 1, 1'000, 800},
        {QStringLiteral("one-2"), 1, 999, 799},
        {QStringLiteral("one-3"), 1, 500, 400},
        {QStringLiteral("one-4"), 1, 500, 400},
        {QStringLiteral("one-5"), 1, 300, 240},
        {QStringLiteral("one-6"), 1, 300, 240},
        {QStringLiteral("one-7"), 1, 100, 80},
        {QStringLiteral("free"), 0, 0, 0},
    };
    const QList<SegmentSummary> gross = spendSegments(fans, Amount::Gross);
    QCOMPARE(
        gross,
        (QList<SegmentSummary>{{SpendSegment::Whales, 2, 140'000}, {SpendSegment::Regulars, 3, 7'000}, {SpendSegment::OneTime, 7, 3'699}}));
    QCOMPARE(gross.at(0).averageCents(), 70'000);
    QCOMPARE(gross.at(1).averageCents(), 2'333); // 7000 / 3
    QCOMPARE(gross.at(2).averageCents(), 528); // 3699 / 7 = 528.4
    const QList<SegmentSummary> net = spendSegments(fans, Amount::Net);
    QCOMPARE(net.at(0).cents, 112'000);
    // A whale who bought once is still a whale: spend decides first.
    QCOMPARE(spendSegments({{QStringLiteral("solo"), 1, 100, 80}}, Amount::Gross).at(0).fans, 1);
    QCOMPARE(spendSegments({}, Amount::Gross),
             (QList<SegmentSummary>{{SpendSegment::Whales, 0, 0}, {SpendSegment::Regulars, 0, 0}, {SpendSegment::OneTime, 0, 0}}));
}

void TestFanAnalytics::aTenthAreWhalesRoundedUp_data()
{
    QTest::addColumn<int>("payingFans");
    QTest::addColumn<int>("whales");
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("10") << 10 << 1;
    QTest::newRow("11") << 11 << 2;
    QTest::newRow("100") << 100 << 10;
    QTest::newRow("101") << 101 << 11;
}

void TestFanAnalytics::aTenthAreWhalesRoundedUp()
{
    QFETCH(int, payingFans);
    QFETCH(int, whales);
    QList<FanLifetime> fans;
    for (int i = 0; i < payingFans; ++i)
        fans.append({QStringLiteral("fan%1").arg(i, 3, 10, QLatin1Char('0')), 2, 100, 80}); // equal spends: name order decides
    const QList<SegmentSummary> segments = spendSegments(fans, Amount::Gross);
    QCOMPARE(segments.at(0).fans, whales);
    QCOMPARE(segments.at(1).fans, payingFans - whales);
}

void TestFanAnalytics::retentionTriangleFromHandCountedFans()
{
    // January: 4 new subscribers, 3 renew in February, 1 in March.
    // February: 2 new, both renew in March. March: none.
    const QList<CohortActivity> activity{
        {QDate(2026, 1, 1), QDate(2026, 1, 1), 4}, {QDate(2026, 1, 1), QDate(2026, 2, 1), 3},
        {QDate(2026, 1, 1), QDate(2026, 3, 1), 1}, {QDate(2026, 2, 1), QDate(2026, 2, 1), 2},
        {QDate(2026, 2, 1), QDate(2026, 3, 1), 2}, {QDate(2025, 6, 1), QDate(2026, 1, 1), 9}, // before the first month asked: left out
    };
    const QList<Cohort> triangle = retentionTriangle(activity, QDate(2026, 1, 20), QDate(2026, 3, 31));
    QCOMPARE(triangle, (QList<Cohort>{{QDate(2026, 1, 1), 4, {4, 3, 1}}, {QDate(2026, 2, 1), 2, {2, 2}}, {QDate(2026, 3, 1), 0, {0}}}));
    QCOMPARE(triangle.at(0).share(1), 0.75);
    QCOMPARE(triangle.at(0).share(2), 0.25);
    QCOMPARE(triangle.at(1).share(1), 1.0);
    QCOMPARE(triangle.at(2).share(0), 0.0); // nobody new: no share, not a division by zero
    QCOMPARE(triangle.at(1).share(5), 0.0); // beyond the triangle
    QVERIFY(retentionTriangle(activity, QDate(2026, 4, 1), QDate(2026, 3, 1)).isEmpty());
}

void TestFanAnalytics::requestsComeFromAUrl_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<DashboardRequest>("expected");
    QTest::newRow("a month by week, gross") << QStringLiteral("from=2026-01-01&to=2026-01-31&granularity=week&amount=gross")
                                            << DashboardRequest{
                                                   {QDate(2026, 1, 1), QDate(2026, 1, 31)}, Granularity::Week, Amount::Gross, false};
    QTest::newRow("defaults: by day, net") << QStringLiteral(
        "from=2026-01-01&to=2026-01-01") << DashboardRequest{{QDate(2026, 1, 1), QDate(2026, 1, 1)}, Granularity::Day, Amount::Net, false};
    QTest::newRow("all") << QStringLiteral("all=1&to=2026-05-31&granularity=month")
                         << DashboardRequest{{QDate(2026, 5, 31), QDate(2026, 5, 31)}, Granularity::Month, Amount::Net, true};
}

void TestFanAnalytics::requestsComeFromAUrl()
{
    QFETCH(QString, query);
    QFETCH(DashboardRequest, expected);
    const Result<DashboardRequest> request = DashboardRequest::fromQuery(QUrlQuery(query));
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    QCOMPARE(request.value(), expected);
    QCOMPARE(DashboardRequest::fromQuery(expected.toQuery()).value(), expected);
}

void TestFanAnalytics::badRequestsNameTheirField_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("no end") << QStringLiteral("from=2026-01-01") << QStringLiteral("to");
    QTest::newRow("no start") << QStringLiteral("to=2026-01-01") << QStringLiteral("from");
    QTest::newRow("not a day") << QStringLiteral("from=yesterday&to=2026-01-01") << QStringLiteral("from");
    QTest::newRow("a day that is not") << QStringLiteral("from=2026-02-30&to=2026-03-01") << QStringLiteral("from");
    QTest::newRow("a time") << QStringLiteral("from=2026-01-01T00:00&to=2026-03-01") << QStringLiteral("from");
    QTest::newRow("before 2000") << QStringLiteral("from=1999-12-31&to=2026-03-01") << QStringLiteral("from");
    QTest::newRow("after 2100") << QStringLiteral("from=2026-01-01&to=2101-01-01") << QStringLiteral("to");
    QTest::newRow("backwards") << QStringLiteral("from=2026-03-01&to=2026-01-01") << QStringLiteral("from");
    QTest::newRow("NUL") << QStringLiteral("from=2026-01-01%00&to=2026-03-01") << QStringLiteral("from");
    QTest::newRow("granularity") << QStringLiteral("from=2026-01-01&to=2026-03-01&granularity=hour") << QStringLiteral("granularity");
    QTest::newRow("amount") << QStringLiteral("from=2026-01-01&to=2026-03-01&amount=both") << QStringLiteral("amount");
    QTest::newRow("all") << QStringLiteral("all=yes&to=2026-03-01") << QStringLiteral("all");
}

void TestFanAnalytics::badRequestsNameTheirField()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const Result<DashboardRequest> request = DashboardRequest::fromQuery(QUrlQuery(query));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().code, ErrorCode::Validation);
    QCOMPARE(request.error().field, field);
    QVERIFY(!request.error().message.isEmpty());
}

void TestFanAnalytics::theDashboardRoundTripsThroughJson()
{
    DashboardInputs inputs;
    inputs.days = {
        {QDate(2026, 3, 2), EarningKind::Tip, 2, 3000, 2400},
        {QDate(2026, 3, 3), EarningKind::NewSubscription, 1, 999, 799},
        {QDate(2026, 3, 9), EarningKind::ExpiredSubscription, 1, 0, 0},
        {QDate(2026, 2, 20), EarningKind::PaidMessage, 1, 500, 400},
    };
    inputs.hoursOfWeek = {{1, 20, 2, 3000, 2400}, {2, 9, 1, 999, 799}, {1, 23, 1, 0, 0}};
    inputs.spenders = {3, 1};
    inputs.activeSubscribers = {10, 12};
    inputs.lifetimes = {{QStringLiteral("ana"), 2, 3000, 2400}, {QStringLiteral("bo"), 1, 999, 799}};
    inputs.cohortActivity = {{QDate(2026, 3, 1), QDate(2026, 3, 1), 1}};
    const DashboardRequest request{{QDate(2026, 3, 1), QDate(2026, 3, 14)}, Granularity::Week, Amount::Gross, false};
    const Dashboard built = buildDashboard(request, inputs);
    QCOMPARE(built.current.cents, 3999);
    QCOMPARE(built.previous.cents, 500);
    QCOMPARE(built.series.buckets.size(), 3); // 1 March is a Sunday: its week, then two more
    QCOMPARE(built.heatmap[0][20], 3000); // a Monday at 20:00
    QCOMPARE(built.cohorts.size(), 12);
    QCOMPARE(built.renewalRate(built.current), std::optional<double>(0.0));
    QCOMPARE(built.renewalRate(built.previous), std::nullopt);

    const Dashboard back = Dashboard::fromJson(built.toJson());
    QCOMPARE(back.request, built.request);
    QCOMPARE(back.current, built.current);
    QCOMPARE(back.previous, built.previous);
    QCOMPARE(back.spenders.current, 3);
    QCOMPARE(back.activeSubscribers.previous, 12);
    QCOMPARE(back.series.buckets, built.series.buckets);
    QCOMPARE(back.series.cents, built.series.cents);
    QCOMPARE(back.series.gained, built.series.gained);
    QCOMPARE(back.series.lost, built.series.lost);
    QCOMPARE(back.heatmap, built.heatmap);
    QCOMPARE(back.segments, built.segments);
    QCOMPARE(back.cohorts, built.cohorts);
}

QTEST_GUILESS_MAIN(TestFanAnalytics)
#include "tst_fananalytics.moc"

// The Dashboard's analytics (issue 12) on the embedded backend, driven as a
// user would: a year of statement lines imported, the KPI cards and charts
// for the last 30 days, another period chosen, a drag across the earnings
// chart zooming the whole page, one crosshair for both charts with exact
// figures, exports of an image and of the exact data, and three years by
// day reduced for drawing.
#include "desktopfixture.h"
#include "domain/money.h"
#include "pages/dashboardpage.h"
#include "pages/fanspage.h"
#include "pages/pageids.h"
#include "state/analyticsstore.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"
#include "widgets/columnsdialog.h"
#include "widgets/earningsdashboard.h"
#include "widgets/kpicard.h"
#include "widgets/timeserieschart.h"
#include "widgets/toppostschart.h"
#include "widgets/weekheatmap.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;
using analytics::EarningEvent;
using analytics::EarningKind;
using analytics::MessageEvent;

namespace {
constexpr int historyDays = 3 * 365;
} // namespace

class TestDashboardAnalytics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void kpisAndChartsShowTheLast30Days();
    void waitsReadAsPeopleSayThem_data();
    void waitsReadAsPeopleSayThem();
    void anotherPeriodReloadsThePage();
    void draggingAcrossAChartZoomsThePage();
    void bothChartsShareTheCrosshair();
    void chartsExportAsImageAndExactData();
    void aYearByDayIsReducedForDrawing();
    void aFewDaysShowEachDayOnce_data();
    void aFewDaysShowEachDayOnce();
    void daysSitAtTheirLocalMidnight_data();
    void daysSitAtTheirLocalMidnight();
    void aStatementImportsThroughItsColumns();
    void aMessageLogImportsThroughItsColumns();
    void anEngagementExportShowsTopPostsAndBestTimes();
    void theForecastSaysHowItWasMeasured();

private:
    EarningsDashboard *openDashboard();
    // Waits until the dashboard shown answers the store's current request.
    bool waitForAnswer();

    std::unique_ptr<test::DesktopFixture> m_app;
    QDate m_today;
    qint64 m_last30DaysCents = 0;
};

void TestDashboardAnalytics::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestDashboardAnalytics::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
    // Three years of lines ending today (the creator's day: UTC until they pick a zone): a tip a day
    // growing by a cent, and every fifth day a new subscriber.
    AnalyticsStore &store = m_app->core().analytics();
    m_today = store.today();
    QList<EarningEvent> lines;
    m_last30DaysCents = 0;
    for (int day = 0; day < historyDays; ++day) {
        const QDate date = m_today.addDays(-day);
        const QDateTime noon(date, QTime(12, 0), Qt::UTC);
        EarningEvent tip{
            noon, EarningKind::Tip, 1000 + day, (1000 + day) * 8 / 10, QStringLiteral("USD"), QStringLiteral("fan %1").arg(day % 40), {},
            0};
        lines.append(tip);
        if (day < 30)
            m_last30DaysCents += tip.netCents;
        if (day % 5 == 0) {
            EarningEvent subscription{noon.addSecs(60),      EarningKind::NewSubscription,      999, 799,
                                      QStringLiteral("USD"), QStringLiteral("sub %1").arg(day), {},  0};
            lines.append(subscription);
            if (day < 30)
                m_last30DaysCents += subscription.netCents;
        }
    }
    // The team's messages of the last 30 days: a fan writes each day, the answer comes after 2, 4 or 6
    // minutes, and it is a paid message the fan buys one day in four.
    QList<MessageEvent> log;
    for (int day = 0; day < 30; ++day) {
        const QDateTime evening(m_today.addDays(-day), QTime(20, 0), Qt::UTC);
        const QString fan = QStringLiteral("fan %1").arg(day % 40);
        log.append({evening, true, fan, 0, 0, false, {}, {}});
        log.append({evening.addSecs(120 * (day % 3 + 1)), false, fan, 0, 800, day % 4 == 0, {}, {}});
    }
    QCOMPARE(test::await(m_app->core().backend().importMessages(log)).value(), log.size());
    const Result<int> imported = test::await(store.importEarnings(lines));
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    QCOMPARE(imported.value(), lines.size());
    // The figures of the import, not those loaded at sign-up.
    store.reload();
    QVERIFY(QTest::qWaitFor([&store] { return !store.isLoading() && store.dashboard() && store.dashboard()->current.purchases > 0; }));
}

void TestDashboardAnalytics::cleanup()
{
    m_app.reset();
}

EarningsDashboard *TestDashboardAnalytics::openDashboard()
{
    m_app->window().showPage(pageids::dashboard);
    auto *page = qobject_cast<DashboardPage *>(m_app->window().page(pageids::dashboard));
    if (!page || !test::waitUntilLaidOut(page->analytics()->earningsChart()))
        return nullptr;
    return page->analytics();
}

bool TestDashboardAnalytics::waitForAnswer()
{
    AnalyticsStore &store = m_app->core().analytics();
    return QTest::qWaitFor([&store] {
        return !store.isLoading() && store.dashboard()
            && (store.request().sinceFirstEarning || store.dashboard()->request.range == store.request().range);
    });
}

void TestDashboardAnalytics::waitsReadAsPeopleSayThem_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("seconds") << qint64(45) << QStringLiteral("45 s");
    QTest::newRow("a minute, rounded") << qint64(89) << QStringLiteral("1 min");
    QTest::newRow("minutes") << qint64(12 * 60 + 40) << QStringLiteral("13 min");
    QTest::newRow("hours") << qint64(2 * 3600 + 5 * 60) << QStringLiteral("2 h 05 min");
    QTest::newRow("days") << qint64(27 * 3600) << QStringLiteral("1 d 3 h");
}

void TestDashboardAnalytics::waitsReadAsPeopleSayThem()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(EarningsDashboard::waitText(seconds), text);
}

void TestDashboardAnalytics::kpisAndChartsShowTheLast30Days()
{
    EarningsDashboard *dashboard = openDashboard();
    QVERIFY(dashboard);
    QVERIFY(waitForAnswer());
    QCOMPARE(dashboard->rangeChooser()->currentText(), QStringLiteral("Last 30 days"));
    QCOMPARE(dashboard->kpi(EarningsDashboard::Earnings)->value(),
             money::format(static_cast<double>(m_last30DaysCents) / 100.0, QStringLiteral("USD")));
    QCOMPARE(dashboard->kpi(EarningsDashboard::NewSubscribers)->value(), QStringLiteral("6"));
    QCOMPARE(dashboard->kpi(EarningsDashboard::PaidMessagesBought)->value(), QStringLiteral("27 %")); // 8 of 30
    QCOMPARE(dashboard->kpi(EarningsDashboard::AverageReplyTime)->value(), QStringLiteral("4 min"));
    QCOMPARE(dashboard->kpi(EarningsDashboard::AverageReplyTime)->changeText(), QStringLiteral("No earlier figure"));
    // The 30 days before had slightly bigger tips: a change is shown, never "no earlier figure".
    QVERIFY(dashboard->kpi(EarningsDashboard::Earnings)->changeText().contains(QStringLiteral("%")));
    QCOMPARE(dashboard->earningsChart()->bucketCount(), 30);
    QCOMPARE(dashboard->subscribersChart()->bucketCount(), 30);
    QVERIFY(!dashboard->emptyNote()->isVisible());
    QVERIFY(dashboard->heatmap()->best().has_value());
    QCOMPARE(dashboard->heatmap()->best()->second, 12); // every line at noon
    QCOMPARE(dashboard->segmentsTable()->rowCount(), 3);
    QCOMPARE(dashboard->cohortsTable()->rowCount(), 12);
    // Accessible: the KPI's name carries its figure.
    QVERIFY(dashboard->kpi(EarningsDashboard::Earnings)->accessibleName().contains(dashboard->kpi(EarningsDashboard::Earnings)->value()));
    m_app->saveScreenshot(QStringLiteral("dashboard-analytics"));
}

void TestDashboardAnalytics::anotherPeriodReloadsThePage()
{
    EarningsDashboard *dashboard = openDashboard();
    QVERIFY(dashboard);
    QVERIFY(waitForAnswer());
    AnalyticsStore &store = m_app->core().analytics();
    QSignalSpy loading(&store, &AnalyticsStore::isLoadingChanged);
    QComboBox *range = dashboard->rangeChooser();
    range->setFocus();
    QTest::keyClick(range, Qt::Key_Down); // Last 90 days, chosen with the keyboard
    QCOMPARE(range->currentText(), QStringLiteral("Last 90 days"));
    QVERIFY(waitForAnswer());
    QCOMPARE(store.request().range, analytics::DateRange::lastDays(m_today, 90));
    QCOMPARE(dashboard->earningsChart()->bucketCount(), 90);
    QVERIFY(loading.count() >= 2); // busy, then not
    QCOMPARE(loading.first().first().toBool(), true);
    QVERIFY(!dashboard->busyLabel()->isVisible());

    dashboard->granularityChooser()->setCurrentIndex(2);
    Q_EMIT dashboard->granularityChooser()->activated(2); // by month
    QVERIFY(waitForAnswer());
    QCOMPARE(store.request().granularity, analytics::Granularity::Month);
    QVERIFY(dashboard->earningsChart()->bucketCount() >= 3 && dashboard->earningsChart()->bucketCount() <= 4);
}

void TestDashboardAnalytics::draggingAcrossAChartZoomsThePage()
{
    EarningsDashboard *dashboard = openDashboard();
    QVERIFY(dashboard);
    QVERIFY(waitForAnswer());
    TimeSeriesChart *chart = dashboard->earningsChart();
    const QPoint from = chart->pointOf(5);
    const QPoint to = chart->pointOf(14);
    QCOMPARE(chart->bucketAt(from), std::optional<int>(5));
    QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, to);
    AnalyticsStore &store = m_app->core().analytics();
    QCOMPARE(store.preset(), AnalyticsStore::Preset::Custom);
    const analytics::DateRange thirty = analytics::DateRange::lastDays(m_today, 30);
    QCOMPARE(store.request().range, (analytics::DateRange{thirty.from.addDays(5), thirty.from.addDays(14)}));
    QVERIFY(waitForAnswer());
    QCOMPARE(chart->bucketCount(), 10);
    QCOMPARE(dashboard->rangeChooser()->currentText(), QStringLiteral("Custom"));
    QVERIFY(dashboard->fromEdit()->isVisible());
    QCOMPARE(dashboard->fromEdit()->date(), thirty.from.addDays(5));
    // A click without a drag changes nothing.
    const QPoint at = chart->pointOf(3);
    QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, at + QPoint(2, 0));
    QCOMPARE(store.request().range, (analytics::DateRange{thirty.from.addDays(5), thirty.from.addDays(14)}));
}

void TestDashboardAnalytics::bothChartsShareTheCrosshair()
{
    EarningsDashboard *dashboard = openDashboard();
    QVERIFY(dashboard);
    QVERIFY(waitForAnswer());
    TimeSeriesChart *earnings = dashboard->earningsChart();
    QTest::mouseMove(earnings->viewport(), earnings->pointOf(29));
    QTRY_COMPARE(earnings->crosshair(), std::optional<int>(29));
    QCOMPARE(dashboard->subscribersChart()->crosshair(), std::optional<int>(29));
    // Today's exact figures: the tip of day 0 (net 8.00) and a new subscriber (net 7.99).
    const QString described = earnings->describeBucket(29);
    QVERIFY2(described.contains(QStringLiteral("Tips: ") + money::format(8.0, QStringLiteral("USD"))), qPrintable(described));
    QVERIFY2(described.contains(QStringLiteral("Subscriptions: ") + money::format(7.99, QStringLiteral("USD"))), qPrintable(described));
    QVERIFY2(dashboard->subscribersChart()->describeBucket(29).contains(QStringLiteral("Gained: 1")),
             qPrintable(dashboard->subscribersChart()->describeBucket(29)));
}

void TestDashboardAnalytics::chartsExportAsImageAndExactData()
{
    EarningsDashboard *dashboard = openDashboard();
    QVERIFY(dashboard);
    QVERIFY(waitForAnswer());
    const QString png = m_app->dataPath(QStringLiteral("earnings.png"));
    const QString csv = m_app->dataPath(QStringLiteral("earnings.csv"));
    QString error;
    QVERIFY2(dashboard->earningsChart()->exportPng(png, &error), qPrintable(error));
    QVERIFY2(dashboard->earningsChart()->exportCsv(csv, &error), qPrintable(error));
    QVERIFY(!QImage(png).isNull());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 31);
    QCOMPARE(rows.first(), QStringLiteral("day,Subscriptions,Tips"));
    // Today: 7.99 of subscription, 8.00 of tip (net), whatever the locale writes.
    QCOMPARE(rows.last(), m_today.toString(Qt::ISODate) + QStringLiteral(",7.99,8.00"));
    QCOMPARE(rows.at(1),
             m_today.addDays(-29).toString(Qt::ISODate)
                 + QStringLiteral(",0.00,8.23") /* day 29: a tip of 10.29, net 8.23; no subscriber */);
    // Counts stay whole numbers: today one new subscriber, nobody lost.
    QVERIFY(dashboard->subscribersChart()->csv().endsWith(m_today.toString(Qt::ISODate) + QStringLiteral(",1,0\r\n")));
    QVERIFY(!QFile::exists(m_app->dataPath(QStringLiteral("nowhere/earnings.csv"))));
    QVERIFY(!dashboard->earningsChart()->exportCsv(m_app->dataPath(QStringLiteral("nowhere/earnings.csv")), &error));
    QVERIFY(error.contains(QStringLiteral("nowhere")));
}

void TestDashboardAnalytics::aYearByDayIsReducedForDrawing()
{
    EarningsDashboard *dashboard = openDashboard();
    QVERIFY(dashboard);
    QVERIFY(waitForAnswer());
    const int allTime = dashboard->rangeChooser()->findText(QStringLiteral("All time"));
    dashboard->rangeChooser()->setCurrentIndex(allTime);
    Q_EMIT dashboard->rangeChooser()->activated(allTime);
    QVERIFY(waitForAnswer());
    AnalyticsStore &store = m_app->core().analytics();
    QCOMPARE(store.dashboard()->request.range.from, m_today.addDays(1 - historyDays)); // "all" starts with the first line
    TimeSeriesChart *chart = dashboard->earningsChart();
    QCOMPARE(chart->bucketCount(), historyDays);
    // About one point per two pixels of a chart narrower than three years of days.
    QVERIFY(chart->viewport()->width() < historyDays * 2);
    QVERIFY2(chart->pointsDrawn() < chart->bucketCount(), qPrintable(QString::number(chart->pointsDrawn())));
    QVERIFY(chart->pointsDrawn() >= chart->viewport()->width() / 3);
    // The exports stay exact: every day.
    QCOMPARE(chart->csv().count(QStringLiteral("\r\n")), historyDays + 1);
}

void TestDashboardAnalytics::aFewDaysShowEachDayOnce_data()
{
    QTest::addColumn<int>("days");
    QTest::newRow("two days") << 2;
    QTest::newRow("five days") << 5; // the Dashboard of a new creator's first week
    QTest::newRow("a week") << 7;
    QTest::newRow("a month") << 30;
}

void TestDashboardAnalytics::aFewDaysShowEachDayOnce()
{
    // The time axis labels days: however wide the chart, no day is printed twice.
    QFETCH(int, days);
    QList<QDate> buckets;
    QList<qint64> values;
    for (int i = 0; i < days; ++i) {
        buckets.append(QDate(2026, 12, 28).addDays(i));
        values.append(100 * (i + 1));
    }
    TimeSeriesChart chart;
    chart.resize(1200, 300);
    chart.show();
    chart.setData(buckets, buckets.last(), {{QStringLiteral("Tips"), values, Qt::darkYellow}}, true, TimeSeriesChart::Unit::Cents,
                  [](qint64 cents) { return QString::number(cents); });
    const QList<QAbstractAxis *> axes = chart.chart()->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    const auto *axis = qobject_cast<QDateTimeAxis *>(axes.first());
    QVERIFY(axis);
    QVERIFY(axis->tickCount() >= 2);
    // Where QDateTimeAxis puts its labels: evenly from the first to the last bucket.
    const qint64 first = axis->min().toMSecsSinceEpoch();
    const qint64 last = axis->max().toMSecsSinceEpoch();
    QStringList labels;
    for (int tick = 0; tick < axis->tickCount(); ++tick)
        labels.append(QDateTime::fromMSecsSinceEpoch(first + (last - first) * tick / (axis->tickCount() - 1)).toString(axis->format()));
    QStringList once = labels;
    once.removeDuplicates();
    QVERIFY2(once == labels, qPrintable(labels.join(QStringLiteral(", "))));
}

void TestDashboardAnalytics::daysSitAtTheirLocalMidnight_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::newRow("UTC") << QByteArrayLiteral("UTC");
    QTest::newRow("Paris (summer time at 2:00)") << QByteArrayLiteral("Europe/Paris");
    QTest::newRow("Santiago (summer time at midnight)") << QByteArrayLiteral("America/Santiago");
    QTest::newRow("Auckland (UTC+13 in summer)") << QByteArrayLiteral("Pacific/Auckland");
    QTest::newRow("St John's (half hours)") << QByteArrayLiteral("America/St_Johns");
    QTest::newRow("Lord Howe (half-hour summer time)") << QByteArrayLiteral("Australia/Lord_Howe");
}

void TestDashboardAnalytics::daysSitAtTheirLocalMidnight()
{
    // The chart places each day from its zone's offsets between transitions: the same instants as startOfDay() for each.
    QFETCH(QByteArray, zone);
    const QByteArray before = qgetenv("TZ");
    const bool hadZone = qEnvironmentVariableIsSet("TZ");
    qputenv("TZ", zone);
    QList<QDate> days;
    for (QDate day(2019, 1, 1); day <= QDate(2026, 12, 31); day = day.addDays(1))
        days.append(day);
    QList<QDate> weeks; // not every day, and one out of order
    for (QDate day(2024, 12, 30); day <= QDate(2026, 12, 31); day = day.addDays(7))
        weeks.append(day);
    weeks.append(QDate(2025, 3, 30));
    const QList<qreal> daysAt = TimeSeriesChart::localMidnights(days);
    const QList<qreal> weeksAt = TimeSeriesChart::localMidnights(weeks);
    QList<qreal> expectedDays, expectedWeeks;
    for (const QDate &day : std::as_const(days))
        expectedDays.append(static_cast<qreal>(day.startOfDay().toMSecsSinceEpoch()));
    for (const QDate &day : std::as_const(weeks))
        expectedWeeks.append(static_cast<qreal>(day.startOfDay().toMSecsSinceEpoch()));
    if (hadZone)
        qputenv("TZ", before);
    else
        qunsetenv("TZ");
    QCOMPARE(daysAt.size(), days.size());
    for (qsizetype i = 0; i < days.size(); ++i)
        QVERIFY2(daysAt.at(i) == expectedDays.at(i), qPrintable(days.at(i).toString(Qt::ISODate)));
    QCOMPARE(weeksAt, expectedWeeks);
}

void TestDashboardAnalytics::aStatementImportsThroughItsColumns()
{
    // A platform's own column names: the amount is guessed, the rest chosen by hand.
    const QString path = m_app->dataPath(QStringLiteral("statement.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBFWhen,What,Amount,Who\r\n"
               "2020-06-01 21:15,Tip,\"1,50\",Ana\r\n"
               "2020-06-02 09:00,PPV,12.00,\"Smith, Bo\"\r\n");
    file.close();
    m_app->window().showPage(pageids::fans);
    auto *page = qobject_cast<FansPage *>(m_app->window().page(pageids::fans));
    QVERIFY(page);
    page->importFile(FansPage::ImportKind::Earnings, path);
    ColumnsDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = page->findChild<ColumnsDialog *>()) && dialog->isVisible(); }));
    QCOMPARE(dialog->columnChooser(QStringLiteral("gross"))->currentData().toInt(), 2);
    QVERIFY(!dialog->importButton()->isEnabled()); // the date and the type are still to choose
    dialog->columnChooser(QStringLiteral("occurredAt"))->setCurrentIndex(dialog->columnChooser(QStringLiteral("occurredAt"))->findData(0));
    dialog->columnChooser(QStringLiteral("kind"))->setCurrentIndex(dialog->columnChooser(QStringLiteral("kind"))->findData(1));
    dialog->columnChooser(QStringLiteral("fan"))->setCurrentIndex(dialog->columnChooser(QStringLiteral("fan"))->findData(3));
    dialog->zoneChooser()->setCurrentIndex(dialog->zoneChooser()->findText(QStringLiteral("Europe/Paris")));
    QVERIFY(dialog->importButton()->isEnabled());
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    auto *message = page->findChild<QLabel *>(QStringLiteral("importMessage"));
    QVERIFY(message);
    QTRY_COMPARE(message->text(), QStringLiteral("Imported 2 new statement lines; lines imported before were skipped."));

    AnalyticsStore &store = m_app->core().analytics();
    store.setRange(QDate(2020, 6, 1), QDate(2020, 6, 30));
    QVERIFY(waitForAnswer());
    QCOMPARE(store.dashboard()->current.cents, 1350); // net = gross when the statement has no net
    QCOMPARE(store.dashboard()->spenders.current, 2);
    QCOMPARE(store.dashboard()->heatmap[0][19], 150); // Monday 21:15 in Paris is 19:15 UTC, the creator's zone

    // The same file again adds nothing, and says so.
    page->importFile(FansPage::ImportKind::Earnings, path);
    QVERIFY(QTest::qWaitFor([&] {
        const auto dialogs = page->findChildren<ColumnsDialog *>();
        return !dialogs.isEmpty() && (dialog = dialogs.last())->isVisible();
    }));
    dialog->columnChooser(QStringLiteral("occurredAt"))->setCurrentIndex(dialog->columnChooser(QStringLiteral("occurredAt"))->findData(0));
    dialog->columnChooser(QStringLiteral("kind"))->setCurrentIndex(dialog->columnChooser(QStringLiteral("kind"))->findData(1));
    dialog->columnChooser(QStringLiteral("fan"))->setCurrentIndex(dialog->columnChooser(QStringLiteral("fan"))->findData(3));
    dialog->zoneChooser()->setCurrentIndex(dialog->zoneChooser()->findText(QStringLiteral("Europe/Paris")));
    dialog->accept();
    QTRY_COMPARE(message->text(), QStringLiteral("Nothing new: every line of this statement was imported before."));

    // Cancelling the columns imports nothing.
    page->importFile(FansPage::ImportKind::Earnings, path);
    QVERIFY(QTest::qWaitFor([&] {
        const auto dialogs = page->findChildren<ColumnsDialog *>();
        return !dialogs.isEmpty() && dialogs.last()->isVisible() && (dialog = dialogs.last());
    }));
    dialog->reject();
    QTRY_COMPARE(message->text(), QStringLiteral("Import cancelled. Nothing was imported."));
}

void TestDashboardAnalytics::aMessageLogImportsThroughItsColumns()
{
    // A chat tool's own column names, every one guessed; the chatter is named by email.
    const QString path = m_app->dataPath(QStringLiteral("messages.csv"));
    const auto writeLog = [&path](const QByteArray &chatter) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("Date,Direction,Fan Username,Chatter,PPV Price,Unlocked\r\n"
                   "2020-06-01 21:00,Received,ana,,,\r\n"
                   "2020-06-01 21:04,Sent,ana,"
                   + chatter
                   + ",12.00,yes\r\n"
                     "2020-06-02 10:00,Received,bo,,,\r\n"
                     "2020-06-02 10:02,Sent,bo,"
                   + chatter + ",8.00,no\r\n");
    };
    m_app->window().showPage(pageids::fans);
    auto *page = qobject_cast<FansPage *>(m_app->window().page(pageids::fans));
    QVERIFY(page);
    auto *message = page->findChild<QLabel *>(QStringLiteral("importMessage"));
    QVERIFY(message);
    const auto importThroughDialog = [&] {
        const qsizetype before = page->findChildren<ColumnsDialog *>().size();
        page->importFile(FansPage::ImportKind::Messages, path);
        ColumnsDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            const auto dialogs = page->findChildren<ColumnsDialog *>();
            return dialogs.size() > before && (dialog = dialogs.last())->isVisible();
        }));
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Import a message log"));
        QCOMPARE(dialog->columnChooser(QStringLiteral("member"))->currentData().toInt(), 3);
        QCOMPARE(dialog->columnChooser(QStringLiteral("bought"))->currentData().toInt(), 5);
        QVERIFY(dialog->importButton()->isEnabled());
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    };

    // A chatter who is not in the team: refused, named, and nothing stored.
    writeLog("lea@example.com");
    importThroughDialog();
    QTRY_VERIFY2(message->text().startsWith(QStringLiteral("No member of this agency has the email lea@example.com.")),
                 qPrintable(message->text()));
    AnalyticsStore &store = m_app->core().analytics();
    store.setRange(QDate(2020, 6, 1), QDate(2020, 6, 30));
    QVERIFY(waitForAnswer());
    QCOMPARE(store.dashboard()->messages.sent, 0);

    writeLog("Mia@Example.com");
    importThroughDialog();
    QTRY_COMPARE(message->text(), QStringLiteral("Imported 4 new messages; messages imported before were skipped."));
    QVERIFY(waitForAnswer());
    QCOMPARE(store.dashboard()->messages.fromFans, 2);
    QCOMPARE(store.dashboard()->messages.paidSent, 2);
    QCOMPARE(store.dashboard()->messages.paidBought, 1);
    QCOMPARE(store.dashboard()->messages.replies.averageSeconds(), std::optional<qint64>(180)); // 4 and 2 minutes

    importThroughDialog();
    QTRY_COMPARE(message->text(), QStringLiteral("Nothing new: every message of this log was imported before."));
}

void TestDashboardAnalytics::anEngagementExportShowsTopPostsAndBestTimes()
{
    // A platform's daily export: "Date" is the day of the figures, "Published" when the post went up.
    const QString path = m_app->dataPath(QStringLiteral("engagement.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Date,Post ID,Published,Caption,Reactions,Replies,Impressions\r\n"
               "2020-06-01,a,2020-06-01 21:00,\"Sunset, again\",40,5,900\r\n"
               "2020-06-02,a,2020-06-01 21:00,,20,1,300\r\n"
               "2020-06-02,b,2020-06-02 09:00,Coffee,10,0,5000\r\n"
               "2020-06-08,c,2020-06-08 21:30,Sunset two,30,2,700\r\n");
    file.close();
    m_app->window().showPage(pageids::fans);
    auto *page = qobject_cast<FansPage *>(m_app->window().page(pageids::fans));
    QVERIFY(page);
    page->importFile(FansPage::ImportKind::Engagement, path);
    ColumnsDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = page->findChild<ColumnsDialog *>()) && dialog->isVisible(); }));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Import engagement"));
    QCOMPARE(dialog->columnChooser(QStringLiteral("day"))->currentData().toInt(), 0);
    QCOMPARE(dialog->columnChooser(QStringLiteral("postedAt"))->currentData().toInt(), 2);
    QCOMPARE(dialog->columnChooser(QStringLiteral("views"))->currentData().toInt(), 6);
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    auto *message = page->findChild<QLabel *>(QStringLiteral("importMessage"));
    QVERIFY(message);
    QTRY_COMPARE(message->text(),
                 QStringLiteral("Imported the figures of 4 post days; days imported before with the same figures were skipped."));

    EarningsDashboard *dashboard = openDashboard();
    AnalyticsStore &store = m_app->core().analytics();
    store.setRange(QDate(2020, 6, 1), QDate(2020, 6, 30));
    QVERIFY(waitForAnswer());
    TopPostsChart *top = dashboard->topPostsChart();
    QCOMPARE(top->posts().size(), 3);
    QCOMPARE(top->posts().first().post, QStringLiteral("a")); // 66 likes and comments over two days
    QCOMPARE(top->posts().first().caption, QStringLiteral("Sunset, again"));
    QVERIFY2(top->describe(0).startsWith(QStringLiteral("Sunset, again — 60 likes, 6 comments, 1,200 views")),
             qPrintable(top->describe(0)));
    QVERIFY(top->accessibleDescription().startsWith(QStringLiteral("Top post: Sunset, again")));
    // Its data exports exactly, the caption's comma quoted.
    QCOMPARE(top->csv().split(QStringLiteral("\r\n")).at(1), QStringLiteral("a,\"Sunset, again\",2020-06-01T21:00:00Z,60,6,1200"));

    // The heat map shows earnings until asked for posts: then Mondays at 21:00 (two posts, 66 and 32) lead.
    QCOMPARE(dashboard->heatmap()->accessibleName(), QStringLiteral("Earnings by weekday and hour"));
    dashboard->heatmapChooser()->setCurrentIndex(1);
    QCOMPARE(dashboard->heatmap()->best(), std::optional(std::pair(0, 21)));
    QCOMPARE(dashboard->heatmap()->accessibleDescription(),
             QStringLiteral("Best time: Monday 21:00-22:00: 49.0 likes and comments per post (2 posts)"));
    // Another period keeps the choice.
    store.setRange(QDate(2021, 6, 1), QDate(2021, 6, 30));
    QVERIFY(waitForAnswer());
    QCOMPARE(dashboard->heatmap()->accessibleDescription(), QStringLiteral("No posts in this period."));
    QVERIFY(dashboard->topPostsChart()->posts().isEmpty());
}

void TestDashboardAnalytics::theForecastSaysHowItWasMeasured()
{
    EarningsDashboard *dashboard = openDashboard();
    QVERIFY(dashboard);
    QVERIFY(waitForAnswer());
    // Three years of daily tips: a forecast of the 30 days after today, with its band and how it was measured.
    const analytics::Forecast &forecast = m_app->core().analytics().dashboard()->forecast;
    QVERIFY(!forecast.isEmpty());
    QCOMPARE(forecast.firstDay, m_today.addDays(1));
    QCOMPARE(forecast.heldOutWindows, 26);
    QVERIFY(forecast.totalLow <= forecast.total && forecast.total <= forecast.totalHigh);
    QCOMPARE(dashboard->forecastChart()->bucketCount(), 30);
    const QString summary = dashboard->forecastSummary()->text();
    QVERIFY2(summary.contains(QStringLiteral("Measured on 26 held-out 30-day windows")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("(80 % likely between")), qPrintable(summary));
    QVERIFY(dashboard->forecastChart()->csv().startsWith(QStringLiteral("day,Expected,Low,High\r\n")
                                                         + m_today.addDays(1).toString(Qt::ISODate)));
    // Every fifth day brings a subscription on top of the tip: a five-day rhythm the weekly model cannot expect, so those days stand out.
    const QStringList flagged = dashboard->anomaliesLabel()->text().split(u'\n');
    QCOMPARE(flagged.first(), QStringLiteral("Days that stand out:"));
    QVERIFY(flagged.size() > 1);
    for (const analytics::Anomaly &anomaly : m_app->core().analytics().dashboard()->anomalies)
        QCOMPARE(m_today.daysTo(anomaly.day) % 5, 0);
    QVERIFY2(flagged.at(1).contains(QStringLiteral("far above the usual")), qPrintable(flagged.at(1)));

    // A period without four months before it: no forecast, and it says why.
    m_app->core().analytics().setRange(m_today.addDays(1 - historyDays), m_today.addDays(1 - historyDays + 30));
    QVERIFY(waitForAnswer());
    QVERIFY(dashboard->forecastSummary()->text().startsWith(QStringLiteral("Not enough history for a forecast yet")));
    QCOMPARE(dashboard->forecastChart()->bucketCount(), 0);
}

QTEST_MAIN(TestDashboardAnalytics)
#include "tst_dashboardanalytics.moc"

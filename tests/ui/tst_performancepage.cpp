// The Performance page (issue 12), driven as an agency owner would on the
// embedded backend: two creators side by side with their earnings, change,
// share and weekly sparkline, sorted by a header click, the team's paid
// messages credited to their sender, another period, a creator opened on
// their dashboard for the same period, and the tables' exact CSV. Then, over
// a scripted backend, a chatter's own view without money and answers that
// arrive out of order.
#include "agency/permissions.h"
#include "desktopfixture.h"
#include "domain/money.h"
#include "models/agencytablemodels.h"
#include "models/creatortablemodels.h"
#include "pages/pageids.h"
#include "pages/performancepage.h"
#include "scriptedbackend.h"
#include "state/agencyanalyticsstore.h"
#include "state/analyticsstore.h"
#include "state/userstore.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"
#include "widgets/card.h"
#include "widgets/chartexport.h"
#include "widgets/keptfiguresnote.h"
#include "widgets/periodchooser.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;
using analytics::EarningEvent;
using analytics::EarningKind;
using analytics::MessageEvent;

namespace {

QString cell(const QTableView *table, int row, int column)
{
    return table->model()->index(row, column).data().toString();
}

QString dollars(qint64 cents)
{
    return money::format(static_cast<double>(cents) / 100.0, QStringLiteral("USD"));
}

void clickHeader(QTableView *table, int column)
{
    QHeaderView *header = table->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2));
}

User chatterAccount()
{
    User user;
    user.id = 7;
    user.email = QStringLiteral("lea@example.com");
    user.agencyId = 1;
    user.role = QStringLiteral("chatter");
    user.permissions = agency::Role::preset(agency::Preset::Chatter).permissionIds();
    user.creatorId = 100;
    user.profile.displayName = QStringLiteral("Zoe");
    user.creators = {Creator{100, user.profile}};
    return user;
}

} // namespace

class TestPerformancePage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void creatorsAndTeamSideBySide();
    void aChatterSeesTheirOwnMessagesWithoutMoney();
    void onlyTheNewestPeriodsAnswerShows();
    void aRefusedRuleLeavesTheFiguresAsTheyWere();
    void keptFiguresSayWhenTheServerSentThem();

private:
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestPerformancePage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestPerformancePage::cleanup()
{
    m_app.reset();
}

void TestPerformancePage::creatorsAndTeamSideBySide()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
    UserStore &users = m_app->core().users();
    AnalyticsStore &dashboard = m_app->core().analytics();
    const qint64 mia = users.user()->creatorId;
    const qint64 owner = users.user()->id;
    Profile zoeProfile;
    zoeProfile.displayName = QStringLiteral("Zoe");
    const Result<Creator> zoe = test::await(users.addCreator(zoeProfile));
    QVERIFY(zoe.ok());

    // Tips of $10 at noon: Mia 10 in the last 30 days and 20 in the 30 before; Zoe 30 and 10.
    const QDate today = m_app->core().agencyAnalytics().today();
    const auto tips = [today](int recent, int before, const QString &fan) {
        QList<EarningEvent> lines;
        for (int i = 0; i < recent + before; ++i) {
            const QDate day = today.addDays(i < recent ? -(i % 30) : -(30 + i % 30));
            lines.append({QDateTime(day, QTime(12, 0), QTimeZone::utc()).addSecs(i),
                          EarningKind::Tip,
                          1000,
                          1000,
                          QStringLiteral("USD"),
                          fan + QString::number(i),
                          {},
                          0});
        }
        return lines;
    };
    QVERIFY(test::await(users.selectCreator(mia)).ok());
    QVERIFY(test::await(dashboard.importEarnings(tips(10, 20, QStringLiteral("mia fan ")))).ok());
    QVERIFY(test::await(users.selectCreator(zoe.value().id)).ok());
    QVERIFY(test::await(dashboard.importEarnings(tips(30, 10, QStringLiteral("zoe fan ")))).ok());
    // For Zoe the owner answers three fans with a paid message of $8; two buy it.
    QList<MessageEvent> log;
    for (int i = 0; i < 3; ++i) {
        const QDateTime evening(today.addDays(-i - 1), QTime(20, 0), QTimeZone::utc());
        const QString fan = QStringLiteral("zoe fan %1").arg(i);
        log.append({evening, true, fan, 0, 0, false, {}, {}});
        log.append({evening.addSecs(120), false, fan, owner, 800, i < 2, {}, {}});
    }
    QVERIFY(test::await(dashboard.importMessages(log)).ok());

    m_app->window().showPage(pageids::performance);
    auto *page = qobject_cast<PerformancePage *>(m_app->window().page(pageids::performance));
    QVERIFY(page);
    AgencyAnalyticsStore &store = m_app->core().agencyAnalytics();
    QVERIFY(QTest::qWaitFor([&store] { return !store.isLoading() && store.analytics() && store.analytics()->creators.size() == 2; }));
    QVERIFY(test::waitUntilLaidOut(page->creatorsTable()));

    // Most earnings first, each against its previous 30 days, shares of the agency's dollars.
    QTableView *creators = page->creatorsTable();
    QCOMPARE(creators->model()->rowCount(), 2);
    QCOMPARE(cell(creators, 0, AgencyCreatorsModel::Name), QStringLiteral("Zoe"));
    QCOMPARE(cell(creators, 0, AgencyCreatorsModel::Earnings), dollars(30000));
    QVERIFY(cell(creators, 0, AgencyCreatorsModel::Change).startsWith(QStringLiteral("+200")));
    QVERIFY(cell(creators, 0, AgencyCreatorsModel::Share).startsWith(QStringLiteral("75")));
    QCOMPARE(cell(creators, 1, AgencyCreatorsModel::Name), QStringLiteral("Mia Rose"));
    QVERIFY(cell(creators, 1, AgencyCreatorsModel::Change).startsWith(QStringLiteral("−50")));
    QCOMPARE(cell(creators, 1, AgencyCreatorsModel::Spenders), QStringLiteral("10"));
    // The sparkline: Zoe's earnings by week add up to her 30 days, and the table paints them.
    qint64 weeks = 0;
    for (qint64 week : creators->model()->index(0, AgencyCreatorsModel::Trend).data(TrendRole).value<QList<qint64>>())
        weeks += week;
    QCOMPARE(weeks, 30000);
    QVERIFY(creators->model()
                ->index(0, AgencyCreatorsModel::Trend)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("Earnings by week: ")));
    QVERIFY(!creators->grab().isNull());

    // A header click sorts by name; a second click reverses it.
    clickHeader(creators, AgencyCreatorsModel::Name);
    const bool ascending = creators->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder;
    QCOMPARE(cell(creators, 0, AgencyCreatorsModel::Name), ascending ? QStringLiteral("Mia Rose") : QStringLiteral("Zoe"));
    clickHeader(creators, AgencyCreatorsModel::Name);
    QCOMPARE(cell(creators, 0, AgencyCreatorsModel::Name), ascending ? QStringLiteral("Zoe") : QStringLiteral("Mia Rose"));
    // Numbers sort as numbers: by spenders, 10 before 30 ascending.
    clickHeader(creators, AgencyCreatorsModel::Spenders);
    const bool fewestFirst = creators->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder;
    QCOMPARE(cell(creators, 0, AgencyCreatorsModel::Spenders), fewestFirst ? QStringLiteral("10") : QStringLiteral("30"));

    // The team: the owner's two paid messages bought, credited to them, every creator together, then Zoe's alone.
    QTableView *team = page->chattersTable();
    QCOMPARE(team->model()->rowCount(), 1);
    QCOMPARE(cell(team, 0, AgencyChattersModel::Member), QStringLiteral("mia@example.com"));
    QCOMPARE(cell(team, 0, AgencyChattersModel::PaidSent), QStringLiteral("3"));
    QCOMPARE(cell(team, 0, AgencyChattersModel::Bought), QStringLiteral("2"));
    QCOMPARE(cell(team, 0, AgencyChattersModel::Attributed), dollars(1600));
    QCOMPARE(cell(team, 0, AgencyChattersModel::MedianReply), QStringLiteral("2 min"));
    QVERIFY(team->isColumnHidden(AgencyChattersModel::Creator));
    QVERIFY(page->attributionNote()->text().contains(QStringLiteral("member who sent them")));
    // When the owner answers: all three replies were sent at 20:02, two minutes after the fan wrote.
    QTableWidget *hours = page->replyHoursTable();
    QCOMPARE(hours->rowCount(), 1);
    QCOMPARE(hours->verticalHeaderItem(0)->text(), QStringLiteral("mia@example.com"));
    QVERIFY(!hours->item(0, 19));
    QVERIFY(hours->item(0, 20));
    QCOMPARE(hours->item(0, 20)->text(), QStringLiteral("2 min"));
    QVERIFY(hours->item(0, 20)->toolTip().contains(QStringLiteral(": 3 message")));
    QComboBox *teamFor = page->chattersCreatorChooser();
    QCOMPARE(teamFor->count(), 2); // every creator, Zoe (nobody wrote for Mia)
    teamFor->setFocus();
    QTest::keyClick(teamFor, Qt::Key_Down);
    QCOMPARE(teamFor->currentText(), QStringLiteral("Zoe"));
    QVERIFY(!team->isColumnHidden(AgencyChattersModel::Creator));
    QCOMPARE(cell(team, 0, AgencyChattersModel::Creator), QStringLiteral("Zoe"));

    // The owner credits sales to whoever is on shift: nobody clocked in, so the 40 tips went to nobody, and the note says so.
    QComboBox *rule = page->attributionChooser();
    QVERIFY(rule->isVisible() && rule->isEnabled());
    QCOMPARE(rule->currentData().value<analytics::Attribution>(), analytics::Attribution::Sender);
    rule->setFocus();
    QTest::keyClick(rule, Qt::Key_Down);
    QVERIFY(QTest::qWaitFor(
        [&store] { return !store.isLoading() && store.analytics() && store.analytics()->attribution == analytics::Attribution::Shift; }));
    QCOMPARE(rule->currentData().value<analytics::Attribution>(), analytics::Attribution::Shift);
    QVERIFY(page->attributionNote()->text().contains(QStringLiteral("on shift")));
    QVERIFY2(page->attributionNote()->text().contains(dollars(40000)), qPrintable(page->attributionNote()->text()));
    QCOMPARE(cell(team, 0, AgencyChattersModel::Attributed), dollars(0));
    QTest::keyClick(rule, Qt::Key_Up); // back to the sender
    QVERIFY(QTest::qWaitFor(
        [&store] { return !store.isLoading() && store.analytics() && store.analytics()->attribution == analytics::Attribution::Sender; }));
    teamFor->setCurrentIndex(teamFor->findText(QStringLiteral("Zoe")));
    Q_EMIT teamFor->activated(teamFor->currentIndex());

    // Exact figures for a spreadsheet.
    auto *creatorsModel = qobject_cast<AgencyCreatorsModel *>(qobject_cast<QSortFilterProxyModel *>(creators->model())->sourceModel());
    QVERIFY(creatorsModel);
    const QStringList csv = creatorsModel->toCsv().split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), 3);
    QVERIFY(csv.at(1).startsWith(QString::number(zoe.value().id) + QStringLiteral(",Zoe,USD,300.00,100.00,0.75,")));
    const QString exported = m_app->dataPath(QStringLiteral("creators.csv"));
    QString error;
    QVERIFY2(chartexport::saveText(exported, creatorsModel->toCsv(), &error), qPrintable(error));
    QVERIFY(QFile::exists(exported));

    // Last 7 days, chosen with the keyboard: Zoe's and Mia's tips of the week only.
    QComboBox *range = page->period()->presetChooser();
    QVERIFY(range->findText(QStringLiteral("All time")) < 0); // the agency view needs a first day
    range->setFocus();
    QTest::keyClick(range, Qt::Key_Up);
    QCOMPARE(range->currentText(), QStringLiteral("Last 7 days"));
    QVERIFY(QTest::qWaitFor(
        [&store] { return !store.isLoading() && store.analytics() && store.analytics()->request.range == store.request().range; }));
    QCOMPARE(store.request().range, analytics::DateRange::lastDays(today, 7));
    qint64 weekCents = 0;
    for (const analytics::CreatorRow &row : store.analytics()->creators)
        weekCents += row.cents;
    // Tip i of the last 30 days fell i % 30 days ago: Mia's 0-6 and Zoe's 0-6.
    QCOMPARE(weekCents, (7 + 7) * 1000);

    // Opening Mia (Enter on her row) shows her dashboard for the same 7 days.
    clickHeader(creators, AgencyCreatorsModel::Name);
    const int miaRow = cell(creators, 0, AgencyCreatorsModel::Name) == QStringLiteral("Mia Rose") ? 0 : 1;
    creators->setFocus();
    creators->setCurrentIndex(creators->model()->index(miaRow, 0));
    QVERIFY(page->openDashboardButton()->isEnabled());
    QTest::keyClick(creators, Qt::Key_Return);
    QVERIFY(QTest::qWaitFor([this] { return m_app->window().currentPageId() == pageids::dashboard; }));
    QCOMPARE(users.user()->creatorId, mia);
    QCOMPARE(dashboard.preset(), AnalyticsStore::Preset::Last7Days);
    QVERIFY(QTest::qWaitFor([&dashboard] { return !dashboard.isLoading() && dashboard.dashboard(); }));
    QCOMPARE(dashboard.dashboard()->current.cents, 7 * 1000);
}

void TestPerformancePage::aChatterSeesTheirOwnMessagesWithoutMoney()
{
    test::ScriptedBackend backend;
    UserStore users(backend);
    AnalyticsStore dashboard(backend, users);
    AgencyAnalyticsStore agency(backend, users);
    analytics::AgencyAnalytics hers;
    hers.showsMoney = false;
    analytics::MessageTotals totals;
    totals.sent = 12;
    totals.paidSent = 4;
    totals.paidBought = 3;
    hers.chatters = {{7, QStringLiteral("lea@example.com"), 0, -1, {}, totals}};
    hers.chattersByCreator = {{7, QStringLiteral("lea@example.com"), 100, -1, {}, totals}};
    backend.setAgencyAnalytics(hers);
    users.setUser(chatterAccount());
    QVERIFY(backend.agencyRequests().isEmpty()); // nothing read before the page is shown

    PerformancePage page(agency, dashboard, users);
    page.resize(1200, 800);
    page.show();
    page.activate();
    QVERIFY(QTest::qWaitFor([&agency] { return agency.analytics().has_value(); }));
    QVERIFY(!page.creatorsCard()->isVisible());
    QVERIFY(!page.amountChooser()->isVisible());
    QCOMPARE(page.chattersTable()->model()->rowCount(), 1);
    QCOMPARE(cell(page.chattersTable(), 0, AgencyChattersModel::Sent), QStringLiteral("12"));
    QVERIFY(page.chattersTable()->isColumnHidden(AgencyChattersModel::Attributed));
    QVERIFY(page.attributionNote()->text().contains(QStringLiteral("Your own figures")));
    QVERIFY(!page.attributionChooser()->isVisible());
    auto *model = qobject_cast<AgencyChattersModel *>(qobject_cast<QSortFilterProxyModel *>(page.chattersTable()->model())->sourceModel());
    QVERIFY(!model->toCsv().contains(QStringLiteral("sales_attributed")));
}

void TestPerformancePage::onlyTheNewestPeriodsAnswerShows()
{
    test::ScriptedBackend backend;
    UserStore users(backend);
    AgencyAnalyticsStore agency(backend, users);
    User owner = chatterAccount();
    owner.permissions = agency::Role::preset(agency::Preset::Owner).permissionIds();
    users.setUser(owner);
    backend.holdCreatorData(true);
    QSignalSpy changed(&agency, &AgencyAnalyticsStore::analyticsChanged);
    agency.setPreset(AgencyAnalyticsStore::Preset::Last90Days);
    agency.setPreset(AgencyAnalyticsStore::Preset::Last7Days);
    QCOMPARE(backend.heldAnswers(), 2);
    QVERIFY(agency.isLoading());
    backend.releaseHeld(1); // the 7 days first
    QVERIFY(QTest::qWaitFor([&agency] { return agency.analytics().has_value(); }));
    backend.releaseHeld(0); // then the 90 days, too late
    QVERIFY(QTest::qWaitFor([&agency] { return !agency.isLoading(); }));
    QCOMPARE(agency.analytics()->request.range, analytics::DateRange::lastDays(agency.today(), 7));
    QCOMPARE(changed.count(), 1);

    // "All time" has no first day for an agency: it is not taken.
    agency.setPreset(AgencyAnalyticsStore::Preset::AllTime);
    QCOMPARE(agency.preset(), AgencyAnalyticsStore::Preset::Last7Days);
    backend.releaseAllHeld();
}

void TestPerformancePage::aRefusedRuleLeavesTheFiguresAsTheyWere()
{
    test::ScriptedBackend backend;
    UserStore users(backend);
    AnalyticsStore dashboard(backend, users);
    AgencyAnalyticsStore agency(backend, users);
    User owner = chatterAccount();
    owner.permissions = agency::Role::preset(agency::Preset::Owner).permissionIds();
    users.setUser(owner);
    PerformancePage page(agency, dashboard, users);
    page.resize(1200, 800);
    page.show();
    page.activate();
    QVERIFY(QTest::qWaitFor([&agency] { return agency.analytics().has_value() && !agency.isLoading(); }));
    const int requests = static_cast<int>(backend.agencyRequests().size());

    // The server refuses (another admin's session ended, say): the chooser goes back, the error says why.
    backend.refuseSalesAttribution(Error(ErrorCode::Forbidden, QStringLiteral("Your role may not change this.")));
    QComboBox *rule = page.attributionChooser();
    rule->setFocus();
    QTest::keyClick(rule, Qt::Key_Down);
    QVERIFY(QTest::qWaitFor([rule] { return rule->isEnabled(); }));
    QCOMPARE(rule->currentData().value<analytics::Attribution>(), analytics::Attribution::Sender);
    QCOMPARE(agency.errorMessage(), QStringLiteral("Your role may not change this."));
    QCOMPARE(backend.agencyRequests().size(), requests); // nothing reloaded

    // Allowed again: saved, then the figures reload with the new rule.
    backend.refuseSalesAttribution(std::nullopt);
    QTest::keyClick(rule, Qt::Key_Down);
    QVERIFY(QTest::qWaitFor([&agency] {
        return !agency.isLoading() && agency.analytics() && agency.analytics()->attribution == analytics::Attribution::Shift;
    }));
    QVERIFY(agency.errorMessage().isEmpty());
}

// With no network a desktop on a server answers with the figures it kept
// (RemoteBackend): the page says which days and when they were sent.
void TestPerformancePage::keptFiguresSayWhenTheServerSentThem()
{
    test::ScriptedBackend backend;
    UserStore users(backend);
    AnalyticsStore dashboard(backend, users);
    AgencyAnalyticsStore agency(backend, users);
    User owner = chatterAccount();
    owner.permissions = agency::Role::preset(agency::Preset::Owner).permissionIds();
    users.setUser(owner);
    analytics::AgencyAnalytics kept;
    kept.keptAt = QDateTime(QDate(2026, 11, 28), QTime(18, 30), Qt::UTC);
    backend.setAgencyAnalytics(kept);
    PerformancePage page(agency, dashboard, users);
    page.resize(1200, 800);
    page.show();
    page.activate();
    QVERIFY(QTest::qWaitFor([&agency] { return agency.analytics().has_value(); }));
    auto *note = page.findChild<KeptFiguresNote *>(QStringLiteral("keptFigures"));
    QVERIFY(note && note->isVisible());
    const QLocale locale;
    QVERIFY2(note->text().contains(locale.toString(agency.request().range.from, QLocale::ShortFormat))
                 && note->text().contains(locale.toString(kept.keptAt.toLocalTime(), QLocale::ShortFormat)),
             qPrintable(note->text()));

    backend.setAgencyAnalytics({}); // the server answers again
    QSignalSpy changed(&agency, &AgencyAnalyticsStore::analyticsChanged);
    agency.reload();
    QVERIFY(changed.count() == 1 || changed.wait());
    QVERIFY(note->isHidden());
}

QTEST_MAIN(TestPerformancePage)
#include "tst_performancepage.moc"

// A manager who runs several creators from a laptop (embedded backend, issue
// 10): adds creators, switches between them in the sidebar, and every page
// follows; the choice survives a restart.
#include "desktopfixture.h"
#include "layout/sidebar.h"
#include "pages/activitypage.h"
#include "pages/creatorspage.h"
#include "pages/dashboardpage.h"
#include "pages/fanspage.h"
#include "pages/pageids.h"
#include "pages/profilepage.h"
#include "pages/signinpage.h"
#include "pages/teampage.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"
#include "widgets/messagelabel.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

class TestCreatorSwitcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void switcherAppearsWithASecondCreator();
    void aDemoAgencyFillsTheSwitcher();
    void everyPageFollowsTheSelectedCreator();
    void theChoiceIsRememberedAcrossRestarts();
    void teamPageSaysItNeedsAServer();
    void activityListsWhatWasDoneAndExports();

private:
    // Adds a creator through the Creators page, as a user does.
    void addCreator(const QString &name);
    QComboBox *switcher() const { return m_app->window().sidebar()->creatorSwitcher(); }
    void choose(const QString &name);

    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestCreatorSwitcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestCreatorSwitcher::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
}

void TestCreatorSwitcher::cleanup()
{
    m_app.reset();
}

void TestCreatorSwitcher::addCreator(const QString &name)
{
    m_app->window().showPage(pageids::creators);
    auto *page = qobject_cast<CreatorsPage *>(m_app->window().page(pageids::creators));
    const int before = page->list()->count();
    page->nameEdit()->clear();
    QTest::keyClicks(page->nameEdit(), name);
    QTest::keyClick(page->nameEdit(), Qt::Key_Return);
    QTRY_COMPARE(page->list()->count(), before + 1);
}

void TestCreatorSwitcher::choose(const QString &name)
{
    const int index = switcher()->findText(name);
    QVERIFY(index >= 0);
    QVERIFY(test::waitUntilLaidOut(switcher()));
    switcher()->setFocus();
    // The keyboard, as a user without a mouse would: each step activates the next creator.
    while (switcher()->currentIndex() != index)
        QTest::keyClick(switcher(), switcher()->currentIndex() < index ? Qt::Key_Down : Qt::Key_Up);
    QTRY_COMPARE(m_app->core().users().user()->profile.displayName, name);
}

void TestCreatorSwitcher::switcherAppearsWithASecondCreator()
{
    QVERIFY(!switcher()->isVisible());
    addCreator(QStringLiteral("Luna Vale"));
    QVERIFY(switcher()->isVisible());
    QCOMPARE(switcher()->count(), 2);
    QCOMPARE(switcher()->currentText(), QStringLiteral("Mia Rose"));
    QCOMPARE(switcher()->accessibleName(), QStringLiteral("Creator"));
}

void TestCreatorSwitcher::aDemoAgencyFillsTheSwitcher()
{
    auto *dashboard = qobject_cast<DashboardPage *>(m_app->window().page(pageids::dashboard));
    QTRY_VERIFY(dashboard->demoNudge()->isVisibleTo(dashboard));
    auto *addDemoAgency = dashboard->demoNudge()->findChild<QPushButton *>(QStringLiteral("addDemoAgency"));
    QVERIFY(addDemoAgency->isVisibleTo(dashboard));
    QVERIFY(!addDemoAgency->toolTip().isEmpty());
    QVERIFY(test::waitUntilLaidOut(addDemoAgency));
    QTest::mouseClick(addDemoAgency, Qt::LeftButton);
    // Busy: neither button can start a second run.
    QVERIFY(!addDemoAgency->isEnabled());
    QVERIFY(!dashboard->demoNudge()->findChild<QPushButton *>(QStringLiteral("addDemoData"))->isEnabled());
    QVERIFY(dashboard->demoNudge()->findChild<QLabel *>(QStringLiteral("demoStatus"))->isVisibleTo(dashboard));
    // Three creators of a year each, under AddressSanitizer on two busy cores.
    QTRY_COMPARE_WITH_TIMEOUT(switcher()->count(), 3, 3 * test::workLimitMs);
    QVERIFY(switcher()->isVisible());
    QCOMPARE(switcher()->currentText(), QStringLiteral("Mia Rose"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->core().creatorData().fans().size(), 40, test::workLimitMs);
    QTRY_VERIFY(!dashboard->demoNudge()->isVisibleTo(dashboard));
    QVERIFY(!addDemoAgency->isVisibleTo(dashboard)); // one creator no more
    choose(switcher()->itemText(1));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->core().creatorData().fans().size(), 40, test::workLimitMs);
}

void TestCreatorSwitcher::everyPageFollowsTheSelectedCreator()
{
    // Mia's own data: the demo set.
    QVERIFY(test::await(m_app->core().creatorData().addDemoData()).ok());
    QTRY_VERIFY(!m_app->core().creatorData().fans().isEmpty());
    const qsizetype miasFans = m_app->core().creatorData().fans().size();
    addCreator(QStringLiteral("Luna Vale"));

    choose(QStringLiteral("Luna Vale"));
    // Luna has nothing yet: no page shows Mia's rows under her name.
    QTRY_VERIFY(m_app->core().creatorData().fans().isEmpty());
    m_app->window().showPage(pageids::fans);
    auto *fans = qobject_cast<FansPage *>(m_app->window().page(pageids::fans));
    QTRY_COMPARE(fans->fansTable()->model()->rowCount(), 0);
    m_app->window().showPage(pageids::profile);
    auto *profile = qobject_cast<ProfilePage *>(m_app->window().page(pageids::profile));
    QCOMPARE(profile->displayNameEdit()->text(), QStringLiteral("Luna Vale"));
    m_app->window().showPage(pageids::dashboard);
    QVERIFY(qobject_cast<DashboardPage *>(m_app->window().page(pageids::dashboard))->greeting().contains(QStringLiteral("Luna Vale")));

    // What is added now is Luna's.
    QVERIFY(test::await(m_app->core().creatorData().importFans({Fan{0, QStringLiteral("Luna's first fan"), {}, 5, {}, {}}})).ok());
    QTRY_COMPARE(m_app->core().creatorData().fans().size(), 1);

    // Back to Mia: her rows, not Luna's.
    choose(QStringLiteral("Mia Rose"));
    QTRY_COMPARE(m_app->core().creatorData().fans().size(), miasFans);
    QTRY_COMPARE(fans->fansTable()->model()->rowCount(), static_cast<int>(miasFans));
    for (const Fan &fan : m_app->core().creatorData().fans())
        QVERIFY(fan.name != QLatin1String("Luna's first fan"));
    m_app->window().showPage(pageids::profile);
    QCOMPARE(profile->displayNameEdit()->text(), QStringLiteral("Mia Rose"));
}

void TestCreatorSwitcher::theChoiceIsRememberedAcrossRestarts()
{
    addCreator(QStringLiteral("Luna Vale"));
    choose(QStringLiteral("Luna Vale"));
    m_app->stop();
    m_app->start();
    QVERIFY(m_app->core().users().isSignedIn());
    QTRY_COMPARE(m_app->core().users().user()->profile.displayName, QStringLiteral("Luna Vale"));
    QCOMPARE(switcher()->currentText(), QStringLiteral("Luna Vale"));
}

void TestCreatorSwitcher::teamPageSaysItNeedsAServer()
{
    m_app->window().showPage(pageids::team);
    auto *team = qobject_cast<TeamPage *>(m_app->window().page(pageids::team));
    QVERIFY(team->findChild<MessageLabel *>(QStringLiteral("teamNeedsServer"))->text().contains(QStringLiteral("server")));
    QVERIFY(!team->primaryAction()->isEnabled());
    QVERIFY(!team->roleBox()->isEnabled());
    // Nor is there an invitation code to type, or a reset code to use, when signing in on this computer.
    m_app->core().sessions().signOut();
    QTRY_COMPARE(m_app->window().currentPageId(), pageids::signIn);
    auto *signIn = qobject_cast<SignInPage *>(m_app->window().page(pageids::signIn));
    QVERIFY(!signIn->invitationEdit()->isVisible());
    QVERIFY(!signIn->resetCodeLink()->isVisible());
}

void TestCreatorSwitcher::activityListsWhatWasDoneAndExports()
{
    QVERIFY(test::await(m_app->core().creatorData().addDemoData()).ok());
    addCreator(QStringLiteral("Luna Vale"));
    m_app->window().showPage(pageids::activity);
    auto *activity = qobject_cast<ActivityPage *>(m_app->window().page(pageids::activity));
    QTRY_VERIFY(activity->table()->rowCount() >= 3);
    QStringList actions;
    for (const AuditEntry &entry : activity->entries())
        actions.append(entry.action);
    QVERIFY(actions.contains(audit::signedUp));
    QVERIFY(actions.contains(audit::imported));
    QVERIFY(actions.contains(audit::creatorAdded));
    QCOMPARE(activity->entries().first().action, audit::creatorAdded); // newest first
    QCOMPARE(activity->table()->item(0, 1)->text(), QStringLiteral("mia@example.com"));
    QCOMPARE(activity->table()->item(0, 2)->text(), QStringLiteral("Luna Vale"));

    // Only the imports, picked from the filter with the keyboard.
    QSignalSpy shown(activity, &ActivityPage::entriesShown);
    activity->actionFilter()->setFocus();
    while (activity->actionFilter()->currentData().toString() != audit::imported)
        QTest::keyClick(activity->actionFilter(), Qt::Key_Down);
    QTRY_VERIFY(shown.count() >= 1);
    QTRY_VERIFY(!activity->entries().isEmpty());
    for (const AuditEntry &entry : activity->entries())
        QCOMPARE(entry.action, audit::imported);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("activity.csv"));
    QVERIFY(activity->exportTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(file.readAll());
    QVERIFY(csv.contains(QStringLiteral("\"time\",\"member\",\"creator\",\"action\",\"details\"")));
    QCOMPARE(csv.count(QStringLiteral("\"imported\"")), activity->entries().size());
}

QTEST_MAIN(TestCreatorSwitcher)
#include "tst_creatorswitcher.moc"

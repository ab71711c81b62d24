// The desktop app connected to a huntaze-server: the same pages, with
// accounts and data on the server and the AI tools answered by it.
#include "desktopfixture.h"
#include "pages/ideaspage.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "runningserver.h"
#include "style/theme.h"
#include "testutil.h"
#include "widgets/backendchooser.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

class TestDesktopOnServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signUpImportAndGenerateIdeasOnTheServer();
    void sessionIsRememberedAcrossRestarts();
    void settingsSayTheServerChoosesTheAi();

private:
    test::RunningServer m_running;
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestDesktopOnServer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
    HUNTAZE_REQUIRE_SERVER(m_running.start());
}

// Each test starts its own desktop (and keychain) on the shared server: none depends on another's account or order.
void TestDesktopOnServer::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->useServer(m_running.url());
    m_app->start();
}

void TestDesktopOnServer::cleanup()
{
    m_app.reset();
}

void TestDesktopOnServer::signUpImportAndGenerateIdeasOnTheServer()
{
    QVERIFY(m_app->core().backend().identity().startsWith(QStringLiteral("remote:http://127.0.0.1:")));
    m_app->signUp(QStringLiteral("agency-mia@example.com"));
    // A year of statements, engagement and conversations through the server: a wider limit than one import's.
    constexpr int demoDataLimitMs = 180'000;
    QVERIFY(test::await(m_app->core().creatorData().addDemoData(), demoDataLimitMs).ok());
    QTRY_VERIFY(!m_app->core().creatorData().fans().isEmpty());
    // The sample's conversations reach the server: the owner answered fans and sold paid messages.
    analytics::DashboardRequest lastQuarter;
    lastQuarter.range = analytics::DateRange::lastDays(m_app->core().analytics().today(), 90);
    const Result<analytics::AgencyAnalytics> team = test::await(m_app->core().backend().agencyAnalytics(lastQuarter));
    QVERIFY2(team.ok(), qPrintable(team.ok() ? QString() : team.error().message));
    QCOMPARE(team.value().chatters.size(), 1);
    QCOMPARE(team.value().chatters.first().email, QStringLiteral("agency-mia@example.com"));
    QVERIFY(team.value().chatters.first().totals.paidBought > 0);
    QVERIFY(team.value().chatters.first().totals.replies.replies > team.value().chatters.first().totals.paidBought);

    m_app->window().showPage(pageids::ideas);
    auto *page = qobject_cast<IdeasPage *>(m_app->window().page(pageids::ideas));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("ideaSource"))->text().contains(QStringLiteral("Huntaze server")));
    page->countBox()->setValue(4);
    QSignalSpy shown(page, &IdeasPage::ideasShown);
    page->primaryAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QCOMPARE(page->ideas().size(), 4);
    m_app->saveScreenshot(QStringLiteral("ideas-on-server"));
}

void TestDesktopOnServer::sessionIsRememberedAcrossRestarts()
{
    m_app->signUp(QStringLiteral("remembered@example.com"));
    m_app->stop();
    m_app->start();
    QVERIFY(m_app->core().users().isSignedIn());
    QCOMPARE(m_app->core().users().user()->email, QStringLiteral("remembered@example.com"));
    QCOMPARE(m_app->window().currentPageId(), pageids::dashboard);
}

void TestDesktopOnServer::settingsSayTheServerChoosesTheAi()
{
    m_app->window().showPage(pageids::settings);
    auto *settings = qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings));
    QVERIFY(!settings->aiProviderBox()->isEnabled());
    QVERIFY(settings->findChild<QLabel *>(QStringLiteral("aiStatus"))->text().contains(QStringLiteral("server")));
    QVERIFY(settings->backendChooser()->status()->text().contains(QStringLiteral("127.0.0.1")));
}

QTEST_MAIN(TestDesktopOnServer)
#include "tst_desktoponserver.moc"

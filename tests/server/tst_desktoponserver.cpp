// The desktop app connected to a huntaze-server: the same pages, with
// accounts and data on the server and the AI tools answered by it.
#include "backend/remotebackend.h"
#include "desktopfixture.h"
#include "fakeclock.h"
#include "models/drafttablemodel.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "pages/dashboardpage.h"
#include "pages/draftspage.h"
#include "pages/ideaspage.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "runningserver.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "sync/syncengine.h"
#include "testutil.h"
#include "widgets/backendchooser.h"
#include "widgets/draftconflictview.h"
#include "widgets/drafteditor.h"
#include "widgets/earningsdashboard.h"
#include "widgets/keptfiguresnote.h"
#include "widgets/kpicard.h"
#include "widgets/messagelabel.h"
#include "widgets/movetoserverform.h"
#include "widgets/syncproblemsdialog.h"
#include "widgets/syncstatusindicator.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

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
    void aDraftEditedOfflineIsResolvedSideBySide();
    void theDashboardWorksOutItsFiguresWithNoNetwork();
    void aStatementImportedOnThePhoneShowsOnTheOpenDashboard();
    void dataOnThisComputerMovesToTheServerFromSettings();
    void aChangeTheServerRefusedIsListedUntilDismissed();

private:
    // Waits for the sync under way (or asks for one) and returns how it ended.
    static sync::SyncEngine::State syncNow(Backend &backend, const std::function<void()> &start = {})
    {
        sync::SyncEngine *engine = backend.syncEngine();
        QSignalSpy finished(engine, &sync::SyncEngine::finished);
        if (start)
            start();
        else
            engine->requestSync();
        do {
            if (!finished.wait(60000))
                qFatal("the sync never finished");
        } while (engine->state() == sync::SyncEngine::State::Syncing);
        return engine->state();
    }

    // Starts the desktop on a server instance of its own (so the test can
    // take it away and bring it back on `config`'s port), its time moving
    // only when the test says; null (with a warning) when it did not start.
    std::unique_ptr<server::HuntazeServer> startOnOwnInstance(server::ServerConfig &config, test::FakeClock &clock)
    {
        QString error;
        std::unique_ptr<server::HuntazeServer> instance = m_running.startInstance(config, &error);
        if (!instance) {
            qWarning("the desktop's server did not start: %s", qPrintable(error));
            return nullptr;
        }
        m_app = std::make_unique<test::DesktopFixture>();
        m_app->useServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(config.port)));
        m_app->useClock(clock);
        m_app->start();
        return instance;
    }
    // The member's phone on the shared server: a replica of its own, time moving only when the test says.
    struct Phone {
        explicit Phone(const QUrl &server) : backend(api, server, dir.path(), clock) {}
        QNetworkAccessManager network;
        test::FakeClock clock;
        CircuitBreakerRegistry breakers{clock};
        ApiClient api{network, breakers};
        QTemporaryDir dir;
        RemoteBackend backend;
    };

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
    // A draft kept in the replica, and the status bar saying it reached the server.
    Draft draft;
    draft.title = QStringLiteral("Kept across restarts");
    QVERIFY(test::await(m_app->core().creatorData().saveDraft(draft)).ok());
    auto *syncStatus = m_app->window().findChild<QToolButton *>(QStringLiteral("syncStatus"));
    QVERIFY(syncStatus && syncStatus->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(syncStatus->text(), QStringLiteral("Synced"), 20000);
    QVERIFY(syncStatus->toolTip().startsWith(QStringLiteral("Last synced")));
    m_app->stop();
    m_app->start();
    QVERIFY(m_app->core().users().isSignedIn());
    QCOMPARE(m_app->core().users().user()->email, QStringLiteral("remembered@example.com"));
    QCOMPARE(m_app->window().currentPageId(), pageids::dashboard);
    QTRY_COMPARE(m_app->core().creatorData().drafts().size(), 1);
    QCOMPARE(m_app->core().creatorData().drafts().first().title, QStringLiteral("Kept across restarts"));
}

void TestDesktopOnServer::settingsSayTheServerChoosesTheAi()
{
    m_app->window().showPage(pageids::settings);
    auto *settings = qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings));
    QVERIFY(!settings->aiProviderBox()->isEnabled());
    QVERIFY(settings->findChild<QLabel *>(QStringLiteral("aiStatus"))->text().contains(QStringLiteral("server")));
    QVERIFY(settings->backendChooser()->status()->text().contains(QStringLiteral("127.0.0.1")));
}

// The GUI test: a title typed in the Drafts page with the network
// gone while a phone renames the same draft; when the network is back the
// page shows both titles side by side, a title merged by hand is kept, the
// phone gets it, and the audit log says who resolved it.
void TestDesktopOnServer::aDraftEditedOfflineIsResolvedSideBySide()
{
    server::ServerConfig config;
    test::FakeClock clock;
    std::unique_ptr<server::HuntazeServer> desktopServer = startOnOwnInstance(config, clock);
    QVERIFY(desktopServer);
    const QString email = QStringLiteral("conflict-mia@example.com");
    m_app->signUp(email);
    AppCore &core = m_app->core();
    Draft draft;
    draft.title = QStringLiteral("Beach at dawn");
    draft.body = QStringLiteral("Golden light");
    const Result<Draft> saved = test::await(core.creatorData().saveDraft(draft));
    QVERIFY(saved.ok());
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Idle);
    QCOMPARE(core.backend().syncEngine()->status().pending, 0);

    // Mia's phone, on the shared server.
    Phone phoneDevice(m_running.url());
    RemoteBackend &phone = phoneDevice.backend;
    QVERIFY(test::await(phone.signIn(email, QStringLiteral("a long passphrase"), {})).ok());
    QCOMPARE(syncNow(phone), sync::SyncEngine::State::Idle);

    // The network goes; the title is typed on the desktop and kept there.
    core.networkWatch().setReachable(false);
    desktopServer.reset();
    m_app->window().showPage(pageids::drafts);
    auto *page = qobject_cast<DraftsPage *>(m_app->window().page(pageids::drafts));
    QTRY_COMPARE(page->model()->rowCount(), 1);
    page->table()->setCurrentIndex(page->model()->index(0, 0));
    QCOMPARE(page->openDraft().id, saved.value().id);
    QLineEdit *title = page->editor()->titleEdit();
    title->setFocus();
    title->selectAll();
    QTest::keyClicks(title, QStringLiteral("Beach at noon"));
    clock.advance(DraftAutosave::delay);
    QTRY_COMPARE(page->saveState(), DraftAutosave::State::Saved);
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Offline);
    QCOMPARE(core.backend().syncEngine()->status().pending, 1);

    // Meanwhile the phone renames it.
    Draft onPhone = test::await(phone.visibleDrafts()).value().first();
    onPhone.title = QStringLiteral("Beach at dusk");
    QVERIFY(test::await(phone.saveDraft(onPhone)).ok());
    QCOMPARE(syncNow(phone), sync::SyncEngine::State::Idle);

    // The network is back: the sync finds both titles, and the page shows them side by side.
    QString error;
    desktopServer = m_running.startAnother(config, &error);
    QVERIFY2(desktopServer, qPrintable(error));
    QCOMPARE(syncNow(core.backend(), [&core] { core.networkWatch().setReachable(true); }), sync::SyncEngine::State::Idle);
    DraftConflictView *conflict = page->conflictView();
    QTRY_VERIFY(conflict->isVisible());
    QCOMPARE(conflict->fieldsShown(), QStringList{QStringLiteral("title")});
    QStringList shown;
    for (QLabel *label : conflict->findChildren<QLabel *>())
        shown.append(label->text());
    QVERIFY2(shown.contains(QStringLiteral("Beach at dusk")) && shown.contains(QStringLiteral("Beach at noon")),
             qPrintable(shown.join(u'|')));
    m_app->saveScreenshot(QStringLiteral("draft-conflict"));

    // Merged by hand and kept: the phone gets the merged title.
    title->setFocus();
    title->selectAll();
    QTest::keyClicks(title, QStringLiteral("Beach at dusk, then noon"));
    QPushButton *keep = nullptr;
    for (QPushButton *button : conflict->findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("Keep this version"))
            keep = button;
    QVERIFY(keep);
    QTest::mouseClick(keep, Qt::LeftButton);
    QTRY_VERIFY(!conflict->isVisible());
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Idle);
    QCOMPARE(core.backend().syncEngine()->status().pending, 0);
    QCOMPARE(syncNow(phone), sync::SyncEngine::State::Idle);
    QCOMPARE(test::await(phone.visibleDrafts()).value().first().title, QStringLiteral("Beach at dusk, then noon"));
    QVERIFY(test::await(phone.draftConflicts()).value().isEmpty());

    // The audit log says Mia resolved it.
    AuditFilter filter;
    filter.action = audit::draftConflictResolved;
    const Result<QList<AuditEntry>> resolved = test::await(phone.auditLog(filter));
    QVERIFY(resolved.ok());
    QCOMPARE(resolved.value().size(), 1);
    QCOMPARE(resolved.value().first().actorEmail, email);
    QCOMPARE(resolved.value().first().detail.value(QStringLiteral("draft")).toString(), saved.value().id);

    m_app.reset();
    phone.shutdown();
}

// With the server out of reach the Dashboard works out its figures from the
// roll-ups the replica keeps: the same figures as online, for any period, and
// no note of figures kept from before (that is the agency view's).
void TestDesktopOnServer::theDashboardWorksOutItsFiguresWithNoNetwork()
{
    server::ServerConfig config;
    test::FakeClock clock;
    std::unique_ptr<server::HuntazeServer> desktopServer = startOnOwnInstance(config, clock);
    QVERIFY(desktopServer);
    m_app->signUp(QStringLiteral("figures-mia@example.com"));
    AppCore &core = m_app->core();
    AnalyticsStore &store = core.analytics();
    QList<analytics::EarningEvent> lines;
    for (int day = 0; day < 5; ++day)
        lines.append({clock.now().addDays(-day),
                      analytics::EarningKind::Tip,
                      1000,
                      800,
                      QStringLiteral("USD"),
                      QStringLiteral("fan %1").arg(day),
                      {},
                      0});
    QVERIFY(test::await(store.importEarnings(lines)).ok());
    m_app->window().showPage(pageids::dashboard);
    EarningsDashboard *dashboard = qobject_cast<DashboardPage *>(m_app->window().page(pageids::dashboard))->analytics();
    QTRY_VERIFY(!store.isLoading() && store.dashboard() && store.dashboard()->current.purchases == 5);
    auto *kept = dashboard->findChild<KeptFiguresNote *>(QStringLiteral("keptFigures"));
    QVERIFY(kept && kept->isHidden());
    const QString earnings = dashboard->kpi(EarningsDashboard::Earnings)->value();

    // The network goes; the page asks again an hour later.
    core.networkWatch().setReachable(false);
    desktopServer.reset();
    clock.advance(std::chrono::hours(1));
    QSignalSpy changed(&store, &AnalyticsStore::dashboardChanged);
    store.reload();
    QTRY_COMPARE(changed.count(), 1);
    QVERIFY(!store.dashboard()->keptAt.isValid());
    QVERIFY(store.errorMessage().isEmpty());
    QVERIFY(kept->isHidden());
    QCOMPARE(dashboard->kpi(EarningsDashboard::Earnings)->value(), earnings);
    // A period nobody asked the server for.
    store.setPreset(AnalyticsStore::Preset::AllTime);
    QTRY_COMPARE(changed.count(), 2);
    QVERIFY(store.errorMessage().isEmpty());
    QCOMPARE(store.dashboard()->current.purchases, 5);
    QVERIFY(kept->isHidden());
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Offline); // what the status bar says
    m_app->saveScreenshot(QStringLiteral("dashboard-offline"));
}

// The Dashboard is open on the desktop while the phone imports a statement:
// once the desktop syncs, the page shows the new figures by itself.
void TestDesktopOnServer::aStatementImportedOnThePhoneShowsOnTheOpenDashboard()
{
    const QString email = QStringLiteral("open-dashboard-mia@example.com");
    m_app->signUp(email);
    AppCore &core = m_app->core();
    AnalyticsStore &store = core.analytics();
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Idle);
    m_app->window().showPage(pageids::dashboard);
    QTRY_VERIFY(!store.isLoading() && store.dashboard());
    QCOMPARE(store.dashboard()->current.purchases, 0);

    Phone phoneDevice(m_running.url());
    RemoteBackend &phone = phoneDevice.backend;
    QVERIFY(test::await(phone.signIn(email, QStringLiteral("a long passphrase"), {})).ok());
    QList<analytics::EarningEvent> lines;
    for (int day = 0; day < 3; ++day)
        lines.append({QDateTime(store.request().range.to, QTime(12, 0), Qt::UTC).addDays(-day),
                      analytics::EarningKind::Tip,
                      1500,
                      1200,
                      QStringLiteral("USD"),
                      QStringLiteral("fan %1").arg(day),
                      {},
                      0});
    QCOMPARE(test::await(phone.importEarnings(lines)).value(), 3);

    QSignalSpy changed(&store, &AnalyticsStore::dashboardChanged);
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Idle);
    QTRY_VERIFY(changed.count() > 0 && !store.isLoading());
    QCOMPARE(store.dashboard()->current.purchases, 3);
    QCOMPARE(store.dashboard()->current.cents, 3600);
    // A sync that brings nothing new asks for no figures (a reload would be loading when the sync ends).
    QSignalSpy loading(&store, &AnalyticsStore::isLoadingChanged);
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Idle);
    QCOMPARE(loading.count(), 0);
    QVERIFY(!store.isLoading());
}

// Settings moves the data kept on this computer to the server: a new account
// there, a progress bar that reaches its end, and after the restart the app
// is signed in on the server with the same fans and drafts.
void TestDesktopOnServer::dataOnThisComputerMovesToTheServerFromSettings()
{
    m_app = std::make_unique<test::DesktopFixture>(); // on this computer
    m_app->start();
    const QString email = QStringLiteral("moving-mia@example.com");
    m_app->signUp(email);
    AppCore &core = m_app->core();
    Fan ada;
    ada.name = QStringLiteral("Ada");
    ada.totalSpend = 25;
    QVERIFY(test::await(core.creatorData().importFans({ada})).ok());
    Draft draft;
    draft.title = QStringLiteral("Written before the move");
    const Result<Draft> saved = test::await(core.creatorData().saveDraft(draft));
    QVERIFY(saved.ok());

    m_app->window().showPage(pageids::settings);
    auto *settings = qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings));
    MoveToServerForm *form = settings->moveToServerForm();
    QVERIFY(form->isVisible());
    QCOMPARE(form->emailEdit()->text(), email);
    form->serverUrlEdit()->clear();
    QTest::keyClicks(form->serverUrlEdit(), m_running.url().toString());
    QVERIFY(form->newAccountButton()->isChecked());
    QTest::keyClicks(form->passwordEdit(), QStringLiteral("a long passphrase"));
    QSignalSpy finished(form, &MoveToServerForm::finished);
    QTest::mouseClick(form->moveButton(), Qt::LeftButton);
    QVERIFY(form->stopButton()->isVisible());
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(form->restartButton()->isVisible(), qPrintable(form->status()->text()));
    QVERIFY(form->status()->text().contains(m_running.url().host()));
    QVERIFY(!form->stopButton()->isVisible());
    QCOMPARE(core.settings().backend(), AppSettings::BackendKind::Remote);
    QCOMPARE(core.settings().serverUrl(), m_running.url().toString());
    QCOMPARE(settings->backendChooser()->kindBox()->currentData().value<AppSettings::BackendKind>(), AppSettings::BackendKind::Remote);
    m_app->saveScreenshot(QStringLiteral("settings-moved-to-server"));

    // The restart: on the server, signed in, the same fans and draft.
    m_app->stop();
    m_app->useServer(m_running.url());
    m_app->start();
    QVERIFY(m_app->core().users().isSignedIn());
    QCOMPARE(m_app->core().users().user()->email, email);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->core().creatorData().fans().size(), 1, 20000);
    QCOMPARE(m_app->core().creatorData().fans().first().name, QStringLiteral("Ada"));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->core().creatorData().drafts().size(), 1, 20000);
    QCOMPARE(m_app->core().creatorData().drafts().first().id, saved.value().id);
    // Settings no longer offers a move: the data lives on the server now.
    m_app->window().showPage(pageids::settings);
    QVERIFY(!qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings))->moveToServerForm()->isVisible());
}

// A change the server refused for good is listed from the sync indicator's
// menu with the server's reason and what this computer had sent, which can
// be copied; dismissed, it leaves the list and the indicator.
void TestDesktopOnServer::aChangeTheServerRefusedIsListedUntilDismissed()
{
    server::ServerConfig config;
    test::FakeClock clock;
    std::unique_ptr<server::HuntazeServer> desktopServer = startOnOwnInstance(config, clock);
    QVERIFY(desktopServer);
    const QString email = QStringLiteral("problems-mia@example.com");
    m_app->signUp(email);
    AppCore &core = m_app->core();
    QCOMPARE(syncNow(core.backend()), sync::SyncEngine::State::Idle);

    Phone phoneDevice(m_running.url());
    RemoteBackend &phone = phoneDevice.backend;
    QVERIFY(test::await(phone.signIn(email, QStringLiteral("a long passphrase"), {})).ok());
    QCOMPARE(syncNow(phone), sync::SyncEngine::State::Idle);

    // Offline, the desktop counts in euros; meanwhile the phone chose pounds.
    core.networkWatch().setReachable(false);
    desktopServer.reset();
    QVERIFY(test::await(core.backend().setCreatorPreference(QStringLiteral("currency"), QStringLiteral("EUR"))).ok());
    QVERIFY(test::await(phone.setCreatorPreference(QStringLiteral("currency"), QStringLiteral("GBP"))).ok());
    QCOMPARE(syncNow(phone), sync::SyncEngine::State::Idle);
    QString error;
    desktopServer = m_running.startAnother(config, &error);
    QVERIFY2(desktopServer, qPrintable(error));
    QCOMPARE(syncNow(core.backend(), [&core] { core.networkWatch().setReachable(true); }), sync::SyncEngine::State::Idle);

    auto *indicator = m_app->window().findChild<SyncStatusIndicator *>(QStringLiteral("syncStatus"));
    QVERIFY(indicator);
    QTRY_VERIFY2(indicator->text().contains(QStringLiteral("1 sync problem")), qPrintable(indicator->text()));
    QVERIFY(indicator->problemsAction()->isEnabled());
    indicator->problemsAction()->trigger();
    auto *dialog = m_app->window().findChild<SyncProblemsDialog *>(QStringLiteral("syncProblems"));
    QVERIFY(dialog);
    QTRY_COMPARE(dialog->problems().size(), 1);
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("problemList"));
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Preference “currency”"));
    QVERIFY2(list->topLevelItem(0)->text(2).contains(QStringLiteral("another device")), qPrintable(list->topLevelItem(0)->text(2)));
    const QString sent = dialog->findChild<QPlainTextEdit *>(QStringLiteral("problemCopy"))->toPlainText();
    QVERIFY2(sent.contains(QStringLiteral("\"EUR\"")), qPrintable(sent));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyProblem")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), sent);
    m_app->saveScreenshot(QStringLiteral("sync-problems"), dialog);
    // The server's choice stands on both; dismissed, the problem goes.
    QCOMPARE(test::await(core.backend().creatorPreference(QStringLiteral("currency"))).value(), QJsonValue(QStringLiteral("GBP")));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("dismissProblem")), Qt::LeftButton);
    QTRY_COMPARE(list->topLevelItemCount(), 0);
    QTRY_VERIFY2(!indicator->text().contains(QStringLiteral("problem")), qPrintable(indicator->text()));
    QVERIFY(!indicator->problemsAction()->isEnabled());
    m_app.reset();
    phone.shutdown();
}

QTEST_MAIN(TestDesktopOnServer)
#include "tst_desktoponserver.moc"

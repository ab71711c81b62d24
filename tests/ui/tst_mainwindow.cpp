// Drives the real window the way a person would: typing, clicking, keys.

#include "app/appcore.h"
#include "backend/embeddedbackend.h"
#include "desktopfixture.h"
#include "layout/header.h"
#include "layout/mainwindow.h"
#include "layout/sidebar.h"
#include "memorysecretstore.h"
#include "pages/dashboardpage.h"
#include "pages/pageids.h"
#include "pages/profilepage.h"
#include "pages/settingspage.h"
#include "pages/signinpage.h"
#include "pages/signuppage.h"
#include "style/theme.h"
#include "testutil.h"
#include "widgets/credentialsform.h"
#include "widgets/servicestatusindicator.h"
#include "widgets/servicestatusview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace huntaze;
using namespace huntaze::ui;
using huntaze::test::MemorySecretStore;

namespace {
const QString password = QStringLiteral("a long passphrase");
}

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void newUserSignsUpEditsProfileAndIsRememberedAfterRestart();
    void freshInstallOpensOnCreateAccount();
    void firstWindowFitsTheScreenAndIsRemembered();
    void wrongPasswordShowsErrorAndStays();
    void mismatchedConfirmationIsCaught();
    void everySidebarPageOpens_data();
    void everySidebarPageOpens();
    void sidebarBecomesOverlayBelow1024();
    void keyboardMovesThroughSidebar();
    void signUpFormFollowsTheScreenWithTheKeyboard();
    void signOutReturnsToSignInAndIsNotRemembered();
    void missingKeychainIsExplained();
    void unsavedProfileEditsCanBeDiscarded();
    void settingsArePersistedAndAppearanceAppliesAtOnce();
    void dataFromNewerVersionIsRefusedWithExplanation();
    void pausedServiceTurnsIndicatorAmberAndIsListed();

private:
    void startApp();
    void stopApp();
    void signUp(const QString &email = QStringLiteral("mia@example.com"));
    // With HUNTAZE_SCREENSHOT_DIR set (scripts/screenshot.sh), saves the window as <dir>/<name>.png.
    void saveScreenshot(const QString &name);
    template <typename T> T *currentPage() const { return qobject_cast<T *>(m_window->page(m_window->currentPageId())); }

    std::unique_ptr<test::DesktopFixture> m_app;
    bool m_keychainUnavailable = false;
    AppCore *m_core = nullptr; // of the running app
    MainWindow *m_window = nullptr; // of the running app
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestMainWindow::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_keychainUnavailable = false;
}

void TestMainWindow::cleanup()
{
    stopApp();
    m_app.reset();
}

void TestMainWindow::startApp()
{
    m_app->start(!m_keychainUnavailable, false);
    m_core = &m_app->core();
    m_window = &m_app->window();
    // The window shows before the data is open, on its start-up page.
    QCOMPARE(m_window->currentPageId(), pageids::startup);
    QTRY_VERIFY(m_core->isStarted());
}

void TestMainWindow::stopApp()
{
    m_app->stop();
    m_core = nullptr;
    m_window = nullptr;
}

void TestMainWindow::signUp(const QString &email)
{
    m_app->signUp(email, password);
}

void TestMainWindow::saveScreenshot(const QString &name)
{
    m_app->saveScreenshot(name);
}

void TestMainWindow::newUserSignsUpEditsProfileAndIsRememberedAfterRestart()
{
    startApp();
    QCOMPARE(m_window->currentPageId(), pageids::signUp); // a fresh install: nobody to sign in
    QCOMPARE(m_window->sidebar()->pageIds(), (QStringList{pageids::signIn, pageids::signUp, pageids::settings}));
    m_window->showPage(pageids::signIn);

    // From sign-in to sign-up with the link, then fill the form and press the header's primary button.
    QTest::mouseClick(m_window->page(pageids::signIn)->findChild<QPushButton *>(QStringLiteral("createAccount")), Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), pageids::signUp);
    auto *signUpPage = currentPage<SignUpPage>();
    QTest::keyClicks(signUpPage->displayNameEdit(), QStringLiteral("Mia Rose"));
    QTest::keyClicks(signUpPage->form()->emailEdit(), QStringLiteral("mia@example.com"));
    QTest::keyClicks(signUpPage->form()->passwordEdit(), password);
    QTest::keyClicks(signUpPage->confirmEdit(), password);
    QCOMPARE(m_window->header()->primaryButton()->text(), QStringLiteral("Create account"));
    QTest::mouseClick(m_window->header()->primaryButton(), Qt::LeftButton);

    QTRY_COMPARE(m_window->currentPageId(), pageids::dashboard);
    QCOMPARE(m_window->header()->title(), QStringLiteral("Dashboard"));
    QVERIFY(currentPage<DashboardPage>()->greeting().contains(QStringLiteral("Mia Rose")));
    QCOMPARE(m_window->sidebar()->pageIds(),
             (QStringList{pageids::dashboard, pageids::profile, pageids::ideas, pageids::captions, pageids::drafts, pageids::fans,
                          pageids::messages, pageids::pricing, pageids::performance, pageids::creators, pageids::team, pageids::shifts,
                          pageids::activity, pageids::settings}));
    QVERIFY(signUpPage->form()->passwordEdit()->text().isEmpty());

    // The dashboard's primary action leads to the profile.
    QTest::mouseClick(m_window->header()->primaryButton(), Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), pageids::profile);
    auto *profile = currentPage<ProfilePage>();
    QVERIFY(!profile->primaryAction()->isEnabled());
    // Typing in a combo box may open its completion popup; Escape closes it as a person would.
    auto dismissCompletion = [] {
        if (QWidget *popup = QApplication::activePopupWidget())
            QTest::keyClick(popup, Qt::Key_Escape);
    };
    QTest::keyClicks(profile->nicheEdit()->lineEdit(), QStringLiteral("Fitness coaching"));
    dismissCompletion();
    QTest::keyClicks(profile->audienceEdit(), QStringLiteral("Busy parents who train at home"));
    QTest::keyClicks(profile->toneEdit()->lineEdit(), QStringLiteral("Warm"));
    dismissCompletion();
    profile->timeZoneEdit()->setCurrentText(QStringLiteral("Europe/Paris"));
    QTest::mouseClick(profile->platformBox(QStringLiteral("onlyfans")), Qt::LeftButton, {}, QPoint(4, 4));
    QTest::mouseClick(profile->platformBox(QStringLiteral("instagram")), Qt::LeftButton, {}, QPoint(4, 4));
    QVERIFY(profile->hasUnsavedChanges());
    QVERIFY(m_window->header()->primaryButton()->isEnabled());
    QTest::mouseClick(m_window->header()->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(m_core->users().user()->profile.niche, QStringLiteral("Fitness coaching"));
    QVERIFY2(!profile->hasUnsavedChanges(), qPrintable(profile->findChild<QLabel *>(QStringLiteral("profileMessage"))->text()));
    QVERIFY(!m_window->header()->primaryButton()->isEnabled());

    // Restart: a new window over the same data and keychain opens signed in.
    stopApp();
    startApp();
    QTRY_COMPARE(m_window->currentPageId(), pageids::dashboard);
    const User &user = *m_core->users().user();
    QCOMPARE(user.email, QStringLiteral("mia@example.com"));
    QCOMPARE(user.profile.tone, QStringLiteral("Warm"));
    QCOMPARE(user.profile.timeZone, QStringLiteral("Europe/Paris"));
    QCOMPARE(user.profile.platforms, (QStringList{QStringLiteral("instagram"), QStringLiteral("onlyfans")}));
    m_window->showPage(pageids::profile);
    auto *reopened = currentPage<ProfilePage>();
    QCOMPARE(reopened->nicheEdit()->currentText(), QStringLiteral("Fitness coaching"));
    QCOMPARE(reopened->audienceEdit()->toPlainText(), QStringLiteral("Busy parents who train at home"));
    QVERIFY(reopened->platformBox(QStringLiteral("onlyfans"))->isChecked());
    QVERIFY(!reopened->platformBox(QStringLiteral("tiktok"))->isChecked());

    saveScreenshot(QStringLiteral("profile"));
    m_window->showPage(pageids::settings);
    saveScreenshot(QStringLiteral("settings"));
    m_window->showPage(pageids::dashboard);
    saveScreenshot(QStringLiteral("dashboard"));
}

void TestMainWindow::wrongPasswordShowsErrorAndStays()
{
    startApp();
    signUp();
    m_core->sessions().signOut();
    QTRY_COMPARE(m_window->currentPageId(), pageids::signIn);

    auto *page = currentPage<SignInPage>();
    QTest::keyClicks(page->form()->emailEdit(), QStringLiteral("mia@example.com"));
    QTest::keyClicks(page->form()->passwordEdit(), QStringLiteral("not the password"));
    QTest::keyClick(page->form()->passwordEdit(), Qt::Key_Return);
    auto *error = page->findChild<QLabel *>(QStringLiteral("formError"));
    QTRY_VERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("The email or password is incorrect."));
    QCOMPARE(m_window->currentPageId(), pageids::signIn);
    QVERIFY(!m_core->users().isSignedIn());
    QCOMPARE(page->form()->emailEdit()->text(), QStringLiteral("mia@example.com"));

    page->form()->passwordEdit()->clear();
    QTest::keyClicks(page->form()->passwordEdit(), password);
    QTest::keyClick(page->form()->passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE(m_window->currentPageId(), pageids::dashboard);
}

void TestMainWindow::mismatchedConfirmationIsCaught()
{
    startApp();
    m_window->showPage(pageids::signUp);
    auto *page = currentPage<SignUpPage>();
    QTest::keyClicks(page->displayNameEdit(), QStringLiteral("Mia"));
    QTest::keyClicks(page->form()->emailEdit(), QStringLiteral("mia@example.com"));
    QTest::keyClicks(page->form()->passwordEdit(), password);
    QTest::keyClicks(page->confirmEdit(), QStringLiteral("something else"));
    QTest::keyClick(page->confirmEdit(), Qt::Key_Return);
    auto *error = page->findChild<QLabel *>(QStringLiteral("formError"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("The two passwords do not match."));
    QCOMPARE(QApplication::focusWidget(), page->confirmEdit());
    // Caught before anything was sent: no sign-up is under way.
    QVERIFY(!m_core->users().isLoading());
    QVERIFY(!m_core->users().isSignedIn());
}

void TestMainWindow::everySidebarPageOpens_data()
{
    QTest::addColumn<bool>("signedIn");
    QTest::newRow("signed out") << false;
    QTest::newRow("signed in") << true;
}

void TestMainWindow::everySidebarPageOpens()
{
    QFETCH(bool, signedIn);
    startApp();
    if (signedIn)
        signUp();
    auto *list = m_window->sidebar()->findChild<QListWidget *>();
    const QStringList ids = m_window->sidebar()->pageIds();
    QCOMPARE(ids.size(), signedIn ? 14 : 3);
    // Signing in builds the dashboard only: the other pages wait for their first visit.
    if (signedIn) {
        QVERIFY(m_window->builtPage(pageids::dashboard));
        for (const char *unvisited : {"fans", "messages", "pricing", "ideas", "captions"})
            QVERIFY2(!m_window->builtPage(QString::fromLatin1(unvisited)), unvisited);
    }
    for (int row = ids.size() - 1; row >= 0; --row) {
        const QRect rect = list->visualItemRect(list->item(row));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(m_window->currentPageId(), ids.at(row));
        QCOMPARE(m_window->header()->title(), m_window->page(ids.at(row))->title());
        QVERIFY(m_window->page(ids.at(row))->isVisible());
        QCOMPARE(m_window->sidebar()->currentPage(), ids.at(row));
    }
}

void TestMainWindow::freshInstallOpensOnCreateAccount()
{
    startApp();
    QCOMPARE(m_window->currentPageId(), pageids::signUp); // no account to sign in to yet
    // Every field as tall as its text needs (the sign-up card squeezed them and cut the placeholders).
    for (QLineEdit *field : m_window->page(pageids::signUp)->findChildren<QLineEdit *>())
        QVERIFY2(field->height() >= field->sizeHint().height(), qPrintable(field->objectName()));
    saveScreenshot(QStringLiteral("sign-up"));
    signUp();
    m_core->sessions().signOut();
    QTRY_COMPARE(m_window->currentPageId(), pageids::signIn);
    // The next start, with an account on this computer, offers to sign in.
    stopApp();
    startApp();
    QCOMPARE(m_window->currentPageId(), pageids::signIn);
    saveScreenshot(QStringLiteral("sign-in"));
}

void TestMainWindow::firstWindowFitsTheScreenAndIsRemembered()
{
    startApp();
    m_core->settings().setWindowGeometry({});
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QVERIFY2(available.width() < MainWindow::preferredSize.width(), "the test screen is smaller than the preferred size");
    {
        MainWindow first(*m_core);
        QVERIFY2(available.contains(first.geometry()),
                 qPrintable(QStringLiteral("%1x%2 on a %3x%4 screen")
                                .arg(first.width())
                                .arg(first.height())
                                .arg(available.width())
                                .arg(available.height())));
        first.show();
        first.resize(640, 500);
        first.close();
    }
    MainWindow next(*m_core);
    QCOMPARE(next.size(), QSize(640, 500));
}

void TestMainWindow::signUpFormFollowsTheScreenWithTheKeyboard()
{
    startApp();
    m_window->showPage(pageids::signUp);
    auto *page = qobject_cast<SignUpPage *>(m_window->page(pageids::signUp));
    QWidget *submit = page->findChild<QPushButton *>(QStringLiteral("submit"));
    QWidget *signInLink = page->findChild<QPushButton *>(QStringLiteral("signInInstead"));
    const QList<QWidget *> onScreen{
        page->displayNameEdit(), page->form()->emailEdit(), page->form()->passwordEdit(), page->confirmEdit(), submit, signInLink};
    page->displayNameEdit()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), page->displayNameEdit());
    for (qsizetype i = 1; i < onScreen.size(); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), onScreen.at(i));
    }
    // Enter on the focused link follows it, as Space does.
    QTest::keyClick(signInLink, Qt::Key_Return);
    QTRY_COMPARE(m_window->currentPageId(), pageids::signIn);
}

void TestMainWindow::sidebarBecomesOverlayBelow1024()
{
    startApp();
    signUp();
    Sidebar *sidebar = m_window->sidebar();
    QToolButton *menu = m_window->header()->menuButton();
    QVERIFY(sidebar->isVisible());
    QVERIFY(!menu->isVisible());

    m_window->resize(900, 700);
    QTRY_VERIFY(m_window->isCompact());
    QVERIFY(!sidebar->isVisible());
    QVERIFY(menu->isVisible());

    // Escape closes it.
    QTest::mouseClick(menu, Qt::LeftButton);
    QVERIFY(m_window->isSidebarOverlayOpen());
    QCOMPARE(sidebar->geometry().left(), 0);
    QCOMPARE(sidebar->height(), m_window->centralWidget()->height());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(!m_window->isSidebarOverlayOpen());

    // A click outside closes it.
    QTest::mouseClick(menu, Qt::LeftButton);
    QVERIFY(m_window->isSidebarOverlayOpen());
    saveScreenshot(QStringLiteral("compact-overlay"));
    auto *scrim = m_window->findChild<QWidget *>(QStringLiteral("scrim"));
    QVERIFY(scrim->isVisible());
    QTest::mouseClick(scrim, Qt::LeftButton, {}, QPoint(scrim->width() - 20, scrim->height() / 2));
    QVERIFY(!m_window->isSidebarOverlayOpen());

    // Choosing a page closes it and opens the page.
    QTest::mouseClick(menu, Qt::LeftButton);
    auto *list = sidebar->findChild<QListWidget *>();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
    QCOMPARE(m_window->currentPageId(), pageids::profile);
    QVERIFY(!m_window->isSidebarOverlayOpen());

    // Wide again: the sidebar is back in the layout.
    m_window->resize(1280, 800);
    QTRY_VERIFY(!m_window->isCompact());
    QVERIFY(sidebar->isVisible());
    QVERIFY(!menu->isVisible());
    QVERIFY(!scrim->isVisible());
    QVERIFY(sidebar->geometry().right() < m_window->header()->geometry().left());
}

void TestMainWindow::keyboardMovesThroughSidebar()
{
    startApp();
    signUp();
    auto *list = m_window->sidebar()->findChild<QListWidget *>();
    list->setFocus();
    QCOMPARE(list->accessibleName(), QStringLiteral("Pages"));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(m_window->currentPageId(), pageids::profile);
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(m_window->currentPageId(), pageids::ideas);
    QTest::keyClick(list, Qt::Key_End);
    QCOMPARE(m_window->currentPageId(), pageids::settings);
    QTest::keyClick(list, Qt::Key_Home);
    QCOMPARE(m_window->currentPageId(), pageids::dashboard);
}

void TestMainWindow::signOutReturnsToSignInAndIsNotRemembered()
{
    startApp();
    signUp();
    QVERIFY(!m_app->keychain()->isEmpty());
    auto *signOut = m_window->sidebar()->findChild<QToolButton *>();
    QVERIFY(signOut);
    QCOMPARE(signOut->accessibleName(), QStringLiteral("Sign out"));
    QTest::mouseClick(signOut, Qt::LeftButton);
    QTRY_COMPARE(m_window->currentPageId(), pageids::signIn);
    QTRY_VERIFY(m_app->keychain()->isEmpty());

    stopApp();
    startApp();
    QTRY_COMPARE(m_window->currentPageId(), pageids::signIn);
    QVERIFY(!m_core->users().isSignedIn());
}

void TestMainWindow::missingKeychainIsExplained()
{
    m_keychainUnavailable = true;
    startApp();
    signUp();
    QLabel *banner = nullptr;
    for (auto *label : m_window->findChildren<QLabel *>()) {
        if (label->isVisible() && label->text().contains(QStringLiteral("will not remember you")))
            banner = label;
    }
    QVERIFY2(banner, "no visible warning about the missing keychain");
    m_window->showPage(pageids::settings);
    auto *status = m_window->page(pageids::settings)->findChild<QLabel *>(QStringLiteral("keychainStatus"));
    QVERIFY(status->text().contains(QStringLiteral("will not remember you")));

    stopApp();
    m_keychainUnavailable = false;
    startApp();
    QTRY_COMPARE(m_window->currentPageId(), pageids::signIn);
}

void TestMainWindow::unsavedProfileEditsCanBeDiscarded()
{
    startApp();
    signUp();
    m_window->showPage(pageids::profile);
    auto *profile = currentPage<ProfilePage>();
    profile->displayNameEdit()->selectAll();
    QTest::keyClicks(profile->displayNameEdit(), QStringLiteral("Someone Else"));
    QVERIFY(profile->hasUnsavedChanges());
    const QList<QAction *> secondary = profile->secondaryActions();
    QCOMPARE(secondary.size(), 1);
    QVERIFY(secondary.first()->isEnabled());
    QToolButton *discardButton = nullptr;
    for (auto *button : m_window->header()->findChildren<QToolButton *>()) {
        if (button->defaultAction() == secondary.first())
            discardButton = button;
    }
    QVERIFY2(discardButton, "the header shows no button for the secondary action");
    QTRY_VERIFY(discardButton->isVisible());
    QTest::mouseClick(discardButton, Qt::LeftButton);
    QCOMPARE(profile->displayNameEdit()->text(), QStringLiteral("Mia Rose"));
    QVERIFY(!profile->hasUnsavedChanges());
    QVERIFY(!secondary.first()->isEnabled());
}

void TestMainWindow::settingsArePersistedAndAppearanceAppliesAtOnce()
{
    startApp();
    m_window->showPage(pageids::settings);
    auto *page = qobject_cast<SettingsPage *>(m_window->page(pageids::settings));
    QCOMPARE(page->dataFolderEdit()->text(), QDir::toNativeSeparators(m_app->dataDir().path()));

    auto *restart = page->findChild<QPushButton *>(QStringLiteral("restartNow"));
    QVERIFY(!restart->isVisible());
    page->languageBox()->setCurrentIndex(page->languageBox()->findData(QVariant::fromValue(AppSettings::Language::French)));
    QCOMPARE(AppSettings().language(), AppSettings::Language::French);
    QCOMPARE(AppSettings().localeName(), QStringLiteral("fr_FR"));
    QTRY_VERIFY(restart->isVisible());

    page->appearanceBox()->setCurrentIndex(page->appearanceBox()->findData(QVariant::fromValue(AppSettings::Appearance::Dark)));
    QVERIFY(Theme::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 64);
    saveScreenshot(QStringLiteral("settings-dark"));
    page->appearanceBox()->setCurrentIndex(page->appearanceBox()->findData(QVariant::fromValue(AppSettings::Appearance::Light)));
    QVERIFY(!Theme::isDark());
    QCOMPARE(AppSettings().appearance(), AppSettings::Appearance::Light);

    AppSettings().setLanguage(AppSettings::Language::System);
}

void TestMainWindow::dataFromNewerVersionIsRefusedWithExplanation()
{
    {
        EmbeddedBackend backend(m_app->dataPath(QStringLiteral("huntaze.sqlite")));
        QVERIFY(huntaze::test::await(backend.open()).ok());
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(m_app->dataPath(QStringLiteral("huntaze.sqlite")));
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("INSERT INTO schema_migrations VALUES (42, 'future')"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));

    m_app->start(true, false);
    m_core = &m_app->core();
    m_window = &m_app->window();
    auto *page = m_window->page(pageids::startup);
    QLabel *message = nullptr;
    QTRY_VERIFY((message = [&]() -> QLabel * {
        for (auto *label : page->findChildren<QLabel *>()) {
            if (label->isVisible() && label->text().contains(QStringLiteral("newer version of Huntaze")))
                return label;
        }
        return nullptr;
    }()));
    QVERIFY(message->text().contains(QStringLiteral("42")));
    QCOMPARE(m_window->currentPageId(), pageids::startup);
    QVERIFY(m_window->sidebar()->pageIds().isEmpty());
    QVERIFY(!m_core->isStarted());
}

void TestMainWindow::pausedServiceTurnsIndicatorAmberAndIsListed()
{
    startApp();
    auto *indicator = m_window->serviceIndicator();
    QVERIFY(indicator->isVisible());
    QVERIFY(!indicator->isWarning());
    auto *page = qobject_cast<SettingsPage *>(m_window->page(pageids::settings));
    QVERIFY(!page->serviceStatus()->table()->isVisibleTo(page));

    CircuitBreakerConfig config;
    config.minimumCalls = 2;
    config.slidingWindowSize = 2;
    CircuitBreaker &breaker = m_core->breakers().breaker(QStringLiteral("ai-provider"), config);
    for (int i = 0; i < 2; ++i)
        breaker.onError(breaker.tryAcquire(), std::chrono::milliseconds(5), Error(ErrorCode::Timeout, QStringLiteral("slow")));
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    QVERIFY(indicator->isWarning());
    QVERIFY(indicator->toolTip().contains(QStringLiteral("ai-provider")));

    // The indicator leads to the details.
    QTest::mouseClick(indicator, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), pageids::settings);
    QTreeWidget *table = page->serviceStatus()->table();
    QTRY_VERIFY(table->isVisible());
    QCOMPARE(table->topLevelItemCount(), 1);
    const QTreeWidgetItem *row = table->topLevelItem(0);
    QCOMPARE(row->text(0), QStringLiteral("ai-provider"));
    QCOMPARE(row->text(1), QStringLiteral("Paused after failures"));
    QVERIFY2(row->text(2).startsWith(QStringLiteral("100")), qPrintable(row->text(2)));
    QVERIFY(!row->text(3).isEmpty());
    saveScreenshot(QStringLiteral("service-status"));

    breaker.reset();
    QVERIFY(!indicator->isWarning());
    QCOMPARE(table->topLevelItem(0)->text(1), QStringLiteral("Working"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

#include "mainwindow.h"

#include "app/appcore.h"
#include "common/async.h"
#include "layout/header.h"
#include "layout/sidebar.h"
#include "pages/activitypage.h"
#include "pages/captionspage.h"
#include "pages/creatorspage.h"
#include "pages/dashboardpage.h"
#include "pages/draftspage.h"
#include "pages/fanspage.h"
#include "pages/ideaspage.h"
#include "pages/messagespage.h"
#include "pages/pageids.h"
#include "pages/performancepage.h"
#include "pages/pricingpage.h"
#include "pages/profilepage.h"
#include "pages/resetpasswordpage.h"
#include "pages/settingspage.h"
#include "pages/shiftspage.h"
#include "pages/signinpage.h"
#include "pages/signuppage.h"
#include "pages/startuppage.h"
#include "pages/teampage.h"
#include "style/icons.h"
#include "widgets/messagelabel.h"
#include "widgets/servicestatusindicator.h"
#include "widgets/syncstatusindicator.h"

#include <QCloseEvent>

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QScreen>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <optional>

namespace huntaze::ui {

MainWindow::MainWindow(AppCore &core, QWidget *parent) : QMainWindow(parent), m_core(core)
{
    setWindowTitle(tr("Huntaze"));
    setWindowIcon(QIcon(QStringLiteral(":/huntaze.svg")));
    setMinimumSize(480, 480);

    auto *central = new QWidget(this);
    m_sidebar = new Sidebar(central);
    m_header = new Header(central);
    m_keychainBanner = new MessageLabel(central);
    m_keychainBanner->setContentsMargins(24, 12, 24, 0);
    m_stack = new QStackedWidget(central);

    auto *column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_header);
    column->addWidget(m_keychainBanner);
    column->addWidget(m_stack, 1);

    m_rootLayout = new QHBoxLayout(central);
    m_rootLayout->setContentsMargins(0, 0, 0, 0);
    m_rootLayout->setSpacing(0);
    m_rootLayout->addWidget(m_sidebar);
    m_rootLayout->addLayout(column, 1);
    setCentralWidget(central);

    m_scrim = new QWidget(central);
    m_scrim->setObjectName(QStringLiteral("scrim"));
    m_scrim->setAttribute(Qt::WA_StyledBackground);
    m_scrim->hide();
    m_scrim->installEventFilter(this);

    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &MainWindow::closeSidebarOverlay);

    m_startupPage = new StartupPage(m_stack);
    addPage(pageids::startup, [this] { return m_startupPage; });
    page(pageids::startup);
    addPage(pageids::signIn, [this, &core] { return new SignInPage(core.sessions(), m_stack); });
    addPage(pageids::signUp, [this, &core] { return new SignUpPage(core.sessions(), m_stack); });
    addPage(pageids::resetPassword, [this, &core] { return new ResetPasswordPage(core.sessions(), m_stack); });
    addPage(pageids::dashboard, [this, &core] { return new DashboardPage(core.users(), core.creatorData(), core.analytics(), m_stack); });
    addPage(pageids::profile, [this, &core] { return new ProfilePage(core.users(), m_stack); });
    addPage(pageids::ideas, [this, &core] { return new IdeasPage(core.aiTools(), core.users(), core.creatorData(), m_stack); });
    addPage(pageids::drafts, [this, &core] { return new DraftsPage(core.users(), core.creatorData(), core.clock(), m_stack); });
    addPage(pageids::captions, [this, &core] { return new CaptionsPage(core.aiTools(), core.users(), core.creatorData(), m_stack); });
    addPage(pageids::fans, [this, &core] { return new FansPage(core.creatorData(), core.analytics(), m_stack); });
    addPage(pageids::messages, [this, &core] { return new MessagesPage(core.creatorData(), core.users(), core.aiTools(), m_stack); });
    addPage(pageids::pricing, [this, &core] { return new PricingPage(core.creatorData(), m_stack); });
    addPage(pageids::performance,
            [this, &core] { return new PerformancePage(core.agencyAnalytics(), core.analytics(), core.users(), m_stack); });
    addPage(pageids::creators, [this, &core] { return new CreatorsPage(core.users(), m_stack); });
    addPage(pageids::team, [this, &core] {
        auto *team = new TeamPage(core.team(), core.users(), m_stack);
        // The session went with the agency: back to signing in.
        connect(team, &TeamPage::agencyDeleted, this, [&core] { core.sessions().signOut(); });
        return team;
    });
    addPage(pageids::shifts, [this, &core] { return new ShiftsPage(core.shifts(), core.team(), core.users(), m_stack); });
    addPage(pageids::activity, [this, &core] { return new ActivityPage(core.backend(), core.users(), m_stack); });
    addPage(pageids::settings, [this, &core] { return new SettingsPage(core, m_stack); });

    connect(m_sidebar, &Sidebar::pageRequested, this, [this](const QString &pageId) {
        showPage(pageId);
        closeSidebarOverlay();
    });
    connect(m_sidebar, &Sidebar::creatorRequested, this, [this](qint64 creatorId) {
        onFinished(m_core.users().selectCreator(creatorId), this, [this](const Result<User> &selected) {
            if (!selected.ok())
                statusBar()->showMessage(selected.error().message, 8000);
        });
    });
    connect(m_sidebar, &Sidebar::signOutRequested, this, [this] {
        closeSidebarOverlay();
        m_core.sessions().signOut();
    });
    connect(m_header, &Header::menuRequested, this, &MainWindow::openSidebarOverlay);

    connect(&core.users(), &UserStore::userChanged, this, &MainWindow::routeAfterSignInChange);
    connect(&core.users(), &UserStore::profileSaved, this, [this] { statusBar()->showMessage(tr("Profile saved."), 4000); });
    connect(&core, &AppCore::started, this, &MainWindow::routeAfterSignInChange);
    connect(&core, &AppCore::startFailed, this, [this](const Error &error) {
        m_startupPage->showError(error.message);
        showPage(pageids::startup);
    });
    connect(m_startupPage, &StartupPage::retryRequested, this, [this, &core] {
        m_startupPage->showOpening();
        core.start();
    });
    connect(m_startupPage, &StartupPage::settingsRequested, this, [this] { showPage(pageids::settings); });
    connect(&core.sessions(), &SessionManager::keychainWarningChanged, this,
            [this](const QString &warning) { m_keychainBanner->showMessage(warning, MessageLabel::Kind::Warning); });

    statusBar()->setSizeGripEnabled(true);
    m_serviceIndicator = new ServiceStatusIndicator(core.breakers(), this);
    statusBar()->addPermanentWidget(new SyncStatusIndicator(core.backend(), this));
    statusBar()->addPermanentWidget(m_serviceIndicator);
    connect(m_serviceIndicator, &QToolButton::clicked, this, [this] { showPage(pageids::settings); });
    updateNavigation();
    showPage(core.isStarted() ? (core.users().isSignedIn() ? pageids::dashboard : pageids::signIn) : pageids::startup);
    restoreOrFitGeometry();
}

void MainWindow::restoreOrFitGeometry()
{
    // Where the user left it; the first time, a comfortable size that fits the screen (a 900×700 laptop included).
    if (restoreGeometry(m_core.settings().windowGeometry()))
        return;
    const QRect available = screen()->availableGeometry();
    const QSize size = preferredSize.boundedTo(available.size() - QSize(48, 48)).expandedTo(minimumSize());
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_core.settings().setWindowGeometry(saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::addPage(const QString &pageId, std::function<Page *()> build)
{
    m_builders.insert(pageId, std::move(build));
}

void MainWindow::showPage(const QString &pageId)
{
    Page *target = page(pageId);
    if (!target)
        return;
    m_stack->setCurrentWidget(target);
    m_header->showPage(target);
    m_sidebar->setCurrentPage(pageId);
    target->activate();
    setWindowTitle(pageId == pageids::startup ? tr("Huntaze") : tr("%1 – Huntaze").arg(target->title()));
}

QString MainWindow::currentPageId() const
{
    return m_stack->currentWidget() ? m_stack->currentWidget()->objectName() : QString();
}

Page *MainWindow::page(const QString &pageId)
{
    if (Page *built = m_pages.value(pageId))
        return built;
    const auto build = m_builders.find(pageId);
    if (build == m_builders.end())
        return nullptr;
    Page *created = (*build)();
    created->setObjectName(pageId);
    m_pages.insert(pageId, created);
    m_stack->addWidget(created);
    connect(created, &Page::navigationRequested, this, &MainWindow::showPage);
    return created;
}

void MainWindow::updateNavigation()
{
    QList<Sidebar::Entry> entries;
    const auto &user = m_core.users().user();
    if (!m_core.isStarted()) {
        // Nothing to navigate to until the data is open.
    } else if (user) {
        // A page the member's role may not use is not shown (the server refuses it anyway).
        const QList<std::pair<Sidebar::Entry, QList<agency::Permission>>> all{
            {{pageids::dashboard, tr("Dashboard"), themedIcon(QStringLiteral("dashboard"))}, {agency::Permission::ViewDashboard}},
            {{pageids::profile, tr("Profile"), themedIcon(QStringLiteral("profile"))}, {agency::Permission::EditCreatorProfile}},
            {{pageids::ideas, tr("Content ideas"), themedIcon(QStringLiteral("ideas"))}, {agency::Permission::UseIdeas}},
            {{pageids::captions, tr("Captions & hashtags"), themedIcon(QStringLiteral("captions"))}, {agency::Permission::UseCaptions}},
            {{pageids::drafts, tr("Drafts"), themedIcon(QStringLiteral("edit"))}, {agency::Permission::ManageDrafts}},
            {{pageids::fans, tr("Fans & offers"), themedIcon(QStringLiteral("fans"))}, {agency::Permission::ViewFans}},
            {{pageids::messages, tr("Fan messages"), themedIcon(QStringLiteral("messages"))}, {agency::Permission::WriteFanMessages}},
            {{pageids::pricing, tr("Pricing"), themedIcon(QStringLiteral("pricing"))}, {agency::Permission::UsePricing}},
            {{pageids::performance, tr("Performance"), themedIcon(QStringLiteral("performance"))},
             {agency::Permission::ViewEarnings, agency::Permission::WriteFanMessages}},
            {{pageids::creators, tr("Creators"), themedIcon(QStringLiteral("profile"))}, {agency::Permission::ManageCreators}},
            {{pageids::team, tr("Team"), themedIcon(QStringLiteral("fans"))}, {agency::Permission::ManageMembers}},
            {{pageids::shifts, tr("Shifts"), themedIcon(QStringLiteral("dashboard"))},
             {agency::Permission::ClockIn, agency::Permission::ManageShifts}},
            {{pageids::activity, tr("Activity"), themedIcon(QStringLiteral("dashboard"))}, {agency::Permission::ViewAuditLog}},
            {{pageids::settings, tr("Settings"), themedIcon(QStringLiteral("settings"))}, {}},
        };
        for (const auto &[entry, anyOf] : all) {
            if (anyOf.isEmpty() || std::any_of(anyOf.cbegin(), anyOf.cend(), [&user](agency::Permission p) { return user->may(p); }))
                entries.append(entry);
        }
    } else {
        entries = {
            {pageids::signIn, tr("Sign in"), themedIcon(QStringLiteral("sign-in"))},
            {pageids::signUp, tr("Create account"), themedIcon(QStringLiteral("sign-up"))},
            {pageids::settings, tr("Settings"), themedIcon(QStringLiteral("settings"))},
        };
    }
    m_sidebar->setEntries(entries);
    m_sidebar->setSignedInAs(user ? tr("Signed in as %1").arg(user->email) : QString());
    QList<QPair<qint64, QString>> creators;
    if (user) {
        for (const Creator &creator : user->creators)
            creators.append({creator.id, creator.profile.displayName});
    }
    m_sidebar->setCreators(creators, user ? user->creatorId : 0);
    m_sidebar->setCurrentPage(currentPageId());
}

void MainWindow::routeAfterSignInChange()
{
    updateNavigation();
    if (!m_core.isStarted())
        return;
    const QString current = currentPageId();
    if (m_core.users().isSignedIn()) {
        // Where a member lands, and where they go when their page is no longer theirs.
        const QStringList allowed = m_sidebar->pageIds();
        if (current == pageids::startup || current == pageids::signIn || current == pageids::signUp || !allowed.contains(current))
            showPage(allowed.value(0, pageids::settings));
    } else if (current != pageids::signIn && current != pageids::signUp && current != pageids::resetPassword
               && current != pageids::settings) {
        // Nobody to sign in yet (a fresh install): start where a new user starts.
        showPage(m_core.hasAccounts() ? pageids::signIn : pageids::signUp);
    }
}

bool MainWindow::isSidebarOverlayOpen() const
{
    return m_compact && m_sidebar->isVisible();
}

void MainWindow::openSidebarOverlay()
{
    if (!m_compact)
        return;
    layoutOverlay();
    m_scrim->show();
    m_scrim->raise();
    m_sidebar->show();
    m_sidebar->raise();
    m_sidebar->focusEntries();
}

void MainWindow::closeSidebarOverlay()
{
    if (!isSidebarOverlayOpen())
        return;
    m_sidebar->hide();
    m_scrim->hide();
    m_header->menuButton()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    setCompact(width() < compactWidth);
    layoutOverlay();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scrim && event->type() == QEvent::MouseButtonPress) {
        closeSidebarOverlay();
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    m_header->setMenuButtonVisible(compact);
    if (compact) {
        m_rootLayout->removeWidget(m_sidebar);
        m_sidebar->hide();
    } else {
        m_scrim->hide();
        m_rootLayout->insertWidget(0, m_sidebar);
        m_sidebar->show();
    }
}

void MainWindow::layoutOverlay()
{
    if (!m_compact)
        return;
    const QRect area = centralWidget()->rect();
    m_scrim->setGeometry(area);
    m_sidebar->setGeometry(0, 0, Sidebar::preferredWidth, area.height());
}

} // namespace huntaze::ui

#include "desktopfixture.h"

#include "backend/embeddedbackend.h"
#include "backend/remotebackend.h"
#include "pages/pageids.h"
#include "pages/signuppage.h"
#include "widgets/credentialsform.h"

#include <QLineEdit>
#include <QTest>

namespace huntaze::test {

DesktopFixture::DesktopFixture() = default;

DesktopFixture::~DesktopFixture()
{
    stop();
}

void DesktopFixture::start(bool keychainAvailable, bool waitUntilStarted)
{
    auto secrets = std::make_unique<MemorySecretStore>(m_keychain);
    secrets->setUnavailable(!keychainAvailable);
    auto makeBackend = [this](ApiClient &api) -> std::unique_ptr<Backend> {
        if (m_serverUrl.isValid())
            return std::make_unique<RemoteBackend>(api, m_serverUrl, m_dir.filePath(QStringLiteral("replicas")), *m_clock);
        return std::make_unique<EmbeddedBackend>(m_dir.filePath(QStringLiteral("huntaze.sqlite")),
                                                 PasswordHasher(PasswordHasher::minimumCost()));
    };
    m_core = std::make_unique<AppCore>(makeBackend, std::move(secrets), m_dir.path(), *m_clock);
    m_window = std::make_unique<ui::MainWindow>(*m_core);
    m_window->resize(1200, 800);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        qFatal("the main window was never exposed");
    // Keyboard shortcuts (Escape) need an active window, also under Xvfb with no window manager.
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        qFatal("the main window never became active");
    m_core->start();
    if (waitUntilStarted && !QTest::qWaitFor([this] { return m_core->isStarted(); }, 10000))
        qFatal("the app did not finish starting");
}

void DesktopFixture::saveScreenshot(const QString &name, QWidget *widget)
{
    const QString dir = qEnvironmentVariable("HUNTAZE_SCREENSHOT_DIR");
    if (dir.isEmpty() || !m_window)
        return;
    QTest::qWait(150);
    QWidget *shown = widget ? widget : static_cast<QWidget *>(m_window.get());
    if (!shown->grab().save(dir + u'/' + name + QStringLiteral(".png")))
        qWarning("could not save screenshot %s", qPrintable(name));
}

void DesktopFixture::stop()
{
    m_window.reset();
    m_core.reset();
}

void DesktopFixture::signUp(const QString &email, const QString &password)
{
    m_window->showPage(ui::pageids::signUp);
    auto *page = qobject_cast<ui::SignUpPage *>(m_window->page(ui::pageids::signUp));
    for (QLineEdit *edit : {page->displayNameEdit(), page->form()->emailEdit(), page->form()->passwordEdit(), page->confirmEdit()})
        edit->clear();
    QTest::keyClicks(page->displayNameEdit(), QStringLiteral("Mia Rose"));
    QTest::keyClicks(page->form()->emailEdit(), email);
    QTest::keyClicks(page->form()->passwordEdit(), password);
    QTest::keyClicks(page->confirmEdit(), password);
    QTest::keyClick(page->confirmEdit(), Qt::Key_Return);
    if (!QTest::qWaitFor([this] { return m_window->currentPageId() == ui::pageids::dashboard; }, 10000))
        qFatal("sign-up did not reach the dashboard");
}

} // namespace huntaze::test

#pragma once

#include "app/appcore.h"
#include "layout/mainwindow.h"
#include "memorysecretstore.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace huntaze::test {

// The desktop app as main() builds it, over a temporary data folder and an
// in-memory keychain that survives "restarts" (stop() then start()).
class DesktopFixture
{
public:
    DesktopFixture();
    ~DesktopFixture();

    // Builds AppCore and MainWindow, shows the window and starts the app;
    // unless told otherwise, waits until the data is open.
    void start(bool keychainAvailable = true, bool waitUntilStarted = true);
    // From the next start(), keep accounts on this huntaze-server instead of the embedded database.
    void useServer(const QUrl &url) { m_serverUrl = url; }
    // From the next start(), time what waits (autosave, refreshes) with `clock`.
    void useClock(Clock &clock) { m_clock = &clock; }
    void stop();
    // Creates an account through the sign-up page and waits for the dashboard.
    void signUp(const QString &email = QStringLiteral("mia@example.com"), const QString &password = QStringLiteral("a long passphrase"));

    // With HUNTAZE_SCREENSHOT_DIR set (scripts/screenshot.sh), saves the window as <dir>/<name>.png.
    // Of the window, or of `widget` (a dialog the window opened).
    void saveScreenshot(const QString &name, QWidget *widget = nullptr);

    AppCore &core() { return *m_core; }
    ui::MainWindow &window() { return *m_window; }
    QString dataPath(const QString &name) const { return m_dir.filePath(name); }
    const QTemporaryDir &dataDir() const { return m_dir; }
    MemorySecretStore::Storage keychain() const { return m_keychain; }

private:
    QTemporaryDir m_dir;
    MemorySecretStore::Storage m_keychain = std::make_shared<QHash<QString, QString>>();
    QUrl m_serverUrl;
    Clock *m_clock = &Clock::system();
    std::unique_ptr<AppCore> m_core;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace huntaze::test

// Composition root of the desktop app: reads the command line, builds core's
// services over the embedded backend and the OS keychain, shows the window.

#include "app/appcore.h"
#include "auth/keychainsecretstore.h"
#include "backend/embeddedbackend.h"
#include "backend/remotebackend.h"
#include "diagnostics/startupprobe.h"
#include "layout/mainwindow.h"
#include "logging/logging.h"
#include "settings/appsettings.h"
#include "settings/translations.h"
#include "style/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

using namespace huntaze;

int main(int argc, char *argv[])
{
    StartupProbe::millisecondsSinceProcessStart();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Huntaze"));
    QApplication::setApplicationName(QStringLiteral("huntaze"));
    QApplication::setApplicationDisplayName(QStringLiteral("Huntaze"));
    QApplication::setApplicationVersion(QStringLiteral(HUNTAZE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("huntaze"));

    // Before anything prints, --help included. Only preferences are read here.
    installTranslations(AppSettings().localeName());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Huntaze: the creator dashboard that works offline."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QApplication::translate("main", "Keep the database and logs in <folder>."),
                                           QApplication::translate("main", "folder"));
    const QCommandLineOption benchOption(
        QStringLiteral("bench-startup"),
        QApplication::translate("main", "Print start-up time and memory after the first paint, then quit."));
    parser.addOption(dataDirOption);
    parser.addOption(benchOption);
    parser.process(app);

    const QString dataDirectory = resolveDataDirectory(parser.value(dataDirOption));
    logging::installFileLog(dataDirectory + QStringLiteral("/logs"));

    // Settings → Data chooses where accounts live; the choice applies from the next start.
    const AppSettings settings;
    auto makeBackend = [&settings, &dataDirectory](ApiClient &api) -> std::unique_ptr<Backend> {
        if (settings.backend() == AppSettings::BackendKind::Remote && !settings.serverUrl().isEmpty()) {
            auto remote = std::make_unique<RemoteBackend>(api, QUrl(settings.serverUrl()), dataDirectory + QStringLiteral("/replicas"));
            remote->setLiveUpdates(true); // other devices' changes as they happen
            return remote;
        }
        return std::make_unique<EmbeddedBackend>(dataDirectory + QStringLiteral("/huntaze.sqlite"));
    };
    AppCore core(makeBackend, std::make_unique<KeychainSecretStore>(), dataDirectory);
    ui::Theme::apply(core.settings().appearance());

    ui::MainWindow window(core);
    if (parser.isSet(benchOption))
        new StartupProbe(&window);
    window.show();
    core.start();
    return app.exec();
}

// Composition root of huntaze-server: reads its configuration, starts the
// server, and stops cleanly on SIGTERM/SIGINT (systemd, Ctrl+C).

#include "common/async.h"
#include "logging/logging.h"
#include "server/huntazeserver.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <functional>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace huntaze;

namespace {

#ifdef Q_OS_UNIX
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    (void)::write(signalPipe[1], &byte, 1);
}

// Signal handlers may do almost nothing; a socket pair hands the signal to the event loop.
void onTermination(QCoreApplication &app, std::function<void()> stop)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [stop = std::move(stop), stopping = false]() mutable {
        // Take the signal's byte: the notifier fires for as long as one is waiting.
        char byte = 0;
        if (::read(signalPipe[0], &byte, 1) != 1)
            return;
        if (stopping) {
            QCoreApplication::quit(); // a second signal: stop now
            return;
        }
        stopping = true;
        stop();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

// Each connection is a file descriptor: allow as many as the system lets this process have.
void raiseOpenFileLimit()
{
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        (void)::setrlimit(RLIMIT_NOFILE, &limit);
    }
}
#else
void onTermination(QCoreApplication &, std::function<void()>)
{}
void raiseOpenFileLimit()
{}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("huntaze-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUNTAZE_VERSION));
    logging::installJsonStderrLog();

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        std::fputs(qPrintable(server::ServerConfig::usage()), stdout);
        return 0;
    }
    if (arguments.contains(QStringLiteral("--version"))) {
        std::printf("huntaze-server %s\n", HUNTAZE_VERSION);
        return 0;
    }
    const Result<server::ServerConfig> config = server::ServerConfig::parse(arguments, QProcessEnvironment::systemEnvironment());
    if (!config.ok()) {
        std::fprintf(stderr, "huntaze-server: %s\n", qPrintable(config.error().message));
        return 2;
    }

    if (config.value().migrateOnly) {
        // As the owner role (--migration-database-url), before the servers start.
        SqlWorker owner(config.value().migrationDatabase.value_or(config.value().database));
        const QString migrations = config.value().database.migrationsDirectory();
        QFuture<Result<int>> migrated = owner.run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); });
        migrated.waitForFinished();
        if (!migrated.result().ok()) {
            std::fprintf(stderr, "huntaze-server: %s %s\n", qPrintable(migrated.result().error().message),
                         qPrintable(migrated.result().error().detail));
            return 1;
        }
        std::printf("huntaze-server: schema version %d\n", migrated.result().value());
        return 0;
    }

    raiseOpenFileLimit();
    server::HuntazeServer server(config.value());
    onFinished(server.start(), &app, [](const Result<quint16> &started) {
        if (!started.ok()) {
            std::fprintf(stderr, "huntaze-server: %s\n", qPrintable(started.error().message));
            QCoreApplication::exit(1);
        }
    });
    // Stop accepting, let requests in flight finish (HUNTAZE_SHUTDOWN_GRACE_SECONDS), then exit.
    onTermination(app, [&server, &app] {
        auto *stopped = new QFutureWatcher<void>(&app);
        QObject::connect(stopped, &QFutureWatcherBase::finished, &app, &QCoreApplication::quit);
        stopped->setFuture(server.stop());
    });
    return QCoreApplication::exec();
}

// Sync of drafts through a local huntaze-server (issue 13): 10,000 drafts
// written offline on one desktop's replica, pushed, then pulled by a second
// desktop that has none; the time each takes and per draft.
//
//   bench/sync.sh   (builds RelWithDebInfo; starts its own PostgreSQL)
#include "backend/remotebackend.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "sync/replica.h"
#include "sync/syncengine.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdio>

using namespace huntaze;

namespace {

void syncNow(sync::SyncEngine &engine)
{
    QSignalSpy finished(&engine, &sync::SyncEngine::finished);
    engine.requestSync();
    do {
        if (!finished.wait(600000))
            qFatal("the sync never finished");
    } while (engine.state() == sync::SyncEngine::State::Syncing);
    if (engine.state() != sync::SyncEngine::State::Idle)
        qFatal("sync failed: %s", qPrintable(engine.lastError()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    test::RunningServer running;
    if (const QString error = running.start(); !error.isEmpty())
        qFatal("%s", qPrintable(error));
    QTemporaryDir dir;
    QNetworkAccessManager network;
    CircuitBreakerRegistry breakers;
    ApiClient laptopApi(network, breakers), officeApi(network, breakers);
    RemoteBackend laptop(laptopApi, running.url(), dir.filePath(QStringLiteral("laptop")));
    RemoteBackend office(officeApi, running.url(), dir.filePath(QStringLiteral("office")));
    const QString email = QStringLiteral("bench@sync.test"), password = QStringLiteral("a long enough password");
    const Result<User> user = test::await(laptop.signUp({email, password, QStringLiteral("Bench")}));
    if (!user.ok())
        qFatal("sign-up failed");
    syncNow(*laptop.syncEngine());

    QElapsedTimer writing;
    writing.start();
    for (int i = 0; i < count; ++i) {
        Draft draft;
        draft.title = QStringLiteral("Draft %1").arg(i);
        draft.body = QStringLiteral("Caption number %1, a line or two of text as a creator writes it, with #beach and #sunrise.").arg(i);
        draft.hashtags = {QStringLiteral("beach"), QStringLiteral("sunrise")};
        if (!test::await(laptop.saveDraft(draft)).ok())
            qFatal("saving draft %d failed", i);
    }
    const qint64 written = writing.elapsed();

    QElapsedTimer pushing;
    pushing.start();
    syncNow(*laptop.syncEngine());
    const qint64 pushed = pushing.elapsed();
    if (laptop.syncEngine()->status().pending != 0 && !QTest::qWaitFor([&] { return laptop.syncEngine()->status().pending == 0; }))
        qFatal("the outbox did not empty");

    if (!test::await(office.signIn(email, password, {})).ok())
        qFatal("sign-in failed");
    QElapsedTimer pulling;
    pulling.start();
    syncNow(*office.syncEngine());
    const qint64 pulled = pulling.elapsed();
    const qsizetype arrived = test::await(office.visibleDrafts()).value().size();

    std::printf("sync of %d drafts through a local huntaze-server (PostgreSQL), RemoteBackend + replica\n", count);
    std::printf("%-40s %8lld ms  %6.2f ms/draft\n", "written offline on the laptop", written, double(written) / count);
    std::printf("%-40s %8lld ms  %6.2f ms/draft\n", "pushed (outbox to server)", pushed, double(pushed) / count);
    std::printf("%-40s %8lld ms  %6.2f ms/draft  (%lld drafts arrived)\n", "first pull on another desktop", pulled, double(pulled) / count,
                static_cast<long long>(arrived));
    std::printf("%-40s %8lld ms  (target < 5000 ms)\n", "pushed + pulled", pushed + pulled);
    laptop.shutdown();
    office.shutdown();
    return arrived == count ? 0 : 1;
}

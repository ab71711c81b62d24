// Sync through a local huntaze-server (issue 13): 10,000 drafts written
// offline on one desktop's replica, pushed, then pulled by a second desktop
// that has none; the time each takes and per draft. Then a creator with
// 50,000 fans synced whole to a third desktop, and how long a pushed draft
// takes to reach a desktop listening to the server's events (the poke).
// Last, a computer's data (50,000 fans, 200,000 statement lines, 20,000
// messages, 2,000 drafts) moved to the server from the embedded backend.
//
//   bench/sync.sh   (builds RelWithDebInfo; starts its own PostgreSQL)
#include "backend/embeddedbackend.h"
#include "backend/movetoserver.h"
#include "backend/remotebackend.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "server/synceventhub.h"
#include "sync/replica.h"
#include "sync/syncengine.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
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

    // A creator with 50,000 fans: the first sync of a desktop new to them.
    constexpr int fanCount = 50000;
    QList<Fan> fans;
    fans.reserve(fanCount);
    for (int i = 0; i < fanCount; ++i) {
        Fan fan;
        fan.name = QStringLiteral("Fan %1").arg(i);
        fan.tags = i % 7 == 0 ? QStringList{QStringLiteral("vip")} : QStringList{};
        fan.totalSpend = (i % 500) * 1.25;
        fan.lastPurchase = i % 3 == 0 ? QStringLiteral("Beach set") : QString();
        fan.lastActive = QDate(2026, 11, 1).addDays(-(i % 90));
        fans.append(fan);
    }
    QElapsedTimer importing;
    importing.start();
    if (const Result<int> imported = test::await(laptop.importFans(fans), 600000); !imported.ok() || imported.value() != fanCount)
        qFatal("importing fans failed");
    const qint64 imported = importing.elapsed();
    // Kept in the laptop's replica and queued: they reach the server with the next sync.
    QElapsedTimer pushingFans;
    pushingFans.start();
    syncNow(*laptop.syncEngine());
    const qint64 fansPushed = pushingFans.elapsed();
    ApiClient phoneApi(network, breakers);
    RemoteBackend phone(phoneApi, running.url(), dir.filePath(QStringLiteral("phone")));
    if (!test::await(phone.signIn(email, password, {})).ok())
        qFatal("sign-in failed");
    QElapsedTimer firstSync;
    firstSync.start();
    syncNow(*phone.syncEngine());
    const qint64 fansSynced = firstSync.elapsed();
    QElapsedTimer reading;
    reading.start();
    const qsizetype fansThere = test::await(phone.fans()).value().size();
    const qint64 fansRead = reading.elapsed();
    std::printf("%-40s %8lld ms  (kept in the replica and queued)\n", "50,000 fans imported on the laptop", imported);
    std::printf("%-40s %8lld ms  (with the laptop's pull of their server rows)\n", "those fans pushed", fansPushed);
    std::printf("%-40s %8lld ms  (target < 10000 ms; %lld fans arrived)\n", "first sync of a creator with 50,000 fans", fansSynced,
                static_cast<long long>(fansThere));
    std::printf("%-40s %8lld ms\n", "those fans read from the replica", fansRead);

    // The poke: a draft pushed on the laptop, in the office's replica without a pull asked for.
    office.setLiveUpdates(true);
    syncNow(*office.syncEngine());
    if (!QTest::qWaitFor([&] { return running.server().syncEvents().streamCount() > 0; }, 10000))
        qFatal("the office never listened");
    QList<qint64> pokes;
    for (int i = 0; i < 20; ++i) {
        QSignalSpy arrived(&office, &Backend::draftsChanged);
        Draft draft;
        draft.title = QStringLiteral("Poke %1").arg(i);
        if (!test::await(laptop.saveDraft(draft)).ok())
            qFatal("saving a draft failed");
        QElapsedTimer poke;
        poke.start();
        laptop.syncEngine()->requestSync();
        if (!arrived.wait(10000))
            qFatal("the poke never came");
        pokes.append(poke.elapsed());
    }
    std::sort(pokes.begin(), pokes.end());
    std::printf("%-40s %5lld / %lld ms  (median / slowest of 20; else the 5-minute pull)\n", "a pushed draft reaching a listener",
                pokes.at(pokes.size() / 2), pokes.last());

    // Moving a computer's data to the server (Settings → Move your data to a server).
    EmbeddedBackend here(dir.filePath(QStringLiteral("moving.sqlite")), PasswordHasher(PasswordHasher::minimumCost()));
    if (!test::await(here.open()).ok()
        || !test::await(here.signUp({QStringLiteral("mover@sync.test"), password, QStringLiteral("Mover")})).ok())
        qFatal("the computer's account failed");
    constexpr int movedFans = 50000, movedLines = 200000, movedMessages = 20000, movedDrafts = 2000;
    QList<Fan> manyFans;
    for (int i = 0; i < movedFans; ++i) {
        Fan fan;
        fan.name = QStringLiteral("Fan %1").arg(i);
        fan.totalSpend = i % 300;
        manyFans.append(fan);
    }
    QList<analytics::EarningEvent> statement;
    const QDateTime start(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < movedLines; ++i)
        statement.append({start.addSecs(i * 157),
                          i % 9 == 0 ? analytics::EarningKind::NewSubscription : analytics::EarningKind::Tip,
                          500 + i % 1000,
                          400 + i % 100,
                          QStringLiteral("USD"),
                          QStringLiteral("fan %1").arg(i % 5000),
                          {},
                          0});
    QList<analytics::MessageEvent> log;
    for (int i = 0; i < movedMessages; ++i)
        log.append(
            {start.addSecs(i * 900), i % 2 == 0, QStringLiteral("fan %1").arg(i % 5000), 0, i % 10 == 1 ? 900 : 0, i % 20 == 1, {}, {}});
    if (!test::await(here.importFans(manyFans), 600000).ok() || !test::await(here.importEarnings(statement), 600000).ok()
        || !test::await(here.importMessages(log), 600000).ok())
        qFatal("the computer's data failed");
    for (int i = 0; i < movedDrafts; ++i) {
        Draft draft;
        draft.title = QStringLiteral("Moved %1").arg(i);
        if (!test::await(here.saveDraft(draft)).ok())
            qFatal("a draft failed");
    }
    ApiClient moverApi(network, breakers);
    RemoteBackend there(moverApi, running.url(), dir.filePath(QStringLiteral("mover")));
    if (!test::await(there.signUp({QStringLiteral("mover@sync.test"), password, QStringLiteral("Mover")})).ok())
        qFatal("the server's account failed");
    MoveToServer move(here, there, dir.filePath(QStringLiteral("move.json")));
    QElapsedTimer moving;
    moving.start();
    QFuture<Result<MoveReport>> inFlight = move.run();
    // When each part ended: fans, statement lines, messages, then the drafts pushed.
    QList<std::pair<int, qint64>> progress;
    QFutureWatcher<Result<MoveReport>> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::progressValueChanged, &watcher, [&](int value) {
        progress.append({value, moving.elapsed()});
    });
    watcher.setFuture(inFlight);
    const Result<MoveReport> moved = test::await(inFlight, 1800000);
    const qint64 moveMs = moving.elapsed();
    const auto reached = [&progress](int rows) {
        for (const auto &[value, at] : progress) {
            if (value >= rows)
                return at;
        }
        return qint64(-1);
    };
    const qint64 fansAt = reached(movedFans), linesAt = reached(movedFans + movedLines),
                 messagesAt = reached(movedFans + movedLines + movedMessages);
    if (!moved.ok())
        qFatal("the move failed: %s", qPrintable(moved.error().message));
    std::printf("%-40s %8lld ms  (%lld rows, %.0f rows/s)\n", "a computer's data moved to the server", moveMs, moved.value().rows,
                1000.0 * double(moved.value().rows) / double(std::max<qint64>(moveMs, 1)));
    std::printf("%-40s %8lld / %lld / %lld / %lld ms  (fans / statement lines / messages / drafts pushed)\n", "  of which", fansAt,
                linesAt - fansAt, messagesAt - linesAt, moveMs - messagesAt);

    // Another desktop of that member: its first sync brings the analytics
    // roll-ups of those 200,000 statement lines and 20,000 messages, then
    // the Dashboard of all time is worked out from them, here and on the server.
    ApiClient secondApi(network, breakers);
    RemoteBackend second(secondApi, running.url(), dir.filePath(QStringLiteral("mover-second")));
    ApiClient browserApi(network, breakers);
    RemoteBackend browser(browserApi, running.url(), QString()); // no replica: the server answers
    if (!test::await(second.signIn(QStringLiteral("mover@sync.test"), password, {})).ok()
        || !test::await(browser.signIn(QStringLiteral("mover@sync.test"), password, {})).ok())
        qFatal("the second desktop's sign-in failed");
    QElapsedTimer rollUps;
    rollUps.start();
    syncNow(*second.syncEngine());
    const qint64 rollUpsMs = rollUps.elapsed();
    analytics::DashboardRequest allTime;
    allTime.sinceFirstEarning = true;
    allTime.range.to = QDate(2026, 12, 31);
    const auto timed = [&allTime](RemoteBackend &backend, qint64 &best) {
        best = std::numeric_limits<qint64>::max();
        Result<analytics::Dashboard> figures = Error::validation({}, {});
        for (int round = 0; round < 5; ++round) {
            QElapsedTimer asking;
            asking.start();
            figures = test::await(backend.dashboard(allTime), 600000);
            best = std::min(best, asking.elapsed());
        }
        if (!figures.ok())
            qFatal("the dashboard failed: %s", qPrintable(figures.error().message));
        return figures.value().toJson();
    };
    qint64 hereMs = 0, serverMs = 0;
    const QJsonObject worked = timed(second, hereMs);
    const QJsonObject answered = timed(browser, serverMs);
    std::printf("%-40s %8lld ms  (fans, offers, posts and the roll-ups of 200,000 lines and 20,000 messages)\n",
                "first sync of that member's data", rollUpsMs);
    std::printf("%-40s %8lld ms  (best of 5; on the server %lld ms; %s)\n", "Dashboard of all time from the replica", hereMs, serverMs,
                worked == answered ? "the same figures" : "FIGURES DIFFER");
    second.shutdown();
    browser.shutdown();
    there.shutdown();
    here.shutdown();

    laptop.shutdown();
    office.shutdown();
    phone.shutdown();
    return arrived == count && fansThere == fanCount && worked == answered ? 0 : 1;
}

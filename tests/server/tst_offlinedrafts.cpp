// Drafts on a server, offline first (issue 13): two desktops, each with its
// own replica, against a real huntaze-server and PostgreSQL. A draft is
// saved at once with the server gone, goes up when it is back, and reaches
// the other desktop; both end equal to the server.
#include "app/appcore.h"
#include "backend/remotebackend.h"
#include "fakeclock.h"
#include "faultyproxy.h"
#include "memorysecretstore.h"
#include "net/apiclient.h"
#include "net/apierrors.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "server/databaselistener.h"
#include "server/synceventhub.h"
#include "sync/syncengine.h"
#include "sync/syncevents.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace huntaze;
using test::await;

namespace {
const QString password = QStringLiteral("correct horse battery");
}

class TestOfflineDrafts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void aDraftSavedOfflineReachesTheOtherDesktop();
    void aSyncRunsWhenTheNetworkReturns();
    void theAppStartsWithNoNetworkOnTheLastMembersReplica();
    void anotherDesktopsDraftArrivesByThePokeAlone();
    void fansAndPreferencesAreReadWithNoNetwork();
    void listeningResumesWithARenewedSession();
    void theDashboardOpensWithNoNetwork();
    void aPreferenceSetOfflineMergesWithTheOtherDesktops();
    void rowsImportedOfflineReachEveryDesktopOnce();
    void theDesktopsOwnSyncMendsAFaultyNetwork_data();
    void theDesktopsOwnSyncMendsAFaultyNetwork();
    void aSeededRunThroughFaultsConverges_data();
    void aSeededRunThroughFaultsConverges();

private:
    // A desktop: its own circuit breakers, network client and replica
    // folder. Its sync engine and breakers run on a clock that moves only
    // when the test says, so it syncs when the test asks or moves time: a
    // debounced sync of its own while the server is away would fail more
    // calls and open the breaker at random.
    struct Desktop {
        std::unique_ptr<test::FakeClock> clock = std::make_unique<test::FakeClock>();
        std::unique_ptr<CircuitBreakerRegistry> breakers = std::make_unique<CircuitBreakerRegistry>(*clock);
        std::unique_ptr<ApiClient> api;
        std::unique_ptr<RemoteBackend> backend;
    };
    Desktop desktop(const QUrl &url, const QString &name)
    {
        Desktop made;
        made.api = std::make_unique<ApiClient>(m_network, *made.breakers);
        made.backend = std::make_unique<RemoteBackend>(*made.api, url, m_dir.filePath(name), *made.clock);
        return made;
    }
    // Waits for the sync under way (or asks for one) and returns how it ended.
    static sync::SyncEngine::State syncNow(RemoteBackend &backend)
    {
        return syncAfter(backend, [&backend] { backend.syncEngine()->requestSync(); });
    }
    // Does `start`, which makes the engine sync, and returns how the sync ended.
    static sync::SyncEngine::State syncAfter(RemoteBackend &backend, const std::function<void()> &start)
    {
        sync::SyncEngine *engine = backend.syncEngine();
        QSignalSpy finished(engine, &sync::SyncEngine::finished);
        start();
        // One asked for while another ran runs right after it: wait for the last.
        do {
            if (!finished.wait(60000))
                qFatal("the sync never finished");
        } while (engine->state() == sync::SyncEngine::State::Syncing);
        return engine->state();
    }
    static QList<Draft> draftsOf(RemoteBackend &backend)
    {
        Result<QList<Draft>> listed = await(backend.visibleDrafts());
        if (!listed.ok())
            qFatal("listing drafts failed: %s", qPrintable(listed.error().message));
        QList<Draft> drafts = std::move(listed).value();
        std::sort(drafts.begin(), drafts.end(), [](const Draft &a, const Draft &b) { return a.id < b.id; });
        return drafts;
    }

    // Starts the server instance a test takes away and brings back, on a
    // free port kept in `config` for its return; its address.
    QUrl startSecond(server::ServerConfig &config)
    {
        QString error;
        m_second = m_running.startInstance(config, &error);
        if (!m_second)
            qFatal("the second server did not start: %s", qPrintable(error));
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(config.port));
    }
    bool restartSecond(const server::ServerConfig &config, QString *error)
    {
        m_second = m_running.startAnother(config, error);
        return m_second != nullptr;
    }

    // What each side shows of the drafts: ids, titles and texts.
    static QStringList contents(const QList<Draft> &drafts)
    {
        QStringList all;
        for (const Draft &draft : drafts)
            all.append(draft.id + u'|' + draft.title + u'|' + draft.body);
        all.sort();
        return all;
    }
    // The mutations the audit log records, by device and number; empty on a duplicate (named in `duplicate`).
    static QSet<QString> appliedMutations(RemoteBackend &backend, QString *duplicate)
    {
        const Result<QList<AuditEntry>> log = await(backend.auditLog({}));
        if (!log.ok())
            qFatal("audit log: %s", qPrintable(log.error().message));
        QSet<QString> applied;
        for (const AuditEntry &entry : log.value()) {
            if (!entry.detail.contains(QStringLiteral("mutation")))
                continue;
            const QString origin = entry.detail.value(QStringLiteral("client")).toString() + u'/'
                + QString::number(entry.detail.value(QStringLiteral("mutation")).toInteger());
            if (applied.contains(origin)) {
                *duplicate = origin;
                return {};
            }
            applied.insert(origin);
        }
        return applied;
    }

    test::RunningServer m_running;
    int m_accounts = 0; // each test row signs up an address of its own
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    std::unique_ptr<server::HuntazeServer> m_second; // the laptop's way in, stopped to take it offline
};

void TestOfflineDrafts::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start());
}

void TestOfflineDrafts::cleanupTestCase()
{
    m_second.reset();
}

void TestOfflineDrafts::aDraftSavedOfflineReachesTheOtherDesktop()
{
    server::ServerConfig config;
    QString error;
    const QUrl laptopUrl = startSecond(config);

    Desktop laptop = desktop(laptopUrl, QStringLiteral("laptop"));
    Desktop office = desktop(m_running.url(), QStringLiteral("office"));
    const Result<User> mia = await(laptop.backend->signUp({QStringLiteral("mia@offline.test"), password, QStringLiteral("Mia")}));
    QVERIFY(mia.ok());
    QVERIFY(await(office.backend->signIn(QStringLiteral("mia@offline.test"), password, {})).ok());
    QVERIFY(laptop.backend->syncEngine() && office.backend->syncEngine());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);

    // The laptop's server goes away; a draft is kept at once all the same.
    m_second.reset();
    Draft draft;
    draft.title = QStringLiteral("Written on a plane");
    draft.body = QStringLiteral("Sunrise over the wing");
    const Result<Draft> saved = await(laptop.backend->saveDraft(draft));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QCOMPARE(saved.value().creatorId, mia.value().creatorId);
    QCOMPARE(draftsOf(*laptop.backend).size(), 1);
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Offline);
    QTRY_COMPARE(laptop.backend->syncEngine()->status().pending, 1);

    // Back: the failed calls opened the laptop's breaker, but by the
    // engine's own retry its pause is over; the draft goes up, and the office
    // desktop gets it.
    QVERIFY2(restartSecond(config, &error), qPrintable(error));
    QVERIFY(laptop.breakers->anyOpen());
    QCOMPARE(syncAfter(*laptop.backend, [&laptop] { laptop.clock->advance(sync::SyncEngine::retryDelay); }), sync::SyncEngine::State::Idle);
    QTRY_COMPARE(laptop.backend->syncEngine()->status().pending, 0);
    QSignalSpy arrived(office.backend.get(), &Backend::draftsChanged);
    QCOMPARE(syncNow(*office.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(arrived.count(), 1);
    const QList<Draft> there = draftsOf(*office.backend);
    QCOMPARE(there.size(), 1);
    QCOMPARE(there.first().id, saved.value().id);
    QCOMPARE(there.first().body, QStringLiteral("Sunrise over the wing"));

    // An edit on each, then both sync twice: equal, with both edits.
    Draft onLaptop = draftsOf(*laptop.backend).first();
    onLaptop.title = QStringLiteral("Written on a plane, edited");
    QVERIFY(await(laptop.backend->saveDraft(onLaptop)).ok());
    Draft onOffice = there.first();
    onOffice.notes = QStringLiteral("post at 7");
    QVERIFY(await(office.backend->saveDraft(onOffice)).ok());
    for (int round = 0; round < 2; ++round) {
        QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
        QCOMPARE(syncNow(*office.backend), sync::SyncEngine::State::Idle);
    }
    const Draft left = draftsOf(*laptop.backend).first();
    const Draft right = draftsOf(*office.backend).first();
    QCOMPARE(left.editableFields(), right.editableFields());
    QCOMPARE(left.title, QStringLiteral("Written on a plane, edited"));
    QCOMPARE(left.notes, QStringLiteral("post at 7"));
    QCOMPARE(left.version, right.version);

    laptop.backend->shutdown();
    office.backend->shutdown();
}

void TestOfflineDrafts::aSyncRunsWhenTheNetworkReturns()
{
    server::ServerConfig config;
    QString error;
    const QUrl url = startSecond(config);
    test::FakeClock clock; // no timer of its own syncs: only the network's return can
    const QString replicas = m_dir.filePath(QStringLiteral("returning"));
    AppCore core([url, replicas, &clock](ApiClient &api) { return std::make_unique<RemoteBackend>(api, url, replicas, clock); },
                 std::make_unique<test::MemorySecretStore>(), m_dir.filePath(QStringLiteral("returning-data")), clock);
    auto &backend = static_cast<RemoteBackend &>(core.backend());
    QVERIFY(await(backend.signUp({QStringLiteral("zoe@offline.test"), password, QStringLiteral("Zoe")})).ok());
    QCOMPARE(syncNow(backend), sync::SyncEngine::State::Idle);

    // The network goes: the draft is kept, the syncs fail, and the failures open the breaker.
    core.networkWatch().setReachable(false);
    m_second.reset();
    Draft draft;
    draft.title = QStringLiteral("Written in a tunnel");
    QVERIFY(await(backend.saveDraft(draft)).ok());
    QCOMPARE(syncNow(backend), sync::SyncEngine::State::Offline);
    QCOMPARE(syncNow(backend), sync::SyncEngine::State::Offline);
    QVERIFY(core.breakers().anyOpen());

    // It is back: the breaker closes and the draft goes up at once, with no retry timer.
    QVERIFY2(restartSecond(config, &error), qPrintable(error));
    QCOMPARE(syncAfter(backend, [&core] { core.networkWatch().setReachable(true); }), sync::SyncEngine::State::Idle);
    QVERIFY(!core.breakers().anyOpen());
    QTRY_COMPARE(backend.syncEngine()->status().pending, 0);
    // Online again and again is no return: nothing more happens.
    QSignalSpy started(backend.syncEngine(), &sync::SyncEngine::stateChanged);
    core.networkWatch().setReachable(true);
    QCOMPARE(started.count(), 0);
    backend.shutdown();
}

// A laptop opened on a plane: the server is out of reach, yet the member who
// signed in here last gets their replica, writes a draft, and it goes up once
// the server is back. Signed out, nobody starts offline.
void TestOfflineDrafts::theAppStartsWithNoNetworkOnTheLastMembersReplica()
{
    server::ServerConfig config;
    QString error;
    const QUrl url = startSecond(config);
    Desktop laptop = desktop(url, QStringLiteral("plane"));
    const Result<User> ivy = await(laptop.backend->signUp({QStringLiteral("ivy@offline.test"), password, QStringLiteral("Ivy")}));
    QVERIFY(ivy.ok());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    const QString remembered = laptop.backend->sessionToken();
    QVERIFY(!remembered.isEmpty());
    laptop.backend->shutdown();
    laptop.backend.reset();
    // The replica folder knows Ivy by a digest of her token, never the token.
    for (const QFileInfo &file : QDir(m_dir.filePath(QStringLiteral("plane"))).entryInfoList(QDir::Files)) {
        QFile contents(file.filePath());
        QVERIFY(contents.open(QIODevice::ReadOnly));
        QVERIFY2(!contents.readAll().contains(remembered.toUtf8()), qPrintable(file.fileName()));
    }

    // Restarted with the server gone: open, Ivy back, a draft kept.
    m_second.reset();
    Desktop restarted = desktop(url, QStringLiteral("plane"));
    RemoteBackend &onPlane = *restarted.backend;
    QVERIFY(await(onPlane.open()).ok());
    QCOMPARE(await(onPlane.restoreSession(QStringLiteral("someone else's token"))).error().code, ErrorCode::Network);
    const Result<User> back = await(onPlane.restoreSession(remembered));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value().id, ivy.value().id);
    QCOMPARE(back.value().creators.size(), 1);
    QCOMPARE(back.value().creators.first().id, ivy.value().creators.first().id);
    Draft draft;
    draft.title = QStringLiteral("Written at 30,000 feet");
    const Result<Draft> saved = await(onPlane.saveDraft(draft));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QCOMPARE(syncNow(onPlane), sync::SyncEngine::State::Offline);

    // Landed: the draft goes up (the session renewed on the way) and another desktop gets it.
    QVERIFY2(restartSecond(config, &error), qPrintable(error));
    QCOMPARE(syncAfter(onPlane, [&restarted] { restarted.clock->advance(sync::SyncEngine::retryDelay); }), sync::SyncEngine::State::Idle);
    QCOMPARE(onPlane.syncEngine()->status().pending, 0);
    Desktop office = desktop(m_running.url(), QStringLiteral("plane-office"));
    QVERIFY(await(office.backend->signIn(QStringLiteral("ivy@offline.test"), password, {})).ok());
    QCOMPARE(syncNow(*office.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(draftsOf(*office.backend).size(), 1);
    QCOMPARE(draftsOf(*office.backend).first().id, saved.value().id);

    // Signed out, the next start with no server is refused, as before.
    QVERIFY(await(onPlane.signOut()).ok());
    onPlane.shutdown();
    restarted.backend.reset();
    m_second.reset();
    Desktop signedOut = desktop(url, QStringLiteral("plane"));
    const Result<void> opened = await(signedOut.backend->open());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Network);
    office.backend->shutdown();
    signedOut.backend->shutdown();
}

// Live updates: a desktop whose clock stands still (no periodic pull, no
// retry) gets another desktop's draft as soon as it is pushed, because the
// server pokes it.
void TestOfflineDrafts::anotherDesktopsDraftArrivesByThePokeAlone()
{
    QTRY_VERIFY(m_running.server().databaseListener()->isListening());
    Desktop writing = desktop(m_running.url(), QStringLiteral("poke-writing"));
    Desktop watching = desktop(m_running.url(), QStringLiteral("poke-watching"));
    watching.backend->setLiveUpdates(true);
    QVERIFY(await(writing.backend->signUp({QStringLiteral("lea@offline.test"), password, QStringLiteral("Lea")})).ok());
    QVERIFY(await(watching.backend->signIn(QStringLiteral("lea@offline.test"), password, {})).ok());
    const int streams = m_running.server().syncEvents().streamCount();
    QCOMPARE(syncNow(*watching.backend), sync::SyncEngine::State::Idle);
    // Listening once a sync went through.
    QVERIFY(watching.backend->syncEvents()->isListening());
    QTRY_COMPARE(m_running.server().syncEvents().streamCount(), streams + 1);

    QSignalSpy arrived(watching.backend.get(), &Backend::draftsChanged);
    Draft draft;
    draft.title = QStringLiteral("Seen at once");
    const Result<Draft> saved = await(writing.backend->saveDraft(draft));
    QVERIFY(saved.ok());
    QCOMPARE(syncNow(*writing.backend), sync::SyncEngine::State::Idle);
    // It may have come while the writing desktop's sync was finishing.
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), 20000);
    QCOMPARE(draftsOf(*watching.backend).size(), 1);
    QCOMPARE(draftsOf(*watching.backend).first().id, saved.value().id);

    // Signed out: it stops listening.
    QVERIFY(await(watching.backend->signOut()).ok());
    QVERIFY(!watching.backend->syncEvents());
    QTRY_COMPARE(m_running.server().syncEvents().streamCount(), streams);
    writing.backend->shutdown();
    watching.backend->shutdown();
}

// Increment 5: fans, offers, posts and preferences are kept in the replica,
// so they are read with the server gone; an import answers once the replica
// has it; another desktop's import arrives with a sync, and a sync with
// nothing new says nothing.
void TestOfflineDrafts::fansAndPreferencesAreReadWithNoNetwork()
{
    server::ServerConfig config;
    QString error;
    const QUrl url = startSecond(config);
    Desktop laptop = desktop(url, QStringLiteral("data-laptop"));
    Desktop office = desktop(m_running.url(), QStringLiteral("data-office"));
    QVERIFY(await(laptop.backend->signUp({QStringLiteral("noa@offline.test"), password, QStringLiteral("Noa")})).ok());
    QVERIFY(await(office.backend->signIn(QStringLiteral("noa@offline.test"), password, {})).ok());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(syncNow(*office.backend), sync::SyncEngine::State::Idle);

    // The office imports; the import answers once its own replica has the fans.
    Fan ada;
    ada.name = QStringLiteral("Ada");
    ada.totalSpend = 42;
    Fan bo;
    bo.name = QStringLiteral("Bo");
    QCOMPARE(await(office.backend->importFans({ada, bo})).value(), 2);
    QVERIFY(await(office.backend->setCreatorPreference(QStringLiteral("currency"), QStringLiteral("EUR"))).ok());
    QCOMPARE(await(office.backend->fans()).value().size(), 2);
    QCOMPARE(syncNow(*office.backend), sync::SyncEngine::State::Idle); // the preference, kept in its replica, goes up

    // The laptop's sync brings them, and says so once.
    QSignalSpy changed(laptop.backend.get(), &Backend::creatorDataChanged);
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(changed.count(), 1); // nothing new: nothing to reload

    // The server goes: fans and the preference are read from the replica.
    m_second.reset();
    const Result<QList<Fan>> fans = await(laptop.backend->fans());
    QVERIFY2(fans.ok(), qPrintable(fans.ok() ? QString() : fans.error().message));
    QCOMPARE(fans.value().size(), 2);
    QCOMPARE(fans.value().first().name, QStringLiteral("Ada"));
    QCOMPARE(fans.value().first().totalSpend, 42.0);
    QCOMPARE(await(laptop.backend->creatorPreference(QStringLiteral("currency"))).value().toString(), QStringLiteral("EUR"));
    QVERIFY(await(laptop.backend->offers()).value().isEmpty());
    laptop.backend->shutdown();
    office.backend->shutdown();
}

// A desktop's event stream ends (its server restarted) while its access
// token expired: listening again is refused (401), so it syncs, which renews
// the session, and listens again as soon as that sync is over.
void TestOfflineDrafts::listeningResumesWithARenewedSession()
{
    test::FakeClock serverClock;
    server::ServerConfig config = m_running.server().config();
    config.port = 0;
    config.clock = &serverClock;
    QString error;
    QVERIFY2(restartSecond(config, &error), qPrintable(error));
    config.port = m_second->http().serverPort();
    Desktop laptop = desktop(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(config.port)), QStringLiteral("renewing"));
    laptop.backend->setLiveUpdates(true);
    QVERIFY(await(laptop.backend->signUp({QStringLiteral("uma@offline.test"), password, QStringLiteral("Uma")})).ok());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QTRY_COMPARE(m_second->syncEvents().streamCount(), 1);

    // The server restarts an hour later: the stream ends, the access token is stale.
    serverClock.advance(std::chrono::hours(1));
    m_second.reset();
    QVERIFY2(restartSecond(config, &error), qPrintable(error));
    QTRY_VERIFY(!laptop.backend->syncEvents()->isListening());
    QSignalSpy synced(laptop.backend->syncEngine(), &sync::SyncEngine::finished);
    laptop.clock->advance(sync::SyncEvents::listenAgainAfter);
    QVERIFY(synced.wait(20000)); // refused, it synced and renewed the session on the way
    QCOMPARE(laptop.backend->syncEngine()->state(), sync::SyncEngine::State::Idle);
    QTRY_COMPARE(m_second->syncEvents().streamCount(), 1);
    QVERIFY(laptop.backend->syncEvents()->isListening());
    laptop.backend->shutdown();
}

// The Dashboard works out any range on the desktop from the analytics
// roll-ups its replica keeps, with the server's code and figures, network or
// not; the agency view shows what the server last sent, saying when.
void TestOfflineDrafts::theDashboardOpensWithNoNetwork()
{
    server::ServerConfig config;
    const QUrl url = startSecond(config);
    Desktop laptop = desktop(url, QStringLiteral("data-figures"));
    QVERIFY(await(laptop.backend->signUp({QStringLiteral("ines@offline.test"), password, QStringLiteral("Ines")})).ok());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    // The server's own answers, from a desktop that keeps no replica.
    Desktop browser;
    browser.api = std::make_unique<ApiClient>(m_network, *browser.breakers);
    browser.backend = std::make_unique<RemoteBackend>(*browser.api, url, QString(), *browser.clock);
    QVERIFY(await(browser.backend->signIn(QStringLiteral("ines@offline.test"), password, {})).ok());
    QList<analytics::EarningEvent> lines;
    for (int i = 0; i < 3; ++i)
        lines.append({QDateTime(QDate(2026, 11, 10 + i), QTime(12, 0), Qt::UTC),
                      i == 0 ? analytics::EarningKind::NewSubscription : analytics::EarningKind::Tip,
                      1000,
                      800,
                      QStringLiteral("USD"),
                      QStringLiteral("fan %1").arg(i % 2),
                      {},
                      0});
    // Imported on the server; once the import is over the replica has its roll-ups.
    QCOMPARE(await(laptop.backend->importEarnings(lines)).value(), 3);
    analytics::DashboardRequest november;
    november.range = {QDate(2026, 11, 1), QDate(2026, 11, 30)};
    const Result<analytics::Dashboard> online = await(laptop.backend->dashboard(november));
    QVERIFY2(online.ok(), qPrintable(online.ok() ? QString() : online.error().message));
    QCOMPARE(online.value().current.cents, 2400);
    QCOMPARE(online.value().toJson(), await(browser.backend->dashboard(november)).value().toJson());
    QVERIFY(!online.value().keptAt.isValid());
    const Result<analytics::AgencyAnalytics> agencyOnline = await(laptop.backend->agencyAnalytics(november));
    QVERIFY(agencyOnline.ok());
    QVERIFY(!agencyOnline.value().keptAt.isValid());
    const QDateTime answeredAt = laptop.clock->now();
    // Ranges nobody asked for while the server was there, worked out offline.
    analytics::DashboardRequest lastWeek;
    lastWeek.range = analytics::DateRange::lastDays(QDate(2026, 11, 11), 7);
    analytics::DashboardRequest everything;
    everything.sinceFirstEarning = true;
    everything.range.to = QDate(2026, 11, 30);
    const QJsonObject lastWeekOnServer = await(browser.backend->dashboard(lastWeek)).value().toJson();
    const QJsonObject everythingOnServer = await(browser.backend->dashboard(everything)).value().toJson();

    m_second.reset();
    laptop.clock->advance(std::chrono::hours(2));
    const Result<analytics::Dashboard> offline = await(laptop.backend->dashboard(november));
    QVERIFY2(offline.ok(), qPrintable(offline.ok() ? QString() : offline.error().message));
    QCOMPARE(offline.value().toJson(), online.value().toJson());
    const Result<analytics::Dashboard> neverAsked = await(laptop.backend->dashboard(lastWeek));
    QVERIFY2(neverAsked.ok(), qPrintable(neverAsked.ok() ? QString() : neverAsked.error().message));
    QCOMPARE(neverAsked.value().toJson(), lastWeekOnServer);
    QCOMPARE(neverAsked.value().current.cents, 1600);
    QCOMPARE(await(laptop.backend->dashboard(everything)).value().toJson(), everythingOnServer);
    const Result<analytics::AgencyAnalytics> agencyOffline = await(laptop.backend->agencyAnalytics(november));
    QVERIFY(agencyOffline.ok());
    QCOMPARE(agencyOffline.value().toJson(), agencyOnline.value().toJson());
    QCOMPARE(agencyOffline.value().keptAt, answeredAt);
    laptop.backend->shutdown();
    browser.backend->shutdown();
}

// Restricted words edited on a laptop with no network are kept there at once
// and go up when the server is back; the office's edit of the same list in
// the meantime is merged, and both desktops end with both words.
void TestOfflineDrafts::aPreferenceSetOfflineMergesWithTheOtherDesktops()
{
    server::ServerConfig config;
    const QUrl url = startSecond(config);
    const QString email = QStringLiteral("words-%1@offline.test").arg(++m_accounts);
    Desktop laptop = desktop(url, QStringLiteral("words-laptop"));
    Desktop office = desktop(m_running.url(), QStringLiteral("words-office"));
    QVERIFY(await(laptop.backend->signUp({email, password, QStringLiteral("Wes")})).ok());
    QVERIFY(await(office.backend->signIn(email, password, {})).ok());
    const QString key = QStringLiteral("restrictedWords");
    QVERIFY(await(office.backend->setCreatorPreference(key, QJsonArray{QStringLiteral("onlyfans")})).ok());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(syncNow(*office.backend), sync::SyncEngine::State::Idle);

    m_second.reset();
    const Result<void> offline
        = await(laptop.backend->setCreatorPreference(key, QJsonArray{QStringLiteral("onlyfans"), QStringLiteral("cash")}));
    QVERIFY2(offline.ok(), qPrintable(offline.ok() ? QString() : offline.error().message));
    QCOMPARE(await(laptop.backend->creatorPreference(key)).value(),
             QJsonValue(QJsonArray{QStringLiteral("onlyfans"), QStringLiteral("cash")}));
    QCOMPARE(laptop.backend->syncEngine()->status().pending, 1);
    // The office edits the same list meanwhile (kept in its replica too, synced below).
    QVERIFY(await(office.backend->setCreatorPreference(key, QJsonArray{QStringLiteral("onlyfans"), QStringLiteral("venmo")})).ok());

    QString error;
    QVERIFY2(restartSecond(config, &error), qPrintable(error));
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle); // taken: the server still had what the laptop replaced
    QCOMPARE(syncNow(*office.backend), sync::SyncEngine::State::Idle); // merged: both changed the list
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    const auto words = [&key](RemoteBackend &backend) {
        QStringList all;
        for (const QJsonValue &word : await(backend.creatorPreference(key)).value().toArray())
            all.append(word.toString());
        all.sort();
        return all;
    };
    const QStringList both{QStringLiteral("cash"), QStringLiteral("onlyfans"), QStringLiteral("venmo")};
    QCOMPARE(words(*laptop.backend), both);
    QCOMPARE(words(*office.backend), both);
    for (RemoteBackend *backend : {laptop.backend.get(), office.backend.get()}) {
        QCOMPARE(backend->syncEngine()->status().pending, 0);
        QCOMPARE(backend->syncEngine()->status().problems, 0);
    }
    laptop.backend->shutdown();
    office.backend->shutdown();
}

// Fans and offers imported with no network are on the laptop's pages at
// once, reach the server once when it is back, and the laptop then shows the
// server's rows (their ids), as the phone does.
void TestOfflineDrafts::rowsImportedOfflineReachEveryDesktopOnce()
{
    server::ServerConfig config;
    const QUrl url = startSecond(config);
    const QString email = QStringLiteral("imports-%1@offline.test").arg(++m_accounts);
    Desktop laptop = desktop(url, QStringLiteral("imports-laptop"));
    Desktop phone = desktop(m_running.url(), QStringLiteral("imports-phone"));
    QVERIFY(await(laptop.backend->signUp({email, password, QStringLiteral("Ines")})).ok());
    QVERIFY(await(phone.backend->signIn(email, password, {})).ok());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(syncNow(*phone.backend), sync::SyncEngine::State::Idle);

    m_second.reset();
    const QList<Fan> fans{Fan{0, QStringLiteral("Ada"), {QStringLiteral("vip")}, 40, {}, QDate(2026, 11, 20)},
                          Fan{0, QStringLiteral("Bo"), {}, 5, {}, {}}, Fan{0, QStringLiteral("Cy"), {}, 0, {}, {}}};
    const Result<int> imported = await(laptop.backend->importFans(fans));
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    QCOMPARE(imported.value(), 3);
    QCOMPARE(await(laptop.backend->importOffers({Offer{0, QStringLiteral("Set"), 9.99, 10, 2, QDate(2026, 11, 21)}})).value(), 1);
    const auto names = [](RemoteBackend &backend) {
        QStringList all;
        const QList<Fan> fans = await(backend.fans()).value();
        for (const Fan &fan : fans)
            all.append(fan.name);
        all.sort();
        return all;
    };
    const auto ids = [](RemoteBackend &backend) {
        QList<qint64> all;
        const QList<Fan> fans = await(backend.fans()).value();
        for (const Fan &fan : fans)
            all.append(fan.id);
        std::sort(all.begin(), all.end());
        return all;
    };
    const QStringList everyone{QStringLiteral("Ada"), QStringLiteral("Bo"), QStringLiteral("Cy")};
    QCOMPARE(names(*laptop.backend), everyone);
    QCOMPARE(await(laptop.backend->offers()).value().size(), 1);
    QCOMPARE(laptop.backend->syncEngine()->status().pending, 2);
    QVERIFY(names(*phone.backend).isEmpty());

    QString error;
    QVERIFY2(restartSecond(config, &error), qPrintable(error));
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle); // nothing more comes, nothing goes twice
    QCOMPARE(syncNow(*phone.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(laptop.backend->syncEngine()->status().pending, 0);
    QCOMPARE(names(*laptop.backend), everyone);
    QCOMPARE(names(*phone.backend), everyone);
    QVERIFY(ids(*laptop.backend).first() > 0); // the server's rows now
    QCOMPARE(ids(*laptop.backend), ids(*phone.backend));
    QCOMPARE(await(phone.backend->offers()).value(), await(laptop.backend->offers()).value());
    QString duplicate;
    const QSet<QString> applied = appliedMutations(*phone.backend, &duplicate);
    QVERIFY2(duplicate.isEmpty(), qPrintable(QStringLiteral("mutation %1 applied twice").arg(duplicate)));
    QCOMPARE(applied.size(), 2);
    laptop.backend->shutdown();
    phone.backend->shutdown();
}

void TestOfflineDrafts::theDesktopsOwnSyncMendsAFaultyNetwork_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<test::FaultyProxy::Fault>("fault");
    QTest::addColumn<bool>("lasting"); // until the network is sound again
    const QByteArray push = "/api/sync/push";
    const QByteArray pull = "/api/sync/pull";
    QTest::newRow("a push's answer lost after the commit") << push << test::FaultyProxy::Fault::LoseAnswer << false;
    QTest::newRow("every push's answer lost") << push << test::FaultyProxy::Fault::LoseAnswer << true;
    QTest::newRow("a push sent twice") << push << test::FaultyProxy::Fault::SendTwice << false;
    QTest::newRow("a push that never arrives") << push << test::FaultyProxy::Fault::NeverArrives << false;
    QTest::newRow("no push arrives") << push << test::FaultyProxy::Fault::NeverArrives << true;
    QTest::newRow("a pull's answer lost") << pull << test::FaultyProxy::Fault::LoseAnswer << false;
    QTest::newRow("every pull's answer lost") << pull << test::FaultyProxy::Fault::LoseAnswer << true;
    QTest::newRow("a pull sent twice") << pull << test::FaultyProxy::Fault::SendTwice << false;
}

// The desktop's own sync engine (RemoteBackend, ApiClient, SyncEngine) through
// a network that loses an answer after the server committed, sends a request
// twice or drops it: the next sync mends it, nothing is applied twice, and
// both desktops hold the same drafts.
void TestOfflineDrafts::theDesktopsOwnSyncMendsAFaultyNetwork()
{
    QFETCH(QByteArray, path);
    QFETCH(test::FaultyProxy::Fault, fault);
    QFETCH(bool, lasting);
    test::FaultyProxy proxy(m_running.url());
    const QString name = QStringLiteral("faults-%1").arg(++m_accounts);
    const QString email = name + QStringLiteral("@offline.test");
    Desktop laptop = desktop(proxy.url(), name);
    Desktop phone = desktop(m_running.url(), name + QStringLiteral("-phone"));
    QVERIFY(await(laptop.backend->signUp({email, password, QStringLiteral("Ola")})).ok());
    QVERIFY(await(phone.backend->signIn(email, password, {})).ok());
    QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(syncNow(*phone.backend), sync::SyncEngine::State::Idle);
    // Three drafts written before the sync, one of them edited: four mutations.
    QList<Draft> saved;
    for (const QString &title : {QStringLiteral("Dawn"), QStringLiteral("Noon"), QStringLiteral("Dusk")}) {
        Draft draft;
        draft.title = title;
        draft.body = QStringLiteral("light");
        saved.append(await(laptop.backend->saveDraft(draft)).value());
    }
    saved[1].body = QStringLiteral("bright light");
    QVERIFY(await(laptop.backend->saveDraft(saved[1])).ok());
    QCOMPARE(phone.backend->syncEngine()->status().pending, 0);

    if (lasting)
        proxy.failEvery(path, fault);
    else
        proxy.failNext(path, fault);
    // Qt's HTTP channel sends a request again when its connection closes
    // before any answer: a fault once is mended within the sync; lasting
    // faults leave the desktop offline until a sync on a sound network.
    const sync::SyncEngine::State first = syncNow(*laptop.backend);
    QVERIFY(proxy.faultsMet() >= 1);
    QCOMPARE(first, lasting ? sync::SyncEngine::State::Offline : sync::SyncEngine::State::Idle);
    if (lasting) {
        QVERIFY(laptop.backend->syncEngine()->status().pending > 0 || path.endsWith("pull"));
        // The network is sound again: a minute on, the breaker lets a request through and the engine's retry syncs.
        proxy.clearFaults();
        QCOMPARE(syncAfter(*laptop.backend, [&laptop] { laptop.clock->advance(std::chrono::minutes(1)); }), sync::SyncEngine::State::Idle);
    }
    if (fault != test::FaultyProxy::Fault::NeverArrives && path.endsWith("push"))
        QVERIFY(proxy.forwarded(path) >= 2); // the server saw the same mutations again
    QCOMPARE(laptop.backend->syncEngine()->status().pending, 0);
    QCOMPARE(syncNow(*phone.backend), sync::SyncEngine::State::Idle);
    QCOMPARE(contents(draftsOf(*phone.backend)), contents(draftsOf(*laptop.backend)));
    QCOMPARE(draftsOf(*phone.backend).size(), 3);
    QString duplicate;
    const QSet<QString> applied = appliedMutations(*phone.backend, &duplicate);
    QVERIFY2(duplicate.isEmpty(), qPrintable(QStringLiteral("mutation %1 applied twice").arg(duplicate)));
    QCOMPARE(applied.size(), 4);
    laptop.backend->shutdown();
    phone.backend->shutdown();
}

void TestOfflineDrafts::aSeededRunThroughFaultsConverges_data()
{
    QTest::addColumn<quint32>("seed");
    if (const QByteArray chosen = qgetenv("HUNTAZE_SYNC_SEED"); !chosen.isEmpty()) {
        QTest::newRow(chosen.constData()) << chosen.toUInt();
        return;
    }
    for (const quint32 seed : {11u, 23u, 47u})
        QTest::newRow(QByteArray::number(seed).constData()) << seed;
}

// Seeded: a laptop behind a faulty network and a phone edit, create and
// delete drafts and sync in a random order while requests are lost, sent
// twice or dropped. Once the network is sound and both synced, they hold the
// same drafts as the server, nothing waits, and no mutation was applied twice.
// A failure names its seed; HUNTAZE_SYNC_SEED=<n> replays it.
void TestOfflineDrafts::aSeededRunThroughFaultsConverges()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    test::FaultyProxy proxy(m_running.url());
    const QString name = QStringLiteral("seeded-%1-%2").arg(seed).arg(++m_accounts);
    const QString email = name + QStringLiteral("@offline.test");
    Desktop laptop = desktop(proxy.url(), name);
    Desktop phone = desktop(m_running.url(), name + QStringLiteral("-phone"));
    QVERIFY(await(laptop.backend->signUp({email, password, QStringLiteral("Sol")})).ok());
    QVERIFY(await(phone.backend->signIn(email, password, {})).ok());
    const QString where = QStringLiteral("seed %1").arg(seed);
    const QList<QByteArray> routes{"/api/sync/push", "/api/sync/pull"};
    const QList<test::FaultyProxy::Fault> faults{test::FaultyProxy::Fault::LoseAnswer, test::FaultyProxy::Fault::SendTwice,
                                                 test::FaultyProxy::Fault::NeverArrives};
    int written = 0;
    for (int step = 0; step < 40; ++step) {
        RemoteBackend &device = random.bounded(2) == 0 ? *laptop.backend : *phone.backend;
        const QList<Draft> drafts = draftsOf(device);
        switch (random.bounded(6)) {
        case 0: {
            Draft draft;
            draft.title = QStringLiteral("Draft %1").arg(++written);
            draft.body = QStringLiteral("one two three");
            QVERIFY2(await(device.saveDraft(draft)).ok(), qPrintable(where));
            break;
        }
        case 1:
        case 2:
            if (!drafts.isEmpty()) {
                Draft draft = drafts.at(random.bounded(static_cast<int>(drafts.size())));
                if (random.bounded(2) == 0)
                    draft.title += QStringLiteral(" %1").arg(step);
                else
                    draft.body += QStringLiteral(" word%1").arg(step);
                QVERIFY2(await(device.saveDraft(draft)).ok(), qPrintable(where));
            }
            break;
        case 3:
            if (!drafts.isEmpty() && random.bounded(3) == 0) {
                const Draft &gone = drafts.at(random.bounded(static_cast<int>(drafts.size())));
                QVERIFY2(await(device.deleteDraft(gone.creatorId, gone.id)).ok(), qPrintable(where));
            }
            break;
        case 4: // the laptop syncs through a fault
            proxy.failNext(routes.at(random.bounded(2)), faults.at(random.bounded(3)));
            syncNow(*laptop.backend);
            break;
        default: syncNow(device); // through faults it may end offline: a later sync goes on
        }
    }
    QVERIFY2(proxy.faultsMet() > 0, qPrintable(where + QStringLiteral(": no fault was met")));
    // The network is sound again; a minute on, any breaker the faults opened lets requests through.
    proxy.clearFaults();
    laptop.clock->advance(std::chrono::minutes(1));
    for (int round = 0; round < 2; ++round) {
        QCOMPARE(syncNow(*laptop.backend), sync::SyncEngine::State::Idle);
        QCOMPARE(syncNow(*phone.backend), sync::SyncEngine::State::Idle);
    }
    QVERIFY2(laptop.backend->syncEngine()->status().pending == 0 && phone.backend->syncEngine()->status().pending == 0, qPrintable(where));
    QVERIFY2(contents(draftsOf(*laptop.backend)) == contents(draftsOf(*phone.backend)),
             qPrintable(where + QStringLiteral(": the desktops differ")));
    QString duplicate;
    appliedMutations(*phone.backend, &duplicate);
    QVERIFY2(duplicate.isEmpty(), qPrintable(where + QStringLiteral(": mutation %1 applied twice").arg(duplicate)));
    laptop.backend->shutdown();
    phone.backend->shutdown();
}

QTEST_GUILESS_MAIN(TestOfflineDrafts)
#include "tst_offlinedrafts.moc"

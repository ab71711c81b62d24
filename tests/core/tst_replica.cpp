// A desktop's replica of a server (issue 13): local edits queued with what
// they changed, pushes and pulls against the server's own sync functions (an
// in-process server over SQLite), devices converging, lost answers retried
// without duplicates, local edits kept on top of a pull, cookies forward only.
#include "analytics/analyticsservice.h"
#include "domain/rules.h"
#include "newcreator.h"
#include "storage/agencyrepository.h"
#include "storage/analyticsrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/creatorset.h"
#include "storage/draftrepository.h"
#include "storage/engagementrepository.h"
#include "storage/messagerepository.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "storage/syncedrollups.h"
#include "storage/transaction.h"
#include "sync/keptanalytics.h"
#include "sync/replica.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

Q_DECLARE_METATYPE(huntaze::analytics::DashboardRequest)

using namespace huntaze;
using namespace huntaze::sync;
using test::await;

class TestReplica : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void aLocalEditIsQueuedWithWhatItChanged();
    void twoDevicesConverge();
    void aLostAnswerIsRetriedWithoutDuplicates();
    void localEditsStayOnTopOfAPull();
    void aDeleteOfAnEditedDraftBecomesAProblem();
    void draftsEditedThenDeletedOfflineAreGone();
    void overlappingEditsAreResolvedOnEveryDevice_data();
    void overlappingEditsAreResolvedOnEveryDevice();
    void anAddressThatMovedToAnotherMemberDoesNotStopPulls();
    void aLostCreatorLeavesTheReplica();
    void theCookieNeverMovesBack();
    void aPreferenceSetHereIsQueuedAndStaysOnTop();
    void importedRowsShowAtOnceAndGoToTheServerOnce_data();
    void importedRowsShowAtOnceAndGoToTheServerOnce();
    void aLargeImportGoesInPartsAPushCanCarry();
    void anImportWithABadRowKeepsNothing();
    void problemsKeepWhatWasSentUntilDismissed();
    void keptAnalyticsAnswerARequestOfTheirShape_data();
    void keptAnalyticsAnswerARequestOfTheirShape();
    void keptAnalyticsAreTheLatestTwelve();
    void keptAnalyticsGoWithTheRightsTheyWereWorkedOutFor();
    void theDashboardIsWorkedOutFromTheRollUpsAsOnTheServer_data();
    void theDashboardIsWorkedOutFromTheRollUpsAsOnTheServer();
    void rollUpsGoWithTheirCreatorAndTheRights();

private:
    // Runs `job` on the analytics a device keeps.
    template <typename T> T kept(SqlWorker &device, std::function<Result<T>(KeptAnalytics &)> job)
    {
        const Result<T> done = await(device.run<T>([job](QSqlDatabase &db) {
            KeptAnalytics analytics(db);
            return job(analytics);
        }));
        if (!done.ok())
            qFatal("kept analytics: %s", qPrintable(done.error().message + u' ' + done.error().detail));
        return done.value();
    }
    void keep(SqlWorker &device, AnalyticsView view, qint64 creatorId, const analytics::DashboardRequest &request, const QString &marker,
              const QDateTime &at)
    {
        kept<bool>(device, [=](KeptAnalytics &analytics) -> Result<bool> {
            if (Result<void> done = analytics.keep(view, creatorId, request, {{QStringLiteral("marker"), marker}}, at); !done.ok())
                return done.error();
            return true;
        });
    }
    // The marker of the answer kept for `request`; empty: none.
    QString keptFor(SqlWorker &device, AnalyticsView view, qint64 creatorId, const analytics::DashboardRequest &request)
    {
        const std::optional<KeptAnswer> found
            = kept<std::optional<KeptAnswer>>(device, [=](KeptAnalytics &analytics) { return analytics.find(view, creatorId, request); });
        return found ? found->answer.value(QStringLiteral("marker")).toString() : QString();
    }

    std::unique_ptr<SqlWorker> open(const QString &name)
    {
        auto worker = std::make_unique<SqlWorker>(DatabaseConfig::sqlite(m_dir->filePath(name)));
        const QString migrations = worker->config().migrationsDirectory();
        if (!await(worker->run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); })).ok())
            qFatal("migration failed");
        return worker;
    }
    // Runs `job` on a device's replica, as the desktop's worker would.
    template <typename T> T onDevice(SqlWorker &device, std::function<Result<T>(Replica &)> job)
    {
        const ReplicaOwner owner{m_scope.agencyId, m_scope.userId, QStringLiteral("mia@example.com")};
        const Result<T> done = await(onReplica<T>(device, owner, job));
        if (!done.ok())
            qFatal("replica: %s", qPrintable(done.error().message + u' ' + done.error().detail));
        return done.value();
    }
    void onDevice(SqlWorker &device, std::function<Result<void>(Replica &)> job)
    {
        onDevice<bool>(device, [job](Replica &replica) -> Result<bool> {
            if (Result<void> done = job(replica); !done.ok())
                return done.error();
            return true;
        });
    }
    PushResponse serverPush(const PushRequest &request);
    PullResponse serverPull(const PullRequest &request);
    // One sync of a device: push everything, then pull.
    void sync(SqlWorker &device)
    {
        for (;;) {
            const PushRequest request = onDevice<PushRequest>(device, [](Replica &r) { return r.nextPush(); });
            if (request.mutations.isEmpty())
                break;
            const PushResponse response = serverPush(request);
            onDevice(device, [response](Replica &r) { return r.pushed(response); });
        }
        const PullResponse pulled = serverPull(onDevice<PullRequest>(device, [](Replica &r) { return r.nextPull(); }));
        onDevice(device, [pulled](Replica &r) { return r.pulled(pulled); });
    }
    // The ids of `table`'s rows a database holds, in order.
    static QList<qint64> rowIds(SqlWorker &database, const QString &table)
    {
        return await(database.run<QList<qint64>>([table](QSqlDatabase &db) -> Result<QList<qint64>> {
                   QSqlQuery query(db);
                   if (!query.exec(QStringLiteral("SELECT id FROM ") + table + QStringLiteral(" ORDER BY id")))
                       return Error{ErrorCode::Storage, query.lastError().text(), {}, {}};
                   QList<qint64> ids;
                   while (query.next())
                       ids.append(query.value(0).toLongLong());
                   return ids;
               }))
            .value();
    }
    qsizetype serverCount(const QString &table) { return rowIds(*m_server, table).size(); }
    QList<Draft> draftsOf(SqlWorker &device)
    {
        return onDevice<QList<Draft>>(device, [](Replica &r) { return r.drafts(); });
    }
    QList<Draft> serverDrafts()
    {
        return await(m_server->run<QList<Draft>>([this](QSqlDatabase &db) {
                   return DraftRepository::draftsOf(db, CreatorSet{m_scope.agencyId, {m_scope.creatorId, m_second}});
               }))
            .value();
    }
    Draft post(const QString &title, const QString &body) const
    {
        Draft draft;
        draft.creatorId = m_scope.creatorId;
        draft.title = title;
        draft.body = body;
        return draft;
    }
    // The fields people see, without the times and versions each copy keeps.
    static QList<QJsonObject> contents(QList<Draft> drafts)
    {
        std::sort(drafts.begin(), drafts.end(), [](const Draft &a, const Draft &b) { return a.id < b.id; });
        QList<QJsonObject> all;
        for (const Draft &draft : drafts) {
            QJsonObject fields = draft.editableFields();
            fields.insert(QStringLiteral("id"), draft.id);
            fields.insert(QStringLiteral("creatorId"), draft.creatorId);
            all.append(fields);
        }
        return all;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    // A season of statement lines and messages for `creatorId` on the server: subscriptions, renewals, tips and expiries.
    void importSeason(qint64 creatorId)
    {
        QList<analytics::EarningEvent> lines;
        QList<analytics::MessageEvent> messages;
        const QDateTime start(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
        for (int i = 0; i < 120; ++i) {
            const QString fan = QStringLiteral("fan %1").arg(i % 17);
            const analytics::EarningKind kind = i % 11 == 0 ? analytics::EarningKind::ExpiredSubscription
                : i % 5 == 0                                ? analytics::EarningKind::NewSubscription
                : i % 3 == 0                                ? analytics::EarningKind::Renewal
                                                            : analytics::EarningKind::Tip;
            const qint64 gross = kind == analytics::EarningKind::ExpiredSubscription ? 0 : 500 + 37 * i;
            lines.append({start.addSecs(i * 3600 * 19), kind, gross, gross * 4 / 5, QStringLiteral("USD"), fan, {}, 0});
            analytics::MessageEvent message;
            message.sentAt = start.addSecs(i * 3600 * 23);
            message.fromFan = i % 2 == 0;
            message.fan = fan;
            message.priceCents = i % 4 == 1 ? 900 : 0;
            message.bought = i % 8 == 1;
            messages.append(message);
        }
        const agency::CreatorScope scope{m_scope.agencyId, creatorId, m_scope.userId};
        QList<analytics::PostEngagement> posts; // a post a week, with "quoted" captions, seen on two days each
        for (int week = 0; week < 14; ++week) {
            for (int seen = 0; seen < 2; ++seen) {
                analytics::PostEngagement post;
                post.post = QStringLiteral("post-%1").arg(week);
                post.postedAt = start.addDays(7 * week).addSecs(3600 * (week % 5));
                post.day = post.postedAt.date().addDays(seen);
                post.likes = 10 * week + seen;
                post.comments = week % 4;
                post.views = 300 + week;
                post.caption = QStringLiteral("Week %1 \"at the beach\"").arg(week);
                posts.append(post);
            }
        }
        const Result<int> imported = await(m_server->run<int>([scope, lines, messages, posts](QSqlDatabase &db) -> Result<int> {
            const Result<int> earned = AnalyticsRepository(db, scope, QTimeZone::utc()).addEarnings(lines);
            if (!earned.ok())
                return earned;
            const Result<int> logged = MessageRepository(db, scope, QTimeZone::utc()).addMessages(messages);
            if (!logged.ok())
                return logged;
            return EngagementRepository(db, scope, QTimeZone::utc()).addEngagement(posts);
        }));
        if (!imported.ok())
            qFatal("import a season: %s %s", qPrintable(imported.error().message), qPrintable(imported.error().detail));
    }
    static QJsonObject dashboardOn(SqlWorker &database, const agency::CreatorScope &scope, const analytics::DashboardRequest &request)
    {
        const Result<analytics::Dashboard> figures = await(database.run<analytics::Dashboard>(
            [scope, request](QSqlDatabase &db) { return AnalyticsService::dashboardOf(db, scope, request); }));
        if (!figures.ok())
            qFatal("dashboard: %s %s", qPrintable(figures.error().message), qPrintable(figures.error().detail));
        return figures.value().toJson();
    }
    // A creator's rows in the replica's roll-up tables, all tables together.
    static qint64 rollUpRows(SqlWorker &device, qint64 creatorId)
    {
        return await(device.run<qint64>([creatorId](QSqlDatabase &db) -> Result<qint64> {
                   qint64 rows = 0;
                   for (const SyncedRollUps::Table &table : SyncedRollUps::tables()) {
                       QSqlQuery count(db);
                       count.prepare(QStringLiteral("SELECT COUNT(*) FROM ") + table.name + QStringLiteral(" WHERE creator_id = ?"));
                       count.addBindValue(creatorId);
                       if (!count.exec() || !count.next())
                           return storageError(QStringLiteral("count"), count.lastError());
                       rows += count.value(0).toLongLong();
                   }
                   return rows;
               }))
            .value();
    }

    std::unique_ptr<SqlWorker> m_server;
    agency::CreatorScope m_scope;
    qint64 m_second = 0;
};

PushResponse TestReplica::serverPush(const PushRequest &request)
{
    const agency::CreatorScope scope = m_scope;
    const Result<PushResponse> response = await(m_server->run<PushResponse>([scope, request](QSqlDatabase &db) -> Result<PushResponse> {
        Transaction transaction(db);
        const Result<agency::Membership> member = AgencyRepository(db).membership(scope.agencyId, scope.userId);
        if (!member.ok())
            return member.error();
        Result<PushResponse> pushed = push(db, member.value(), request, QDateTime::currentDateTimeUtc());
        if (!pushed.ok())
            return pushed;
        if (Result<void> committed = transaction.commit(); !committed.ok())
            return committed.error();
        return pushed;
    }));
    if (!response.ok())
        qFatal("push: %s %s", qPrintable(response.error().message), qPrintable(response.error().detail));
    return response.value();
}

PullResponse TestReplica::serverPull(const PullRequest &request)
{
    const agency::CreatorScope scope = m_scope;
    const Result<PullResponse> response = await(m_server->run<PullResponse>([scope, request](QSqlDatabase &db) -> Result<PullResponse> {
        const Result<agency::Membership> member = AgencyRepository(db).membership(scope.agencyId, scope.userId);
        if (!member.ok())
            return member.error();
        return pull(db, member.value(), request);
    }));
    if (!response.ok())
        qFatal("pull: %s", qPrintable(response.error().message));
    return response.value();
}

void TestReplica::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = open(QStringLiteral("server.sqlite"));
    m_scope = test::newCreator(*m_server, QStringLiteral("mia@example.com"));
    const agency::CreatorScope scope = m_scope;
    m_second
        = await(m_server->run<qint64>([scope](QSqlDatabase &db) -> Result<qint64> {
              QSqlQuery add(db);
              add.prepare(QStringLiteral("INSERT INTO creators (agency_id, display_name, updated_at) VALUES (?, 'Zoe', ?) RETURNING id"));
              add.addBindValue(scope.agencyId);
              add.addBindValue(sqlTimestamp(QDateTime::currentDateTimeUtc()));
              if (!add.exec() || !add.next())
                  return Error{ErrorCode::Storage, QStringLiteral("add creator"), {}, {}};
              return add.value(0).toLongLong();
          })).value();
}

void TestReplica::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestReplica::aLocalEditIsQueuedWithWhatItChanged()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    const Draft saved
        = onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Gym"), QStringLiteral("Leg day"))); });
    QVERIFY(!saved.id.isEmpty());
    Draft edited = saved;
    edited.title = QStringLiteral("Gym, again");
    onDevice<Draft>(*laptop, [edited](Replica &r) { return r.saveDraft(edited); });
    onDevice<Draft>(*laptop, [edited](Replica &r) { return r.saveDraft(edited); }); // nothing changed: nothing queued
    onDevice(*laptop, [id = saved.id](Replica &r) { return r.deleteDraft(id); });

    laptop = open(QStringLiteral("laptop.sqlite")); // as after a restart
    const PushRequest queued = onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); });
    QCOMPARE(queued.mutations.size(), 3);
    const Mutation &added = queued.mutations.at(0);
    QCOMPARE(added.id, 1);
    QCOMPARE(added.entityId, saved.id);
    QCOMPARE(added.baseVersion, 0);
    QCOMPARE(added.payload.value(QStringLiteral("creatorId")).toInteger(), m_scope.creatorId);
    QCOMPARE(added.payload.value(QStringLiteral("body")).toString(), QStringLiteral("Leg day"));
    const Mutation &retitled = queued.mutations.at(1);
    QCOMPARE(retitled.id, 2);
    QCOMPARE(retitled.payload, (QJsonObject{{QStringLiteral("title"), QStringLiteral("Gym, again")}}));
    QCOMPARE(retitled.base, (QJsonObject{{QStringLiteral("title"), QStringLiteral("Gym")}}));
    QCOMPARE(queued.mutations.at(2).op, Mutation::Op::Delete);
    QVERIFY(draftsOf(*laptop).isEmpty());
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 3);
    // The same device id across restarts.
    QCOMPARE(queued.clientId, onDevice<QString>(*laptop, [](Replica &r) { return r.clientId(); }));
}

void TestReplica::twoDevicesConverge()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    auto phone = open(QStringLiteral("phone.sqlite"));
    const Draft first = onDevice<Draft>(
        *laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Beach"), QStringLiteral("Sunrise run"))); });
    sync(*laptop);
    sync(*phone);
    QCOMPARE(contents(draftsOf(*phone)), contents(draftsOf(*laptop)));

    // Offline on both: the laptop changes the title, the phone the text and adds a draft.
    Draft onLaptop = draftsOf(*laptop).first();
    onLaptop.title = QStringLiteral("Beach at dawn");
    onDevice<Draft>(*laptop, [onLaptop](Replica &r) { return r.saveDraft(onLaptop); });
    Draft onPhone = draftsOf(*phone).first();
    onPhone.body = QStringLiteral("Sunrise run, then a swim");
    onDevice<Draft>(*phone, [onPhone](Replica &r) { return r.saveDraft(onPhone); });
    Draft other = post(QStringLiteral("Zoe's"), QStringLiteral("for Zoe"));
    other.creatorId = m_second;
    onDevice<Draft>(*phone, [other](Replica &r) { return r.saveDraft(other); });

    sync(*laptop);
    sync(*phone);
    sync(*laptop);
    QCOMPARE(contents(draftsOf(*laptop)), contents(serverDrafts()));
    QCOMPARE(contents(draftsOf(*phone)), contents(serverDrafts()));
    QCOMPARE(serverDrafts().size(), 2);
    const QList<Draft> onServer = serverDrafts();
    const auto merged = std::find_if(onServer.cbegin(), onServer.cend(), [&](const Draft &d) { return d.id == first.id; });
    QCOMPARE(merged->title, QStringLiteral("Beach at dawn"));
    QCOMPARE(merged->body, QStringLiteral("Sunrise run, then a swim"));
    for (SqlWorker *device : {laptop.get(), phone.get()}) {
        const ReplicaStatus status = onDevice<ReplicaStatus>(*device, [](Replica &r) { return r.status(); });
        QCOMPARE(status.pending, 0);
        QCOMPARE(status.problems, 0);
        QVERIFY(status.lastSynced.isValid());
    }
}

void TestReplica::aLostAnswerIsRetriedWithoutDuplicates()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Once"), QStringLiteral("only once"))); });
    const PushRequest request = onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); });
    serverPush(request); // applied, but the answer never reached the laptop
    const PushRequest again = onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); });
    QCOMPARE(again.mutations, request.mutations);
    const PushResponse second = serverPush(again);
    QVERIFY(second.results.isEmpty());
    QCOMPARE(second.lastMutationId, 1);
    onDevice(*laptop, [second](Replica &r) { return r.pushed(second); });
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 0);
    sync(*laptop);
    QCOMPARE(serverDrafts().size(), 1);
    QCOMPARE(draftsOf(*laptop).size(), 1);
}

void TestReplica::localEditsStayOnTopOfAPull()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    auto phone = open(QStringLiteral("phone.sqlite"));
    onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Title"), QStringLiteral("Body"))); });
    sync(*laptop);
    sync(*phone);
    Draft mine = draftsOf(*laptop).first();
    mine.notes = QStringLiteral("shoot at 6");
    onDevice<Draft>(*laptop, [mine](Replica &r) { return r.saveDraft(mine); }); // not pushed yet
    Draft theirs = draftsOf(*phone).first();
    theirs.title = QStringLiteral("Their title");
    onDevice<Draft>(*phone, [theirs](Replica &r) { return r.saveDraft(theirs); });
    sync(*phone);

    // A pull alone: the server's new title, with the laptop's own notes still on top.
    const PullResponse pulled = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    onDevice(*laptop, [pulled](Replica &r) { return r.pulled(pulled); });
    const Draft shown = draftsOf(*laptop).first();
    QCOMPARE(shown.title, QStringLiteral("Their title"));
    QCOMPARE(shown.notes, QStringLiteral("shoot at 6"));
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 1);
    sync(*laptop);
    QCOMPARE(serverDrafts().first().notes, QStringLiteral("shoot at 6"));
    QCOMPARE(serverDrafts().first().title, QStringLiteral("Their title"));
}

void TestReplica::aDeleteOfAnEditedDraftBecomesAProblem()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    auto phone = open(QStringLiteral("phone.sqlite"));
    onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Keep"), QStringLiteral("v1"))); });
    sync(*laptop);
    sync(*phone);
    Draft edited = draftsOf(*laptop).first();
    edited.body = QStringLiteral("v2");
    onDevice<Draft>(*laptop, [edited](Replica &r) { return r.saveDraft(edited); });
    sync(*laptop);
    onDevice(*phone, [id = edited.id](Replica &r) { return r.deleteDraft(id); });
    QVERIFY(draftsOf(*phone).isEmpty());
    sync(*phone);
    // Nothing dropped silently: the edited draft is back on the phone, and the phone says why.
    QCOMPARE(draftsOf(*phone).size(), 1);
    QCOMPARE(draftsOf(*phone).first().body, QStringLiteral("v2"));
    const QList<SyncRejection> problems = onDevice<QList<SyncRejection>>(*phone, [](Replica &r) { return r.problems(); });
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().code, QStringLiteral("kept_edited"));
    QCOMPARE(problems.first().entityId, edited.id);
}

void TestReplica::draftsEditedThenDeletedOfflineAreGone()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    auto phone = open(QStringLiteral("phone.sqlite"));
    Draft synced
        = onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Synced"), QStringLiteral("v1"))); });
    sync(*laptop);
    sync(*phone);
    // Offline: a synced draft edited, then deleted; a new one made, edited, deleted. One push.
    synced.body = QStringLiteral("v2");
    onDevice<Draft>(*laptop, [synced](Replica &r) { return r.saveDraft(synced); });
    Draft scratch
        = onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Scratch"), QStringLiteral("a"))); });
    scratch.body = QStringLiteral("b");
    onDevice<Draft>(*laptop, [scratch](Replica &r) { return r.saveDraft(scratch); });
    for (const QString &id : {synced.id, scratch.id})
        onDevice(*laptop, [id](Replica &r) { return r.deleteDraft(id); });
    sync(*laptop);
    sync(*phone);
    QVERIFY(serverDrafts().isEmpty());
    QVERIFY(draftsOf(*laptop).isEmpty());
    QVERIFY(draftsOf(*phone).isEmpty());
    QVERIFY(onDevice<QList<SyncRejection>>(*laptop, [](Replica &r) { return r.problems(); }).isEmpty());
}

void TestReplica::overlappingEditsAreResolvedOnEveryDevice_data()
{
    QTest::addColumn<QString>("choice"); // which version the phone keeps
    QTest::newRow("the other version") << QStringLiteral("other");
    QTest::newRow("the current one") << QStringLiteral("current");
    QTest::newRow("merged by hand") << QStringLiteral("merged");
}

void TestReplica::overlappingEditsAreResolvedOnEveryDevice()
{
    QFETCH(QString, choice);
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    auto phone = open(QStringLiteral("phone.sqlite"));
    onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Beach"), QStringLiteral("text"))); });
    sync(*laptop);
    sync(*phone);
    for (auto [device, title] :
         {std::pair{laptop.get(), QStringLiteral("Beach at dawn")}, std::pair{phone.get(), QStringLiteral("Beach at dusk")}}) {
        Draft edited = draftsOf(*device).first();
        edited.title = title;
        onDevice<Draft>(*device, [edited](Replica &r) { return r.saveDraft(edited); });
    }
    sync(*laptop);
    sync(*phone); // the phone's title collides: the server keeps the laptop's, and the phone's beside it
    QCOMPARE(draftsOf(*phone).first().title, QStringLiteral("Beach at dawn"));
    const QList<DraftConflict> open = onDevice<QList<DraftConflict>>(*phone, [](Replica &r) { return r.conflicts(); });
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().fields.value(QStringLiteral("title")).toString(), QStringLiteral("Beach at dusk"));
    QCOMPARE(open.first().conflicting, QStringList{QStringLiteral("title")});
    sync(*laptop);
    QCOMPARE(onDevice<QList<DraftConflict>>(*laptop, [](Replica &r) { return r.conflicts(); }).size(), 1); // every device sees it

    Draft chosen = draftsOf(*phone).first();
    const QString expected = choice == QLatin1String("other") ? QStringLiteral("Beach at dusk")
        : choice == QLatin1String("current")                  ? QStringLiteral("Beach at dawn")
                                                              : QStringLiteral("Beach from dawn to dusk");
    chosen.title = expected;
    onDevice<Draft>(*phone, [id = open.first().id, chosen](Replica &r) { return r.resolveConflict(id, chosen); });
    QVERIFY(onDevice<QList<DraftConflict>>(*phone, [](Replica &r) { return r.conflicts(); }).isEmpty());
    // A second choice of the same conflict is refused: it is closed.
    const ReplicaOwner owner{m_scope.agencyId, m_scope.userId, QStringLiteral("mia@example.com")};
    const Result<Draft> again = await(phone->run<Draft>([owner, id = open.first().id, chosen](QSqlDatabase &db) {
        return Replica(db, owner, QDateTime::currentDateTimeUtc()).resolveConflict(id, chosen);
    }));
    QCOMPARE(again.error().code, ErrorCode::NotFound);
    sync(*phone);
    sync(*laptop);
    for (SqlWorker *device : {laptop.get(), phone.get()}) {
        QCOMPARE(draftsOf(*device).first().title, expected);
        QVERIFY(onDevice<QList<DraftConflict>>(*device, [](Replica &r) { return r.conflicts(); }).isEmpty());
    }
    QCOMPARE(serverDrafts().first().title, expected);
    // The audit log says who resolved it.
    const qint64 resolutions
        = await(m_server->run<qint64>([](QSqlDatabase &db) -> Result<qint64> {
              QSqlQuery count(db);
              if (!count.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'draft_conflict_resolved'")) || !count.next())
                  return Error{ErrorCode::Storage, QStringLiteral("count"), {}, {}};
              return count.value(0).toLongLong();
          })).value();
    QCOMPARE(resolutions, 1);
}

void TestReplica::anAddressThatMovedToAnotherMemberDoesNotStopPulls()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Mine"), QStringLiteral("mine"))); });
    sync(*laptop);
    // The server now says another member (id 999) has the address the replica knows for Mia.
    PullResponse pulled = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    Draft theirs = post(QStringLiteral("Theirs"), QStringLiteral("theirs"));
    theirs.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    theirs.authorId = 999;
    theirs.authorEmail = QStringLiteral("mia@example.com");
    theirs.version = pulled.cookie;
    pulled.drafts.append(theirs);
    onDevice(*laptop, [pulled](Replica &r) { return r.pulled(pulled); });
    QCOMPARE(draftsOf(*laptop).size(), 2);
}

void TestReplica::aLostCreatorLeavesTheReplica()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    Draft hers = post(QStringLiteral("Zoe's"), QStringLiteral("for Zoe"));
    hers.creatorId = m_second;
    onDevice<Draft>(*laptop, [hers](Replica &r) { return r.saveDraft(hers); });
    onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("Mia's"), QStringLiteral("for Mia"))); });
    sync(*laptop);
    QCOMPARE(draftsOf(*laptop).size(), 2);
    // The server no longer lists Zoe among the member's creators.
    PullResponse pulled = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    pulled.creators.removeAll(m_second);
    onDevice(*laptop, [pulled](Replica &r) { return r.pulled(pulled); });
    const QList<Draft> left = draftsOf(*laptop);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().creatorId, m_scope.creatorId);
    QCOMPARE(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }).creators, QList<qint64>{m_scope.creatorId});
}

void TestReplica::theCookieNeverMovesBack()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    onDevice<Draft>(*laptop, [this](Replica &r) { return r.saveDraft(post(QStringLiteral("A"), QStringLiteral("a"))); });
    sync(*laptop);
    const qint64 cookie = onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).cookie;
    QVERIFY(cookie > 0);
    PullResponse stale; // a late answer to an older pull
    stale.cookie = cookie - 1;
    stale.creators = {m_scope.creatorId, m_second};
    onDevice(*laptop, [stale](Replica &r) { return r.pulled(stale); });
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).cookie, cookie);
    QCOMPARE(draftsOf(*laptop).size(), 1);
    // A reset (the server did not know the cookie) starts over from the server's.
    PullResponse reset = serverPull({onDevice<QString>(*laptop, [](Replica &r) { return r.clientId(); }), 0, {}, {}, std::nullopt});
    reset.reset = true;
    onDevice(*laptop, [reset](Replica &r) { return r.pulled(reset); });
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).cookie, reset.cookie);
    QCOMPARE(contents(draftsOf(*laptop)), contents(serverDrafts()));
}

// A preference set on the device is kept at once, queued with the value it
// replaced, stays on top of a pull until the server has it, then is the server's.
void TestReplica::aPreferenceSetHereIsQueuedAndStaysOnTop()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop);
    const QString key = QStringLiteral("tone");
    const qint64 creator = m_scope.creatorId;
    const auto localValue = [&] {
        return await(laptop->run<QJsonValue>([this, creator, key](QSqlDatabase &db) {
                   return CreatorDataRepository(db, {m_scope.agencyId, creator, m_scope.userId}).preference(key);
               }))
            .value();
    };
    onDevice(*laptop, [=](Replica &r) { return r.setPreference(creator, key, QStringLiteral("warm")); });
    onDevice(*laptop, [=](Replica &r) { return r.setPreference(creator, key, QStringLiteral("warm")); }); // the same: nothing queued
    QCOMPARE(localValue(), QJsonValue(QStringLiteral("warm")));
    const PushRequest queued = onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); });
    QCOMPARE(queued.mutations.size(), 1);
    QCOMPARE(queued.mutations.first().entity, QStringLiteral("preference"));
    QCOMPARE(queued.mutations.first().entityId, key);
    QCOMPARE(queued.mutations.first().payload.value(QStringLiteral("value")), QJsonValue(QStringLiteral("warm")));
    QCOMPARE(queued.mutations.first().base.value(QStringLiteral("value")), QJsonValue()); // never set before
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 1);
    // A pull that does not have it yet leaves it on top.
    const PullResponse before = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    onDevice(*laptop, [before](Replica &r) { return r.pulled(before); });
    QCOMPARE(localValue(), QJsonValue(QStringLiteral("warm")));
    sync(*laptop);
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 0);
    const QJsonValue onServer = await(m_server->run<QJsonValue>([this](QSqlDatabase &db) {
                                    return CreatorDataRepository(db, m_scope).preference(QStringLiteral("tone"));
                                })).value();
    QCOMPARE(onServer, QJsonValue(QStringLiteral("warm")));
    QCOMPARE(localValue(), QJsonValue(QStringLiteral("warm")));
}

void TestReplica::importedRowsShowAtOnceAndGoToTheServerOnce_data()
{
    QTest::addColumn<QString>("table");
    QTest::newRow("fans") << QStringLiteral("fans");
    QTest::newRow("offers") << QStringLiteral("offers");
    QTest::newRow("posts") << QStringLiteral("posts");
}

// Rows imported on the device are there at once (temporary ids), stay on
// top of a pull until the server has them, reach it once though the push is
// sent twice, and then come from the server on every device.
void TestReplica::importedRowsShowAtOnceAndGoToTheServerOnce()
{
    QFETCH(QString, table);
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop); // the replica holds the creator's tables whole from now on
    const qint64 creator = m_scope.creatorId;
    const auto import = [&](Replica &r) -> Result<int> {
        if (table == QLatin1String("fans"))
            return r.importFans(creator, {Fan{0, QStringLiteral(" Ada "), {}, 10, {}, {}}, Fan{0, QStringLiteral("Bo"), {}, 0, {}, {}}});
        if (table == QLatin1String("offers"))
            return r.importOffers(creator,
                                  {Offer{0, QStringLiteral("Set"), 9.99, 10, 2, {}}, Offer{0, QStringLiteral("Pack"), 5, 4, 1, {}}});
        return r.importPosts(creator,
                             {Post{0, QStringLiteral("instagram"), QStringLiteral("Dawn"), {}, 3, {}},
                              Post{0, QStringLiteral("tiktok"), QStringLiteral("Dusk"), {}, 5, {}}});
    };
    QCOMPARE(onDevice<int>(*laptop, import), 2);
    QCOMPARE(rowIds(*laptop, table).size(), 2);
    for (const qint64 id : rowIds(*laptop, table))
        QVERIFY2(id < 0, "a temporary id until the server's row arrives");
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 1);
    // A pull before the push leaves them on top, under the same ids.
    const QList<qint64> temporary = rowIds(*laptop, table);
    const PullResponse before = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    onDevice(*laptop, [before](Replica &r) { return r.pulled(before); });
    QCOMPARE(rowIds(*laptop, table), temporary);

    const PushRequest request = onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); });
    QCOMPARE(request.mutations.size(), 1);
    QCOMPARE(request.mutations.first().entity, table);
    QVERIFY(rules::uuid(request.mutations.first().entityId));
    QCOMPARE(request.mutations.first().payload.value(QStringLiteral("creatorId")).toInteger(), creator);
    const PushResponse first = serverPush(request);
    QCOMPARE(first.results.first().outcome, QStringLiteral("applied"));
    QVERIFY(serverPush(request).results.isEmpty()); // the answer was lost: sent again, applied before
    onDevice(*laptop, [first](Replica &r) { return r.pushed(first); });
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 0);
    QCOMPARE(serverCount(table), 2);
    // Acknowledged: the next pull takes the temporary rows away (the server's
    // come with it: tst_offlinedrafts, where PostgreSQL stamps their versions).
    const PullResponse after = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    onDevice(*laptop, [after](Replica &r) { return r.pulled(after); });
    const QList<qint64> left = rowIds(*laptop, table);
    QVERIFY(std::none_of(left.cbegin(), left.cend(), [](qint64 id) { return id < 0; }));
    auto phone = open(QStringLiteral("phone.sqlite"));
    sync(*phone);
    QCOMPARE(rowIds(*phone, table).size(), 2);
    if (table == QLatin1String("fans")) // as the domain's rules keep them
        QCOMPARE(await(phone->run<QList<Fan>>([this](QSqlDatabase &db) { return CreatorDataRepository(db, m_scope).fans(); }))
                     .value()
                     .first()
                     .name,
                 QStringLiteral("Ada"));
}

// A large import is cut into mutations the server takes (64 KiB each), and
// a push carries about 1 MiB of them; it counts as one change waiting.
void TestReplica::aLargeImportGoesInPartsAPushCanCarry()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop);
    QList<Fan> fans;
    for (int i = 0; i < 12000; ++i)
        fans.append(
            Fan{0, QStringLiteral("Fan number %1 with a long enough name to weigh").arg(i), {QStringLiteral("imported")}, 1, {}, {}});
    const qint64 creator = m_scope.creatorId;
    QCOMPARE(onDevice<int>(*laptop, [&](Replica &r) { return r.importFans(creator, fans); }), 12000);
    QCOMPARE(rowIds(*laptop, QStringLiteral("fans")).size(), 12000);
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 1);
    int pushes = 0;
    QSet<QString> imports;
    for (;;) {
        const PushRequest request = onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); });
        if (request.mutations.isEmpty())
            break;
        ++pushes;
        qsizetype bytes = 0;
        for (const Mutation &mutation : request.mutations) {
            const qsizetype payload = QJsonDocument(mutation.payload).toJson(QJsonDocument::Compact).size();
            QVERIFY2(payload <= maxPayloadBytes, qPrintable(QString::number(payload)));
            bytes += payload;
            imports.insert(mutation.entityId);
        }
        QVERIFY2(bytes <= maxPushBytes, qPrintable(QString::number(bytes)));
        QVERIFY(PushRequest::parse(request.toJson()).ok()); // what the server's parser takes
        onDevice(*laptop, [response = serverPush(request)](Replica &r) { return r.pushed(response); });
    }
    QVERIFY2(pushes >= 2, qPrintable(QString::number(pushes)));
    QCOMPARE(imports.size(), 1);
    QCOMPARE(serverCount(QStringLiteral("fans")), 12000);
}

// A row the rules refuse refuses the import: nothing kept, nothing queued.
void TestReplica::anImportWithABadRowKeepsNothing()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop);
    const ReplicaOwner owner{m_scope.agencyId, m_scope.userId, QStringLiteral("mia@example.com")};
    const qint64 creator = m_scope.creatorId;
    const Result<int> refused = await(onReplica<int>(*laptop, owner, [creator](Replica &r) {
        return r.importOffers(creator, {Offer{0, QStringLiteral("Set"), 9.99, 10, 2, {}}, Offer{0, QStringLiteral("Odd"), 5, 1, 3, {}}});
    }));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, QStringLiteral("offers[1].purchases"));
    QVERIFY2(refused.error().message.startsWith(QStringLiteral("Row 2:")), qPrintable(refused.error().message));
    QVERIFY(rowIds(*laptop, QStringLiteral("offers")).isEmpty());
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 0);
}

// A change the server refuses for good is kept with what the device sent
// (even when the push's answer was lost and the pull brought the refusal),
// an import's parts read as one problem, and the member dismisses it.
void TestReplica::problemsKeepWhatWasSentUntilDismissed()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop);
    constexpr qint64 nobody = 999999; // a creator the server does not let this member write to
    QList<Fan> many;
    for (int i = 0; i < 3000; ++i)
        many.append(Fan{0, QStringLiteral("Fan number %1 with a name long enough to take room").arg(i), {}, 0, {}, {}});
    QCOMPARE(onDevice<int>(*laptop, [&](Replica &r) { return r.importFans(nobody, many); }), 3000);
    const PushRequest first = onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); });
    QVERIFY(first.mutations.size() >= 2); // parts
    onDevice(*laptop, [response = serverPush(first)](Replica &r) { return r.pushed(response); });
    // Another refused change whose answer is lost: the pull brings the refusal.
    QCOMPARE(onDevice<int>(*laptop, [](Replica &r) { return r.importPosts(nobody, {Post{0, {}, QStringLiteral("Dawn"), {}, 1, {}}}); }), 1);
    (void)serverPush(onDevice<PushRequest>(*laptop, [](Replica &r) { return r.nextPush(); }));
    const PullResponse pulled = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    onDevice(*laptop, [pulled](Replica &r) { return r.pulled(pulled); });

    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).problems, 2);
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).pending, 0);
    const QList<SyncProblem> problems = onDevice<QList<SyncProblem>>(*laptop, [](Replica &r) { return r.problemsToRead(); });
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).entity, QStringLiteral("posts")); // the latest first
    QCOMPARE(problems.at(0).code, QStringLiteral("forbidden"));
    QCOMPARE(problems.at(0).localCopy.value(QStringLiteral("rows")).toArray().at(0).toObject().value(QStringLiteral("caption")),
             QJsonValue(QStringLiteral("Dawn")));
    QCOMPARE(problems.at(1).entity, QStringLiteral("fans"));
    QCOMPARE(problems.at(1).mutationIds.size(), first.mutations.size());
    QCOMPARE(problems.at(1).localCopy.value(QStringLiteral("rows")).toArray().size(), 3000);
    QCOMPARE(problems.at(1).localCopy.value(QStringLiteral("rows")).toArray().at(2999).toObject().value(QStringLiteral("name")),
             QJsonValue(many.last().name));
    QVERIFY(!problems.at(1).reason.isEmpty());
    QVERIFY(problems.at(1).at.isValid());

    onDevice(*laptop, [ids = problems.at(1).mutationIds](Replica &r) { return r.dismissProblems(ids); });
    QCOMPARE(onDevice<ReplicaStatus>(*laptop, [](Replica &r) { return r.status(); }).problems, 1);
    QCOMPARE(onDevice<QList<SyncProblem>>(*laptop, [](Replica &r) { return r.problemsToRead(); }).first().entity, QStringLiteral("posts"));
}

namespace {

analytics::DashboardRequest lastDays(int days, const QDate &last = QDate(2026, 11, 30))
{
    analytics::DashboardRequest request;
    request.range = analytics::DateRange::lastDays(last, days);
    return request;
}

} // namespace

void TestReplica::keptAnalyticsAnswerARequestOfTheirShape_data()
{
    QTest::addColumn<analytics::DashboardRequest>("asked");
    QTest::addColumn<bool>("agencyView");
    QTest::addColumn<bool>("otherCreator");
    QTest::addColumn<QString>("found");

    analytics::DashboardRequest weekly = lastDays(30);
    weekly.granularity = analytics::Granularity::Week;
    analytics::DashboardRequest gross = lastDays(30);
    gross.amount = analytics::Amount::Gross;
    analytics::DashboardRequest allTime = lastDays(1, QDate(2026, 12, 2));
    allTime.sinceFirstEarning = true;
    // Kept: the last 30 days on the 30th (then on the 29th, answered later), and "all" on the 30th.
    QTest::newRow("the same request") << lastDays(30) << false << false << QStringLiteral("30 days to the 30th");
    QTest::newRow("the other request kept") << lastDays(30, QDate(2026, 11, 29)) << false << false << QStringLiteral("30 days to the 29th");
    QTest::newRow("the same length, a day on: the latest answered")
        << lastDays(30, QDate(2026, 12, 1)) << false << false << QStringLiteral("30 days to the 29th");
    QTest::newRow("all time, asked days later") << allTime << false << false << QStringLiteral("all time");
    QTest::newRow("another length") << lastDays(7) << false << false << QString();
    QTest::newRow("by week") << weekly << false << false << QString();
    QTest::newRow("gross") << gross << false << false << QString();
    QTest::newRow("the agency view") << lastDays(30) << true << false << QStringLiteral("the agency");
    QTest::newRow("another creator") << lastDays(30) << false << true << QString();
}

// With no network, the Dashboard shows the answer the server last sent for
// what is asked, or for a request of its shape: "the last 30 days" tomorrow
// finds today's answer, never one of another length, granularity or amount.
void TestReplica::keptAnalyticsAnswerARequestOfTheirShape()
{
    QFETCH(analytics::DashboardRequest, asked);
    QFETCH(bool, agencyView);
    QFETCH(bool, otherCreator);
    QFETCH(QString, found);
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    const QDateTime monday(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);
    analytics::DashboardRequest allTime = lastDays(1);
    allTime.sinceFirstEarning = true;
    keep(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(30), QStringLiteral("30 days to the 30th"), monday);
    keep(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(30, QDate(2026, 11, 29)), QStringLiteral("30 days to the 29th"),
         monday.addSecs(60));
    keep(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, allTime, QStringLiteral("all time"), monday);
    keep(*laptop, AnalyticsView::Agency, 0, lastDays(30), QStringLiteral("the agency"), monday);
    const AnalyticsView view = agencyView ? AnalyticsView::Agency : AnalyticsView::Dashboard;
    const qint64 creator = agencyView ? 0 : (otherCreator ? m_second : m_scope.creatorId);
    QCOMPARE(keptFor(*laptop, view, creator, asked), found);
    if (!found.isEmpty()) {
        const std::optional<KeptAnswer> answer
            = kept<std::optional<KeptAnswer>>(*laptop, [&](KeptAnalytics &analytics) { return analytics.find(view, creator, asked); });
        QCOMPARE(answer->answeredAt, found == QLatin1String("30 days to the 29th") ? monday.addSecs(60) : monday);
    }
}

void TestReplica::keptAnalyticsAreTheLatestTwelve()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    const QDateTime start(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);
    for (int days = 1; days <= KeptAnalytics::keptPerCreator + 1; ++days)
        keep(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(days), QString::number(days), start.addSecs(days));
    keep(*laptop, AnalyticsView::Dashboard, m_second, lastDays(1), QStringLiteral("Zoe's"), start);
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(1)), QString()); // the oldest went
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(2)), QStringLiteral("2"));
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(13)), QStringLiteral("13"));
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_second, lastDays(1)), QStringLiteral("Zoe's")); // counted per creator
    // Asked again, an answer is the latest: another goes in its place.
    keep(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(2), QStringLiteral("2 again"), start.addSecs(100));
    keep(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(20), QStringLiteral("20"), start.addSecs(101));
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(2)), QStringLiteral("2 again"));
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(3)), QString());
}

// The figures were worked out for what the member could see: a creator lost
// takes that creator's and the agency's answers, other rights (other tables
// readable) or a reset take them all.
void TestReplica::keptAnalyticsGoWithTheRightsTheyWereWorkedOutFor()
{
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop);
    const QDateTime at(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);
    const auto keepAll = [&] {
        keep(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(30), QStringLiteral("Mia's"), at);
        keep(*laptop, AnalyticsView::Dashboard, m_second, lastDays(30), QStringLiteral("Zoe's"), at);
        keep(*laptop, AnalyticsView::Agency, 0, lastDays(30), QStringLiteral("the agency"), at);
    };
    keepAll();
    sync(*laptop); // the same rights: nothing goes
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_second, lastDays(30)), QStringLiteral("Zoe's"));
    QCOMPARE(keptFor(*laptop, AnalyticsView::Agency, 0, lastDays(30)), QStringLiteral("the agency"));

    PullResponse lost = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    lost.creators.removeAll(m_second);
    onDevice(*laptop, [lost](Replica &r) { return r.pulled(lost); });
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(30)), QStringLiteral("Mia's"));
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_second, lastDays(30)), QString());
    QCOMPARE(keptFor(*laptop, AnalyticsView::Agency, 0, lastDays(30)), QString());

    sync(*laptop); // Zoe is back
    keepAll();
    PullResponse fewer = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    QVERIFY(fewer.tables.removeAll(QStringLiteral("offers")) == 1); // the role no longer sees earnings
    onDevice(*laptop, [fewer](Replica &r) { return r.pulled(fewer); });
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(30)), QString());
    QCOMPARE(keptFor(*laptop, AnalyticsView::Agency, 0, lastDays(30)), QString());

    sync(*laptop);
    keepAll();
    PullResponse reset = serverPull({onDevice<QString>(*laptop, [](Replica &r) { return r.clientId(); }), 0, {}, {}, std::nullopt});
    reset.reset = true;
    onDevice(*laptop, [reset](Replica &r) { return r.pulled(reset); });
    QCOMPARE(keptFor(*laptop, AnalyticsView::Dashboard, m_scope.creatorId, lastDays(30)), QString());
}

// The roll-ups a pull brings are the server's: the Dashboard the desktop
// works out from them, for any range, is the one the server would answer.
void TestReplica::theDashboardIsWorkedOutFromTheRollUpsAsOnTheServer_data()
{
    QTest::addColumn<analytics::DashboardRequest>("request");
    const auto range = [](QDate from, QDate to, analytics::Granularity granularity = analytics::Granularity::Day) {
        analytics::DashboardRequest request;
        request.range = {from, to};
        request.granularity = granularity;
        return request;
    };
    QTest::newRow("a month") << range(QDate(2026, 2, 1), QDate(2026, 2, 28));
    QTest::newRow("a week, not a preset's end") << range(QDate(2026, 1, 20), QDate(2026, 1, 26));
    QTest::newRow("eleven days") << range(QDate(2026, 2, 3), QDate(2026, 2, 13));
    QTest::newRow("a quarter by week") << range(QDate(2026, 1, 1), QDate(2026, 3, 31), analytics::Granularity::Week);
    QTest::newRow("after the last line") << range(QDate(2026, 6, 1), QDate(2026, 6, 30));
    analytics::DashboardRequest all;
    all.sinceFirstEarning = true;
    all.range.to = QDate(2026, 12, 31);
    QTest::newRow("since the first line") << all;
}

void TestReplica::theDashboardIsWorkedOutFromTheRollUpsAsOnTheServer()
{
    QFETCH(analytics::DashboardRequest, request);
    importSeason(m_scope.creatorId);
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop);
    QVERIFY(onDevice<bool>(*laptop, [](Replica &r) { return r.holds(QString::fromLatin1(SyncedRollUps::pullName)); }));
    const QJsonObject here = dashboardOn(*laptop, m_scope, request);
    const bool afterTheLastLine = request.range.from > QDate(2026, 5, 1);
    QCOMPARE(here.value(QStringLiteral("current")).toObject().value(QStringLiteral("cents")).toInteger() > 0, !afterTheLastLine);
    QCOMPARE(here, dashboardOn(*m_server, m_scope, request));
}

// A creator the member loses takes their roll-ups out of the replica; a role
// that no longer sees earnings takes them all; a reset brings them again.
void TestReplica::rollUpsGoWithTheirCreatorAndTheRights()
{
    importSeason(m_scope.creatorId);
    importSeason(m_second);
    auto laptop = open(QStringLiteral("laptop.sqlite"));
    sync(*laptop);
    const qint64 mias = rollUpRows(*laptop, m_scope.creatorId);
    QVERIFY(mias > 100);
    QCOMPARE(rollUpRows(*laptop, m_second), mias);

    PullResponse lost = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    lost.creators.removeAll(m_second);
    onDevice(*laptop, [lost](Replica &r) { return r.pulled(lost); });
    QCOMPARE(rollUpRows(*laptop, m_second), 0);
    QCOMPARE(rollUpRows(*laptop, m_scope.creatorId), mias);

    PullResponse fewer = serverPull(onDevice<PullRequest>(*laptop, [](Replica &r) { return r.nextPull(); }));
    QVERIFY(fewer.tables.removeAll(QString::fromLatin1(SyncedRollUps::pullName)) == 1); // the role no longer sees earnings
    onDevice(*laptop, [fewer](Replica &r) { return r.pulled(fewer); });
    QCOMPARE(rollUpRows(*laptop, m_scope.creatorId), 0);
    QVERIFY(!onDevice<bool>(*laptop, [](Replica &r) { return r.holds(QString::fromLatin1(SyncedRollUps::pullName)); }));

    PullResponse reset = serverPull({onDevice<QString>(*laptop, [](Replica &r) { return r.clientId(); }), 0, {}, {}, std::nullopt});
    reset.reset = true;
    onDevice(*laptop, [reset](Replica &r) { return r.pulled(reset); });
    QCOMPARE(rollUpRows(*laptop, m_scope.creatorId), mias);
    QCOMPARE(rollUpRows(*laptop, m_second), mias);
}

QTEST_GUILESS_MAIN(TestReplica)
#include "tst_replica.moc"

// Analytics benchmarks (issue 12), QBENCHMARK in an optimised build:
//   bench/analytics.sh
// Figures go to docs/performance.md, never into test assertions.
#include "analytics/analyticsservice.h"
#include "analytics/earnings.h"
#include "analytics/lttb.h"
#include "newcreator.h"
#include "storage/agencyrepository.h"
#include "storage/analyticsrepository.h"
#include "storage/messagerepository.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"
#include "temppostgres.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>

#include <QRandomGenerator>
#include <QTest>

using namespace huntaze::analytics;

namespace {

// A line at a random second of the `years` years to 2026 from one of `fans` fans; expiries only when asked.
EarningEvent randomLine(QRandomGenerator &random, int fans, bool expiries, int years = 5)
{
    EarningEvent event;
    event.occurredAt = QDateTime(QDate(2027 - years, 1, 1), QTime(0, 0), Qt::UTC).addSecs(random.bounded(years * 365 * 86400));
    event.kind = allKinds().at(random.bounded(earningKindCount));
    if (event.kind == EarningKind::ExpiredSubscription && !expiries)
        event.kind = EarningKind::Tip;
    if (event.kind != EarningKind::ExpiredSubscription) {
        event.grossCents = random.bounded(100, 20'000);
        event.netCents = event.grossCents * 8 / 10;
    }
    event.currency = QStringLiteral("USD");
    event.fan = QStringLiteral("fan%1").arg(random.bounded(fans));
    return event;
}

} // namespace

class BenchAnalytics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lttb_data();
    void lttb();
    // Rows per second into the desktop's SQLite file, roll-ups included (target: 200,000).
    void sqliteImport();
    // The same into PostgreSQL, as the server's runtime role under row-level security.
    void postgresImport();
    // One dashboard answer (every query and the report functions) over a
    // creator with 1,000,000 lines across five years, on SQLite.
    void sqliteDashboard_data();
    void sqliteDashboard();
    // The agency view over 20 creators with 10,000,000 statement lines in all
    // (five years), a year of message logs from two chatters and their daily
    // shifts, by each attribution rule (target: < 300 ms).
    void sqliteAgency_data();
    void sqliteAgency();
    // The same on PostgreSQL (a throw-away server), read as the server does:
    // the runtime role, under row-level security, in one transaction.
    void postgresAgency_data();
    void postgresAgency();
    // One creator's dashboard on that server (500,000 lines over five years of
    // the agency above), as GET /api/analytics/dashboard reads it.
    void postgresDashboard_data();
    void postgresDashboard();

private:
    // Starts the server and fills (or finds, with BENCH_POSTGRES_DIR) the agency: m_postgresAgency.reader when done.
    void preparePostgresAgency();
    struct Agency {
        std::unique_ptr<huntaze::SqlWorker> filler; // SQLite: the only connection; PostgreSQL: the superuser
        std::unique_ptr<huntaze::SqlWorker> reader; // PostgreSQL: the runtime role
        huntaze::agency::Membership owner;
        int years = 5; // of statements, 100,000 lines a creator-year
    };
    // 200,000 statement lines of one creator through `importer` (`admin` makes the creator).
    void import(huntaze::SqlWorker &admin, huntaze::SqlWorker &importer);
    // Starts the throw-away PostgreSQL server once; false when there is none.
    bool startPostgres();
    void fillAgency(Agency &agency);
    void agencyView(Agency &agency);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<huntaze::SqlWorker> m_worker;
    huntaze::agency::Membership m_owner;
    std::unique_ptr<QTemporaryDir> m_agencyDir;
    Agency m_sqliteAgency;
    std::unique_ptr<huntaze::test::TempPostgres> m_postgres;
    Agency m_postgresAgency;
};

void BenchAnalytics::lttb_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("count");
    QTest::newRow("1 M points to 2,000") << 1'000'000 << 2000;
    QTest::newRow("1 M points to 800") << 1'000'000 << 800;
    QTest::newRow("5 years of days (1,826) to 800") << 1826 << 800;
}

void BenchAnalytics::lttb()
{
    QFETCH(int, size);
    QFETCH(int, count);
    QRandomGenerator random(42);
    std::vector<SeriesPoint> points;
    points.reserve(static_cast<std::size_t>(size));
    double y = 0;
    for (int i = 0; i < size; ++i) {
        y += random.bounded(2001) - 1000;
        points.push_back({static_cast<double>(i) * 60'000.0, y});
    }
    std::vector<SeriesPoint> drawn;
    QBENCHMARK
    {
        drawn = downsampleLttb(points, static_cast<std::size_t>(count));
    }
    QCOMPARE(drawn.size(), static_cast<std::size_t>(count));
}

void BenchAnalytics::import(huntaze::SqlWorker &admin, huntaze::SqlWorker &importer)
{
    using namespace huntaze;
    const agency::CreatorScope scope = test::newCreator(admin, QStringLiteral("bench@example.com"));
    const agency::Membership owner = test::await(admin.run<agency::Membership>([scope](QSqlDatabase &db) {
                                         return AgencyRepository(db).membership(scope.agencyId, scope.userId);
                                     })).value();
    QRandomGenerator random(3);
    QList<EarningEvent> events;
    const int rows = 200'000;
    for (int i = 0; i < rows; ++i)
        events.append(randomLine(random, 5000, false)); // no expiries: every line brings money
    // A statement lists its lines in time order.
    std::sort(events.begin(), events.end(), [](const EarningEvent &a, const EarningEvent &b) { return a.occurredAt < b.occurredAt; });
    const QTimeZone zone(QByteArrayLiteral("Europe/Paris"));
    QElapsedTimer timer;
    timer.start();
    // As the server imports: one transaction, entered as the member (row-level security on PostgreSQL).
    const Result<int> added = test::await(importer.run<int>([&](QSqlDatabase &db) -> Result<int> {
        Transaction transaction(db);
        if (Result<void> entered = AgencyRepository(db).enter(owner); !entered.ok())
            return entered.error();
        const Result<int> written = AnalyticsRepository(db, scope, zone).addEarnings(events);
        if (!written.ok())
            return written;
        if (Result<void> committed = transaction.commit(); !committed.ok())
            return committed.error();
        return written;
    }));
    const qint64 ms = timer.elapsed();
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().detail));
    QCOMPARE(added.value(), rows);
    qInfo("RESULT : BenchAnalytics::%s(): %d rows in %lld ms: %.0f rows/s", QTest::currentTestFunction(), rows, ms,
          rows * 1000.0 / static_cast<double>(ms));
}

void BenchAnalytics::sqliteImport()
{
    using namespace huntaze;
    QTemporaryDir dir;
    SqlWorker worker(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("bench.sqlite"))));
    const QString migrations = worker.config().migrationsDirectory();
    QVERIFY(test::await(worker.run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); })).ok());
    import(worker, worker);
}

void BenchAnalytics::postgresImport()
{
    using namespace huntaze;
    if (!startPostgres())
        QSKIP("no PostgreSQL server");
    const DatabaseConfig database = m_postgres->createDatabase(QStringLiteral("import"));
    SqlWorker migrator(m_postgres->ownerRole(database));
    const QString migrations = migrator.config().migrationsDirectory();
    QVERIFY(test::await(migrator.run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); })).ok());
    SqlWorker admin(database);
    SqlWorker runtime(m_postgres->runtimeRole(database));
    import(admin, runtime);
}

void BenchAnalytics::sqliteDashboard_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<int>("granularity");
    const QDate last(2026, 12, 31);
    QTest::newRow("30 days by day") << last.addDays(-29) << static_cast<int>(Granularity::Day);
    QTest::newRow("1 year by day") << last.addYears(-1).addDays(1) << static_cast<int>(Granularity::Day);
    QTest::newRow("5 years by day") << QDate(2022, 1, 1) << static_cast<int>(Granularity::Day);
    QTest::newRow("5 years by month") << QDate(2022, 1, 1) << static_cast<int>(Granularity::Month);
}

void BenchAnalytics::sqliteDashboard()
{
    using namespace huntaze;
    QFETCH(QDate, from);
    QFETCH(int, granularity);
    if (!m_worker) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_worker = std::make_unique<SqlWorker>(DatabaseConfig::sqlite(m_dir->filePath(QStringLiteral("dashboard.sqlite"))));
        const QString migrations = m_worker->config().migrationsDirectory();
        QVERIFY(test::await(m_worker->run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); })).ok());
        const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("dashboard@example.com"));
        m_owner = test::await(m_worker->run<agency::Membership>([scope](QSqlDatabase &db) {
                      return AgencyRepository(db).membership(scope.agencyId, scope.userId);
                  })).value();
        QRandomGenerator random(5);
        QElapsedTimer timer;
        timer.start();
        for (int batch = 0; batch < 10; ++batch) {
            QList<EarningEvent> events;
            for (int i = 0; i < 100'000; ++i)
                events.append(randomLine(random, 20'000, true));
            const Result<int> added = test::await(m_worker->run<int>(
                [&](QSqlDatabase &db) { return AnalyticsService::importEarnings(db, m_owner, scope.creatorId, events); }));
            QVERIFY(added.ok());
        }
        qInfo("RESULT : BenchAnalytics::sqliteDashboard(): 1,000,000 lines over 5 years, 20,000 fans, imported in %lld ms",
              timer.elapsed());
    }
    DashboardRequest request;
    request.range = {from, QDate(2026, 12, 31)};
    request.granularity = static_cast<Granularity>(granularity);
    Result<Dashboard> answer(Dashboard{});
    QBENCHMARK
    {
        answer = test::await(
            m_worker->run<Dashboard>([this, request](QSqlDatabase &db) { return AnalyticsService::dashboard(db, m_owner, 0, request); }));
    }
    QVERIFY(answer.ok());
    QVERIFY(answer.value().current.purchases > 0);
}

void BenchAnalytics::fillAgency(Agency &agency)
{
    using namespace huntaze;
    SqlWorker &worker = *agency.filler;
    const agency::CreatorScope first = test::newCreator(worker, QStringLiteral("agency@example.com"));
    agency.owner = test::await(worker.run<agency::Membership>([first](QSqlDatabase &db) {
                       return AgencyRepository(db).membership(first.agencyId, first.userId);
                   })).value();
    QList<qint64> creators{first.creatorId};
    for (int i = 1; i < 20; ++i) {
        const Result<Creator> added = test::await(worker.run<Creator>([&agency, i](QSqlDatabase &db) {
            Profile profile;
            profile.displayName = QStringLiteral("Creator %1").arg(i);
            return AgencyRepository(db).addCreator(agency.owner, profile);
        }));
        QVERIFY(added.ok());
        creators.append(added.value().id);
    }
    // Two chatters, each working every creator, with a shift a day (08:00-16:00 and 16:00-24:00) in the last year.
    QList<qint64> chatters;
    for (const QString &email : {QStringLiteral("lea@example.com"), QStringLiteral("sam@example.com")})
        chatters.append(test::newCreator(worker, email).userId);
    const QDate lastDay(2026, 12, 31);
    QVERIFY(test::await(worker.run<void>([&](QSqlDatabase &db) -> Result<void> {
                Transaction transaction(db);
                QSqlQuery member(db);
                member.prepare(QStringLiteral("INSERT INTO members (agency_id, user_id, role, joined_at) VALUES (?, ?, 'chatter', ?)"));
                QSqlQuery shift(db);
                shift.prepare(QStringLiteral("INSERT INTO shifts (agency_id, member_id, creator_id, clocked_in_at, clocked_out_at, "
                                             "last_activity_at) VALUES (?, ?, ?, ?, ?, ?)"));
                for (int c = 0; c < chatters.size(); ++c) {
                    member.addBindValue(first.agencyId);
                    member.addBindValue(chatters.at(c));
                    member.addBindValue(QStringLiteral("2022-01-01T00:00:00Z"));
                    if (!member.exec())
                        return Error(ErrorCode::Storage, member.lastError().text());
                    for (const qint64 creator : creators) {
                        for (int day = 0; day < 365; ++day) {
                            const QDateTime start(lastDay.addDays(-day), QTime(8 + 8 * c, 0), Qt::UTC);
                            for (const QVariant &value :
                                 {QVariant(first.agencyId), QVariant(chatters.at(c)), QVariant(creator), QVariant(sqlTimestamp(start)),
                                  QVariant(sqlTimestamp(start.addSecs(8 * 3600))), QVariant(sqlTimestamp(start.addSecs(8 * 3600)))})
                                shift.addBindValue(value);
                            if (!shift.exec())
                                return Error(ErrorCode::Storage, shift.lastError().text());
                        }
                    }
                }
                return transaction.commit();
            })).ok());

    constexpr int fillLimitMs = 900'000; // a batch on PostgreSQL takes a minute or more
    QRandomGenerator random(11);
    QElapsedTimer timer;
    timer.start();
    for (const qint64 creator : creators) {
        const agency::CreatorScope scope{first.agencyId, creator, first.userId};
        for (int batch = 0; batch < agency.years; ++batch) {
            QList<EarningEvent> events;
            for (int i = 0; i < 100'000; ++i)
                events.append(randomLine(random, 20'000, true, agency.years));
            QVERIFY(test::await(worker.run<int>(
                                    [&](QSqlDatabase &db) { return AnalyticsRepository(db, scope, QTimeZone::utc()).addEarnings(events); }),
                                fillLimitMs)
                        .ok());
        }
        // A year of conversations: 25,000 messages, a fan writing and a chatter answering minutes later.
        QList<MessageEvent> log;
        for (int i = 0; i < 12'500; ++i) {
            const QDateTime asked = QDateTime(lastDay.addDays(-364), QTime(0, 0), Qt::UTC).addSecs(random.bounded(365 * 86400));
            const QString fan = QStringLiteral("fan%1").arg(random.bounded(20'000));
            const bool paid = random.bounded(4) == 0;
            log.append({asked, true, fan, 0, 0, false, {}, {}});
            log.append({asked.addSecs(random.bounded(30, 3600)),
                        false,
                        fan,
                        chatters.at(random.bounded(2)),
                        paid ? 1500 : 0,
                        paid && random.bounded(3) == 0,
                        {},
                        {}});
        }
        QVERIFY(
            test::await(worker.run<int>([&](QSqlDatabase &db) { return MessageRepository(db, scope, QTimeZone::utc()).addMessages(log); }),
                        fillLimitMs)
                .ok());
    }
    qInfo("RESULT : BenchAnalytics::%s(): 20 creators, %d lines over %d years, 500,000 messages, 14,600 shifts, filled in %lld ms",
          QTest::currentTestFunction(), 2'000'000 * agency.years, agency.years, timer.elapsed());
}

void BenchAnalytics::sqliteAgency_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<int>("rule");
    for (const int days : {30, 365}) {
        for (const Attribution rule : {Attribution::Sender, Attribution::Shift, Attribution::LastWriter})
            QTest::addRow("%d days, %s", days, qPrintable(attributionId(rule))) << days << static_cast<int>(rule);
    }
}

void BenchAnalytics::sqliteAgency()
{
    using namespace huntaze;
    if (!m_sqliteAgency.filler) {
        m_agencyDir = std::make_unique<QTemporaryDir>();
        m_sqliteAgency.filler = std::make_unique<SqlWorker>(DatabaseConfig::sqlite(m_agencyDir->filePath(QStringLiteral("agency.sqlite"))));
        const QString migrations = m_sqliteAgency.filler->config().migrationsDirectory();
        QVERIFY(
            test::await(m_sqliteAgency.filler->run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); })).ok());
        fillAgency(m_sqliteAgency);
    }
    agencyView(m_sqliteAgency);
}

bool BenchAnalytics::startPostgres()
{
    if (!m_postgres)
        m_postgres = std::make_unique<huntaze::test::TempPostgres>(qEnvironmentVariable("BENCH_POSTGRES_DIR"));
    return m_postgres->isRunning();
}

void BenchAnalytics::postgresAgency_data()
{
    sqliteAgency_data();
}

void BenchAnalytics::preparePostgresAgency()
{
    using namespace huntaze;
    if (!startPostgres())
        return;
    if (!m_postgresAgency.filler) {
        // BENCH_POSTGRES_YEARS=1 fills the last year alone, at the same density (2,000,000 lines).
        m_postgresAgency.years = qEnvironmentVariableIntValue("BENCH_POSTGRES_YEARS") > 0
            ? std::min(5, qEnvironmentVariableIntValue("BENCH_POSTGRES_YEARS"))
            : 5;
        // BENCH_POSTGRES_DIR keeps the filled agency there for the next run (the fill takes 12 minutes a year).
        QFile filled(qEnvironmentVariable("BENCH_POSTGRES_DIR") + QStringLiteral("/agency-filled"));
        QList<QByteArray> kept; // years, agency id, owner's user id
        if (m_postgres->reused() && filled.open(QIODevice::ReadOnly))
            kept = filled.readAll().trimmed().split(' ');
        const bool reuse = kept.size() == 3 && kept.at(0).toInt() == m_postgresAgency.years;
        const DatabaseConfig database
            = reuse ? m_postgres->database(QStringLiteral("agency")) : m_postgres->createDatabase(QStringLiteral("agency"));
        const DatabaseConfig owner = m_postgres->ownerRole(database);
        SqlWorker migrator(owner);
        const QString migrations = migrator.config().migrationsDirectory();
        QVERIFY(test::await(migrator.run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); })).ok());
        m_postgresAgency.filler = std::make_unique<SqlWorker>(database);
        if (reuse) {
            const qint64 agencyId = kept.at(1).toLongLong(), userId = kept.at(2).toLongLong();
            m_postgresAgency.owner = test::await(m_postgresAgency.filler->run<agency::Membership>([agencyId, userId](QSqlDatabase &db) {
                                         return AgencyRepository(db).membership(agencyId, userId);
                                     })).value();
        } else {
            fillAgency(m_postgresAgency);
        }
        QVERIFY(test::await(m_postgresAgency.filler->run<void>([](QSqlDatabase &db) -> Result<void> {
                    // What autovacuum does after a big import: statistics, and the visibility
                    // map that lets the roll-ups be read from their indexes alone.
                    QSqlQuery analyze(db);
                    if (!analyze.exec(QStringLiteral("VACUUM ANALYZE")))
                        return Error(ErrorCode::Storage, analyze.lastError().text());
                    return Result<void>::success();
                })).ok());
        if (!reuse && !qEnvironmentVariable("BENCH_POSTGRES_DIR").isEmpty() && filled.open(QIODevice::WriteOnly))
            filled.write(QByteArray::number(m_postgresAgency.years) + ' ' + QByteArray::number(m_postgresAgency.owner.agencyId) + ' '
                         + QByteArray::number(m_postgresAgency.owner.userId));
        m_postgresAgency.reader = std::make_unique<SqlWorker>(m_postgres->runtimeRole(database));
    }
}

void BenchAnalytics::postgresAgency()
{
    preparePostgresAgency();
    if (QTest::currentTestFailed())
        return;
    if (!m_postgresAgency.reader)
        QSKIP("no PostgreSQL server");
    agencyView(m_postgresAgency);
}

void BenchAnalytics::postgresDashboard_data()
{
    sqliteDashboard_data();
}

void BenchAnalytics::postgresDashboard()
{
    using namespace huntaze;
    QFETCH(QDate, from);
    QFETCH(int, granularity);
    preparePostgresAgency();
    if (QTest::currentTestFailed())
        return;
    if (!m_postgresAgency.reader)
        QSKIP("no PostgreSQL server");
    DashboardRequest request;
    request.range = {std::max(from, QDate(2026, 12, 31).addYears(-m_postgresAgency.years).addDays(1)), QDate(2026, 12, 31)};
    request.granularity = static_cast<Granularity>(granularity);
    const agency::Membership owner = m_postgresAgency.owner;
    Result<Dashboard> answer(Dashboard{});
    QBENCHMARK
    {
        // As a server request: one transaction, entered as the member (row-level security).
        answer = test::await(m_postgresAgency.reader->run<Dashboard>([owner, request](QSqlDatabase &db) -> Result<Dashboard> {
            Transaction transaction(db);
            if (Result<void> started = transaction.started(); !started.ok())
                return started.error();
            if (Result<void> entered = AgencyRepository(db).enter(owner); !entered.ok())
                return entered.error();
            Result<Dashboard> dashboard = AnalyticsService::dashboard(db, owner, 0, request);
            if (!dashboard.ok())
                return dashboard;
            if (Result<void> committed = transaction.commit(); !committed.ok())
                return committed.error();
            return dashboard;
        }));
    }
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().detail));
    QVERIFY(answer.value().current.purchases > 0);
}

void BenchAnalytics::agencyView(Agency &agency)
{
    using namespace huntaze;
    QFETCH(int, days);
    QFETCH(int, rule);
    QVERIFY(test::await(agency.filler->run<void>([&agency, rule](QSqlDatabase &db) {
                return AnalyticsService::setAttribution(db, agency.owner, static_cast<Attribution>(rule));
            })).ok());
    DashboardRequest request;
    request.range = DateRange::lastDays(QDate(2026, 12, 31), days);
    SqlWorker &reader = agency.reader ? *agency.reader : *agency.filler;
    // As a server request: one transaction, entered as the member (row-level security on PostgreSQL).
    const auto view = [&] {
        return test::await(reader.run<AgencyAnalytics>([&agency, request](QSqlDatabase &db) -> Result<AgencyAnalytics> {
            Transaction transaction(db);
            if (Result<void> started = transaction.started(); !started.ok())
                return started.error();
            if (Result<void> entered = AgencyRepository(db).enter(agency.owner); !entered.ok())
                return entered.error();
            Result<AgencyAnalytics> answer = AnalyticsService::agency(db, agency.owner, request);
            if (!answer.ok())
                return answer;
            if (Result<void> committed = transaction.commit(); !committed.ok())
                return committed.error();
            return answer;
        }));
    };
    // The first view after the import works out the credited sales of the
    // days it covers (sale_credits); the ones after read them.
    QElapsedTimer first;
    first.start();
    Result<AgencyAnalytics> answer = view();
    qInfo("RESULT : BenchAnalytics::%s():\"%s\": first view %lld ms", QTest::currentTestFunction(), QTest::currentDataTag(),
          first.elapsed());
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().detail));
    QBENCHMARK
    {
        answer = view();
    }
    QVERIFY(answer.ok());
    QCOMPARE(answer.value().creators.size(), 20);
    QCOMPARE(answer.value().chatters.size(), 2);
}

QTEST_GUILESS_MAIN(BenchAnalytics)
#include "bench_analytics.moc"

// Earnings events and their roll-ups (issue 12), on SQLite and
// PostgreSQL: the roll-ups always equal a brute-force sum of the events
// (seeded random statements, re-imported, in a time zone with summer time), a
// statement imported twice adds nothing, and a bad line is refused by name.
#include "analytics/analyticsservice.h"
#include "analytics/earnings.h"
#include "newcreator.h"
#include "storage/accountrepository.h"
#include "storage/agencyrepository.h"
#include "storage/analyticsrepository.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"
#include "temppostgres.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

using namespace huntaze;
using namespace huntaze::analytics;
using huntaze::test::await;
using huntaze::test::TempPostgres;

namespace {

const QTimeZone losAngeles(QByteArrayLiteral("America/Los_Angeles"));

// A plausible statement line, at a random second of 2025-2026.
EarningEvent randomEvent(QRandomGenerator &random)
{
    EarningEvent event;
    event.occurredAt = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC).addSecs(random.bounded(2 * 365 * 86400));
    event.kind = allKinds().at(random.bounded(earningKindCount));
    if (event.kind != EarningKind::ExpiredSubscription) {
        event.grossCents = random.bounded(1, 50'000);
        event.netCents = event.grossCents * 8 / 10;
    }
    event.currency = QStringLiteral("USD");
    event.fan = QStringLiteral("fan%1").arg(random.bounded(300));
    if (random.bounded(2))
        event.reference = QStringLiteral("tx-%1").arg(random.generate64());
    if (event.kind == EarningKind::PaidMessage)
        event.memberId = random.bounded(1, 4);
    return event;
}

bool isSubscriptionMove(EarningKind kind)
{
    return kind == EarningKind::NewSubscription || kind == EarningKind::Renewal || kind == EarningKind::ExpiredSubscription;
}

} // namespace

class TestEarnings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void rollupsEqualABruteForceSum_data();
    void rollupsEqualABruteForceSum();
    void aStatementImportedTwiceAddsNothing_data() { drivers(); }
    void aStatementImportedTwiceAddsNothing();
    void postgresKeepsAMonthPerPartition();
    void fanFiguresEqualABruteForceCount_data() { drivers(); }
    void fanFiguresEqualABruteForceCount();
    void anExpiryOnTheDayOfARenewalEndsIt_data() { drivers(); }
    void fanCountsOnEveryDayEqualABruteForceCount_data();
    void fanCountsOnEveryDayEqualABruteForceCount();
    void twoImportsAtOnceCountEachSubscriberOnce();
    void anOlderDatabaseGetsItsFanCountsByDay_data() { drivers(); }
    void anOlderDatabaseGetsItsFanCountsByDay();
    void anExpiryOnTheDayOfARenewalEndsIt();
    void anOlderDatabaseKeepsItsEarnings_data() { drivers(); }
    void anOlderDatabaseKeepsItsEarnings();
    void theDashboardIsForRolesThatSeeEarnings_data() { drivers(); }
    void theDashboardIsForRolesThatSeeEarnings();
    void badLinesAreRefusedByName_data();
    void badLinesAreRefusedByName();
    void aLineRoundTripsThroughJson();

private:
    void drivers();
    void driversAndSeeds(std::initializer_list<quint32> seeds);
    // The creator's subscribers at the end of `day`, read through the repository.
    Result<qint64> activeSubscribers(const agency::CreatorScope &scope, const QDate &day);
    // The fans who paid in the `length` days up to `last`, read through the repository.
    Result<qint64> spenders(const agency::CreatorScope &scope, int length, const QDate &last);
    // Migrated to `version` (default: the latest).
    SqlWorker &open(const QString &driver, std::optional<int> version = std::nullopt);
    Result<int> migrate(std::optional<int> version = std::nullopt);

    std::unique_ptr<TempPostgres> m_postgres;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqlWorker> m_worker;
    int m_databases = 0;
};

void TestEarnings::initTestCase()
{
    m_postgres = std::make_unique<TempPostgres>();
    if (!m_postgres->isRunning() && TempPostgres::required())
        QFAIL(qPrintable(m_postgres->error()));
    QVERIFY(losAngeles.isValid());
}

void TestEarnings::driversAndSeeds(std::initializer_list<quint32> seeds)
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<quint32>("seed");
    for (const char *driver : {"sqlite", "postgresql"}) {
        for (const quint32 seed : seeds)
            QTest::addRow("%s, seed %u", driver, seed) << QString::fromLatin1(driver) << seed;
    }
}

Result<qint64> TestEarnings::activeSubscribers(const agency::CreatorScope &scope, const QDate &day)
{
    return await(m_worker->run<qint64>(
        [scope, day](QSqlDatabase &db) { return AnalyticsRepository(db, scope, losAngeles).activeSubscribers(day); }));
}

Result<qint64> TestEarnings::spenders(const agency::CreatorScope &scope, int length, const QDate &last)
{
    return await(m_worker->run<qint64>([scope, length, last](QSqlDatabase &db) {
        return AnalyticsRepository(db, scope, losAngeles).spenders(last.addDays(1 - length), last);
    }));
}

void TestEarnings::drivers()
{
    QTest::addColumn<QString>("driver");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

void TestEarnings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QByteArray tag = QTest::currentDataTag() ? QByteArray(QTest::currentDataTag()) : QByteArray();
    if (tag.startsWith("postgresql") && !m_postgres->isRunning())
        QSKIP("no PostgreSQL server on this machine");
}

void TestEarnings::cleanup()
{
    m_worker.reset();
    m_dir.reset();
}

SqlWorker &TestEarnings::open(const QString &driver, std::optional<int> version)
{
    const DatabaseConfig config = driver == QLatin1String("sqlite")
        ? DatabaseConfig::sqlite(m_dir->filePath(QStringLiteral("earnings-%1.sqlite").arg(++m_databases)))
        : m_postgres->createDatabase(QStringLiteral("earnings_%1").arg(++m_databases));
    m_worker = std::make_unique<SqlWorker>(config);
    const Result<int> migrated = migrate(version);
    if (!migrated.ok())
        qFatal("migration failed: %s", qPrintable(migrated.error().detail));
    return *m_worker;
}

Result<int> TestEarnings::migrate(std::optional<int> version)
{
    const QString migrations = m_worker->config().migrationsDirectory();
    return await(m_worker->run<int>([migrations, version](QSqlDatabase &db) { return Migrator(migrations).migrate(db, version); }));
}

void TestEarnings::rollupsEqualABruteForceSum_data()
{
    driversAndSeeds({7u, 1234u, 99'991u});
}

void TestEarnings::rollupsEqualABruteForceSum()
{
    QFETCH(QString, driver);
    QFETCH(quint32, seed);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    QRandomGenerator random(seed);
    QList<EarningEvent> events;
    for (int i = 0; i < 3000; ++i)
        events.append(randomEvent(random));
    // Three statements, the second imported twice, and lines that overlap between them.
    const QList<QList<EarningEvent>> statements{events.mid(0, 1200), events.mid(1000, 1000), events.mid(1000, 1000), events.mid(1800)};
    int added = 0;
    for (const QList<EarningEvent> &statement : statements) {
        const Result<int> count = await(m_worker->run<int>(
            [scope, statement](QSqlDatabase &db) { return AnalyticsRepository(db, scope, losAngeles).addEarnings(statement); }));
        QVERIFY2(count.ok(), qPrintable(count.ok() ? QString() : count.error().detail));
        added += count.value();
    }
    std::set<QByteArray> identities;
    for (const EarningEvent &event : events)
        identities.insert(event.identity());
    QCOMPARE(added, static_cast<int>(identities.size()));

    // The brute force: every distinct line, summed by its local day and kind,
    // and by the weekday and local hour it fell in (all of it, and March 2025).
    std::map<std::pair<qint64, int>, EarningsDay> expected;
    std::map<std::pair<int, int>, HourOfWeek> expectedHours, expectedMarchHours;
    std::set<QByteArray> counted;
    const auto addTo = [](auto &sum, const EarningEvent &event) {
        ++sum.events;
        sum.grossCents += event.grossCents;
        sum.netCents += event.netCents;
    };
    const DateRange march{QDate(2025, 3, 1), QDate(2025, 3, 31)};
    for (const EarningEvent &event : events) {
        if (!counted.insert(event.identity()).second)
            continue;
        const auto [day, hour] = localHour(event.occurredAt, losAngeles);
        EarningsDay &sum = expected[{day.toJulianDay(), static_cast<int>(event.kind)}];
        sum.day = day;
        sum.kind = event.kind;
        addTo(sum, event);
        for (auto *hours : {&expectedHours, march.contains(day) ? &expectedMarchHours : nullptr}) {
            if (!hours)
                continue;
            HourOfWeek &hourSum = (*hours)[{day.dayOfWeek(), hour}];
            hourSum.weekday = day.dayOfWeek();
            hourSum.hour = hour;
            addTo(hourSum, event);
        }
    }
    const Result<QList<EarningsDay>> days = await(m_worker->run<QList<EarningsDay>>([scope](QSqlDatabase &db) {
        return AnalyticsRepository(db, scope, losAngeles).earningsDays(QDate(2024, 12, 31), QDate(2027, 1, 1));
    }));
    QVERIFY(days.ok());
    QCOMPARE(static_cast<std::size_t>(days.value().size()), expected.size());
    for (const EarningsDay &got : days.value()) {
        QVERIFY2(expected.count({got.day.toJulianDay(), static_cast<int>(got.kind)}) == 1,
                 qPrintable(QStringLiteral("%1 %2").arg(got.day.toString(Qt::ISODate), kindId(got.kind))));
        QCOMPARE(got, expected.at({got.day.toJulianDay(), static_cast<int>(got.kind)}));
    }
    const auto hoursOfWeek = [&](const DateRange &range) {
        return await(m_worker->run<QList<HourOfWeek>>([scope, range](QSqlDatabase &db) {
            return AnalyticsRepository(db, scope, losAngeles).earningsByHourOfWeek(range.from, range.to);
        }));
    };
    for (const auto &[range, wanted] :
         {std::pair{DateRange{QDate(2024, 12, 31), QDate(2027, 1, 1)}, expectedHours}, std::pair{march, expectedMarchHours}}) {
        const Result<QList<HourOfWeek>> hours = hoursOfWeek(range);
        QVERIFY(hours.ok());
        QCOMPARE(static_cast<std::size_t>(hours.value().size()), wanted.size());
        for (const HourOfWeek &got : hours.value())
            QCOMPARE(got, wanted.at({got.weekday, got.hour}));
    }
    // A sub-range reads only its days.
    const Result<QList<EarningsDay>> marchDays = await(m_worker->run<QList<EarningsDay>>(
        [scope, march](QSqlDatabase &db) { return AnalyticsRepository(db, scope, losAngeles).earningsDays(march.from, march.to); }));
    QVERIFY(marchDays.ok());
    qint64 marchGross = 0, expectedMarchGross = 0;
    for (const EarningsDay &day : marchDays.value()) {
        QVERIFY(march.contains(day.day));
        marchGross += day.grossCents;
    }
    for (const auto &[key, sum] : expected) {
        if (march.contains(sum.day))
            expectedMarchGross += sum.grossCents;
    }
    QCOMPARE(marchGross, expectedMarchGross);
}

void TestEarnings::aStatementImportedTwiceAddsNothing()
{
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    const QDateTime at(QDate(2026, 3, 29), QTime(0, 30), Qt::UTC);
    EarningEvent tip{at, EarningKind::Tip, 1000, 800, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0};
    EarningEvent sameTipAgain = tip;
    EarningEvent secondTip = tip; // the same fan tipping the same amount a second later: another line
    secondTip.occurredAt = at.addSecs(1);
    EarningEvent renewal{at, EarningKind::Renewal, 999, 799, QStringLiteral("USD"), QStringLiteral("bo"), QStringLiteral("tx-1"), 0};
    EarningEvent renewalWithItsReference = renewal;
    renewalWithItsReference.fan = QStringLiteral("bo (renamed)"); // the reference decides
    const auto add = [&](const QList<EarningEvent> &statement) {
        return await(m_worker->run<int>(
            [scope, statement](QSqlDatabase &db) { return AnalyticsRepository(db, scope, losAngeles).addEarnings(statement); }));
    };
    QCOMPARE(add({tip, renewal}).value(), 2);
    QCOMPARE(add({sameTipAgain, renewalWithItsReference, secondTip}).value(), 1);
    // The same line twice in one statement counts once; of two lines with one reference, the first stands.
    EarningEvent stream{at.addSecs(2), EarningKind::Stream, 300, 240, QStringLiteral("USD"), QStringLiteral("cy"), {}, 0};
    EarningEvent custom{at.addSecs(3),        EarningKind::Custom,    5000, 4000, QStringLiteral("USD"),
                        QStringLiteral("di"), QStringLiteral("tx-2"), 0};
    EarningEvent customListedAgain = custom;
    customListedAgain.grossCents = 1;
    customListedAgain.netCents = 1;
    QCOMPARE(add({stream, stream, custom, customListedAgain}).value(), 2);
    const Result<QList<EarningsDay>> days = await(m_worker->run<QList<EarningsDay>>([scope](QSqlDatabase &db) {
        return AnalyticsRepository(db, scope, losAngeles).earningsDays(QDate(2026, 3, 28), QDate(2026, 3, 28));
    }));
    QVERIFY(days.ok());
    // 00:30 UTC on 29 March is 17:30 on Saturday the 28th in Los Angeles (summer time, UTC-7).
    QCOMPARE(days.value(),
             (QList<EarningsDay>{{QDate(2026, 3, 28), EarningKind::Custom, 1, 5000, 4000},
                                 {QDate(2026, 3, 28), EarningKind::Stream, 1, 300, 240},
                                 {QDate(2026, 3, 28), EarningKind::Renewal, 1, 999, 799},
                                 {QDate(2026, 3, 28), EarningKind::Tip, 2, 2000, 1600}}));
    const Result<QList<HourOfWeek>> hours = await(m_worker->run<QList<HourOfWeek>>([scope](QSqlDatabase &db) {
        return AnalyticsRepository(db, scope, losAngeles).earningsByHourOfWeek(QDate(2026, 3, 28), QDate(2026, 3, 28));
    }));
    QVERIFY(hours.ok());
    QCOMPARE(hours.value(), (QList<HourOfWeek>{{6, 17, 5, 8299, 6639}}));
    const Result<QList<EarningEvent>> stored = await(m_worker->run<QList<EarningEvent>>(
        [scope, at](QSqlDatabase &db) { return AnalyticsRepository(db, scope, losAngeles).earnings(at, at.addSecs(60)); }));
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().size(), 5);
    QVERIFY(stored.value().contains(custom));
    QVERIFY(stored.value().contains(renewal));
    QVERIFY(stored.value().contains(secondTip));
    // Stored in the very text every other timestamp is (sqlTimestamp): range queries compare them as text on SQLite.
    const Result<QStringList> texts = await(m_worker->run<QStringList>([](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral(
                "SELECT CAST(occurred_at AS TEXT), CAST(local_day AS TEXT) FROM earning_events ORDER BY occurred_at LIMIT 1"))
            || !query.next())
            return Error{ErrorCode::Storage, {}, {}, {}};
        return QStringList{query.value(0).toString(), query.value(1).toString()};
    }));
    QVERIFY(texts.ok());
    if (driver == QLatin1String("sqlite"))
        QCOMPARE(texts.value().first(), sqlTimestamp(at));
    QCOMPARE(texts.value().last(), QStringLiteral("2026-03-28"));
}

void TestEarnings::fanFiguresEqualABruteForceCount()
{
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    QRandomGenerator random(2026);
    QList<EarningEvent> events;
    for (int i = 0; i < 3000; ++i)
        events.append(randomEvent(random));
    for (const QList<EarningEvent> &statement : {events.mid(0, 2000), events.mid(1500)}) {
        QVERIFY(await(m_worker->run<int>([scope, statement](QSqlDatabase &db) {
                    return AnalyticsRepository(db, scope, losAngeles).addEarnings(statement);
                })).ok());
    }
    struct Local {
        QDate day;
        const EarningEvent *event;
    };
    QList<Local> lines;
    std::set<QByteArray> seen;
    for (const EarningEvent &event : events) {
        if (seen.insert(event.identity()).second)
            lines.append({localHour(event.occurredAt, losAngeles).first, &event});
    }
    const auto spendersIn = [&lines](const QDate &from, const QDate &to) {
        std::set<QString> fans;
        for (const Local &line : lines) {
            if (line.day >= from && line.day <= to && line.event->grossCents > 0)
                fans.insert(line.event->fan);
        }
        return static_cast<qint64>(fans.size());
    };
    // Each figure has more than one way to its answer (the fans' days, their
    // lifetime rows, or both): days before the history, in its first and
    // second halves, and after it reach every one.
    for (const QDate &day : {QDate(2024, 6, 1), QDate(2025, 3, 10), QDate(2025, 11, 15), QDate(2026, 6, 1), QDate(2027, 6, 1)}) {
        const QDate from = day.addDays(-45);

        std::map<QString, std::pair<QDate, QDate>> lastSubscribedAndExpired;
        std::map<QString, FanLifetime> lifetimes;
        std::map<QString, std::set<QDate>> subscribedMonths;
        std::map<QString, QDate> cohortOf;
        for (const Local &line : lines) {
            const EarningEvent &event = *line.event;
            if (line.day > day)
                continue;
            auto &[subscribed, expired] = lastSubscribedAndExpired[event.fan];
            const QDate month(line.day.year(), line.day.month(), 1);
            if (event.kind == EarningKind::NewSubscription || event.kind == EarningKind::Renewal) {
                subscribed = std::max(subscribed, line.day);
                subscribedMonths[event.fan].insert(month);
            }
            if (event.kind == EarningKind::NewSubscription && (!cohortOf.count(event.fan) || month < cohortOf[event.fan]))
                cohortOf[event.fan] = month;
            if (event.kind == EarningKind::ExpiredSubscription)
                expired = std::max(expired, line.day);
            if (event.grossCents > 0) {
                FanLifetime &lifetime = lifetimes[event.fan];
                lifetime.fan = event.fan;
                ++lifetime.purchases;
                lifetime.grossCents += event.grossCents;
                lifetime.netCents += event.netCents;
            }
        }
        qint64 active = 0;
        for (const auto &[fan, last] : lastSubscribedAndExpired)
            active += last.first.isValid() && (!last.second.isValid() || last.first > last.second) ? 1 : 0;
        const auto cohortCellsFrom = [&](const QDate &firstMonth) {
            std::map<std::pair<QDate, QDate>, qint64> cells;
            for (const auto &[fan, cohort] : cohortOf) {
                for (const QDate &month : subscribedMonths[fan]) {
                    if (cohort >= firstMonth && month >= cohort)
                        ++cells[{cohort, month}];
                }
            }
            return cells;
        };

        const auto run = [&](auto read) {
            using Value = std::decay_t<decltype(read(std::declval<AnalyticsRepository &>()).value())>;
            return await(m_worker->run<Value>([scope, read](QSqlDatabase &db) {
                AnalyticsRepository repository(db, scope, losAngeles);
                return read(repository);
            }));
        };
        const QString at = day.toString(Qt::ISODate);
        for (const auto &[first, last] : {std::pair{from, day}, std::pair{QDate(2024, 1, 1), day}, std::pair{from, QDate(2028, 1, 1)}}) {
            QCOMPARE(run([first, last](AnalyticsRepository &r) { return r.spenders(first, last); }).value(), spendersIn(first, last));
        }
        QCOMPARE(run([day](AnalyticsRepository &r) { return r.activeSubscribers(day); }).value(), active);
        const QList<FanLifetime> gotLifetimes = run([day](AnalyticsRepository &r) { return r.fanLifetimes(day); }).value();
        QCOMPARE(static_cast<std::size_t>(gotLifetimes.size()), lifetimes.size());
        for (const FanLifetime &got : gotLifetimes) {
            const FanLifetime &want = lifetimes.at(got.fan);
            QCOMPARE(got.purchases, want.purchases);
            QCOMPARE(got.grossCents, want.grossCents);
            QCOMPARE(got.netCents, want.netCents);
        }
        for (const QDate &firstMonth : {QDate(2024, 1, 1), firstCohortMonth({from, day})}) {
            const std::map<std::pair<QDate, QDate>, qint64> cohortCells = cohortCellsFrom(firstMonth);
            const QList<CohortActivity> gotCohorts
                = run([firstMonth, day](AnalyticsRepository &r) { return r.cohortActivity(firstMonth, day); }).value();
            QVERIFY2(static_cast<std::size_t>(gotCohorts.size()) == cohortCells.size(), qPrintable(at));
            for (const CohortActivity &cell : gotCohorts) {
                QVERIFY2(cohortCells.count({cell.cohort, cell.month}) == 1,
                         qPrintable(cell.cohort.toString(Qt::ISODate) + QLatin1Char(' ') + cell.month.toString(Qt::ISODate)));
                QCOMPARE(cell.fans, (cohortCells.at({cell.cohort, cell.month})));
            }
        }
    }
}

void TestEarnings::anExpiryOnTheDayOfARenewalEndsIt()
{
    // Days, not instants, decide: a statement lists a renewal and an expiry
    // of one day in no reliable order, and the fan is counted as gone.
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    const QDateTime morning(QDate(2026, 3, 10), QTime(9, 0), Qt::UTC);
    const QList<EarningEvent> statement{
        {morning.addDays(-30), EarningKind::NewSubscription, 999, 799, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0},
        {morning.addSecs(3600), EarningKind::ExpiredSubscription, 0, 0, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0},
        {morning, EarningKind::Renewal, 999, 799, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0},
        {morning.addDays(-30), EarningKind::NewSubscription, 999, 799, QStringLiteral("USD"), QStringLiteral("bo"), {}, 0},
        {morning.addDays(2), EarningKind::NewSubscription, 999, 799, QStringLiteral("USD"), QStringLiteral("cy"), {}, 0},
    };
    QCOMPARE(await(m_worker->run<int>([scope, statement](QSqlDatabase &db) {
                 return AnalyticsRepository(db, scope, losAngeles).addEarnings(statement);
             })).value(),
             statement.size());
    const auto active = [&](const QDate &day) { return activeSubscribers(scope, day).value(); };
    QCOMPARE(active(QDate(2026, 3, 9)), 2); // ana and bo (ana from her days: her subscription moved after)
    QCOMPARE(active(QDate(2026, 3, 10)), 1); // bo: ana's renewal and expiry fell on one day (her lifetime row)
    QCOMPARE(active(QDate(2026, 3, 12)), 2); // bo and cy, on the last day with earnings (their lifetime rows)
    QCOMPARE(active(QDate(2027, 1, 1)), 2); // after it (their lifetime rows)
}

void TestEarnings::fanCountsOnEveryDayEqualABruteForceCount_data()
{
    driversAndSeeds({7u, 31u, 2026u});
}

void TestEarnings::fanCountsOnEveryDayEqualABruteForceCount()
{
    // The subscriber changes kept by day are worked out again for each fan an
    // import moves, from the first day it moves them, and the spenders by
    // period from the purchase days around each new one: statements of any
    // period, imported in any order, some twice, must leave every day's
    // counts what the lines say. Few fans, so that most imports move a fan's
    // subscription and add purchases before, between and after days already counted.
    QFETCH(QString, driver);
    QFETCH(quint32, seed);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    QRandomGenerator random(seed);
    QList<EarningEvent> events;
    for (int i = 0; i < 1500; ++i) {
        EarningEvent event = randomEvent(random);
        event.fan = QStringLiteral("fan%1").arg(random.bounded(25));
        if (random.bounded(3) != 0) { // mostly subscriptions: many moves per fan
            static const EarningKind moves[] = {EarningKind::NewSubscription, EarningKind::Renewal, EarningKind::ExpiredSubscription};
            event.kind = moves[random.bounded(3)];
            event.grossCents = event.kind == EarningKind::ExpiredSubscription ? 0 : 999;
            event.netCents = event.grossCents * 8 / 10;
            event.memberId = 0;
        }
        events.append(event);
    }
    // Statements of four months each, in any order: each comes before, between or after the days of a fan counted so far.
    QList<EarningEvent> inTimeOrder = events;
    std::sort(inTimeOrder.begin(), inTimeOrder.end(),
              [](const EarningEvent &a, const EarningEvent &b) { return a.occurredAt < b.occurredAt; });
    QList<QList<EarningEvent>> statements;
    for (int start = 0; start < inTimeOrder.size(); start += 250)
        statements.append(inTimeOrder.mid(start, 250));
    statements.append(statements.at(random.bounded(static_cast<int>(statements.size())))); // one imported twice
    std::shuffle(statements.begin(), statements.end(), std::mt19937(seed));
    for (const QList<EarningEvent> &statement : std::as_const(statements)) {
        const Result<int> added = await(m_worker->run<int>(
            [scope, statement](QSqlDatabase &db) { return AnalyticsRepository(db, scope, losAngeles).addEarnings(statement); }));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().detail));
    }

    std::map<QString, std::vector<std::pair<QDate, EarningKind>>> movesOf;
    std::vector<std::pair<QDate, QString>> purchases;
    std::set<QByteArray> seen;
    for (const EarningEvent &event : std::as_const(events)) {
        if (!seen.insert(event.identity()).second)
            continue;
        const QDate day = localHour(event.occurredAt, losAngeles).first;
        if (isSubscriptionMove(event.kind))
            movesOf[event.fan].emplace_back(day, event.kind);
        if (event.grossCents > 0)
            purchases.emplace_back(day, event.fan);
    }
    const auto spentIn = [&purchases](const QDate &from, const QDate &to) {
        std::set<QString> fans;
        for (const auto &[day, fan] : purchases) {
            if (day >= from && day <= to)
                fans.insert(fan);
        }
        return static_cast<qint64>(fans.size());
    };
    const auto subscribedOn = [&movesOf](const QDate &day) {
        qint64 count = 0;
        for (const auto &[fan, moves] : movesOf) {
            QDate subscribed, expired;
            for (const auto &[when, kind] : moves) {
                if (when > day)
                    continue;
                QDate &last = kind == EarningKind::ExpiredSubscription ? expired : subscribed;
                last = last.isValid() ? std::max(last, when) : when;
            }
            count += subscribed.isValid() && (!expired.isValid() || subscribed > expired) ? 1 : 0;
        }
        return count;
    };
    for (QDate day(2024, 12, 25); day <= QDate(2027, 1, 10); day = day.addDays(5)) {
        const Result<qint64> got = activeSubscribers(scope, day);
        QVERIFY(got.ok());
        QVERIFY2(got.value() == subscribedOn(day),
                 qPrintable(QStringLiteral("%1: %2 instead of %3").arg(day.toString(Qt::ISODate)).arg(got.value()).arg(subscribedOn(day))));
        for (const int length : {7, 30, 90, 365, 366}) {
            const Result<qint64> spent = spenders(scope, length, day);
            QVERIFY(spent.ok());
            const qint64 want = spentIn(day.addDays(1 - length), day);
            QVERIFY2(spent.value() == want,
                     qPrintable(QStringLiteral("%1 days to %2: %3 spenders instead of %4")
                                    .arg(length)
                                    .arg(day.toString(Qt::ISODate))
                                    .arg(spent.value())
                                    .arg(want)));
        }
    }
}

void TestEarnings::twoImportsAtOnceCountEachSubscriberOnce()
{
    // Two statements of one creator imported at once on a server, each in its
    // own transaction: the second must see the first's subscriptions before
    // it works its changes out. Here the first holds its transaction open
    // until the second has either finished or is seen waiting for it.
    if (!m_postgres->isRunning())
        QSKIP("no PostgreSQL server on this machine");
    open(QStringLiteral("postgresql"));
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    SqlWorker second(m_worker->config());
    SqlWorker watcher(m_worker->config());
    const auto line = [](int day, EarningKind kind) {
        const qint64 cents = kind == EarningKind::ExpiredSubscription ? 0 : 999;
        return EarningEvent{QDateTime(QDate(2026, 3, day), QTime(12, 0), Qt::UTC),
                            kind,
                            cents,
                            cents * 8 / 10,
                            QStringLiteral("USD"),
                            QStringLiteral("ana"),
                            {},
                            0};
    };
    // Alone, each statement would count ana as gained once; together she
    // subscribes, expires and comes back: one subscriber, not two.
    const QList<EarningEvent> first{line(1, EarningKind::NewSubscription)};
    const QList<EarningEvent> later{line(10, EarningKind::ExpiredSubscription), line(20, EarningKind::NewSubscription)};
    QSemaphore imported, commit;
    const QFuture<Result<int>> holding = m_worker->run<int>([&, scope](QSqlDatabase &db) -> Result<int> {
        Transaction transaction(db);
        const Result<int> added = AnalyticsRepository(db, scope, losAngeles).addEarnings(first);
        imported.release();
        commit.acquire();
        if (!added.ok())
            return added;
        if (Result<void> committed = transaction.commit(); !committed.ok())
            return committed.error();
        return added;
    });
    QVERIFY(QTest::qWaitFor([&] { return imported.tryAcquire(); }, test::workLimitMs));
    const QFuture<Result<int>> waiting
        = second.run<int>([scope, later](QSqlDatabase &db) { return AnalyticsRepository(db, scope, losAngeles).addEarnings(later); });
    const auto waitsForALock = [&watcher] {
        return await(watcher.run<bool>([](QSqlDatabase &db) -> Result<bool> {
                   QSqlQuery query(db);
                   if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE NOT granted")) || !query.next())
                       return Error{ErrorCode::Storage, query.lastError().text(), {}, {}};
                   return query.value(0).toLongLong() > 0;
               }))
            .value();
    };
    QVERIFY(QTest::qWaitFor([&] { return waiting.isFinished() || waitsForALock(); }, test::workLimitMs));
    commit.release();
    const Result<int> firstAdded = await(holding);
    QVERIFY2(firstAdded.ok(), qPrintable(firstAdded.ok() ? QString() : firstAdded.error().detail));
    QCOMPARE(firstAdded.value(), 1);
    const Result<int> laterAdded = await(waiting);
    QVERIFY2(laterAdded.ok(), qPrintable(laterAdded.ok() ? QString() : laterAdded.error().detail));
    QCOMPARE(laterAdded.value(), 2);
    const auto active = [&](const QDate &day) { return activeSubscribers(scope, day).value(); };
    QCOMPARE(active(QDate(2026, 3, 5)), 1);
    QCOMPARE(active(QDate(2026, 3, 12)), 0);
    QCOMPARE(active(QDate(2026, 3, 25)), 1);
    // Her purchase on the 1st is not her last one in the 30 days to the 25th any more: one spender, not two.
    QCOMPARE(spenders(scope, 30, QDate(2026, 3, 25)).value(), 1);
}

void TestEarnings::anOlderDatabaseGetsItsFanCountsByDay()
{
    // A file (or server) of the version before the subscriber changes and the
    // spenders by period kept by day: the migrations work them out from the fans' days.
    QFETCH(QString, driver);
    // The versions before 0021_earning_subscriber_days.sql (SQLite) and 0032_earning_subscriber_days.sql (PostgreSQL).
    open(driver, driver == QLatin1String("sqlite") ? 20 : 31);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    // ana subscribes, expires and comes back; bo's subscription ends the day it
    // starts; cy renews without a first subscription in the data.
    // (The days with earnings too: the repository reads none of a creator without them.)
    const QStringList before{
        QStringLiteral("INSERT INTO earning_fan_days VALUES (%1, %2, '2026-03-01', 'ana', 1, 999, 799, 1, 0, 0), "
                       "(%1, %2, '2026-03-10', 'ana', 0, 0, 0, 0, 0, 1), (%1, %2, '2026-03-15', 'ana', 1, 999, 799, 0, 1, 0), "
                       "(%1, %2, '2026-03-05', 'bo', 1, 999, 799, 1, 0, 1), (%1, %2, '2026-03-02', 'cy', 1, 999, 799, 0, 1, 0), "
                       "(%1, %2, '2026-03-03', 'cy', 2, 5000, 4000, 0, 0, 0)"),
        QStringLiteral("INSERT INTO earning_days VALUES (%1, %2, '2026-03-01', 'subscription_new', 1, 999, 799), "
                       "(%1, %2, '2026-03-15', 'subscription_renewal', 1, 999, 799)"),
    };
    const Result<bool> written = await(m_worker->run<bool>([&before, scope](QSqlDatabase &db) -> Result<bool> {
        for (const QString &sql : before) {
            QSqlQuery query(db);
            if (!query.exec(sql.arg(scope.agencyId).arg(scope.creatorId)))
                return Error{ErrorCode::Storage, query.lastError().text(), {}, {}};
        }
        return true;
    }));
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QVERIFY(migrate().ok());
    const auto active = [&](const QDate &day) { return activeSubscribers(scope, day).value(); };
    QCOMPARE(active(QDate(2026, 2, 28)), 0);
    QCOMPARE(active(QDate(2026, 3, 1)), 1);
    QCOMPARE(active(QDate(2026, 3, 2)), 2);
    QCOMPARE(active(QDate(2026, 3, 5)), 2);
    QCOMPARE(active(QDate(2026, 3, 10)), 1);
    QCOMPARE(active(QDate(2026, 3, 15)), 2);
    QCOMPARE(active(QDate(2027, 1, 1)), 2);
    // They paid on: ana the 1st and 15th, bo the 5th, cy the 2nd and 3rd.
    QCOMPARE(spenders(scope, 7, QDate(2026, 3, 3)).value(), 2);
    QCOMPARE(spenders(scope, 7, QDate(2026, 3, 7)).value(), 3);
    QCOMPARE(spenders(scope, 7, QDate(2026, 3, 14)).value(), 0);
    QCOMPARE(spenders(scope, 7, QDate(2026, 3, 15)).value(), 1);
    QCOMPARE(spenders(scope, 30, QDate(2026, 4, 1)).value(), 3);
    QCOMPARE(spenders(scope, 30, QDate(2026, 4, 2)).value(), 2);
    QCOMPARE(spenders(scope, 366, QDate(2027, 3, 14)).value(), 1); // ana's second purchase alone
}

void TestEarnings::anOlderDatabaseKeepsItsEarnings()
{
    // A file (or server) of the version before the daily and hourly roll-ups:
    // its hour-and-kind roll-ups become days and hours, and each fan gets
    // their first and last purchase days.
    QFETCH(QString, driver);
    // The versions before 0013_earning_days_and_hours.sql (SQLite) and 0023_earning_days_and_hours.sql (PostgreSQL).
    open(driver, driver == QLatin1String("sqlite") ? 12 : 22);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    const QStringList before{
        QStringLiteral("INSERT INTO earning_rollups VALUES (%1, %2, '2026-03-02', 9, 'tip', 2, 3000, 2400), "
                       "(%1, %2, '2026-03-02', 21, 'tip', 1, 500, 400), (%1, %2, '2026-03-02', 21, 'paid_message', 1, 800, 640), "
                       "(%1, %2, '2026-03-08', 21, 'subscription_expired', 1, 0, 0)"),
        QStringLiteral("INSERT INTO earning_fan_days VALUES (%1, %2, '2026-03-02', 'ana', 3, 4300, 3440, 0, 0, 0), "
                       "(%1, %2, '2026-03-08', 'ana', 0, 0, 0, 0, 0, 1)"),
        QStringLiteral("INSERT INTO earning_fans VALUES (%1, %2, 'ana', 3, 4300, 3440, NULL, NULL, '2026-03-08')"),
    };
    const Result<bool> written = await(m_worker->run<bool>([&before, scope](QSqlDatabase &db) -> Result<bool> {
        for (const QString &sql : before) {
            QSqlQuery query(db);
            if (!query.exec(sql.arg(scope.agencyId).arg(scope.creatorId)))
                return Error{ErrorCode::Storage, query.lastError().text(), {}, {}};
        }
        return true;
    }));
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QVERIFY(migrate().ok());

    const auto read = [&](auto what) {
        using Value = std::decay_t<decltype(what(std::declval<AnalyticsRepository &>()).value())>;
        return await(m_worker->run<Value>([scope, what](QSqlDatabase &db) {
            AnalyticsRepository repository(db, scope, losAngeles);
            return what(repository);
        }));
    };
    QCOMPARE(read([](AnalyticsRepository &r) { return r.earningsDays(QDate(2026, 3, 1), QDate(2026, 3, 31)); }).value(),
             (QList<EarningsDay>{{QDate(2026, 3, 2), EarningKind::PaidMessage, 1, 800, 640},
                                 {QDate(2026, 3, 2), EarningKind::Tip, 3, 3500, 2800},
                                 {QDate(2026, 3, 8), EarningKind::ExpiredSubscription, 1, 0, 0}}));
    QCOMPARE(read([](AnalyticsRepository &r) { return r.earningsByHourOfWeek(QDate(2026, 3, 1), QDate(2026, 3, 31)); }).value(),
             (QList<HourOfWeek>{{1, 9, 2, 3000, 2400}, {1, 21, 2, 1300, 1040}, {7, 21, 1, 0, 0}}));
    // The first and last purchase days answer ranges that reach either end of the history.
    QCOMPARE(read([](AnalyticsRepository &r) { return r.spenders(QDate(2026, 3, 3), QDate(2026, 12, 31)); }).value(), 0);
    QCOMPARE(read([](AnalyticsRepository &r) { return r.spenders(QDate(2026, 3, 2), QDate(2026, 12, 31)); }).value(), 1);
    QCOMPARE(read([](AnalyticsRepository &r) { return r.spenders(QDate(2026, 1, 1), QDate(2026, 3, 1)); }).value(), 0);
    QCOMPARE(read([](AnalyticsRepository &r) { return r.spenders(QDate(2026, 1, 1), QDate(2026, 3, 2)); }).value(), 1);
}

void TestEarnings::theDashboardIsForRolesThatSeeEarnings()
{
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    const QDateTime at(QDate(2026, 3, 10), QTime(18, 0), Qt::UTC);
    const QList<EarningEvent> statement{
        {at, EarningKind::NewSubscription, 999, 799, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0},
        {at.addDays(1), EarningKind::Tip, 5000, 4000, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0},
        {at.addDays(2), EarningKind::Tip, 1000, 800, QStringLiteral("USD"), QStringLiteral("bo"), {}, 0},
    };
    const auto dashboardFor = [&](agency::Preset preset) {
        return await(m_worker->run<Dashboard>([scope, statement, preset](QSqlDatabase &db) -> Result<Dashboard> {
            Result<agency::Membership> member = AgencyRepository(db).membership(scope.agencyId, scope.userId);
            if (!member.ok())
                return member.error();
            member.value().role = agency::Role::preset(preset);
            if (preset == agency::Preset::Owner) {
                const Result<int> added = AnalyticsService::importEarnings(db, member.value(), scope.creatorId, statement);
                if (!added.ok())
                    return added.error();
            }
            DashboardRequest request;
            request.range = {QDate(2026, 3, 1), QDate(2026, 3, 31)};
            request.amount = Amount::Gross;
            return AnalyticsService::dashboard(db, member.value(), scope.creatorId, request);
        }));
    };
    const Result<Dashboard> owners = dashboardFor(agency::Preset::Owner);
    QVERIFY2(owners.ok(), qPrintable(owners.ok() ? QString() : owners.error().detail + owners.error().message));
    QCOMPARE(owners.value().current.cents, 6999);
    QCOMPARE(owners.value().spenders.current, 2);
    QCOMPARE(owners.value().activeSubscribers.current, 1);
    QCOMPARE(owners.value().earningsPerSpender(), std::optional<qint64>(3500)); // 69.99 / 2, rounded
    QCOMPARE(owners.value().series.buckets.size(), 31);
    QCOMPARE(owners.value().cohorts.last().subscribers, 1);
    const Result<Dashboard> chatters = dashboardFor(agency::Preset::Chatter);
    QVERIFY(!chatters.ok());
    QCOMPARE(chatters.error().code, ErrorCode::Forbidden);
}

void TestEarnings::postgresKeepsAMonthPerPartition()
{
    if (!m_postgres->isRunning())
        QSKIP("no PostgreSQL server on this machine");
    open(QStringLiteral("postgresql"));
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    QList<EarningEvent> events;
    for (const QDate &day : {QDate(2025, 11, 30), QDate(2026, 1, 1), QDate(2026, 2, 14)})
        events.append({QDateTime(day, QTime(23, 59), Qt::UTC), EarningKind::Tip, 500, 400, QStringLiteral("USD"), {}, {}, 0});
    QCOMPARE(await(m_worker->run<int>([scope, events](QSqlDatabase &db) {
                 return AnalyticsRepository(db, scope, losAngeles).addEarnings(events);
             })).value(),
             3);
    const Result<QStringList> partitions = await(m_worker->run<QStringList>([](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                                       "WHERE i.inhparent = 'earning_events'::regclass ORDER BY 1")))
            return Error{ErrorCode::Storage, {}, {}, {}};
        QStringList names;
        while (query.next())
            names.append(query.value(0).toString());
        return names;
    }));
    QVERIFY(partitions.ok());
    // Every month from the first to the last, so none is missing when a later statement fills a gap.
    QCOMPARE(partitions.value(),
             (QStringList{QStringLiteral("earning_events_2025_11"), QStringLiteral("earning_events_2025_12"),
                          QStringLiteral("earning_events_2026_01"), QStringLiteral("earning_events_2026_02")}));
    // The owner's function partitions the two event tables and nothing else.
    const Result<QString> refused = await(m_worker->run<QString>([](QSqlDatabase &db) -> Result<QString> {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT huntaze_month_partitions('fans', now(), now())")))
            return QString();
        return query.lastError().databaseText();
    }));
    QVERIFY2(refused.value().contains(QStringLiteral("is not a table it partitions")), qPrintable(refused.value()));
}

void TestEarnings::badLinesAreRefusedByName_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    const QByteArray good = R"("occurredAt":"2026-03-01T18:30:00Z","kind":"tip","gross":12.5)";
    QTest::newRow("no offset") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00","kind":"tip"})") << QStringLiteral("occurredAt");
    QTest::newRow("not a time") << QByteArray(R"({"occurredAt":"yesterday","kind":"tip"})") << QStringLiteral("occurredAt");
    QTest::newRow("a typo of a year") << QByteArray(R"({"occurredAt":"20226-03-01T18:30:00Z","kind":"tip"})")
                                      << QStringLiteral("occurredAt");
    QTest::newRow("before 2000") << QByteArray(R"({"occurredAt":"1999-12-31T23:59:59Z","kind":"tip"})") << QStringLiteral("occurredAt");
    QTest::newRow("unknown kind") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"gift"})") << QStringLiteral("kind");
    QTest::newRow("kind as a number") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":3})") << QStringLiteral("kind");
    QTest::newRow("net above gross") << "{" + good + R"(,"net":13})" << QStringLiteral("net");
    QTest::newRow("fractions of a cent") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"tip","gross":0.001})")
                                         << QStringLiteral("gross");
    QTest::newRow("negative") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"tip","gross":-5})") << QStringLiteral("gross");
    QTest::newRow("huge") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"tip","gross":1e300})") << QStringLiteral("gross");
    QTest::newRow("amount as text") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"tip","gross":"12.50"})")
                                    << QStringLiteral("gross");
    QTest::newRow("an expired subscription with money")
        << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"subscription_expired","gross":5})") << QStringLiteral("gross");
    QTest::newRow("a tip of nothing") << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"tip","gross":1e-300})")
                                      << QStringLiteral("gross");
    QTest::newRow("a paid message without an amount")
        << QByteArray(R"({"occurredAt":"2026-03-01T18:30:00Z","kind":"paid_message"})") << QStringLiteral("gross");
    QTest::newRow("another currency") << "{" + good + R"(,"currency":"EUR"})" << QStringLiteral("currency");
    QTest::newRow("a long fan name") << "{" + good + R"(,"fan":")" + QByteArray(201, 'a') + R"("})" << QStringLiteral("fan");
    QTest::newRow("a member that is not an id") << "{" + good + R"(,"memberId":1.5})" << QStringLiteral("memberId");
}

void TestEarnings::badLinesAreRefusedByName()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    QVERIFY(!object.isEmpty());
    const Result<EarningEvent> parsed = EarningEvent::parse(object, QStringLiteral("USD"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, field);
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestEarnings::aLineRoundTripsThroughJson()
{
    const EarningEvent event{QDateTime(QDate(2026, 3, 1), QTime(18, 30, 5, 120), Qt::UTC),
                             EarningKind::MassMessage,
                             1250,
                             1000,
                             QStringLiteral("EUR"),
                             QStringLiteral("Ana"),
                             QStringLiteral("st-9"),
                             4};
    const Result<EarningEvent> parsed = EarningEvent::parse(event.toJson(), QStringLiteral("eur"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value(), event);
    // An offset is taken for what it says.
    const Result<EarningEvent> paris
        = EarningEvent::parse(QJsonObject{{QStringLiteral("occurredAt"), QStringLiteral("2026-03-01T19:30:05.120+01:00")},
                                          {QStringLiteral("kind"), QStringLiteral("tip")},
                                          {QStringLiteral("gross"), 5}},
                              QStringLiteral("EUR"));
    QVERIFY(paris.ok());
    QCOMPARE(paris.value().occurredAt, event.occurredAt);
    QCOMPARE(paris.value().netCents, 500); // the gross when no net is given
}

QTEST_GUILESS_MAIN(TestEarnings)
#include "tst_earnings.moc"

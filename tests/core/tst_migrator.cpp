#include "storage/migrator.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace huntaze;

class TestMigrator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void freshDatabaseGetsLatestSchema();
    void upgradeFromVersion1KeepsAccounts();
    void migratingTwiceChangesNothing();
    void newerSchemaIsRefusedUntouched();
    void failingStepRollsBackAndStops();
    void splitStatements_data();
    void splitStatements();

private:
    QStringList tables();
    QStringList columns(const QString &table);
    int scalar(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QSqlDatabase m_db;
};

void TestMigrator::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("migrator-test"));
    m_db.setDatabaseName(m_dir->filePath(QStringLiteral("test.sqlite")));
    QVERIFY(m_db.open());
}

void TestMigrator::cleanup()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("migrator-test"));
}

QStringList TestMigrator::tables()
{
    QStringList names = m_db.tables();
    names.sort();
    return names;
}

QStringList TestMigrator::columns(const QString &table)
{
    QStringList names;
    const QSqlRecord record = m_db.record(table);
    for (int i = 0; i < record.count(); ++i)
        names.append(record.fieldName(i));
    return names;
}

int TestMigrator::scalar(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

void TestMigrator::freshDatabaseGetsLatestSchema()
{
    const Migrator migrator;
    QVERIFY(migrator.latestVersion() >= 2);
    const Result<int> reached = migrator.migrate(m_db);
    QVERIFY2(reached.ok(), qPrintable(reached.ok() ? QString() : reached.error().detail));
    QCOMPARE(reached.value(), migrator.latestVersion());
    QCOMPARE(Migrator::currentVersion(m_db).value(), migrator.latestVersion());
    for (const char *table : {"users", "sessions", "agencies", "creators", "members", "member_creators", "schema_migrations"})
        QVERIFY2(tables().contains(QString::fromLatin1(table)), table);
    QVERIFY(!tables().contains(QStringLiteral("profiles")));
    QVERIFY(!columns(QStringLiteral("users")).contains(QStringLiteral("display_name")));
    QVERIFY(columns(QStringLiteral("creators")).contains(QStringLiteral("time_zone")));
    QVERIFY(!columns(QStringLiteral("fans")).contains(QStringLiteral("user_id")));
}

void TestMigrator::upgradeFromVersion1KeepsAccounts()
{
    const Migrator migrator;
    QCOMPARE(migrator.migrate(m_db, 1).value(), 1);
    QSqlQuery insert(m_db);
    QVERIFY(insert.exec(QStringLiteral("INSERT INTO users (email, password_hash, display_name, created_at) "
                                       "VALUES ('mia@example.com', '$argon2id$fake', 'Mia Rose', '2026-01-01T00:00:00Z')")));

    const Result<int> reached = migrator.migrate(m_db);
    QVERIFY(reached.ok());
    QCOMPARE(reached.value(), migrator.latestVersion());

    QSqlQuery query(m_db);
    QVERIFY(
        query.exec(QStringLiteral("SELECT u.email, u.password_hash, c.display_name FROM users u "
                                  "JOIN members m ON m.user_id = u.id AND m.role = 'owner' JOIN creators c ON c.agency_id = m.agency_id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("mia@example.com"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("$argon2id$fake"));
    QCOMPARE(query.value(2).toString(), QStringLiteral("Mia Rose"));
    QVERIFY(!query.next());
}

void TestMigrator::migratingTwiceChangesNothing()
{
    const Migrator migrator;
    QVERIFY(migrator.migrate(m_db).ok());
    const int rows = scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
    QCOMPARE(migrator.migrate(m_db).value(), migrator.latestVersion());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")), rows);
}

void TestMigrator::newerSchemaIsRefusedUntouched()
{
    const Migrator migrator;
    QVERIFY(migrator.migrate(m_db).ok());
    const int future = migrator.latestVersion() + 1;
    QSqlQuery query(m_db);
    QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (%1, 'later')").arg(future)));
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE from_the_future (x INTEGER)")));
    const QStringList before = tables();

    const Result<int> refused = migrator.migrate(m_db);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::SchemaTooNew);
    QVERIFY2(refused.error().message.contains(QString::number(future)), qPrintable(refused.error().message));
    QCOMPARE(tables(), before);
    QCOMPARE(Migrator::currentVersion(m_db).value(), future);
}

void TestMigrator::failingStepRollsBackAndStops()
{
    QTemporaryDir scripts;
    auto write = [&](const QString &name, const QByteArray &sql) {
        QFile file(scripts.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sql);
    };
    write(QStringLiteral("0001_good.sql"), "CREATE TABLE a (x INTEGER);");
    write(QStringLiteral("0002_bad.sql"), "CREATE TABLE b (x INTEGER);\nINSERT INTO no_such_table VALUES (1);");
    write(QStringLiteral("0003_never.sql"), "CREATE TABLE c (x INTEGER);");

    const Migrator migrator(scripts.path());
    QCOMPARE(migrator.latestVersion(), 3);
    const Result<int> result = migrator.migrate(m_db);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Storage);
    QVERIFY(!result.error().message.contains(QStringLiteral("no_such_table")));
    QCOMPARE(Migrator::currentVersion(m_db).value(), 1);
    QVERIFY(tables().contains(QStringLiteral("a")));
    QVERIFY(!tables().contains(QStringLiteral("b")));
    QVERIFY(!tables().contains(QStringLiteral("c")));
}

void TestMigrator::splitStatements_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("two") << QStringLiteral("SELECT 1;\nSELECT 2;") << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
    QTest::newRow("no final semicolon") << QStringLiteral("SELECT 1") << QStringList{QStringLiteral("SELECT 1")};
    QTest::newRow("semicolon in string") << QStringLiteral("INSERT INTO t VALUES ('a;b');")
                                         << QStringList{QStringLiteral("INSERT INTO t VALUES ('a;b')")};
    QTest::newRow("line comment") << QStringLiteral("-- setup; not a statement\nSELECT 1;") << QStringList{QStringLiteral("SELECT 1")};
    QTest::newRow("block comment") << QStringLiteral("/* a; b */ SELECT 1;") << QStringList{QStringLiteral("SELECT 1")};
    QTest::newRow("only comments") << QStringLiteral("-- nothing\n/* here */") << QStringList{};
    QTest::newRow("quoted identifier") << QStringLiteral("SELECT \"a;b\" FROM t;") << QStringList{QStringLiteral("SELECT \"a;b\" FROM t")};
    QTest::newRow("dollar-quoted body") << QStringLiteral("CREATE FUNCTION f() AS $$ SELECT 1; SELECT 2; $$;\nSELECT 3;")
                                        << QStringList{QStringLiteral("CREATE FUNCTION f() AS $$ SELECT 1; SELECT 2; $$"),
                                                       QStringLiteral("SELECT 3")};
    QTest::newRow("tagged dollar quote") << QStringLiteral("DO $body$ BEGIN PERFORM 1; END $body$; SELECT 4")
                                         << QStringList{QStringLiteral("DO $body$ BEGIN PERFORM 1; END $body$"),
                                                        QStringLiteral("SELECT 4")};
    QTest::newRow("a parameter is not a quote")
        << QStringLiteral("SELECT $1; SELECT 5;") << QStringList{QStringLiteral("SELECT $1"), QStringLiteral("SELECT 5")};
}

void TestMigrator::splitStatements()
{
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(Migrator::splitStatements(script), statements);
}

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"

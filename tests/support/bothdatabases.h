#pragma once

#include "storage/databaseconfig.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "temppostgres.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace huntaze::test {

// What a test run on SQLite and PostgreSQL alike needs: a PostgreSQL of its
// own (started once), a fresh database per test function, migrated, and its
// worker. Use: start() in initTestCase, addDriverRows() in a _data function,
// missingPostgres() in init (then QSKIP), open(driver) in the test, reset() in cleanup.
class BothDatabases
{
public:
    explicit BothDatabases(QString prefix) : m_prefix(std::move(prefix)) {}

    // Empty when ready; else why PostgreSQL could not start and it is required (fail the test).
    QString start()
    {
        m_postgres = std::make_unique<TempPostgres>();
        return !m_postgres->isRunning() && TempPostgres::required() ? m_postgres->error() : QString();
    }
    static void addDriverRows()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    // The current row wants PostgreSQL and this machine has none.
    bool missingPostgres() const
    {
        const QByteArray tag = QTest::currentDataTag() ? QByteArray(QTest::currentDataTag()) : QByteArray();
        return tag.startsWith("postgresql") && !m_postgres->isRunning();
    }
    // `version`: migrated only that far, as an older file or server was (migrate() finishes).
    SqlWorker &open(const QString &driver, std::optional<int> version = std::nullopt)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        ++m_databases;
        const DatabaseConfig config = driver == QLatin1String("sqlite")
            ? DatabaseConfig::sqlite(m_dir->filePath(QStringLiteral("%1-%2.sqlite").arg(m_prefix).arg(m_databases)))
            : m_postgres->createDatabase(QStringLiteral("%1_%2").arg(m_prefix).arg(m_databases));
        m_worker = std::make_unique<SqlWorker>(config);
        migrate(version);
        return *m_worker;
    }
    // Migrates the database last opened up to `version`, or to the newest.
    void migrate(std::optional<int> version = std::nullopt)
    {
        const QString migrations = m_worker->config().migrationsDirectory();
        const Result<int> migrated
            = await(m_worker->run<int>([migrations, version](QSqlDatabase &db) { return Migrator(migrations).migrate(db, version); }));
        if (!migrated.ok())
            qFatal("migration failed: %s", qPrintable(migrated.error().detail));
    }
    void reset()
    {
        m_worker.reset();
        m_dir.reset();
    }

private:
    QString m_prefix;
    std::unique_ptr<TempPostgres> m_postgres;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqlWorker> m_worker;
    int m_databases = 0;
};

} // namespace huntaze::test

#pragma once

#include "common/result.h"
#include "storage/databaseconfig.h"
#include "storage/databasehealth.h"

#include <QFuture>
#include <QJsonObject>
#include <QPromise>
#include <QSqlDatabase>
#include <QString>
#include <QThreadPool>
#include <QVariant>

#include <functional>
#include <memory>

namespace huntaze {

// One worker thread that owns one database connection (SQLite or PostgreSQL).
// Every database job runs there, one after another, so the UI thread never
// waits on disk and no connection is shared across threads (QSqlDatabase
// forbids that).
class SqlWorker
{
public:
    // Workers of one pool share `health` (PostgreSQL); without one, a worker keeps its own.
    explicit SqlWorker(DatabaseConfig config, std::shared_ptr<DatabaseHealth> health = {});
    // Waits for queued jobs, then closes the connection on its own thread.
    ~SqlWorker();

    SqlWorker(const SqlWorker &) = delete;
    SqlWorker &operator=(const SqlWorker &) = delete;

    const DatabaseConfig &config() const { return m_config; }

    template <typename T> QFuture<Result<T>> run(std::function<Result<T>(QSqlDatabase &)> job)
    {
        // A QPromise rather than QtConcurrent::run: waiting on a QtConcurrent
        // future may run the job on the waiting thread, away from the connection.
        auto promise = std::make_shared<QPromise<Result<T>>>();
        promise->start();
        QFuture<Result<T>> future = promise->future();
        m_pool.start([this, promise, job = std::move(job)] {
            Result<QSqlDatabase> db = connection();
            if (!db.ok()) {
                promise->addResult(Result<T>(db.error()));
            } else {
                Result<T> result = job(db.value());
                // A job cut by a lost connection is the outage's error (503), not the job's.
                if (!result.ok()) {
                    if (dropConnectionIfBroken(db.value(), result.error().detail))
                        result = Result<T>(m_health->unavailable());
                    else
                        logFailure(result.error());
                }
                promise->addResult(std::move(result));
            }
            promise->finish();
        });
        return future;
    }

    // Blocks until every job queued so far has finished. For shutdown and tests.
    void waitForIdle();

private:
    Result<QSqlDatabase> connection();
    // A PostgreSQL server that restarted leaves a dead connection behind;
    // closing it lets the next job connect afresh instead of failing forever.
    // True when it was broken.
    bool dropConnectionIfBroken(QSqlDatabase &db, const QString &jobError);
    static void logFailure(const Error &error);

    DatabaseConfig m_config;
    std::shared_ptr<DatabaseHealth> m_health;
    QString m_connectionName;
    QThreadPool m_pool;
};

// A string to bind to a NOT NULL text column: QSqlQuery binds a null QString as NULL.
inline QString sqlText(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// JSON kept in a column (text on SQLite, jsonb on PostgreSQL) is bound as compact text.
QString sqlJson(const QJsonObject &object);
QString sqlJson(const QStringList &values);

// Timestamps are bound as ISO 8601 text; PostgreSQL hands them back as
// QDateTime, SQLite as that text.
QString sqlTimestamp(const QDateTime &time);
// The same, or SQL NULL for an invalid instant ("never").
QVariant sqlTimestampOrNull(const QDateTime &time);
QDateTime dateTimeFromSql(const QVariant &value);
// Days are bound as ISO 8601 text; PostgreSQL hands a date back as QDate, SQLite as that text.
QDate dateFromSql(const QVariant &value);

// On PostgreSQL, the monthly partitions of `table` (earning_events or
// message_events) from the month of `first` to that of `last`, made by the
// owner's function; nothing to do on SQLite.
Result<void> makeMonthPartitions(QSqlDatabase &db, const QString &table, const QDateTime &first, const QDateTime &last);

// The ISO weekday (1 Monday .. 7 Sunday) of a date column, in the database's dialect.
QString isoWeekdaySql(const QSqlDatabase &db, const QString &dayColumn);
// The Monday on or before a date column (analytics::bucketStart's weeks), in the database's dialect.
QString weekStartSql(const QSqlDatabase &db, const QString &dayColumn);

// The user-facing error for a failed query; the SQL error goes to `detail` only.
Error storageError(const QString &what, const QSqlError &sqlError);
// A UNIQUE constraint refused the row (PostgreSQL 23505, SQLite's
// SQLITE_CONSTRAINT_UNIQUE): someone else wrote the same key first.
bool isUniqueViolation(const QSqlError &sqlError);

} // namespace huntaze

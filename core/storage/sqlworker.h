#pragma once

#include "common/result.h"
#include "storage/databaseconfig.h"

#include <QFuture>
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
    explicit SqlWorker(DatabaseConfig config);
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
                if (!result.ok())
                    dropConnectionIfBroken(db.value());
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
    void dropConnectionIfBroken(QSqlDatabase &db);

    DatabaseConfig m_config;
    QString m_connectionName;
    QThreadPool m_pool;
};

// A string to bind to a NOT NULL text column: QSqlQuery binds a null QString as NULL.
inline QString sqlText(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// Timestamps are bound as ISO 8601 text; PostgreSQL hands them back as
// QDateTime, SQLite as that text.
QString sqlTimestamp(const QDateTime &time);
QDateTime dateTimeFromSql(const QVariant &value);

// The user-facing error for a failed query; the SQL error goes to `detail` only.
Error storageError(const QString &what, const QSqlError &sqlError);
// A UNIQUE constraint refused the row (PostgreSQL 23505, SQLite's
// SQLITE_CONSTRAINT_UNIQUE): someone else wrote the same key first.
bool isUniqueViolation(const QSqlError &sqlError);

} // namespace huntaze

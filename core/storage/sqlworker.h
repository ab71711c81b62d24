#pragma once

#include "common/result.h"

#include <QFuture>
#include <QPromise>
#include <QSqlDatabase>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace huntaze {

// One worker thread that owns one SQLite connection. Every database job runs
// there, one after another, so the UI thread never waits on disk and no
// connection is shared across threads (QSqlDatabase forbids that).
class SqlWorker
{
public:
    explicit SqlWorker(QString databasePath);
    // Waits for queued jobs, then closes the connection on its own thread.
    ~SqlWorker();

    SqlWorker(const SqlWorker &) = delete;
    SqlWorker &operator=(const SqlWorker &) = delete;

    const QString &databasePath() const { return m_databasePath; }

    template <typename T> QFuture<Result<T>> run(std::function<Result<T>(QSqlDatabase &)> job)
    {
        // A QPromise rather than QtConcurrent::run: waiting on a QtConcurrent
        // future may run the job on the waiting thread, away from the connection.
        auto promise = std::make_shared<QPromise<Result<T>>>();
        promise->start();
        QFuture<Result<T>> future = promise->future();
        m_pool.start([this, promise, job = std::move(job)] {
            Result<QSqlDatabase> db = connection();
            promise->addResult(db.ok() ? job(db.value()) : Result<T>(db.error()));
            promise->finish();
        });
        return future;
    }

    // Blocks until every job queued so far has finished. For shutdown and tests.
    void waitForIdle();

private:
    Result<QSqlDatabase> connection();

    QString m_databasePath;
    QString m_connectionName;
    QThreadPool m_pool;
};

// A string to bind to a NOT NULL text column: QSqlQuery binds a null QString as NULL.
inline QString sqlText(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// The user-facing error for a failed query; the SQL error goes to `detail` only.
Error storageError(const QString &what, const QSqlError &sqlError);

} // namespace huntaze

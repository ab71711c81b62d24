#include "sqlworker.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace huntaze {

SqlWorker::SqlWorker(QString databasePath)
    : m_databasePath(std::move(databasePath)),
      m_connectionName(QStringLiteral("huntaze-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_pool.setMaxThreadCount(1);
    // The connection belongs to the thread that opened it: keep that thread alive.
    m_pool.setExpiryTimeout(-1);
}

SqlWorker::~SqlWorker()
{
    // Jobs run in order on the one thread, so this runs after every queued job.
    m_pool.start([name = m_connectionName] {
        if (QSqlDatabase::contains(name)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    });
    m_pool.waitForDone();
}

void SqlWorker::waitForIdle()
{
    // Not QThreadPool::waitForDone(): that also ends the thread, and with it the
    // connection's home. An empty job queued last finishes after all others.
    QSemaphore done;
    m_pool.start([&done] { done.release(); });
    done.acquire();
}

Result<QSqlDatabase> SqlWorker::connection()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            return db;
    }

    QDir().mkpath(QFileInfo(m_databasePath).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_databasePath);
    // A writer holding the lock briefly should not fail a read.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        const QSqlError error = db.lastError();
        QSqlDatabase::removeDatabase(m_connectionName);
        qCWarning(lcStorage) << "cannot open" << m_databasePath << error.text();
        return Error{
            ErrorCode::Storage,
            QCoreApplication::translate("huntaze::SqlWorker",
                                        "Huntaze cannot open its data file %1. Check that the folder exists and that you may write to it.")
                .arg(QDir::toNativeSeparators(m_databasePath)),
            error.text(),
            {}};
    }

    QSqlQuery pragma(db);
    for (const auto *statement : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
        if (!pragma.exec(QString::fromLatin1(statement)))
            qCWarning(lcStorage) << statement << "failed:" << pragma.lastError().text();
    }
    return db;
}

Error storageError(const QString &what, const QSqlError &sqlError)
{
    qCWarning(lcStorage) << what << "failed:" << sqlError.text();
    return Error{ErrorCode::Storage,
                 QCoreApplication::translate(
                     "huntaze::SqlWorker",
                     "Huntaze could not read or save your data, so your last change was not applied. The log file has the details."),
                 sqlError.text(),
                 {}};
}

} // namespace huntaze

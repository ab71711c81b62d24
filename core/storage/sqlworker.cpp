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

SqlWorker::SqlWorker(DatabaseConfig config)
    : m_config(std::move(config)), m_connectionName(QStringLiteral("huntaze-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
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

    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
    const bool postgres = m_config.driver == DatabaseConfig::Driver::Postgres;
    if (!postgres)
        QDir().mkpath(QFileInfo(m_config.databaseName).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(m_config.qtDriverName(), m_connectionName);
    db.setDatabaseName(m_config.databaseName);
    if (postgres) {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        // Notices ("already exists, skipping") are not worth a log line each.
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=huntaze-server;options=-cclient_min_messages=warning"));
    } else {
        // A writer holding the lock briefly should not fail a read.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!db.open()) {
        const QSqlError error = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        qCWarning(lcStorage) << "cannot open" << m_config.describe() << error.text();
        if (postgres)
            return Error{ErrorCode::Storage,
                         QCoreApplication::translate("huntaze::SqlWorker", "The database is unavailable. Try again in a moment."),
                         error.text(),
                         {}};
        return Error{
            ErrorCode::Storage,
            QCoreApplication::translate("huntaze::SqlWorker",
                                        "Huntaze cannot open its data file %1. Check that the folder exists and that you may write to it.")
                .arg(m_config.describe()),
            error.text(),
            {}};
    }
    if (postgres)
        return db;

    QSqlQuery pragma(db);
    for (const auto *statement : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
        if (!pragma.exec(QString::fromLatin1(statement)))
            qCWarning(lcStorage) << statement << "failed:" << pragma.lastError().text();
    }
    return db;
}

void SqlWorker::dropConnectionIfBroken(QSqlDatabase &db)
{
    if (m_config.driver != DatabaseConfig::Driver::Postgres)
        return;
    QSqlQuery probe(db);
    if (probe.exec(QStringLiteral("SELECT 1")))
        return;
    qCWarning(lcStorage) << "connection to" << m_config.describe() << "lost:" << probe.lastError().text();
    probe = QSqlQuery();
    db.close();
}

QString sqlTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime dateTimeFromSql(const QVariant &value)
{
    if (value.metaType().id() == QMetaType::QDateTime)
        return value.toDateTime().toUTC();
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

bool isUniqueViolation(const QSqlError &sqlError)
{
    const QString code = sqlError.nativeErrorCode();
    return code == QLatin1String("23505") || code == QLatin1String("2067") || code == QLatin1String("1555");
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

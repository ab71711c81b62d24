#include "sqlworker.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace huntaze {

SqlWorker::SqlWorker(DatabaseConfig config, std::shared_ptr<DatabaseHealth> health)
    : m_config(std::move(config)),
      m_health(health ? std::move(health) : std::make_shared<DatabaseHealth>(m_config.describe())),
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

    const bool postgres = m_config.driver == DatabaseConfig::Driver::Postgres;
    if (postgres && !m_health->mayTryToConnect())
        return m_health->unavailable();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
    if (!postgres)
        QDir().mkpath(QFileInfo(m_config.databaseName).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(m_config.qtDriverName(), m_connectionName);
    db.setDatabaseName(m_config.databaseName);
    if (postgres) {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        // Notices ("already exists, skipping") are not worth a log line each. No JIT: it compiled
        // each creator's subscribers query of the agency view (about 50 ms) for work that takes 30.
        // 16 MB to sort or hash in: with PostgreSQL's 4 MB the agency view's two years of twenty
        // creators' earnings days (146,000 rows) were sorted on disk, 200 ms instead of 90.
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=huntaze-server;"
                                            "options='-cclient_min_messages=warning -cjit=off -cwork_mem=16MB'"));
    } else {
        // A writer holding the lock briefly should not fail a read.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!db.open()) {
        const QSqlError error = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        if (postgres) {
            m_health->connectionFailed(error.text());
            return m_health->unavailable();
        }
        qCWarning(lcStorage) << "cannot open" << m_config.describe() << error.text();
        return Error{
            ErrorCode::Storage,
            QCoreApplication::translate("huntaze::SqlWorker",
                                        "Huntaze cannot open its data file %1. Check that the folder exists and that you may write to it.")
                .arg(m_config.describe()),
            error.text(),
            {}};
    }
    if (postgres) {
        m_health->connectionWorks();
        return db;
    }

    QSqlQuery pragma(db);
    for (const auto *statement : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL",
                                  // Imports of years of statements touch many index pages: 32 MiB of them stay in memory.
                                  "PRAGMA cache_size=-32768"}) {
        if (!pragma.exec(QString::fromLatin1(statement)))
            qCWarning(lcStorage) << statement << "failed:" << pragma.lastError().text();
    }
    return db;
}

bool SqlWorker::dropConnectionIfBroken(QSqlDatabase &db, const QString &jobError)
{
    if (m_config.driver != DatabaseConfig::Driver::Postgres)
        return false;
    if (db.isOpen()) {
        QSqlQuery probe(db);
        if (probe.exec(QStringLiteral("SELECT 1")))
            return false;
    }
    m_health->connectionLost(jobError);
    db.close();
    return true;
}

void SqlWorker::logFailure(const Error &error)
{
    if (error.code == ErrorCode::Storage)
        qCWarning(lcStorage).noquote() << error.detail;
}

QString sqlJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString sqlJson(const QStringList &values)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QString sqlTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QVariant sqlTimestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(sqlTimestamp(time)) : QVariant(QMetaType::fromType<QString>());
}

Result<void> makeMonthPartitions(QSqlDatabase &db, const QString &table, const QDateTime &first, const QDateTime &last)
{
    if (db.driverName() != QLatin1String("QPSQL"))
        return Result<void>::success();
    QSqlQuery partitions(db);
    partitions.prepare(QStringLiteral("SELECT huntaze_month_partitions(?, ?, ?)"));
    partitions.addBindValue(table);
    partitions.addBindValue(sqlTimestamp(first));
    partitions.addBindValue(sqlTimestamp(last));
    if (!partitions.exec())
        return storageError(QStringLiteral("make monthly partitions"), partitions.lastError());
    return Result<void>::success();
}

QDate dateFromSql(const QVariant &value)
{
    return value.typeId() == QMetaType::QDate ? value.toDate() : QDate::fromString(value.toString(), Qt::ISODate);
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

namespace {

// Days since a Monday, 0 .. 6, in PostgreSQL: integer arithmetic on the date,
// which a year of twenty creators' days groups by twice as fast as EXTRACT
// (whose numeric result is slow to compute and to hash).
QString postgresDaysSinceMonday(const QString &dayColumn)
{
    return QStringLiteral("((%1 - DATE '2000-01-03') % 7 + 7) % 7").arg(dayColumn);
}

} // namespace

QString isoWeekdaySql(const QSqlDatabase &db, const QString &dayColumn)
{
    if (db.driverName() == QLatin1String("QPSQL"))
        return QStringLiteral("(%1 + 1)").arg(postgresDaysSinceMonday(dayColumn));
    return QStringLiteral("(CAST(strftime('%w', %1) AS INTEGER) + 6) % 7 + 1").arg(dayColumn);
}

QString weekStartSql(const QSqlDatabase &db, const QString &dayColumn)
{
    if (db.driverName() == QLatin1String("QPSQL"))
        return QStringLiteral("(%1 - %2)").arg(dayColumn, postgresDaysSinceMonday(dayColumn));
    return QStringLiteral("date(%1, '-6 days', 'weekday 1')").arg(dayColumn);
}

Error storageError(const QString &what, const QSqlError &sqlError)
{
    // Logged by the worker once it knows whether the connection broke (an outage is logged once, not per job).
    return Error{ErrorCode::Storage,
                 QCoreApplication::translate(
                     "huntaze::SqlWorker",
                     "Huntaze could not read or save your data, so your last change was not applied. The log file has the details."),
                 QStringLiteral("%1 failed: %2").arg(what, sqlError.text()),
                 {}};
}

} // namespace huntaze

#include "earningswriter.h"

#include "storage/sqlworker.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <cstdio>

namespace huntaze {

const char *const EarningsWriter::insertSql
    = "INSERT INTO earning_events (agency_id, creator_id, event_key, occurred_at, local_day, local_hour, kind, gross_cents, "
      "net_cents, currency, fan, reference, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

namespace {

class QtSqlEarningsWriter final : public EarningsWriter
{
public:
    explicit QtSqlEarningsWriter(QSqlDatabase &db) : m_insert(db) {}

    Result<void> prepare()
    {
        if (!m_insert.prepare(QString::fromLatin1(insertSql)))
            return storageError(QStringLiteral("prepare earnings import"), m_insert.lastError());
        return Result<void>::success();
    }

    Result<bool> write(const EarningRow &row) override
    {
        const analytics::EarningEvent &event = *row.event;
        m_insert.addBindValue(row.agencyId);
        m_insert.addBindValue(row.creatorId);
        m_insert.addBindValue(row.identity);
        m_insert.addBindValue(sqlTimestamp(event.occurredAt));
        m_insert.addBindValue(row.localDay.toString(Qt::ISODate));
        m_insert.addBindValue(row.localHour);
        m_insert.addBindValue(analytics::kindId(event.kind));
        m_insert.addBindValue(event.grossCents);
        m_insert.addBindValue(event.netCents);
        m_insert.addBindValue(sqlText(event.currency));
        m_insert.addBindValue(sqlText(event.fan));
        m_insert.addBindValue(sqlText(event.reference));
        m_insert.addBindValue(event.memberId != 0 ? QVariant(event.memberId) : QVariant(QMetaType(QMetaType::LongLong)));
        if (!m_insert.exec())
            return storageError(QStringLiteral("import earning"), m_insert.lastError());
        return m_insert.numRowsAffected() == 1;
    }

private:
    QSqlQuery m_insert;
};

// The QSQLITE driver's own connection, used directly for this one statement
// (inside the transaction the caller opened on it).
class SqliteEarningsWriter final : public EarningsWriter
{
public:
    explicit SqliteEarningsWriter(sqlite3 *connection) : m_connection(connection) {}
    ~SqliteEarningsWriter() override { sqlite3_finalize(m_statement); }

    Result<void> prepare()
    {
        if (sqlite3_prepare_v2(m_connection, insertSql, -1, &m_statement, nullptr) != SQLITE_OK)
            return failure(QStringLiteral("prepare earnings import"));
        return Result<void>::success();
    }

    Result<bool> write(const EarningRow &row) override
    {
        const analytics::EarningEvent &event = *row.event;
        // The same texts as sqlTimestamp() and QDate::toString(Qt::ISODate),
        // written straight into buffers: QString formatting cost more per line than SQLite.
        const QDateTime utc = event.occurredAt.toUTC();
        const QDate date = utc.date();
        const QTime time = utc.time();
        char occurredAt[32];
        const int occurredAtSize = std::snprintf(occurredAt, sizeof occurredAt, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year(),
                                                 date.month(), date.day(), time.hour(), time.minute(), time.second(), time.msec());
        char day[16];
        const int daySize = std::snprintf(day, sizeof day, "%04d-%02d-%02d", row.localDay.year(), row.localDay.month(), row.localDay.day());
        const QByteArray kind = analytics::kindId(event.kind).toLatin1();
        const QByteArray currency = event.currency.toUtf8();
        const QByteArray fan = event.fan.toUtf8();
        const QByteArray reference = event.reference.toUtf8();
        sqlite3_reset(m_statement);
        int column = 0;
        sqlite3_bind_int64(m_statement, ++column, row.agencyId);
        sqlite3_bind_int64(m_statement, ++column, row.creatorId);
        sqlite3_bind_blob(m_statement, ++column, row.identity.constData(), static_cast<int>(row.identity.size()), SQLITE_STATIC);
        sqlite3_bind_text(m_statement, ++column, occurredAt, occurredAtSize, SQLITE_STATIC);
        sqlite3_bind_text(m_statement, ++column, day, daySize, SQLITE_STATIC);
        sqlite3_bind_int(m_statement, ++column, row.localHour);
        sqlite3_bind_text(m_statement, ++column, kind.constData(), static_cast<int>(kind.size()), SQLITE_STATIC);
        sqlite3_bind_int64(m_statement, ++column, event.grossCents);
        sqlite3_bind_int64(m_statement, ++column, event.netCents);
        sqlite3_bind_text(m_statement, ++column, currency.constData(), static_cast<int>(currency.size()), SQLITE_STATIC);
        sqlite3_bind_text(m_statement, ++column, fan.constData(), static_cast<int>(fan.size()), SQLITE_STATIC);
        sqlite3_bind_text(m_statement, ++column, reference.constData(), static_cast<int>(reference.size()), SQLITE_STATIC);
        if (event.memberId != 0)
            sqlite3_bind_int64(m_statement, ++column, event.memberId);
        else
            sqlite3_bind_null(m_statement, ++column);
        const int stepped = sqlite3_step(m_statement);
        // The texts bound above die with this call: nothing may point at them after it.
        sqlite3_clear_bindings(m_statement);
        if (stepped != SQLITE_DONE)
            return failure(QStringLiteral("import earning")).error();
        return sqlite3_changes(m_connection) == 1;
    }

private:
    Result<void> failure(const QString &what) const
    {
        return storageError(what,
                            QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_connection)), QSqlError::StatementError,
                                      QString::number(sqlite3_extended_errcode(m_connection))));
    }

    sqlite3 *m_connection;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace

Result<std::unique_ptr<EarningsWriter>> EarningsWriter::open(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (db.driverName() == QLatin1String("QSQLITE") && handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        auto writer = std::make_unique<SqliteEarningsWriter>(*static_cast<sqlite3 *const *>(handle.constData()));
        if (Result<void> prepared = writer->prepare(); !prepared.ok())
            return prepared.error();
        return std::unique_ptr<EarningsWriter>(std::move(writer));
    }
    auto writer = std::make_unique<QtSqlEarningsWriter>(db);
    if (Result<void> prepared = writer->prepare(); !prepared.ok())
        return prepared.error();
    return std::unique_ptr<EarningsWriter>(std::move(writer));
}

} // namespace huntaze

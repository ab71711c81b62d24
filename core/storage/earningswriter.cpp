#include "earningswriter.h"

#include "storage/bulkupsert.h"
#include "storage/sqlworker.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

#include <cstdio>

namespace huntaze {

const char *const EarningsWriter::table = "earning_events";
const char *const EarningsWriter::conflict = "ON CONFLICT DO NOTHING";

QStringList EarningsWriter::columns()
{
    return {QStringLiteral("agency_id"), QStringLiteral("creator_id"), QStringLiteral("event_key"), QStringLiteral("occurred_at"),
            QStringLiteral("local_day"), QStringLiteral("local_hour"), QStringLiteral("kind"),      QStringLiteral("gross_cents"),
            QStringLiteral("net_cents"), QStringLiteral("currency"),   QStringLiteral("fan"),       QStringLiteral("reference"),
            QStringLiteral("member_id")};
}

namespace {

class PostgresEarningsWriter final : public EarningsWriter
{
public:
    explicit PostgresEarningsWriter(QSqlDatabase &db) : m_insert(db, QLatin1String(table), columns(), QLatin1String(conflict)) {}

    Result<std::vector<bool>> write(const std::vector<EarningRow> &rows) override
    {
        for (const EarningRow &row : rows) {
            const analytics::EarningEvent &event = *row.event;
            m_insert.append({row.agencyId, row.creatorId, row.identity, sqlTimestamp(event.occurredAt), row.localDay.toString(Qt::ISODate),
                             row.localHour, analytics::kindId(event.kind), event.grossCents, event.netCents, sqlText(event.currency),
                             sqlText(event.fan), sqlText(event.reference),
                             event.memberId != 0 ? QVariant(event.memberId) : QVariant(QMetaType(QMetaType::LongLong))});
        }
        const Result<QList<QVariantList>> written
            = m_insert.run(QStringLiteral("import earnings"), QStringLiteral("event_key, occurred_at"));
        if (!written.ok())
            return written.error();
        std::vector<EventKey> keys;
        keys.reserve(rows.size());
        for (const EarningRow &row : rows)
            keys.emplace_back(row.identity, row.event->occurredAt);
        const std::vector<bool> flags = writtenRows(written.value(), keys);
        return flags;
    }

private:
    BulkUpsert m_insert;
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
        QStringList placeholders;
        placeholders.fill(QStringLiteral("?"), columns().size());
        const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) %4")
                                   .arg(QLatin1String(table), columns().join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", ")),
                                        QLatin1String(conflict))
                                   .toUtf8();
        if (sqlite3_prepare_v2(m_connection, sql.constData(), -1, &m_statement, nullptr) != SQLITE_OK)
            return failure(QStringLiteral("prepare earnings import"));
        return Result<void>::success();
    }

    Result<std::vector<bool>> write(const std::vector<EarningRow> &rows) override
    {
        std::vector<bool> flags;
        flags.reserve(rows.size());
        for (const EarningRow &row : rows) {
            const Result<bool> fresh = writeRow(row);
            if (!fresh.ok())
                return fresh.error();
            flags.push_back(fresh.value());
        }
        return flags;
    }

private:
    Result<bool> writeRow(const EarningRow &row)
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
    if (sqlite3 *connection = sqliteConnection(db)) {
        auto writer = std::make_unique<SqliteEarningsWriter>(connection);
        if (Result<void> prepared = writer->prepare(); !prepared.ok())
            return prepared.error();
        return std::unique_ptr<EarningsWriter>(std::move(writer));
    }
    return std::unique_ptr<EarningsWriter>(std::make_unique<PostgresEarningsWriter>(db));
}

} // namespace huntaze

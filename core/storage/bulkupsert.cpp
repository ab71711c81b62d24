#include "bulkupsert.h"

#include "storage/sqlworker.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <libpq-fe.h>

#include <memory>

namespace huntaze {

namespace {

constexpr qsizetype copyChunkBytes = 1 << 20;

// As QSqlQuery binds them: a null QString or QByteArray is SQL NULL too.
bool isSqlNull(const QVariant &value)
{
    if (value.isNull())
        return true;
    if (value.typeId() == QMetaType::QString)
        return value.toString().isNull();
    if (value.typeId() == QMetaType::QByteArray)
        return value.toByteArray().isNull();
    return false;
}

// COPY's text format: backslash escapes for the characters that frame rows and columns.
void appendCopyText(QByteArray &out, const QByteArray &utf8)
{
    for (const char c : utf8) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
}

void appendCopyValue(QByteArray &out, const QVariant &value)
{
    if (isSqlNull(value)) {
        out += "\\N";
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Bool: out += value.toBool() ? 't' : 'f'; break;
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong: out += QByteArray::number(value.toLongLong()); break;
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong: out += QByteArray::number(value.toULongLong()); break;
    case QMetaType::Double: out += QByteArray::number(value.toDouble(), 'g', 17); break;
    case QMetaType::QByteArray:
        // bytea's hex form, \x…, with its backslash escaped for COPY.
        out += "\\\\x";
        out += value.toByteArray().toHex();
        break;
    default: appendCopyText(out, value.toString().toUtf8());
    }
}

struct PgResultDeleter {
    void operator()(PGresult *result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

QSqlError copyError(PGconn *connection, const PGresult *result)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QSqlError::ErrorType type = PQstatus(connection) == CONNECTION_BAD ? QSqlError::ConnectionError : QSqlError::StatementError;
    return QSqlError(QStringLiteral("COPY"), QString::fromUtf8(PQerrorMessage(connection)).trimmed(), type,
                     state ? QString::fromLatin1(state) : QString());
}

PGconn *postgresConnection(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // Qt's documentation names it PGconn*; the metatype spells libpq's struct behind that name.
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

} // namespace

BulkUpsert::BulkUpsert(QSqlDatabase &db, QString table, QStringList columns, QString conflict)
    : m_db(db), m_table(std::move(table)), m_columns(std::move(columns)), m_conflict(std::move(conflict))
{}

void BulkUpsert::append(QVariantList row)
{
    Q_ASSERT(row.size() == m_columns.size());
    m_rows.append(std::move(row));
}

QString BulkUpsert::insertHead() const
{
    return QStringLiteral("INSERT INTO %1 (%2) ").arg(m_table, m_columns.join(QStringLiteral(", ")));
}

Result<QList<QVariantList>> BulkUpsert::run(const QString &what, const QString &returning)
{
    if (m_rows.isEmpty())
        return QList<QVariantList>();
    Result<QList<QVariantList>> written
        = m_db.driverName() == QLatin1String("QPSQL") ? runByCopy(what, returning) : runRowByRow(what, returning);
    m_rows.clear();
    return written;
}

Result<QList<QVariantList>> BulkUpsert::runRowByRow(const QString &what, const QString &returning)
{
    QStringList placeholders;
    placeholders.fill(QStringLiteral("?"), m_columns.size());
    QString sql = insertHead() + QStringLiteral("VALUES (%1) %2").arg(placeholders.join(QStringLiteral(", ")), m_conflict);
    if (!returning.isEmpty())
        sql += QStringLiteral(" RETURNING ") + returning;
    QSqlQuery insert(m_db);
    if (!insert.prepare(sql))
        return storageError(what, insert.lastError());
    QList<QVariantList> written;
    for (const QVariantList &row : std::as_const(m_rows)) {
        for (const QVariant &value : row)
            insert.addBindValue(value);
        if (!insert.exec())
            return storageError(what, insert.lastError());
        while (insert.next()) {
            QVariantList values;
            for (int i = 0; i < insert.record().count(); ++i)
                values.append(insert.value(i));
            written.append(values);
        }
    }
    return written;
}

Result<QList<QVariantList>> BulkUpsert::runByCopy(const QString &what, const QString &returning)
{
    PGconn *connection = postgresConnection(m_db);
    if (!connection)
        return storageError(
            what,
            QSqlError(QStringLiteral("COPY"),
                      QStringLiteral("no PostgreSQL connection handle: %1").arg(QString::fromLatin1(m_db.driver()->handle().typeName())),
                      QSqlError::ConnectionError));
    const QString columns = m_columns.join(QStringLiteral(", "));
    const QString stage = QStringLiteral("pg_temp.huntaze_bulk_") + m_table;
    QSqlQuery query(m_db);
    // Dropped first too: a run that failed outside a transaction leaves it behind.
    if (!query.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(stage))
        || !query.exec(QStringLiteral("CREATE TEMPORARY TABLE %1 AS SELECT %2, 0::bigint AS bulk_row FROM %3 WITH NO DATA")
                           .arg(stage, columns, m_table)))
        return storageError(what, query.lastError());

    PgResult started(PQexec(connection, QStringLiteral("COPY %1 (%2, bulk_row) FROM STDIN").arg(stage, columns).toUtf8().constData()));
    if (PQresultStatus(started.get()) != PGRES_COPY_IN)
        return storageError(what, copyError(connection, started.get()));
    QByteArray chunk;
    chunk.reserve(copyChunkBytes + 4096);
    bool sent = true;
    for (qsizetype number = 0; number < m_rows.size(); ++number) {
        for (const QVariant &value : m_rows.at(number)) {
            appendCopyValue(chunk, value);
            chunk += '\t';
        }
        chunk += QByteArray::number(number);
        chunk += '\n';
        if (chunk.size() >= copyChunkBytes) {
            sent = PQputCopyData(connection, chunk.constData(), static_cast<int>(chunk.size())) == 1;
            chunk.clear();
            if (!sent)
                break;
        }
    }
    if (sent && !chunk.isEmpty())
        sent = PQputCopyData(connection, chunk.constData(), static_cast<int>(chunk.size())) == 1;
    // Ending a COPY whose data could not all be sent with an error message makes the server refuse it.
    const bool ended = PQputCopyEnd(connection, sent ? nullptr : "huntaze: the rows could not all be sent") == 1;
    QSqlError failed;
    // The COPY's outcome, and then the end of its results: the connection is free again only after a null one.
    while (PGresult *raw = PQgetResult(connection)) {
        PgResult result(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK && !failed.isValid())
            failed = copyError(connection, raw);
    }
    if (!sent || !ended || failed.isValid())
        return storageError(what, failed.isValid() ? failed : copyError(connection, nullptr));

    // In the order appended, as row by row: of two rows with one key, the first is the one a DO NOTHING keeps.
    QString move = insertHead() + QStringLiteral("SELECT %1 FROM %2 ORDER BY bulk_row %3").arg(columns, stage, m_conflict);
    if (!returning.isEmpty())
        move += QStringLiteral(" RETURNING ") + returning;
    QSqlQuery insert(m_db);
    if (!insert.exec(move))
        return storageError(what, insert.lastError());
    QList<QVariantList> written;
    while (insert.next()) {
        QVariantList values;
        for (int i = 0; i < insert.record().count(); ++i)
            values.append(insert.value(i));
        written.append(values);
    }
    if (!query.exec(QStringLiteral("DROP TABLE %1").arg(stage)))
        return storageError(what, query.lastError());
    return written;
}

} // namespace huntaze

#include "bulkupsert.h"

#include "storage/sqlworker.h"

#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <utility>

namespace huntaze {

namespace {

constexpr qsizetype copyChunkBytes = 1 << 20;

// As QSqlQuery binds them: a null QString or QByteArray is SQL NULL too.
bool isSqlNull(const QVariant &value)
{
    if (value.isNull())
        return true;
    if (value.typeId() == QMetaType::QString)
        return static_cast<const QString *>(value.constData())->isNull();
    if (value.typeId() == QMetaType::QByteArray)
        return static_cast<const QByteArray *>(value.constData())->isNull();
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

// The rows a statement's RETURNING gave back.
void appendReturned(QSqlQuery &statement, QList<QVariantList> &rows)
{
    while (statement.next()) {
        QVariantList values;
        for (int i = 0; i < statement.record().count(); ++i)
            values.append(statement.value(i));
        rows.append(values);
    }
}

QSqlError sqliteError(sqlite3 *connection)
{
    return QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(connection)), QSqlError::StatementError,
                     QString::number(sqlite3_extended_errcode(connection)));
}

// A statement on the QSQLITE driver's own connection, run once per row: binding
// through QSqlQuery cost more per row than SQLite's own work (an earnings
// import spent most of its time rolling up fans' days that way).
class SqliteStatement
{
public:
    explicit SqliteStatement(sqlite3 *connection) : m_connection(connection) {}
    ~SqliteStatement() { sqlite3_finalize(m_statement); }
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    Result<void> prepare(const QString &sql, const QString &what)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(m_connection, utf8.constData(), static_cast<int>(utf8.size()), &m_statement, nullptr) != SQLITE_OK)
            return storageError(what, sqliteError(m_connection));
        return Result<void>::success();
    }

    // Binds `values` in order and runs the statement; the rows it answers (RETURNING) join `returned`.
    Result<void> run(const QVariantList &values, QList<QVariantList> &returned, const QString &what)
    {
        sqlite3_reset(m_statement);
        for (int i = 0; i < values.size(); ++i)
            bind(i + 1, values.at(i));
        int stepped = SQLITE_ROW;
        while ((stepped = sqlite3_step(m_statement)) == SQLITE_ROW)
            returned.append(currentRow());
        // The texts bound point into `values`: nothing may point at them after this call.
        sqlite3_clear_bindings(m_statement);
        if (stepped != SQLITE_DONE)
            return storageError(what, sqliteError(m_connection));
        return Result<void>::success();
    }

private:
    // As QSqlQuery binds on QSQLITE: integers, real numbers, text and bytes; a null QString or QByteArray is NULL.
    void bind(int position, const QVariant &value)
    {
        if (isSqlNull(value)) {
            sqlite3_bind_null(m_statement, position);
            return;
        }
        switch (value.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Short:
        case QMetaType::UShort:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong: sqlite3_bind_int64(m_statement, position, value.toLongLong()); break;
        case QMetaType::Double: sqlite3_bind_double(m_statement, position, value.toDouble()); break;
        case QMetaType::QString: {
            const auto *text = static_cast<const QString *>(value.constData());
            sqlite3_bind_text16(m_statement, position, text->utf16(), static_cast<int>(text->size() * 2), SQLITE_STATIC);
            break;
        }
        case QMetaType::QByteArray: {
            const auto *bytes = static_cast<const QByteArray *>(value.constData());
            sqlite3_bind_blob(m_statement, position, bytes->constData(), static_cast<int>(bytes->size()), SQLITE_STATIC);
            break;
        }
        default: {
            const QByteArray text = value.toString().toUtf8();
            sqlite3_bind_text(m_statement, position, text.constData(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        }
        }
    }

    // As QSQLITE reads them: integers as qlonglong, text as QString, bytes as QByteArray.
    QVariantList currentRow() const
    {
        QVariantList row;
        for (int column = 0; column < sqlite3_column_count(m_statement); ++column) {
            switch (sqlite3_column_type(m_statement, column)) {
            case SQLITE_INTEGER: row.append(static_cast<qlonglong>(sqlite3_column_int64(m_statement, column))); break;
            case SQLITE_FLOAT: row.append(sqlite3_column_double(m_statement, column)); break;
            case SQLITE_BLOB:
                row.append(QByteArray(static_cast<const char *>(sqlite3_column_blob(m_statement, column)),
                                      sqlite3_column_bytes(m_statement, column)));
                break;
            case SQLITE_NULL: row.append(QVariant()); break;
            default:
                row.append(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column)),
                                             sqlite3_column_bytes(m_statement, column)));
            }
        }
        return row;
    }

    sqlite3 *m_connection;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace

sqlite3 *sqliteConnection(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (db.driverName() != QLatin1String("QSQLITE") || !handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

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
    sqlite3 *connection = sqliteConnection(m_db);
    if (!connection)
        return storageError(what, QSqlError(QString(), QStringLiteral("no SQLite connection handle"), QSqlError::ConnectionError));
    SqliteStatement insert(connection);
    if (Result<void> prepared = insert.prepare(sql, what); !prepared.ok())
        return prepared.error();
    QList<QVariantList> written;
    for (const QVariantList &row : std::as_const(m_rows)) {
        if (Result<void> ran = insert.run(row, written, what); !ran.ok())
            return ran.error();
    }
    return written;
}

namespace {

// `rows` of `columns` of `table`, by COPY, in a temporary table of those columns
// (with bulk_row, each row's place in `rows`); its name, to read and then drop.
Result<QString> stageByCopy(QSqlDatabase &db, const QString &table, const QStringList &columnList, const QList<QVariantList> &rows,
                            const QString &what)
{
    PGconn *connection = postgresConnection(db);
    if (!connection)
        return storageError(
            what,
            QSqlError(QStringLiteral("COPY"),
                      QStringLiteral("no PostgreSQL connection handle: %1").arg(QString::fromLatin1(db.driver()->handle().typeName())),
                      QSqlError::ConnectionError));
    const QString columns = columnList.join(QStringLiteral(", "));
    const QString stage = QStringLiteral("pg_temp.huntaze_bulk_") + table;
    QSqlQuery query(db);
    // Dropped first too: a run that failed outside a transaction leaves it behind.
    if (!query.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(stage))
        || !query.exec(QStringLiteral("CREATE TEMPORARY TABLE %1 AS SELECT %2, 0::bigint AS bulk_row FROM %3 WITH NO DATA")
                           .arg(stage, columns, table)))
        return storageError(what, query.lastError());

    PgResult started(PQexec(connection, QStringLiteral("COPY %1 (%2, bulk_row) FROM STDIN").arg(stage, columns).toUtf8().constData()));
    if (PQresultStatus(started.get()) != PGRES_COPY_IN)
        return storageError(what, copyError(connection, started.get()));
    QByteArray chunk;
    chunk.reserve(copyChunkBytes + 4096);
    bool sent = true;
    for (qsizetype number = 0; number < rows.size(); ++number) {
        for (const QVariant &value : rows.at(number)) {
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
    return stage;
}

Result<void> dropStage(QSqlDatabase &db, const QString &stage, const QString &what)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("DROP TABLE %1").arg(stage)))
        return storageError(what, query.lastError());
    return Result<void>::success();
}

} // namespace

Result<QList<QVariantList>> BulkUpsert::runByCopy(const QString &what, const QString &returning)
{
    const Result<QString> stage = stageByCopy(m_db, m_table, m_columns, m_rows, what);
    if (!stage.ok())
        return stage.error();
    const QString columns = m_columns.join(QStringLiteral(", "));
    // In the order appended, as row by row: of two rows with one key, the first is the one a DO NOTHING keeps.
    QString move = insertHead() + QStringLiteral("SELECT %1 FROM %2 ORDER BY bulk_row %3").arg(columns, stage.value(), m_conflict);
    if (!returning.isEmpty())
        move += QStringLiteral(" RETURNING ") + returning;
    QSqlQuery insert(m_db);
    if (!insert.exec(move))
        return storageError(what, insert.lastError());
    QList<QVariantList> written;
    appendReturned(insert, written);
    if (Result<void> dropped = dropStage(m_db, stage.value(), what); !dropped.ok())
        return dropped.error();
    return written;
}

std::vector<bool> writtenRows(const QList<QVariantList> &returned, const std::vector<EventKey> &keys)
{
    QSet<std::pair<QByteArray, qint64>> written;
    written.reserve(returned.size());
    for (const QVariantList &row : returned)
        written.insert({row.at(0).toByteArray(), dateTimeFromSql(row.at(1)).toMSecsSinceEpoch()});
    std::vector<bool> flags;
    flags.reserve(keys.size());
    for (const EventKey &key : keys)
        flags.push_back(written.remove({key.first, key.second.toMSecsSinceEpoch()}));
    return flags;
}

BulkUpdate::BulkUpdate(QSqlDatabase &db, QString table, QStringList keyColumns, QStringList setColumns)
    : m_db(db), m_table(std::move(table)), m_keyColumns(std::move(keyColumns)), m_setColumns(std::move(setColumns))
{}

void BulkUpdate::append(QVariantList keyThenSet)
{
    Q_ASSERT(keyThenSet.size() == m_keyColumns.size() + m_setColumns.size());
    m_rows.append(std::move(keyThenSet));
}

Result<void> BulkUpdate::run(const QString &what)
{
    if (m_rows.isEmpty())
        return Result<void>::success();
    const QList<QVariantList> rows = std::exchange(m_rows, {});
    const bool postgres = m_db.driverName() == QLatin1String("QPSQL");
    // PostgreSQL reads the values from the staged rows, SQLite from each row's bindings.
    const auto valueOf = [postgres](const QString &column) { return postgres ? QStringLiteral("s.") + column : QStringLiteral("?"); };
    QStringList sets;
    for (const QString &column : std::as_const(m_setColumns))
        sets.append(QStringLiteral("%1 = %2").arg(column, valueOf(column)));
    QStringList keys;
    for (const QString &column : std::as_const(m_keyColumns))
        keys.append(QStringLiteral("%1.%2 = %3").arg(m_table, column, valueOf(column)));
    const QString where = keys.join(QStringLiteral(" AND "));
    if (!postgres) {
        sqlite3 *connection = sqliteConnection(m_db);
        if (!connection)
            return storageError(what, QSqlError(QString(), QStringLiteral("no SQLite connection handle"), QSqlError::ConnectionError));
        SqliteStatement update(connection);
        if (Result<void> prepared
            = update.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3").arg(m_table, sets.join(QStringLiteral(", ")), where), what);
            !prepared.ok())
            return prepared.error();
        QList<QVariantList> none;
        for (const QVariantList &row : rows) {
            // The statement lists the new values first, then the key.
            const QVariantList values = row.mid(m_keyColumns.size()) + row.first(m_keyColumns.size());
            if (Result<void> ran = update.run(values, none, what); !ran.ok())
                return ran.error();
        }
        return Result<void>::success();
    }
    const Result<QString> stage = stageByCopy(m_db, m_table, m_keyColumns + m_setColumns, rows, what);
    if (!stage.ok())
        return stage.error();
    QSqlQuery update(m_db);
    // Autovacuum never analyzes a temporary table. Without statistics the planner
    // took the staged rows for many creators and merge-joined on the creator
    // alone, comparing every pair of a creator's rows: a message import's 12,500
    // new reply times took 54 s against 0.3 s by a hash join on the whole key.
    if (!update.exec(QStringLiteral("ANALYZE %1").arg(stage.value())))
        return storageError(what, update.lastError());
    if (!update.exec(
            QStringLiteral("UPDATE %1 SET %2 FROM %3 AS s WHERE %4").arg(m_table, sets.join(QStringLiteral(", ")), stage.value(), where)))
        return storageError(what, update.lastError());
    return dropStage(m_db, stage.value(), what);
}

} // namespace huntaze

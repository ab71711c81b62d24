#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

#include <utility>
#include <vector>

struct sqlite3;

namespace huntaze {

// The QSQLITE driver's own connection behind `db`; null on another driver.
sqlite3 *sqliteConnection(const QSqlDatabase &db);

// Many rows into one table through one INSERT … ON CONFLICT clause, in the
// caller's transaction. SQLite is in-process, so there the statement runs row
// by row, on the driver's own connection. On PostgreSQL a round trip per row cost far more than the row (a
// server import wrote about 3,000 earnings lines/s), so there the rows go by
// COPY into a temporary table of the same columns and one INSERT … SELECT
// moves them with the same clause: the constraints, policies and conflict
// rules of the table apply as they would row by row.
//
// Values are what QSqlQuery would bind: integers, text (dates and instants as
// ISO 8601 text, as everywhere in storage/), byte arrays, and null QVariants.
class BulkUpsert
{
public:
    // `conflict` is the statement's tail, as "ON CONFLICT DO NOTHING" or
    // "ON CONFLICT (key) DO UPDATE SET …"; it may refer to `table` and `excluded`.
    BulkUpsert(QSqlDatabase &db, QString table, QStringList columns, QString conflict);

    void append(QVariantList row);
    qsizetype size() const { return m_rows.size(); }

    // Writes the rows appended since the last run, and forgets them. With
    // `returning` (a list of the table's columns) it answers the rows the
    // statement wrote, as RETURNING gives them; otherwise an empty list.
    // `what` names the work in the log, should it fail.
    Result<QList<QVariantList>> run(const QString &what, const QString &returning = {});

private:
    QString insertHead() const;
    Result<QList<QVariantList>> runRowByRow(const QString &what, const QString &returning);
    Result<QList<QVariantList>> runByCopy(const QString &what, const QString &returning);

    QSqlDatabase &m_db;
    QString m_table;
    QStringList m_columns;
    QString m_conflict;
    QList<QVariantList> m_rows;
};

// An event's identity and instant: the key of earning_events and message_events.
using EventKey = std::pair<QByteArray, QDateTime>;
// Which of `keys` (the rows given, in order) were written, from the rows a run
// RETURNING the identity and the instant gave back: of rows with one key, the
// first, as the statement kept it.
std::vector<bool> writtenRows(const QList<QVariantList> &returned, const std::vector<EventKey> &keys);

// New values for many rows of one table, found by key, in the caller's
// transaction: row by row on SQLite; on PostgreSQL by COPY into a temporary
// table and one UPDATE … FROM it. A key given twice is undefined on PostgreSQL:
// give each row once.
class BulkUpdate
{
public:
    BulkUpdate(QSqlDatabase &db, QString table, QStringList keyColumns, QStringList setColumns);

    // The key's values, then the new ones, in the order of the columns given.
    void append(QVariantList keyThenSet);
    qsizetype size() const { return m_rows.size(); }

    // Writes the rows appended since the last run, and forgets them.
    Result<void> run(const QString &what);

private:
    QSqlDatabase &m_db;
    QString m_table;
    QStringList m_keyColumns;
    QStringList m_setColumns;
    QList<QVariantList> m_rows;
};

} // namespace huntaze

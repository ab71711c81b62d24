#pragma once

#include "common/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

namespace huntaze {

// Many rows into one table through one INSERT … ON CONFLICT clause, in the
// caller's transaction. SQLite is in-process, so there the statement runs row
// by row. On PostgreSQL a round trip per row cost far more than the row (a
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

} // namespace huntaze

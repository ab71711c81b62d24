#pragma once

#include "common/result.h"
#include "storage/sqlworker.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <algorithm>
#include <functional>

namespace huntaze {

// How many rows one INSERT carries: each statement is a round trip to
// PostgreSQL, so several rows share one there (`onPostgres`); SQLite runs in
// this process, where binding many values to one statement costs Qt more than
// running a prepared one-row statement again (10,000 drafts: 1.7 s against 0.4 s).
inline qsizetype rowsPerStatement(const QSqlDatabase &db, qsizetype onPostgres)
{
    return db.driverName() == QLatin1String("QPSQL") ? onPostgres : 1;
}

// Writes `rows` `perStatement` to a statement: `statement(n)` is the SQL for
// n rows, `bind` binds one row's values, `afterEach` reads a statement's
// RETURNING rows. The statement of a full batch is prepared once.
template <typename Row>
Result<void> writeInBatches(QSqlDatabase &db, const QList<Row> &rows, qsizetype perStatement,
                            const std::function<QString(qsizetype)> &statement, const std::function<void(QSqlQuery &, const Row &)> &bind,
                            const QString &what, const std::function<void(QSqlQuery &)> &afterEach = {})
{
    QSqlQuery full(db);
    bool fullPrepared = false;
    for (qsizetype first = 0; first < rows.size(); first += perStatement) {
        const qsizetype count = std::min(perStatement, rows.size() - first);
        QSqlQuery rest(db);
        QSqlQuery &query = count == perStatement ? full : rest;
        if (count != perStatement || !fullPrepared) {
            query.setForwardOnly(true);
            if (!query.prepare(statement(count)))
                return storageError(QStringLiteral("prepare ") + what, query.lastError());
            fullPrepared = fullPrepared || count == perStatement;
        }
        for (qsizetype i = first; i < first + count; ++i)
            bind(query, rows.at(i));
        if (!query.exec())
            return storageError(what, query.lastError());
        if (afterEach)
            afterEach(query);
    }
    return Result<void>::success();
}

// "(?, ?, ?), (?, ?, ?)": `rows` value lists of `columns` placeholders each.
inline QString placeholderRows(qsizetype rows, int columns)
{
    QString one = QStringLiteral("(?");
    for (int i = 1; i < columns; ++i)
        one += QStringLiteral(", ?");
    one += u')';
    return QStringList(rows, one).join(QStringLiteral(", "));
}

} // namespace huntaze

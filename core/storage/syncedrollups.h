#pragma once

#include "common/result.h"
#include "storage/creatordatarepository.h"

#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace huntaze {

// The analytics roll-ups a replica keeps (issue 13, docs/sync.md): the
// tables the Dashboard reads, so that it works out any range's figures on
// the desktop with the server's own code, with no network. A pull carries
// them as the server has them, row by row, each row a JSON array of its
// columns (after agency_id and creator_id) in the order below; they are
// never deleted but with their creator, so they need no tombstones. Pages
// go by each table's key, which every table here has instead of an id.
class SyncedRollUps
{
public:
    // The pull's name for all of them (readableTables').
    static constexpr const char *pullName = "analytics";

    enum class Kind { Integer, Text, Day, Timestamp };
    struct Column {
        QString name;
        Kind kind = Kind::Integer;
        bool nullable = false;
    };
    struct Table {
        QString name;
        QList<Column> columns; // after agency_id and creator_id, the key's first
        int keyColumns = 0;
    };
    // In the order a pull reads them.
    static const QList<Table> &tables();
    static const Table *find(const QString &name);

    // A page's place in `table`: the last row sent, as [creatorId, key...];
    // [] before its first row. Refuses anything else a client could send.
    static bool isCursor(const Table &table, const QJsonArray &cursor);

    struct Read {
        int count = 0;
        QJsonArray last; // the cursor after the last row read
    };
    // Rows of `table` that `which` selects, after `after` in key order, at
    // most `limit`, added to their creator's rows in `into`.
    static Result<Read> read(QSqlDatabase &db, const Table &table, const SyncedRowsQuery &which, const QJsonArray &after, int limit,
                             QMap<qint64, CreatorRows> &into);
    // The replica's side: keeps the rows as the server has them (a row the
    // server sent malformed is left out rather than stored wrong).
    static Result<void> store(QSqlDatabase &db, qint64 agencyId, const QList<CreatorRows> &rows);
    // Every row of the agency: the member no longer reads them.
    static Result<void> forget(QSqlDatabase &db, qint64 agencyId);
};

} // namespace huntaze

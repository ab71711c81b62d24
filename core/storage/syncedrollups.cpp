#include "syncedrollups.h"

#include "storage/batchedwrite.h"
#include "storage/sqlworker.h"

#include <QJsonValue>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {

using Kind = SyncedRollUps::Kind;
using Column = SyncedRollUps::Column;
using Table = SyncedRollUps::Table;

// Longer than any fan's name or post's id a file may bring.
constexpr qsizetype maxKeyText = 4096;

QStringList names(const QList<Column> &columns)
{
    QStringList list;
    for (const Column &column : columns)
        list.append(column.name);
    return list;
}

QJsonValue toJson(const Column &column, const QVariant &value)
{
    if (value.isNull())
        return column.nullable ? QJsonValue(QJsonValue::Null) : QJsonValue(column.kind == Kind::Text ? QJsonValue(QString()) : 0);
    switch (column.kind) {
    case Kind::Integer: return value.toLongLong();
    case Kind::Text: return value.toString();
    case Kind::Day: return dateFromSql(value).toString(Qt::ISODate);
    case Kind::Timestamp: return sqlTimestamp(dateTimeFromSql(value));
    }
    return {};
}

bool isValue(const Column &column, const QJsonValue &value)
{
    if (value.isNull())
        return column.nullable;
    switch (column.kind) {
    case Kind::Integer: return value.isDouble() && value.toDouble() == static_cast<double>(value.toInteger());
    case Kind::Text: return value.isString();
    case Kind::Day: return value.isString() && QDate::fromString(value.toString(), Qt::ISODate).isValid();
    case Kind::Timestamp: return value.isString() && QDateTime::fromString(value.toString(), Qt::ISODateWithMs).isValid();
    }
    return false;
}

QVariant toSql(const Column &column, const QJsonValue &value)
{
    if (value.isNull())
        return QVariant(column.kind == Kind::Integer ? QMetaType::fromType<qint64>() : QMetaType::fromType<QString>());
    if (column.kind == Kind::Integer)
        return value.toInteger();
    return value.toString();
}

} // namespace

const QList<Table> &SyncedRollUps::tables()
{
    const auto integer = [](const char *name) { return Column{QString::fromLatin1(name), Kind::Integer, false}; };
    const auto day = [](const char *name, bool nullable = false) { return Column{QString::fromLatin1(name), Kind::Day, nullable}; };
    const auto text = [](const char *name) { return Column{QString::fromLatin1(name), Kind::Text, false}; };
    static const QList<Table> all{
        {QStringLiteral("earning_days"), {day("day"), text("kind"), integer("events"), integer("gross_cents"), integer("net_cents")}, 2},
        {QStringLiteral("earning_hours"),
         {day("day"), integer("hour"), integer("events"), integer("gross_cents"), integer("net_cents")},
         2},
        {QStringLiteral("earning_fan_days"),
         {day("day"), text("fan"), integer("purchases"), integer("gross_cents"), integer("net_cents"), integer("new_subscriptions"),
          integer("renewals"), integer("expiries")},
         2},
        {QStringLiteral("earning_fans"),
         {text("fan"), integer("purchases"), integer("gross_cents"), integer("net_cents"), day("first_new_day", true),
          day("first_purchase_day", true), day("last_purchase_day", true)},
         1},
        {QStringLiteral("earning_subscriber_days"), {day("day"), integer("gained"), integer("lost")}, 1},
        {QStringLiteral("earning_spender_days"), {integer("window_days"), day("day"), integer("spender_change")}, 2},
        {QStringLiteral("message_days"),
         {day("day"), integer("member_id"), integer("from_fans"), integer("sent"), integer("paid_sent"), integer("paid_bought"),
          integer("bought_cents"), integer("replies"), integer("reply_seconds")},
         2},
        {QStringLiteral("message_reply_buckets"), {day("day"), integer("member_id"), integer("bucket"), integer("replies")}, 3},
        {QStringLiteral("engagement_posts"),
         {text("post"), Column{QStringLiteral("posted_at"), Kind::Timestamp, false}, day("local_day"), integer("local_hour"),
          text("caption"), integer("likes"), integer("comments"), integer("views")},
         1},
    };
    return all;
}

const Table *SyncedRollUps::find(const QString &name)
{
    for (const Table &table : tables()) {
        if (table.name == name)
            return &table;
    }
    return nullptr;
}

bool SyncedRollUps::isCursor(const Table &table, const QJsonArray &cursor)
{
    if (cursor.isEmpty())
        return true;
    if (cursor.size() != table.keyColumns + 1)
        return false;
    const QJsonValue creator = cursor.at(0);
    if (!creator.isDouble() || creator.toDouble() < 1 || creator.toDouble() > 9e15
        || creator.toDouble() != static_cast<double>(creator.toInteger()))
        return false;
    for (int i = 0; i < table.keyColumns; ++i) {
        const Column &column = table.columns.at(i);
        const QJsonValue value = cursor.at(i + 1);
        if (column.nullable || !isValue(column, value))
            return false;
        if (column.kind == Kind::Integer && std::abs(value.toDouble()) > 9e15)
            return false;
        if (column.kind == Kind::Text && value.toString().size() > maxKeyText)
            return false;
    }
    return true;
}

Result<SyncedRollUps::Read> SyncedRollUps::read(QSqlDatabase &db, const Table &table, const SyncedRowsQuery &which, const QJsonArray &after,
                                                int limit, QMap<qint64, CreatorRows> &into)
{
    // PostgreSQL compares a day with a day; SQLite keeps it as its text.
    const bool typedDays = db.driverName() == QLatin1String("QPSQL");
    QStringList key{QStringLiteral("creator_id")};
    QStringList marks{QStringLiteral("?")};
    for (int i = 0; i < table.keyColumns; ++i) {
        key.append(table.columns.at(i).name);
        marks.append(typedDays && table.columns.at(i).kind == Kind::Day ? QStringLiteral("CAST(? AS date)") : QStringLiteral("?"));
    }
    const QString keyList = key.join(QStringLiteral(", "));
    // The table's and columns' names are this class's, never the caller's text.
    QString sql = QStringLiteral("SELECT creator_id, ") + names(table.columns).join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
        + table.name + QStringLiteral(" WHERE ") + which.condition();
    if (!after.isEmpty())
        sql += QStringLiteral(" AND (") + keyList + QStringLiteral(") > (") + marks.join(QStringLiteral(", ")) + u')';
    sql += QStringLiteral(" ORDER BY ") + keyList + QStringLiteral(" LIMIT ?");
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return storageError(QStringLiteral("read synced ") + table.name, query.lastError());
    which.bind(query);
    if (!after.isEmpty()) {
        query.addBindValue(after.at(0).toInteger());
        for (int i = 0; i < table.keyColumns; ++i)
            query.addBindValue(toSql(table.columns.at(i), after.at(i + 1)));
    }
    query.addBindValue(limit);
    if (!query.exec())
        return storageError(QStringLiteral("read synced ") + table.name, query.lastError());
    Read read;
    while (query.next()) {
        const qint64 creatorId = query.value(0).toLongLong();
        QJsonArray row;
        for (int i = 0; i < table.columns.size(); ++i)
            row.append(toJson(table.columns.at(i), query.value(i + 1)));
        CreatorRows &rows = into[creatorId];
        rows.creatorId = creatorId;
        QJsonArray last{creatorId};
        for (int i = 0; i < table.keyColumns; ++i)
            last.append(row.at(i));
        rows.rollUps[table.name].append(std::move(row));
        read.last = std::move(last);
        ++read.count;
    }
    return read;
}

Result<void> SyncedRollUps::store(QSqlDatabase &db, qint64 agencyId, const QList<CreatorRows> &rows)
{
    for (const Table &table : tables()) {
        QList<std::pair<qint64, QJsonArray>> kept;
        for (const CreatorRows &creator : rows) {
            for (const QJsonArray &row : creator.rollUps.value(table.name)) {
                bool wellMade = row.size() == table.columns.size();
                for (qsizetype i = 0; wellMade && i < row.size(); ++i)
                    wellMade = isValue(table.columns.at(i), row.at(i));
                if (wellMade)
                    kept.append({creator.creatorId, row});
            }
        }
        if (kept.isEmpty())
            continue;
        const QStringList columns = names(table.columns);
        QStringList keyColumns{QStringLiteral("agency_id"), QStringLiteral("creator_id")};
        keyColumns += columns.mid(0, table.keyColumns);
        QStringList updates;
        for (const QString &column : columns.mid(table.keyColumns))
            updates.append(column + QStringLiteral(" = excluded.") + column);
        const int columnCount = static_cast<int>(columns.size()) + 2;
        Result<void> written = writeInBatches<std::pair<qint64, QJsonArray>>(
            db, kept, rowsPerStatement(db, 200),
            [&](qsizetype count) -> QString {
                return QStringLiteral("INSERT INTO ") + table.name + QStringLiteral(" (agency_id, creator_id, ")
                    + columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES ") + placeholderRows(count, columnCount)
                    + QStringLiteral(" ON CONFLICT (") + keyColumns.join(QStringLiteral(", ")) + QStringLiteral(") DO UPDATE SET ")
                    + updates.join(QStringLiteral(", "));
            },
            [&](QSqlQuery &query, const std::pair<qint64, QJsonArray> &row) {
                query.addBindValue(agencyId);
                query.addBindValue(row.first);
                for (qsizetype i = 0; i < row.second.size(); ++i)
                    query.addBindValue(toSql(table.columns.at(i), row.second.at(i)));
            },
            QStringLiteral("keep synced ") + table.name);
        if (!written.ok())
            return written;
    }
    return Result<void>::success();
}

Result<void> SyncedRollUps::forget(QSqlDatabase &db, qint64 agencyId)
{
    for (const Table &table : tables()) {
        QSqlQuery forget(db);
        forget.prepare(QStringLiteral("DELETE FROM ") + table.name + QStringLiteral(" WHERE agency_id = ?"));
        forget.addBindValue(agencyId);
        if (!forget.exec())
            return storageError(QStringLiteral("forget synced ") + table.name, forget.lastError());
    }
    return Result<void>::success();
}

} // namespace huntaze

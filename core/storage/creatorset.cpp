#include "creatorset.h"

#include "storage/sqlworker.h"

#include <QSqlError>

namespace huntaze {

Result<QHash<qint64, qint64>> sumsByCreatorUpTo(QSqlDatabase &db, const QString &what, const QString &table, const QString &sum,
                                                const QString &condition, const QList<QVariant> &values, const CreatorSet &creators,
                                                const QDate &day)
{
    QHash<qint64, qint64> sums;
    if (creators.creatorIds.isEmpty())
        return sums;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT s.creator_id, CAST(SUM(%1) AS bigint) FROM %2 AS s WHERE %3 AND %4 AND s.day <= ? "
                                 "GROUP BY s.creator_id")
                      .arg(sum, table, creators.condition(QStringLiteral("s")), condition));
    creators.bind(query);
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(day.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(what, query.lastError());
    while (query.next())
        sums.insert(query.value(0).toLongLong(), query.value(1).toLongLong());
    return sums;
}

} // namespace huntaze

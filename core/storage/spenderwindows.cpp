#include "spenderwindows.h"

#include "storage/bulkupsert.h"
#include "storage/sqlworker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace huntaze {

namespace {

// The windows of a purchase day until the fan's next one (invalid: none yet), `sign` times.
void addPurchase(const QDate &day, const QDate &next, qint64 sign, QHash<SpenderWindows::Key, qint64> &changes)
{
    for (const int length : SpenderWindows::lengths) {
        QDate end = day.addDays(length);
        if (next.isValid() && next < end)
            end = next;
        changes[{length, day}] += sign;
        changes[{length, end}] -= sign;
    }
}

} // namespace

size_t qHash(const SpenderWindows::Key &key, size_t seed)
{
    return qHashMulti(seed, key.length, key.day.toJulianDay());
}

bool SpenderWindows::covers(const QDate &from, const QDate &to)
{
    const qint64 length = from.daysTo(to) + 1;
    return std::find(lengths.cbegin(), lengths.cend(), length) != lengths.cend();
}

void SpenderWindows::addChanges(const QList<NewPurchaseDay> &days, QHash<Key, qint64> &changes)
{
    for (qsizetype i = 0; i < days.size(); ++i) {
        const NewPurchaseDay &day = days[i];
        // No purchase day came between `previous` and this one before: this is its next now, instead of `next`.
        const bool firstAfterPrevious = i == 0 || days[i - 1].previous != day.previous;
        if (day.previous.isValid() && firstAfterPrevious) {
            addPurchase(day.previous, day.next, -1, changes);
            addPurchase(day.previous, day.day, +1, changes);
        }
        QDate next = day.next;
        if (i + 1 < days.size() && (!next.isValid() || days[i + 1].day < next))
            next = days[i + 1].day;
        addPurchase(day.day, next, +1, changes);
    }
}

Result<QHash<qint64, qint64>> SpenderWindows::count(QSqlDatabase &db, const CreatorSet &creators, const QDate &from, const QDate &to)
{
    return sumsByCreatorUpTo(db, QStringLiteral("count spenders"), QStringLiteral("earning_spender_days"),
                             QStringLiteral("s.spender_change"), QStringLiteral("s.window_days = ?"), {from.daysTo(to) + 1}, creators, to);
}

namespace {

// Each fan's first and last purchase days before the import, from their lifetime rows.
Result<QHash<QString, std::pair<QDate, QDate>>> purchaseSpans(QSqlDatabase &db, const agency::CreatorScope &scope, const QStringList &fans)
{
    const bool postgres = db.driverName() == QLatin1String("QPSQL");
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT f.fan, f.first_purchase_day, f.last_purchase_day FROM earning_fans AS f "
                                 "WHERE f.agency_id = ? AND f.creator_id = ? AND f.fan IN (%1) AND f.first_purchase_day IS NOT NULL")
                      .arg(postgres ? QStringLiteral("SELECT json_array_elements_text(CAST(? AS json))")
                                    : QStringLiteral("SELECT value FROM json_each(?)")));
    query.addBindValue(scope.agencyId);
    query.addBindValue(scope.creatorId);
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(fans)).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return storageError(QStringLiteral("read the fans' first and last purchases"), query.lastError());
    QHash<QString, std::pair<QDate, QDate>> spans;
    while (query.next())
        spans.insert(query.value(0).toString(), {dateFromSql(query.value(1)), dateFromSql(query.value(2))});
    return spans;
}

// The purchase days just before and after each of `days` (fan and day), and
// whether it is one already (then left out).
Result<QHash<QString, QList<SpenderWindows::NewPurchaseDay>>> neighbours(QSqlDatabase &db, const agency::CreatorScope &scope,
                                                                         const QJsonArray &days)
{
    const bool postgres = db.driverName() == QLatin1String("QPSQL");
    // Each a seek in earning_fan_days_purchases, whose predicate this repeats. SQLite, without
    // statistics, would rather walk the primary key's days before or after (minutes for a
    // statement spread over five years of twenty thousand fans), so there it is named.
    const QString purchaseDays = postgres ? QStringLiteral("earning_fan_days AS p")
                                          : QStringLiteral("earning_fan_days AS p INDEXED BY earning_fan_days_purchases");
    const QString neighbour = QStringLiteral("(SELECT p.day FROM ") + purchaseDays
        + QStringLiteral(" WHERE p.agency_id = ? AND p.creator_id = ? AND p.fan = b.fan AND p.day %1 b.day AND p.purchases > 0 "
                         "ORDER BY p.day %2 LIMIT 1)");
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("WITH bought AS (%1) SELECT b.fan, b.day, %2, %3 FROM bought AS b WHERE NOT EXISTS "
                                 "(SELECT 1 FROM earning_fan_days AS p WHERE p.agency_id = ? AND p.creator_id = ? AND p.day = b.day "
                                 "AND p.fan = b.fan AND p.purchases > 0)")
                      .arg(postgres ? QStringLiteral("SELECT value ->> 0 AS fan, CAST(value ->> 1 AS date) AS day "
                                                     "FROM json_array_elements(CAST(? AS json))")
                                    : QStringLiteral("SELECT value ->> 0 AS fan, value ->> 1 AS day FROM json_each(?)"),
                           neighbour.arg(QStringLiteral("<"), QStringLiteral("DESC")),
                           neighbour.arg(QStringLiteral(">"), QStringLiteral("ASC"))));
    query.addBindValue(QString::fromUtf8(QJsonDocument(days).toJson(QJsonDocument::Compact)));
    for (int i = 0; i < 3; ++i) {
        query.addBindValue(scope.agencyId);
        query.addBindValue(scope.creatorId);
    }
    if (!query.exec())
        return storageError(QStringLiteral("read the purchase days around new ones"), query.lastError());
    QHash<QString, QList<SpenderWindows::NewPurchaseDay>> found;
    while (query.next()) {
        found[query.value(0).toString()].append({dateFromSql(query.value(1)), dateFromSql(query.value(2)), dateFromSql(query.value(3))});
    }
    return found;
}

} // namespace

Result<void> SpenderWindows::add(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<QString, QList<QDate>> &bought)
{
    if (bought.isEmpty())
        return Result<void>::success();
    const Result<QHash<QString, std::pair<QDate, QDate>>> spans = purchaseSpans(db, scope, bought.keys());
    if (!spans.ok())
        return spans.error();
    // A statement usually comes after (or before) all a fan bought so far:
    // then their lifetime row says which purchase days surround the new
    // ones. Only days among the old ones need a look at the fan's days.
    QHash<QString, QList<NewPurchaseDay>> newDays;
    QJsonArray amongOldDays;
    for (auto it = bought.cbegin(); it != bought.cend(); ++it) {
        QList<QDate> days = it.value();
        std::sort(days.begin(), days.end());
        const auto span = spans.value().constFind(it.key());
        QDate previous, next;
        if (span != spans.value().cend()) {
            if (days.front() > span->second) {
                previous = span->second;
            } else if (days.back() < span->first) {
                next = span->first;
            } else {
                for (const QDate &day : std::as_const(days))
                    amongOldDays.append(QJsonArray{it.key(), day.toString(Qt::ISODate)});
                continue;
            }
        }
        QList<NewPurchaseDay> &fanDays = newDays[it.key()];
        for (const QDate &day : std::as_const(days))
            fanDays.append({day, previous, next});
    }
    if (!amongOldDays.isEmpty()) {
        Result<QHash<QString, QList<NewPurchaseDay>>> found = neighbours(db, scope, amongOldDays);
        if (!found.ok())
            return found.error();
        newDays.insert(found.value());
    }
    QHash<Key, qint64> changes;
    for (QList<NewPurchaseDay> &fanDays : newDays) {
        std::sort(fanDays.begin(), fanDays.end(), [](const NewPurchaseDay &a, const NewPurchaseDay &b) { return a.day < b.day; });
        addChanges(fanDays, changes);
    }
    std::vector<QHash<Key, qint64>::const_iterator> inKeyOrder;
    inKeyOrder.reserve(static_cast<std::size_t>(changes.size()));
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        if (it.value() != 0)
            inKeyOrder.push_back(it);
    }
    std::sort(inKeyOrder.begin(), inKeyOrder.end(),
              [](const auto &a, const auto &b) { return std::pair(a.key().length, a.key().day) < std::pair(b.key().length, b.key().day); });
    BulkUpsert upsert(db, QStringLiteral("earning_spender_days"),
                      {QStringLiteral("agency_id"), QStringLiteral("creator_id"), QStringLiteral("window_days"), QStringLiteral("day"),
                       QStringLiteral("spender_change")},
                      QStringLiteral("ON CONFLICT (agency_id, creator_id, window_days, day) DO UPDATE SET "
                                     "spender_change = earning_spender_days.spender_change + excluded.spender_change"));
    for (const auto &it : inKeyOrder)
        upsert.append({scope.agencyId, scope.creatorId, it.key().length, it.key().day.toString(Qt::ISODate), it.value()});
    if (Result<QList<QVariantList>> kept = upsert.run(QStringLiteral("keep spenders by period")); !kept.ok())
        return kept.error();
    return Result<void>::success();
}

} // namespace huntaze

#include "analyticsrepository.h"

#include "storage/earningswriter.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

namespace huntaze {

using analytics::EarningEvent;
using analytics::EarningsRollup;

namespace {

QDate dateFromSql(const QVariant &value)
{
    // PostgreSQL hands a date back as QDate, SQLite as its text.
    return value.typeId() == QMetaType::QDate ? value.toDate() : QDate::fromString(value.toString(), Qt::ISODate);
}

struct HourKey {
    QDate day;
    int hour;
    analytics::EarningKind kind;
    friend bool operator==(const HourKey &, const HourKey &) = default;
};

size_t qHash(const HourKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.day.toJulianDay(), key.hour, static_cast<int>(key.kind));
}

} // namespace

AnalyticsRepository::AnalyticsRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone)
    : m_db(db), m_scope(scope), m_zone(std::move(zone))
{}

Result<int> AnalyticsRepository::addEarnings(const QList<EarningEvent> &events)
{
    if (events.isEmpty())
        return 0;
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    if (isPostgres()) {
        const auto [first, last] = std::minmax_element(
            events.cbegin(), events.cend(), [](const EarningEvent &a, const EarningEvent &b) { return a.occurredAt < b.occurredAt; });
        QSqlQuery partitions(m_db);
        partitions.prepare(QStringLiteral("SELECT huntaze_earning_partitions(?, ?)"));
        partitions.addBindValue(sqlTimestamp(first->occurredAt));
        partitions.addBindValue(sqlTimestamp(last->occurredAt));
        if (!partitions.exec())
            return storageError(QStringLiteral("make earnings partitions"), partitions.lastError());
    }
    Result<std::unique_ptr<EarningsWriter>> writer = EarningsWriter::open(m_db);
    if (!writer.ok())
        return writer.error();
    // What the new events add to each hour, written once per hour below.
    QHash<HourKey, EarningsRollup> added;
    int inserted = 0;
    for (const EarningEvent &event : events) {
        const auto [day, hour] = analytics::localHour(event.occurredAt, m_zone);
        const Result<bool> fresh
            = writer.value()->write(EarningRow{m_scope.agencyId, m_scope.creatorId, &event, event.identity(), day, hour});
        if (!fresh.ok())
            return fresh.error();
        if (!fresh.value())
            continue; // there already: a statement imported again
        ++inserted;
        EarningsRollup &sum = added[HourKey{day, hour, event.kind}];
        sum.day = day;
        sum.hour = hour;
        sum.kind = event.kind;
        ++sum.events;
        sum.grossCents += event.grossCents;
        sum.netCents += event.netCents;
    }
    QSqlQuery rollup(m_db);
    if (!rollup.prepare(QStringLiteral(
            "INSERT INTO earning_rollups (agency_id, creator_id, day, hour, kind, events, gross_cents, net_cents) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, creator_id, day, hour, kind) DO UPDATE SET "
            "events = earning_rollups.events + excluded.events, gross_cents = earning_rollups.gross_cents + excluded.gross_cents, "
            "net_cents = earning_rollups.net_cents + excluded.net_cents")))
        return storageError(QStringLiteral("prepare earnings roll-up"), rollup.lastError());
    for (const EarningsRollup &sum : std::as_const(added)) {
        rollup.addBindValue(m_scope.agencyId);
        rollup.addBindValue(m_scope.creatorId);
        rollup.addBindValue(sum.day.toString(Qt::ISODate));
        rollup.addBindValue(sum.hour);
        rollup.addBindValue(analytics::kindId(sum.kind));
        rollup.addBindValue(sum.events);
        rollup.addBindValue(sum.grossCents);
        rollup.addBindValue(sum.netCents);
        if (!rollup.exec())
            return storageError(QStringLiteral("roll up earnings"), rollup.lastError());
    }
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return inserted;
}

Result<QList<EarningsRollup>> AnalyticsRepository::earningsRollups(const QDate &from, const QDate &to)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT day, hour, kind, events, gross_cents, net_cents FROM earning_rollups "
                                 "WHERE agency_id = ? AND creator_id = ? AND day >= ? AND day <= ? ORDER BY day, hour, kind"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(from.toString(Qt::ISODate));
    query.addBindValue(to.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read earnings roll-ups"), query.lastError());
    QList<EarningsRollup> rollups;
    while (query.next()) {
        EarningsRollup rollup;
        rollup.day = dateFromSql(query.value(0));
        rollup.hour = query.value(1).toInt();
        rollup.kind = analytics::kindFromId(query.value(2).toString()).value_or(analytics::EarningKind::Custom);
        rollup.events = query.value(3).toLongLong();
        rollup.grossCents = query.value(4).toLongLong();
        rollup.netCents = query.value(5).toLongLong();
        rollups.append(rollup);
    }
    return rollups;
}

Result<QList<EarningEvent>> AnalyticsRepository::earnings(const QDateTime &from, const QDateTime &to)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT occurred_at, kind, gross_cents, net_cents, currency, fan, reference, member_id FROM earning_events "
                       "WHERE agency_id = ? AND creator_id = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(sqlTimestamp(from));
    query.addBindValue(sqlTimestamp(to));
    if (!query.exec())
        return storageError(QStringLiteral("read earnings"), query.lastError());
    QList<EarningEvent> events;
    while (query.next()) {
        EarningEvent event;
        event.occurredAt = dateTimeFromSql(query.value(0)).toUTC();
        event.kind = analytics::kindFromId(query.value(1).toString()).value_or(analytics::EarningKind::Custom);
        event.grossCents = query.value(2).toLongLong();
        event.netCents = query.value(3).toLongLong();
        event.currency = query.value(4).toString();
        event.fan = query.value(5).toString();
        event.reference = query.value(6).toString();
        event.memberId = query.value(7).toLongLong();
        events.append(event);
    }
    return events;
}

} // namespace huntaze

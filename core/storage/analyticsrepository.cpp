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

struct FanDayKey {
    QDate day;
    QString fan;
    friend bool operator==(const FanDayKey &, const FanDayKey &) = default;
};

size_t qHash(const FanDayKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.day.toJulianDay(), key.fan);
}

struct FanDay {
    qint64 purchases = 0;
    qint64 grossCents = 0;
    qint64 netCents = 0;
    qint64 newSubscriptions = 0;
    qint64 renewals = 0;
    qint64 expiries = 0;

    void add(const EarningEvent &event)
    {
        purchases += event.grossCents > 0 ? 1 : 0;
        grossCents += event.grossCents;
        netCents += event.netCents;
        newSubscriptions += event.kind == analytics::EarningKind::NewSubscription ? 1 : 0;
        renewals += event.kind == analytics::EarningKind::Renewal ? 1 : 0;
        expiries += event.kind == analytics::EarningKind::ExpiredSubscription ? 1 : 0;
    }
};

struct FanLife {
    qint64 purchases = 0;
    qint64 grossCents = 0;
    qint64 netCents = 0;
    QDate firstNew;
    QDate lastSubscribed;
    QDate lastExpired;

    void add(const EarningEvent &event, const QDate &day)
    {
        purchases += event.grossCents > 0 ? 1 : 0;
        grossCents += event.grossCents;
        netCents += event.netCents;
        const auto earliest = [](QDate &kept, const QDate &seen) { kept = kept.isValid() ? std::min(kept, seen) : seen; };
        const auto latest = [](QDate &kept, const QDate &seen) { kept = kept.isValid() ? std::max(kept, seen) : seen; };
        if (event.kind == analytics::EarningKind::NewSubscription)
            earliest(firstNew, day);
        if (event.kind == analytics::EarningKind::NewSubscription || event.kind == analytics::EarningKind::Renewal)
            latest(lastSubscribed, day);
        if (event.kind == analytics::EarningKind::ExpiredSubscription)
            latest(lastExpired, day);
    }
};

QVariant dayOrNull(const QDate &day)
{
    return day.isValid() ? QVariant(day.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

// What the new events add to each fan's lifetime, in the transaction of the events.
Result<void> addFanLives(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<QString, FanLife> &fans)
{
    // Portable between SQLite and PostgreSQL: a NULL (never) loses to any day.
    const auto earliest = [](const char *column) {
        return QStringLiteral("%1 = CASE WHEN earning_fans.%1 IS NULL OR excluded.%1 < earning_fans.%1 THEN excluded.%1 "
                              "ELSE earning_fans.%1 END")
            .arg(QLatin1String(column));
    };
    const auto latest = [](const char *column) {
        return QStringLiteral("%1 = CASE WHEN earning_fans.%1 IS NULL OR excluded.%1 > earning_fans.%1 THEN excluded.%1 "
                              "ELSE earning_fans.%1 END")
            .arg(QLatin1String(column));
    };
    QSqlQuery upsert(db);
    if (!upsert.prepare(
            QStringLiteral("INSERT INTO earning_fans (agency_id, creator_id, fan, purchases, gross_cents, net_cents, first_new_day, "
                           "last_subscribed_day, last_expired_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (agency_id, creator_id, fan) DO UPDATE SET "
                           "purchases = earning_fans.purchases + excluded.purchases, "
                           "gross_cents = earning_fans.gross_cents + excluded.gross_cents, "
                           "net_cents = earning_fans.net_cents + excluded.net_cents, ")
            + earliest("first_new_day") + QStringLiteral(", ") + latest("last_subscribed_day") + QStringLiteral(", ")
            + latest("last_expired_day")))
        return storageError(QStringLiteral("prepare fan lifetimes"), upsert.lastError());
    for (auto it = fans.cbegin(); it != fans.cend(); ++it) {
        const FanLife &life = it.value();
        upsert.addBindValue(scope.agencyId);
        upsert.addBindValue(scope.creatorId);
        upsert.addBindValue(sqlText(it.key()));
        upsert.addBindValue(life.purchases);
        upsert.addBindValue(life.grossCents);
        upsert.addBindValue(life.netCents);
        upsert.addBindValue(dayOrNull(life.firstNew));
        upsert.addBindValue(dayOrNull(life.lastSubscribed));
        upsert.addBindValue(dayOrNull(life.lastExpired));
        if (!upsert.exec())
            return storageError(QStringLiteral("keep fan lifetimes"), upsert.lastError());
    }
    return Result<void>::success();
}

// What the new events add to each fan's days, in the transaction of the events.
Result<void> addFanDays(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<FanDayKey, FanDay> &fanDays)
{
    QSqlQuery upsert(db);
    if (!upsert.prepare(QStringLiteral(
            "INSERT INTO earning_fan_days (agency_id, creator_id, day, fan, purchases, gross_cents, net_cents, new_subscriptions, "
            "renewals, expiries) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, creator_id, day, fan) DO UPDATE SET "
            "purchases = earning_fan_days.purchases + excluded.purchases, "
            "gross_cents = earning_fan_days.gross_cents + excluded.gross_cents, "
            "net_cents = earning_fan_days.net_cents + excluded.net_cents, "
            "new_subscriptions = earning_fan_days.new_subscriptions + excluded.new_subscriptions, "
            "renewals = earning_fan_days.renewals + excluded.renewals, expiries = earning_fan_days.expiries + excluded.expiries")))
        return storageError(QStringLiteral("prepare fan roll-up"), upsert.lastError());
    for (auto it = fanDays.cbegin(); it != fanDays.cend(); ++it) {
        const FanDay &sum = it.value();
        upsert.addBindValue(scope.agencyId);
        upsert.addBindValue(scope.creatorId);
        upsert.addBindValue(it.key().day.toString(Qt::ISODate));
        upsert.addBindValue(sqlText(it.key().fan));
        upsert.addBindValue(sum.purchases);
        upsert.addBindValue(sum.grossCents);
        upsert.addBindValue(sum.netCents);
        upsert.addBindValue(sum.newSubscriptions);
        upsert.addBindValue(sum.renewals);
        upsert.addBindValue(sum.expiries);
        if (!upsert.exec())
            return storageError(QStringLiteral("roll up fan earnings"), upsert.lastError());
    }
    return Result<void>::success();
}

} // namespace

AnalyticsRepository::AnalyticsRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone)
    : m_db(db), m_scope(scope), m_zone(std::move(zone))
{}

Result<int> AnalyticsRepository::addEarnings(const QList<EarningEvent> &events)
{
    if (events.isEmpty())
        return 0;
    m_lastDay.reset();
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
    QHash<FanDayKey, FanDay> fanDays;
    QHash<QString, FanLife> fanLives;
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
        if (!event.fan.isEmpty()) {
            fanDays[FanDayKey{day, event.fan}].add(event);
            fanLives[event.fan].add(event, day);
        }
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
    if (Result<void> counted = addFanDays(m_db, m_scope, fanDays); !counted.ok())
        return counted.error();
    if (Result<void> kept = addFanLives(m_db, m_scope, fanLives); !kept.ok())
        return kept.error();
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

Result<qint64> AnalyticsRepository::count(const QString &what, const QString &sql, const QList<QVariant> &values)
{
    QSqlQuery query(m_db);
    query.prepare(sql);
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return storageError(what, query.lastError());
    return query.value(0).toLongLong();
}

Result<std::optional<QDate>> AnalyticsRepository::boundaryDay(bool last)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1(day) FROM earning_rollups WHERE agency_id = ? AND creator_id = ?")
                      .arg(last ? QLatin1String("MAX") : QLatin1String("MIN")));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("read the first or last day of earnings"), query.lastError());
    if (query.value(0).isNull())
        return std::optional<QDate>();
    return std::optional<QDate>(dateFromSql(query.value(0)));
}

Result<std::optional<QDate>> AnalyticsRepository::lastEarningDay()
{
    if (!m_lastDay) {
        const Result<std::optional<QDate>> read = boundaryDay(true);
        if (!read.ok())
            return read.error();
        m_lastDay = read.value();
    }
    return *m_lastDay;
}

Result<bool> AnalyticsRepository::coversEverything(const QDate &day)
{
    const Result<std::optional<QDate>> last = lastEarningDay();
    if (!last.ok())
        return last.error();
    return !last.value() || day >= *last.value();
}

Result<qint64> AnalyticsRepository::spenders(const QDate &from, const QDate &to)
{
    return count(QStringLiteral("count spenders"),
                 QStringLiteral("SELECT COUNT(DISTINCT fan) FROM earning_fan_days WHERE agency_id = ? AND creator_id = ? "
                                "AND day >= ? AND day <= ? AND purchases > 0"),
                 {from.toString(Qt::ISODate), to.toString(Qt::ISODate)});
}

Result<qint64> AnalyticsRepository::activeSubscribers(const QDate &day)
{
    const Result<bool> everything = coversEverything(day);
    if (!everything.ok())
        return everything.error();
    if (everything.value())
        return count(
            QStringLiteral("count subscribers"),
            QStringLiteral("SELECT COUNT(*) FROM earning_fans WHERE agency_id = ? AND creator_id = ? AND "
                           "last_subscribed_day IS NOT NULL AND (last_expired_day IS NULL OR last_subscribed_day > last_expired_day)"),
            {});
    return count(QStringLiteral("count subscribers"),
                 QStringLiteral("SELECT COUNT(*) FROM (SELECT MAX(CASE WHEN new_subscriptions + renewals > 0 THEN day END) AS subscribed, "
                                "MAX(CASE WHEN expiries > 0 THEN day END) AS expired FROM earning_fan_days "
                                "WHERE agency_id = ? AND creator_id = ? AND day <= ? AND new_subscriptions + renewals + expiries > 0 "
                                "GROUP BY fan) AS fans WHERE subscribed IS NOT NULL AND (expired IS NULL OR subscribed > expired)"),
                 {day.toString(Qt::ISODate)});
}

Result<QList<analytics::FanLifetime>> AnalyticsRepository::fanLifetimes(const QDate &day)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT fan, SUM(purchases), SUM(gross_cents), SUM(net_cents) FROM earning_fan_days "
                       "WHERE agency_id = ? AND creator_id = ? AND day <= ? GROUP BY fan HAVING SUM(purchases) > 0 ORDER BY fan"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(day.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read fan lifetimes"), query.lastError());
    QList<analytics::FanLifetime> fans;
    while (query.next())
        fans.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toLongLong()});
    return fans;
}

Result<QList<analytics::CohortActivity>> AnalyticsRepository::cohortActivity(const QDate &day)
{
    // A month as the text of its first day, in each dialect.
    const QString month
        = isPostgres() ? QStringLiteral("to_char(date_trunc('month', day), 'YYYY-MM-DD')") : QStringLiteral("substr(day, 1, 8) || '01'");
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("WITH months AS (SELECT fan, %1 AS month, SUM(new_subscriptions) AS started FROM earning_fan_days "
                                 "WHERE agency_id = ? AND creator_id = ? AND day <= ? AND new_subscriptions + renewals > 0 "
                                 "AND new_subscriptions + renewals + expiries > 0 " // the subscription rows' own index
                                 "GROUP BY fan, %1), "
                                 "firsts AS (SELECT fan, MIN(month) AS cohort FROM months WHERE started > 0 GROUP BY fan) "
                                 "SELECT firsts.cohort, months.month, COUNT(*) FROM months JOIN firsts ON firsts.fan = months.fan "
                                 "WHERE months.month >= firsts.cohort GROUP BY firsts.cohort, months.month ORDER BY 1, 2")
                      .arg(month));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(day.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read subscriber cohorts"), query.lastError());
    QList<analytics::CohortActivity> activity;
    while (query.next())
        activity.append({QDate::fromString(query.value(0).toString(), Qt::ISODate),
                         QDate::fromString(query.value(1).toString(), Qt::ISODate), query.value(2).toLongLong()});
    return activity;
}

} // namespace huntaze

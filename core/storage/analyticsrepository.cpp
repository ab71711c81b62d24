#include "analyticsrepository.h"

#include "analytics/localhours.h"
#include "storage/attributionrepository.h"
#include "storage/bulkupsert.h"
#include "storage/earningswriter.h"
#include "storage/spenderwindows.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <functional>
#include <tuple>

namespace huntaze {

using analytics::EarningEvent;

namespace {

struct DayKey {
    QDate day;
    analytics::EarningKind kind;
    friend bool operator==(const DayKey &, const DayKey &) = default;
    friend bool operator<(const DayKey &a, const DayKey &b) { return std::tie(a.day, a.kind) < std::tie(b.day, b.kind); }
};

size_t qHash(const DayKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.day.toJulianDay(), static_cast<int>(key.kind));
}

struct HourKey {
    QDate day;
    int hour;
    friend bool operator==(const HourKey &, const HourKey &) = default;
    friend bool operator<(const HourKey &a, const HourKey &b) { return std::tie(a.day, a.hour) < std::tie(b.day, b.hour); }
};

size_t qHash(const HourKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.day.toJulianDay(), key.hour);
}

struct Sum {
    qint64 events = 0;
    qint64 grossCents = 0;
    qint64 netCents = 0;

    void add(const EarningEvent &event)
    {
        ++events;
        grossCents += event.grossCents;
        netCents += event.netCents;
    }
};

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
    QDate firstPurchase;
    QDate lastPurchase;

    void add(const EarningEvent &event, const QDate &day)
    {
        purchases += event.grossCents > 0 ? 1 : 0;
        grossCents += event.grossCents;
        netCents += event.netCents;
        const auto earliest = [](QDate &kept, const QDate &seen) { kept = kept.isValid() ? std::min(kept, seen) : seen; };
        const auto latest = [](QDate &kept, const QDate &seen) { kept = kept.isValid() ? std::max(kept, seen) : seen; };
        if (event.kind == analytics::EarningKind::NewSubscription)
            earliest(firstNew, day);
        if (event.grossCents > 0) {
            earliest(firstPurchase, day);
            latest(lastPurchase, day);
        }
    }
};

// A hash's entries in key order: SQLite writes rows in its tables' key order
// faster than at random places (a fan-day roll-up took 2 s for 200,000 rows in hash order).
template <typename Key, typename Value, typename Less>
std::vector<typename QHash<Key, Value>::const_iterator> inKeyOrder(const QHash<Key, Value> &hash, Less less)
{
    std::vector<typename QHash<Key, Value>::const_iterator> entries;
    entries.reserve(static_cast<std::size_t>(hash.size()));
    for (auto it = hash.cbegin(); it != hash.cend(); ++it)
        entries.push_back(it);
    std::sort(entries.begin(), entries.end(), [&less](const auto &a, const auto &b) { return less(a.key(), b.key()); });
    return entries;
}

// A sum of earnings by day (or week) and kind: columns 1 to 5 of a row (day, kind, events, gross, net).
analytics::EarningsDay earningsDayFrom(const QSqlQuery &query)
{
    analytics::EarningsDay day;
    day.day = dateFromSql(query.value(1));
    day.kind = analytics::kindFromId(query.value(2).toString()).value_or(analytics::EarningKind::Custom);
    day.events = query.value(3).toLongLong();
    day.grossCents = query.value(4).toLongLong();
    day.netCents = query.value(5).toLongLong();
    return day;
}

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
    BulkUpsert upsert(db, QStringLiteral("earning_fans"),
                      {QStringLiteral("agency_id"), QStringLiteral("creator_id"), QStringLiteral("fan"), QStringLiteral("purchases"),
                       QStringLiteral("gross_cents"), QStringLiteral("net_cents"), QStringLiteral("first_new_day"),
                       QStringLiteral("first_purchase_day"), QStringLiteral("last_purchase_day")},
                      QStringLiteral("ON CONFLICT (agency_id, creator_id, fan) DO UPDATE SET "
                                     "purchases = earning_fans.purchases + excluded.purchases, "
                                     "gross_cents = earning_fans.gross_cents + excluded.gross_cents, "
                                     "net_cents = earning_fans.net_cents + excluded.net_cents, ")
                          + earliest("first_new_day") + QStringLiteral(", ") + earliest("first_purchase_day") + QStringLiteral(", ")
                          + latest("last_purchase_day"));
    for (const auto &it : inKeyOrder(fans, std::less<QString>())) {
        const FanLife &life = it.value();
        upsert.append({scope.agencyId, scope.creatorId, sqlText(it.key()), life.purchases, life.grossCents, life.netCents,
                       dayOrNull(life.firstNew), dayOrNull(life.firstPurchase), dayOrNull(life.lastPurchase)});
    }
    if (Result<QList<QVariantList>> kept = upsert.run(QStringLiteral("keep fan lifetimes")); !kept.ok())
        return kept.error();
    return Result<void>::success();
}

// What the new events add to each fan's days, in the transaction of the events.
Result<void> addFanDays(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<FanDayKey, FanDay> &fanDays)
{
    BulkUpsert upsert(db, QStringLiteral("earning_fan_days"),
                      {QStringLiteral("agency_id"), QStringLiteral("creator_id"), QStringLiteral("day"), QStringLiteral("fan"),
                       QStringLiteral("purchases"), QStringLiteral("gross_cents"), QStringLiteral("net_cents"),
                       QStringLiteral("new_subscriptions"), QStringLiteral("renewals"), QStringLiteral("expiries")},
                      QStringLiteral("ON CONFLICT (agency_id, creator_id, day, fan) DO UPDATE SET "
                                     "purchases = earning_fan_days.purchases + excluded.purchases, "
                                     "gross_cents = earning_fan_days.gross_cents + excluded.gross_cents, "
                                     "net_cents = earning_fan_days.net_cents + excluded.net_cents, "
                                     "new_subscriptions = earning_fan_days.new_subscriptions + excluded.new_subscriptions, "
                                     "renewals = earning_fan_days.renewals + excluded.renewals, "
                                     "expiries = earning_fan_days.expiries + excluded.expiries"));
    const auto byDayAndFan = [](const FanDayKey &a, const FanDayKey &b) { return std::tie(a.day, a.fan) < std::tie(b.day, b.fan); };
    for (const auto &it : inKeyOrder(fanDays, byDayAndFan)) {
        const FanDay &sum = it.value();
        upsert.append({scope.agencyId, scope.creatorId, it.key().day.toString(Qt::ISODate), sqlText(it.key().fan), sum.purchases,
                       sum.grossCents, sum.netCents, sum.newSubscriptions, sum.renewals, sum.expiries});
    }
    if (Result<QList<QVariantList>> rolled = upsert.run(QStringLiteral("roll up fan earnings")); !rolled.ok())
        return rolled.error();
    return Result<void>::success();
}

// The subscriber changes and the spenders by period are read, then written
// as a difference: two imports for one creator at once on a server
// (PostgreSQL's read committed) would each take the other's moves and
// purchases for their own. The second waits for the first to commit, then
// reads what it wrote; waiting before it writes anything, it holds no row the
// first could wait for. SQLite has one writer at a time already.
Result<void> waitForOtherImports(QSqlDatabase &db, const agency::CreatorScope &scope)
{
    if (db.driverName() != QLatin1String("QPSQL"))
        return Result<void>::success();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext('huntaze.earning_subscriber_days'), hashtext(CAST(? AS text)))"));
    query.addBindValue(scope.creatorId);
    if (!query.exec())
        return storageError(QStringLiteral("wait for another import of this creator"), query.lastError());
    return Result<void>::success();
}

// Fans who became (gained) or stopped being (lost) subscribers on a day.
struct SubscriberFlips {
    qint64 gained = 0;
    qint64 lost = 0;
};

// The subscriber changes of the fans in `moved` (a JSON array of {fan, day}:
// the first day this import moves their subscription), on that day and
// after, from their state on the day their subscription moved before it.
// Read before and after the import writes its fan-days, the difference is
// what it changed: the days before `day` cannot change.
Result<QHash<QDate, SubscriberFlips>> subscriberFlips(QSqlDatabase &db, const agency::CreatorScope &scope, const QString &moved)
{
    const bool postgres = db.driverName() == QLatin1String("QPSQL");
    const QString movedFans = postgres ? QStringLiteral("SELECT fan, day FROM json_to_recordset(CAST(? AS json)) AS m(fan text, day date)")
                                       : QStringLiteral("SELECT json_extract(value, '$.fan') AS fan, json_extract(value, '$.day') AS day "
                                                        "FROM json_each(?)");
    // The movement predicate is earning_fan_days_subscriptions', word for word, so that its index serves both reads.
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral(
            "WITH moved AS (%1), "
            "starts AS (SELECT m.fan, m.day AS from_day, COALESCE((SELECT p.day FROM earning_fan_days AS p WHERE p.agency_id = ? "
            "AND p.creator_id = ? AND p.fan = m.fan AND p.day < m.day AND p.new_subscriptions + p.renewals + p.expiries > 0 "
            "ORDER BY p.day DESC LIMIT 1), m.day) AS start_day FROM moved AS m), "
            "moves AS (SELECT d.fan, d.day, s.from_day, CASE WHEN d.expiries = 0 THEN 1 ELSE 0 END AS subscribed FROM starts AS s "
            "CROSS JOIN earning_fan_days AS d WHERE d.agency_id = ? AND d.creator_id = ? AND d.fan = s.fan AND d.day >= s.start_day "
            "AND d.new_subscriptions + d.renewals + d.expiries > 0), "
            "flips AS (SELECT day, from_day, subscribed, LAG(subscribed, 1, 0) OVER (PARTITION BY fan ORDER BY day) AS before FROM moves) "
            "SELECT day, SUM(CASE WHEN subscribed > before THEN 1 ELSE 0 END), SUM(CASE WHEN subscribed < before THEN 1 ELSE 0 END) "
            "FROM flips WHERE day >= from_day AND subscribed <> before GROUP BY day")
            .arg(movedFans));
    query.addBindValue(moved);
    for (int i = 0; i < 2; ++i) {
        query.addBindValue(scope.agencyId);
        query.addBindValue(scope.creatorId);
    }
    if (!query.exec())
        return storageError(QStringLiteral("read subscriber changes"), query.lastError());
    QHash<QDate, SubscriberFlips> flips;
    while (query.next())
        flips.insert(dateFromSql(query.value(0)), {query.value(1).toLongLong(), query.value(2).toLongLong()});
    return flips;
}

// Adds `after` less `before` to the subscriber changes kept by day.
Result<void> addSubscriberFlips(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<QDate, SubscriberFlips> &before,
                                const QHash<QDate, SubscriberFlips> &after)
{
    QHash<QDate, SubscriberFlips> change = after;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        SubscriberFlips &day = change[it.key()];
        day.gained -= it.value().gained;
        day.lost -= it.value().lost;
    }
    BulkUpsert upsert(db, QStringLiteral("earning_subscriber_days"),
                      {QStringLiteral("agency_id"), QStringLiteral("creator_id"), QStringLiteral("day"), QStringLiteral("gained"),
                       QStringLiteral("lost")},
                      QStringLiteral("ON CONFLICT (agency_id, creator_id, day) DO UPDATE SET "
                                     "gained = earning_subscriber_days.gained + excluded.gained, "
                                     "lost = earning_subscriber_days.lost + excluded.lost"));
    for (const auto &it : inKeyOrder(change, std::less<QDate>())) {
        if (it.value().gained != 0 || it.value().lost != 0)
            upsert.append({scope.agencyId, scope.creatorId, it.key().toString(Qt::ISODate), it.value().gained, it.value().lost});
    }
    if (Result<QList<QVariantList>> kept = upsert.run(QStringLiteral("keep subscriber changes")); !kept.ok())
        return kept.error();
    return Result<void>::success();
}

// Adds each sum to its roll-up row of `table`, or makes it; `keyColumns` follow the creator in the key, `keyValues` give them.
template <typename Key>
Result<void> addSums(QSqlDatabase &db, const agency::CreatorScope &scope, const char *table, const QStringList &keyColumns,
                     const QHash<Key, Sum> &sums, const std::function<QVariantList(const Key &)> &keyValues)
{
    const QString name = QLatin1String(table);
    const QString key = keyColumns.join(QStringLiteral(", "));
    BulkUpsert upsert(db, name,
                      QStringList{QStringLiteral("agency_id"), QStringLiteral("creator_id")} + keyColumns
                          + QStringList{QStringLiteral("events"), QStringLiteral("gross_cents"), QStringLiteral("net_cents")},
                      QStringLiteral("ON CONFLICT (agency_id, creator_id, %2) DO UPDATE SET events = %1.events + excluded.events, "
                                     "gross_cents = %1.gross_cents + excluded.gross_cents, net_cents = %1.net_cents + excluded.net_cents")
                          .arg(name, key));
    for (const auto &it : inKeyOrder(sums, std::less<Key>()))
        upsert.append(QVariantList{scope.agencyId, scope.creatorId} + keyValues(it.key())
                      + QVariantList{it.value().events, it.value().grossCents, it.value().netCents});
    if (Result<QList<QVariantList>> rolled = upsert.run(QStringLiteral("roll up earnings")); !rolled.ok())
        return rolled.error();
    return Result<void>::success();
}

Result<void> addDays(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<DayKey, Sum> &days)
{
    return addSums<DayKey>(db, scope, "earning_days", {QStringLiteral("day"), QStringLiteral("kind")}, days, [](const DayKey &key) {
        return QVariantList{key.day.toString(Qt::ISODate), analytics::kindId(key.kind)};
    });
}

Result<void> addHours(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<HourKey, Sum> &hours)
{
    return addSums<HourKey>(db, scope, "earning_hours", {QStringLiteral("day"), QStringLiteral("hour")}, hours, [](const HourKey &key) {
        return QVariantList{key.day.toString(Qt::ISODate), key.hour};
    });
}

} // namespace

AnalyticsRepository::AnalyticsRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone)
    : m_db(db), m_scope(scope), m_zone(std::move(zone))
{}

Result<int> AnalyticsRepository::addEarnings(const QList<EarningEvent> &events)
{
    if (events.isEmpty())
        return 0;
    m_span.reset();
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    if (Result<void> alone = waitForOtherImports(m_db, m_scope); !alone.ok())
        return alone.error();
    const auto [first, last] = std::minmax_element(
        events.cbegin(), events.cend(), [](const EarningEvent &a, const EarningEvent &b) { return a.occurredAt < b.occurredAt; });
    if (Result<void> made = makeMonthPartitions(m_db, QStringLiteral("earning_events"), first->occurredAt, last->occurredAt); !made.ok())
        return made.error();
    Result<std::unique_ptr<EarningsWriter>> writer = EarningsWriter::open(m_db);
    if (!writer.ok())
        return writer.error();
    std::vector<EarningRow> rows;
    rows.reserve(static_cast<std::size_t>(events.size()));
    analytics::LocalHours local(m_zone);
    for (const EarningEvent &event : events) {
        const auto [day, hour] = local.at(event.occurredAt);
        rows.push_back(EarningRow{m_scope.agencyId, m_scope.creatorId, &event, event.identity(), day, hour});
    }
    const Result<std::vector<bool>> fresh = writer.value()->write(rows);
    if (!fresh.ok())
        return fresh.error();
    // What the new events add to each day and kind, and to each hour, written once per row below.
    QHash<DayKey, Sum> days;
    QHash<HourKey, Sum> hours;
    QHash<FanDayKey, FanDay> fanDays;
    QHash<QString, FanLife> fanLives;
    int inserted = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!fresh.value()[i])
            continue; // there already: a statement imported again
        const EarningEvent &event = *rows[i].event;
        const QDate &day = rows[i].localDay;
        ++inserted;
        days[DayKey{day, event.kind}].add(event);
        hours[HourKey{day, rows[i].localHour}].add(event);
        if (!event.fan.isEmpty()) {
            fanDays[FanDayKey{day, event.fan}].add(event);
            fanLives[event.fan].add(event, day);
        }
    }
    if (Result<void> counted = addDays(m_db, m_scope, days); !counted.ok())
        return counted.error();
    if (Result<void> counted = addHours(m_db, m_scope, hours); !counted.ok())
        return counted.error();
    // Each fan whose subscription this import moves, with the first day it moves.
    QHash<QString, QDate> moved;
    for (auto it = fanDays.cbegin(); it != fanDays.cend(); ++it) {
        if (it.value().newSubscriptions + it.value().renewals + it.value().expiries == 0)
            continue;
        QDate &first = moved[it.key().fan];
        first = first.isValid() ? std::min(first, it.key().day) : it.key().day;
    }
    QJsonArray movedFans;
    for (auto it = moved.cbegin(); it != moved.cend(); ++it)
        movedFans.append(QJsonObject{{QStringLiteral("fan"), it.key()}, {QStringLiteral("day"), it.value().toString(Qt::ISODate)}});
    const QString movedJson = QString::fromUtf8(QJsonDocument(movedFans).toJson(QJsonDocument::Compact));
    QHash<QString, QList<QDate>> bought;
    for (auto it = fanDays.cbegin(); it != fanDays.cend(); ++it) {
        if (it.value().purchases > 0)
            bought[it.key().fan].append(it.key().day);
    }
    if (Result<void> counted = SpenderWindows::add(m_db, m_scope, bought); !counted.ok())
        return counted.error();
    Result<QHash<QDate, SubscriberFlips>> flipsBefore = QHash<QDate, SubscriberFlips>();
    if (!moved.isEmpty())
        flipsBefore = subscriberFlips(m_db, m_scope, movedJson);
    if (!flipsBefore.ok())
        return flipsBefore.error();
    if (Result<void> counted = addFanDays(m_db, m_scope, fanDays); !counted.ok())
        return counted.error();
    if (!moved.isEmpty()) {
        const Result<QHash<QDate, SubscriberFlips>> flipsAfter = subscriberFlips(m_db, m_scope, movedJson);
        if (!flipsAfter.ok())
            return flipsAfter.error();
        if (Result<void> kept = addSubscriberFlips(m_db, m_scope, flipsBefore.value(), flipsAfter.value()); !kept.ok())
            return kept.error();
    }
    if (Result<void> kept = addFanLives(m_db, m_scope, fanLives); !kept.ok())
        return kept.error();
    QSet<QDate> chatSaleDays;
    const QList<analytics::EarningKind> chatSales = analytics::chatSaleKinds();
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        if (chatSales.contains(it.key().kind))
            chatSaleDays.insert(it.key().day);
    }
    if (Result<void> marked = AttributionRepository(m_db).salesAdded(m_scope, chatSaleDays); !marked.ok())
        return marked.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return inserted;
}

Result<QList<analytics::EarningsDay>> AnalyticsRepository::earningsDays(const QDate &from, const QDate &to)
{
    Result<QHash<qint64, QList<analytics::EarningsDay>>> days = earningsDays(m_db, CreatorSet::of(m_scope), from, to);
    if (!days.ok())
        return days.error();
    return days.value().value(m_scope.creatorId);
}

Result<QHash<qint64, QList<analytics::EarningsDay>>> AnalyticsRepository::earningsDays(QSqlDatabase &db, const CreatorSet &creators,
                                                                                       const QDate &from, const QDate &to)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT creator_id, day, kind, events, gross_cents, net_cents FROM earning_days WHERE ")
                  + creators.condition() + QStringLiteral(" AND day >= ? AND day <= ? ORDER BY creator_id, day, kind"));
    creators.bind(query);
    query.addBindValue(from.toString(Qt::ISODate));
    query.addBindValue(to.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read earnings by day"), query.lastError());
    QHash<qint64, QList<analytics::EarningsDay>> days;
    while (query.next())
        days[query.value(0).toLongLong()].append(earningsDayFrom(query));
    return days;
}

Result<QHash<qint64, QList<analytics::EarningsDay>>> AnalyticsRepository::earningsWeeks(QSqlDatabase &db, const CreatorSet &creators,
                                                                                        const analytics::DateRange &range)
{
    const analytics::DateRange previous = range.previous();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT creator_id, ") + weekStartSql(db, QStringLiteral("day"))
                  + QStringLiteral(", kind, SUM(events), SUM(gross_cents), SUM(net_cents), CASE WHEN day >= ? THEN 1 ELSE 0 END "
                                   "FROM earning_days WHERE ")
                  + creators.condition() + QStringLiteral(" AND day >= ? AND day <= ? GROUP BY 1, 2, 3, 7"));
    query.addBindValue(range.from.toString(Qt::ISODate));
    creators.bind(query);
    query.addBindValue(previous.from.toString(Qt::ISODate));
    query.addBindValue(range.to.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read earnings by week"), query.lastError());
    QHash<qint64, QList<analytics::EarningsDay>> weeks;
    while (query.next()) {
        analytics::EarningsDay week = earningsDayFrom(query);
        // A week that began before its period counts from the period's first day.
        week.day = std::max(week.day, query.value(6).toInt() == 1 ? range.from : previous.from);
        weeks[query.value(0).toLongLong()].append(week);
    }
    return weeks;
}

Result<QList<analytics::HourOfWeek>> AnalyticsRepository::earningsByHourOfWeek(const QDate &from, const QDate &to)
{
    const QString weekday = isoWeekdaySql(m_db, QStringLiteral("day"));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1, hour, SUM(events), SUM(gross_cents), SUM(net_cents) FROM earning_hours "
                                 "WHERE agency_id = ? AND creator_id = ? AND day >= ? AND day <= ? GROUP BY 1, 2 ORDER BY 1, 2")
                      .arg(weekday));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(from.toString(Qt::ISODate));
    query.addBindValue(to.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read earnings by hour of the week"), query.lastError());
    QList<analytics::HourOfWeek> hours;
    while (query.next())
        hours.append({query.value(0).toInt(), query.value(1).toInt(), query.value(2).toLongLong(), query.value(3).toLongLong(),
                      query.value(4).toLongLong()});
    return hours;
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

namespace {

// `count` (COUNT(*), COUNT(DISTINCT f.fan)) of each creator's rows of
// `table` (as f) where `predicate` holds, its `values` bound in order. One
// statement, but a count per creator: each runs as the one-creator count
// would (an index range, no hashing of every fan of the agency; 10 ms instead
// of 30 for twenty creators' spenders).
Result<QHash<qint64, qint64>> countsByCreator(QSqlDatabase &db, const QString &what, const QString &count, const QString &table,
                                              const QString &predicate, const CreatorSet &creators, const QList<QVariant> &values)
{
    QHash<qint64, qint64> counts;
    if (creators.creatorIds.isEmpty())
        return counts;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT c.id, (SELECT %1 FROM %2 AS f WHERE f.agency_id = c.agency_id AND f.creator_id = c.id AND %3) "
                                 "FROM creators AS c WHERE %4")
                      .arg(count, table, predicate, creators.condition(QStringLiteral("c"), QStringLiteral("id"))));
    for (const QVariant &value : values)
        query.addBindValue(value);
    creators.bind(query);
    if (!query.exec())
        return storageError(what, query.lastError());
    while (query.next())
        counts.insert(query.value(0).toLongLong(), query.value(1).toLongLong());
    return counts;
}

} // namespace

Result<qint64> AnalyticsRepository::ofThisCreator(const Result<QHash<qint64, qint64>> &byCreator) const
{
    if (!byCreator.ok())
        return byCreator.error();
    return byCreator.value().value(m_scope.creatorId);
}

Result<std::optional<AnalyticsRepository::Span>> AnalyticsRepository::span()
{
    if (m_span)
        return *m_span;
    const Result<QHash<qint64, Span>> found = spans(m_db, CreatorSet::of(m_scope));
    if (!found.ok())
        return found.error();
    const auto it = found.value().constFind(m_scope.creatorId);
    m_span = it == found.value().cend() ? std::optional<Span>() : *it;
    return *m_span;
}

Result<QHash<qint64, AnalyticsRepository::Span>> AnalyticsRepository::spans(QSqlDatabase &db, const CreatorSet &creators)
{
    // Each creator's ends of the index rather than one group by over every day of them all.
    const QString end = QStringLiteral("(SELECT %1(d.day) FROM earning_days AS d WHERE d.agency_id = c.agency_id AND d.creator_id = c.id)");
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT c.id, %1, %2 FROM creators AS c WHERE %3")
                      .arg(end.arg(QStringLiteral("MIN")), end.arg(QStringLiteral("MAX")),
                           creators.condition(QStringLiteral("c"), QStringLiteral("id"))));
    creators.bind(query);
    if (!query.exec())
        return storageError(QStringLiteral("read the first and last day of earnings"), query.lastError());
    QHash<qint64, Span> spans;
    while (query.next()) {
        if (!query.value(1).isNull())
            spans.insert(query.value(0).toLongLong(), {dateFromSql(query.value(1)), dateFromSql(query.value(2))});
    }
    return spans;
}

Result<std::optional<QDate>> AnalyticsRepository::firstEarningDay()
{
    const Result<std::optional<Span>> days = span();
    if (!days.ok())
        return days.error();
    return days.value() ? std::optional<QDate>(days.value()->first) : std::nullopt;
}

Result<std::optional<QDate>> AnalyticsRepository::lastEarningDay()
{
    const Result<std::optional<Span>> days = span();
    if (!days.ok())
        return days.error();
    return days.value() ? std::optional<QDate>(days.value()->last) : std::nullopt;
}

Result<qint64> AnalyticsRepository::spenders(const QDate &from, const QDate &to)
{
    const Result<std::optional<Span>> days = span();
    if (!days.ok())
        return days.error();
    if (!days.value())
        return 0;
    return ofThisCreator(spenders(m_db, CreatorSet::of(m_scope), {{m_scope.creatorId, *days.value()}}, from, to));
}

Result<QHash<qint64, qint64>> AnalyticsRepository::spenders(QSqlDatabase &db, const CreatorSet &creators, const QHash<qint64, Span> &spans,
                                                            const QDate &from, const QDate &to)
{
    // A period of a preset length is summed from the spenders kept by
    // period. Of the others, a range that reaches the last day with earnings
    // holds each fan's last purchase if it holds any; one that reaches the
    // first, their first; the others count the fans' days.
    if (SpenderWindows::covers(from, to))
        return SpenderWindows::count(db, creators, from, to);
    CreatorSet toTheLast{creators.agencyId, {}};
    CreatorSet fromTheFirst{creators.agencyId, {}};
    CreatorSet inBetween{creators.agencyId, {}};
    for (const qint64 creator : creators.creatorIds) {
        const auto span = spans.constFind(creator);
        if (span == spans.cend())
            continue; // no earnings: no spender
        if (to >= span->last)
            toTheLast.creatorIds.append(creator);
        else if (from <= span->first)
            fromTheFirst.creatorIds.append(creator);
        else
            inBetween.creatorIds.append(creator);
    }
    const QString what = QStringLiteral("count spenders");
    const QString fans = QStringLiteral("earning_fans");
    Result<QHash<qint64, qint64>> counts = countsByCreator(
        db, what, QStringLiteral("COUNT(*)"), fans, QStringLiteral("f.last_purchase_day >= ?"), toTheLast, {from.toString(Qt::ISODate)});
    if (!counts.ok())
        return counts;
    const Result<QHash<qint64, qint64>> first = countsByCreator(
        db, what, QStringLiteral("COUNT(*)"), fans, QStringLiteral("f.first_purchase_day <= ?"), fromTheFirst, {to.toString(Qt::ISODate)});
    if (!first.ok())
        return first;
    counts.value().insert(first.value());
    const Result<QHash<qint64, qint64>> between = countsByCreator(
        db, what, QStringLiteral("COUNT(DISTINCT f.fan)"), QStringLiteral("earning_fan_days"),
        QStringLiteral("f.day >= ? AND f.day <= ? AND f.purchases > 0"), inBetween, {from.toString(Qt::ISODate), to.toString(Qt::ISODate)});
    if (!between.ok())
        return between;
    counts.value().insert(between.value());
    return counts;
}

Result<qint64> AnalyticsRepository::activeSubscribers(const QDate &day)
{
    return ofThisCreator(activeSubscribers(m_db, CreatorSet::of(m_scope), day));
}

Result<QHash<qint64, qint64>> AnalyticsRepository::activeSubscribers(QSqlDatabase &db, const CreatorSet &creators, const QDate &day)
{
    return sumsByCreatorUpTo(db, QStringLiteral("count subscribers"), QStringLiteral("earning_subscriber_days"),
                             QStringLiteral("s.gained - s.lost"), QStringLiteral("1 = 1"), {}, creators, day);
}

Result<QList<analytics::FanLifetime>> AnalyticsRepository::fanLifetimes(const QDate &day)
{
    const Result<std::optional<Span>> days = span();
    if (!days.ok())
        return days.error();
    if (!days.value())
        return QList<analytics::FanLifetime>();
    // Whichever is fewer rows: the fans' days up to `day`, or their
    // lifetimes less their days after it.
    const bool nearerTheStart = days.value()->first.daysTo(day) < day.daysTo(days.value()->last);
    QSqlQuery query(m_db);
    if (nearerTheStart) {
        query.prepare(
            QStringLiteral("SELECT fan, SUM(purchases), SUM(gross_cents), SUM(net_cents) FROM earning_fan_days "
                           "WHERE agency_id = ? AND creator_id = ? AND day <= ? GROUP BY fan HAVING SUM(purchases) > 0 ORDER BY fan"));
        query.addBindValue(m_scope.agencyId);
        query.addBindValue(m_scope.creatorId);
        query.addBindValue(day.toString(Qt::ISODate));
    } else {
        query.prepare(QStringLiteral(
            "SELECT f.fan, f.purchases - COALESCE(l.purchases, 0), f.gross_cents - COALESCE(l.gross_cents, 0), "
            "f.net_cents - COALESCE(l.net_cents, 0) FROM earning_fans AS f LEFT JOIN (SELECT fan, SUM(purchases) AS purchases, "
            "SUM(gross_cents) AS gross_cents, SUM(net_cents) AS net_cents FROM earning_fan_days WHERE agency_id = ? AND creator_id = ? "
            "AND day > ? GROUP BY fan) AS l ON l.fan = f.fan WHERE f.agency_id = ? AND f.creator_id = ? "
            "AND f.purchases - COALESCE(l.purchases, 0) > 0 ORDER BY f.fan"));
        query.addBindValue(m_scope.agencyId);
        query.addBindValue(m_scope.creatorId);
        query.addBindValue(day.toString(Qt::ISODate));
        query.addBindValue(m_scope.agencyId);
        query.addBindValue(m_scope.creatorId);
    }
    if (!query.exec())
        return storageError(QStringLiteral("read fan lifetimes"), query.lastError());
    QList<analytics::FanLifetime> fans;
    while (query.next())
        fans.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toLongLong()});
    return fans;
}

Result<QList<analytics::CohortActivity>> AnalyticsRepository::cohortActivity(const QDate &firstMonth, const QDate &day)
{
    // A month as the text of its first day, in each dialect.
    const auto month = [this](const char *column) {
        return isPostgres() ? QStringLiteral("to_char(date_trunc('month', %1), 'YYYY-MM-DD')").arg(QLatin1String(column))
                            : QStringLiteral("substr(%1, 1, 8) || '01'").arg(QLatin1String(column));
    };
    // The cohorts' fans from their lifetime rows (their first subscription),
    // then those fans' subscription days through their own index.
    QSqlQuery query(m_db);
    // (CROSS JOIN: SQLite, without statistics, would rather start from the days.)
    query.prepare(QStringLiteral("SELECT %1, %2, COUNT(DISTINCT d.fan) FROM earning_fans AS f CROSS JOIN earning_fan_days AS d "
                                 "WHERE d.agency_id = f.agency_id AND d.creator_id = f.creator_id AND d.fan = f.fan "
                                 "AND f.agency_id = ? AND f.creator_id = ? AND f.first_new_day >= ? AND f.first_new_day <= ? "
                                 "AND d.day >= ? AND d.day <= ? AND d.new_subscriptions + d.renewals > 0 "
                                 "AND d.new_subscriptions + d.renewals + d.expiries > 0 AND %2 >= %1 GROUP BY 1, 2 ORDER BY 1, 2")
                      .arg(month("f.first_new_day"), month("d.day")));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(firstMonth.toString(Qt::ISODate));
    query.addBindValue(day.toString(Qt::ISODate));
    query.addBindValue(firstMonth.toString(Qt::ISODate));
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

#include "attributionrepository.h"

#include "agency/audit.h"
#include "logging/logging.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <set>

namespace huntaze {

namespace {

QString amountColumn(analytics::Amount amount)
{
    return amount == analytics::Amount::Gross ? QStringLiteral("gross_cents") : QStringLiteral("net_cents");
}

// "kind IN (?, ?, ?, ?)" for the chat sale kinds, bound by bindKinds.
QString kindsPlaceholder(const QString &column)
{
    QStringList marks;
    for (qsizetype i = 0; i < analytics::chatSaleKinds().size(); ++i)
        marks.append(QStringLiteral("?"));
    return column + QStringLiteral(" IN (") + marks.join(QStringLiteral(", ")) + u')';
}

void bindKinds(QSqlQuery &query)
{
    for (const analytics::EarningKind kind : analytics::chatSaleKinds())
        query.addBindValue(analytics::kindId(kind));
}

// The instants local days can hold in any time zone (UTC-12 to UTC+14): a
// query bounded by them stays on the time index and filters on local_day.
QDateTime earliestInstantOf(const QDate &day)
{
    return QDateTime(day.addDays(-1), QTime(0, 0), QTimeZone::utc());
}

QDateTime afterLastInstantOf(const QDate &day)
{
    return QDateTime(day.addDays(2), QTime(0, 0), QTimeZone::utc());
}

// `cents` shared equally by `members`, a cent more to the first ones so the parts add up.
template <typename Credit> void share(qint64 cents, const std::set<qint64> &members, Credit credit)
{
    const qint64 count = static_cast<qint64>(members.size());
    qint64 leftOver = cents % count;
    for (const qint64 member : members) {
        credit(member, cents / count + (leftOver > 0 ? 1 : 0));
        leftOver = std::max<qint64>(0, leftOver - 1);
    }
}

const QString savepoint = QStringLiteral("sale_credits");

} // namespace

Result<analytics::Attribution> AttributionRepository::rule(qint64 agencyId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT sales_attribution FROM agencies WHERE id = ?"));
    query.addBindValue(agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("read attribution rule"), query.lastError());
    if (!query.next())
        return analytics::Attribution::Sender;
    return analytics::attributionFrom(query.value(0).toString()).value_or(analytics::Attribution::Sender);
}

Result<void> AttributionRepository::setRule(const agency::Membership &manager, analytics::Attribution rule)
{
    if (Result<void> allowed = manager.require({agency::Permission::ManageMembers}); !allowed.ok())
        return allowed.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE agencies SET sales_attribution = ? WHERE id = ?"));
    query.addBindValue(analytics::attributionId(rule));
    query.addBindValue(manager.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("set attribution rule"), query.lastError());
    return AuditRepository(m_db).record(manager.agencyId, manager.userId, 0, audit::attributionChanged,
                                        {{QStringLiteral("rule"), analytics::attributionId(rule)}});
}

Result<QHash<qint64, analytics::CreditedSales>> AttributionRepository::credited(const CreatorSet &creators, analytics::Attribution rule,
                                                                                const analytics::DateRange &range, analytics::Amount amount)
{
    QHash<qint64, analytics::CreditedSales> credited;
    for (const qint64 creator : creators.creatorIds)
        credited.insert(creator, {});
    if (rule == analytics::Attribution::Sender || creators.creatorIds.isEmpty())
        return credited; // read from the message roll-ups, not here
    const auto credit = [&credited](qint64 creator, qint64 member, qint64 cents) {
        analytics::CreditedSales &sales = credited[creator];
        if (member == 0)
            sales.uncredited += cents;
        else
            sales.byMember[member] += cents;
    };
    // The stale days first: on PostgreSQL each statement sees the commits
    // before it, and a day recomputed meanwhile by another request must not
    // count both stored and afresh.
    const Result<QHash<qint64, QList<StaleDay>>> stale = staleDays(creators, rule, range);
    if (!stale.ok())
        return stale.error();
    QSet<std::pair<qint64, QDate>> staleSet;
    for (auto it = stale.value().cbegin(); it != stale.value().cend(); ++it) {
        for (const StaleDay &day : it.value())
            staleSet.insert({it.key(), day.day});
    }
    QSqlQuery stored(m_db);
    // With nothing stale, the sums by creator and member; otherwise the days, to leave the stale ones out.
    stored.prepare((staleSet.isEmpty() ? QStringLiteral("SELECT creator_id, NULL, member_id, SUM(%1) FROM sale_credits WHERE %2 "
                                                        "AND rule = ? AND day >= ? AND day <= ? GROUP BY creator_id, member_id")
                                       : QStringLiteral("SELECT creator_id, day, member_id, %1 FROM sale_credits WHERE %2 "
                                                        "AND rule = ? AND day >= ? AND day <= ?"))
                       .arg(amountColumn(amount), creators.condition()));
    creators.bind(stored);
    stored.addBindValue(analytics::attributionId(rule));
    stored.addBindValue(range.from.toString(Qt::ISODate));
    stored.addBindValue(range.to.toString(Qt::ISODate));
    if (!stored.exec())
        return storageError(QStringLiteral("read credited sales"), stored.lastError());
    while (stored.next()) {
        const qint64 creator = stored.value(0).toLongLong();
        if (!staleSet.isEmpty() && staleSet.contains({creator, dateFromSql(stored.value(1))}))
            continue;
        credit(creator, stored.value(2).toLongLong(), stored.value(3).toLongLong());
    }

    // Each creator's stale days, in runs of consecutive days, worked out afresh.
    for (auto it = stale.value().cbegin(); it != stale.value().cend(); ++it) {
        const agency::CreatorScope scope{creators.agencyId, it.key(), 0};
        const QList<StaleDay> &days = it.value();
        QList<DayCredit> fresh;
        for (qsizetype first = 0; first < days.size();) {
            qsizetype last = first;
            while (last + 1 < days.size() && days.at(last).day.addDays(1) == days.at(last + 1).day)
                ++last;
            Result<QList<DayCredit>> run = workOut(scope, rule, {days.at(first).day, days.at(last).day});
            if (!run.ok())
                return run.error();
            fresh.append(std::move(run).value());
            first = last + 1;
        }
        for (const DayCredit &day : std::as_const(fresh))
            credit(scope.creatorId, day.memberId, amount == analytics::Amount::Gross ? day.grossCents : day.netCents);
        if (Result<void> kept = store(scope, rule, days, fresh); !kept.ok())
            return kept.error();
    }
    return credited;
}

Result<QHash<qint64, QList<AttributionRepository::StaleDay>>>
AttributionRepository::staleDays(const CreatorSet &creators, analytics::Attribution rule, const analytics::DateRange &range)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT creator_id, day, generation FROM sale_credits_stale WHERE ") + creators.condition()
                  + QStringLiteral(" AND rule = ? AND day >= ? AND day <= ? ORDER BY creator_id, day"));
    creators.bind(query);
    query.addBindValue(analytics::attributionId(rule));
    query.addBindValue(range.from.toString(Qt::ISODate));
    query.addBindValue(range.to.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read stale credited sales"), query.lastError());
    QHash<qint64, QList<StaleDay>> days;
    while (query.next())
        days[query.value(0).toLongLong()].append({dateFromSql(query.value(1)), query.value(2).toLongLong()});
    return days;
}

Result<QList<AttributionRepository::DayCredit>>
AttributionRepository::workOut(const agency::CreatorScope &scope, analytics::Attribution rule, const analytics::DateRange &days)
{
    return rule == analytics::Attribution::Shift ? workOutOnShift(scope, days) : workOutLastWriter(scope, days);
}

Result<QList<AttributionRepository::DayCredit>> AttributionRepository::workOutOnShift(const agency::CreatorScope &scope,
                                                                                      const analytics::DateRange &days)
{
    const QDateTime from = earliestInstantOf(days.from);
    const QDateTime to = afterLastInstantOf(days.to);
    QSqlQuery shifts(m_db);
    shifts.prepare(QStringLiteral("SELECT member_id, clocked_in_at, COALESCE(clocked_out_at, last_activity_at) FROM shifts "
                                  "WHERE agency_id = ? AND creator_id = ? AND clocked_in_at < ? "
                                  "AND COALESCE(clocked_out_at, last_activity_at) > ?"));
    shifts.addBindValue(scope.agencyId);
    shifts.addBindValue(scope.creatorId);
    shifts.addBindValue(sqlTimestamp(to));
    shifts.addBindValue(sqlTimestamp(from));
    if (!shifts.exec())
        return storageError(QStringLiteral("read shifts"), shifts.lastError());
    struct Span {
        qint64 member;
        QDateTime start;
        QDateTime end;
    };
    QList<Span> spans;
    std::set<QDateTime> edges{from, to};
    while (shifts.next()) {
        Span span{shifts.value(0).toLongLong(), std::max(dateTimeFromSql(shifts.value(1)), from),
                  std::min(dateTimeFromSql(shifts.value(2)), to)};
        if (span.start >= span.end)
            continue;
        edges.insert(span.start);
        edges.insert(span.end);
        spans.append(span);
    }

    // Between two consecutive edges the same members are on shift: one sum per stretch and day, shared equally.
    QSqlQuery sum(m_db);
    if (!sum.prepare(QStringLiteral("SELECT local_day, COALESCE(SUM(gross_cents), 0), COALESCE(SUM(net_cents), 0) FROM earning_events "
                                    "WHERE agency_id = ? AND creator_id = ? AND occurred_at >= ? AND occurred_at < ? "
                                    "AND local_day >= ? AND local_day <= ? AND ")
                     + kindsPlaceholder(QStringLiteral("kind")) + QStringLiteral(" GROUP BY local_day")))
        return storageError(QStringLiteral("prepare chat sales"), sum.lastError());
    QHash<std::pair<QDate, qint64>, DayCredit> credits;
    for (auto edge = edges.cbegin(); std::next(edge) != edges.cend(); ++edge) {
        const QDateTime start = *edge;
        const QDateTime end = *std::next(edge);
        std::set<qint64> onShift; // a member with two overlapping shifts counts once
        for (const Span &span : std::as_const(spans)) {
            if (span.start <= start && span.end >= end)
                onShift.insert(span.member);
        }
        if (onShift.empty())
            onShift.insert(0); // nobody: credited to no one
        sum.addBindValue(scope.agencyId);
        sum.addBindValue(scope.creatorId);
        sum.addBindValue(sqlTimestamp(start));
        sum.addBindValue(sqlTimestamp(end));
        sum.addBindValue(days.from.toString(Qt::ISODate));
        sum.addBindValue(days.to.toString(Qt::ISODate));
        bindKinds(sum);
        if (!sum.exec())
            return storageError(QStringLiteral("sum chat sales"), sum.lastError());
        while (sum.next()) {
            const QDate day = dateFromSql(sum.value(0));
            share(sum.value(1).toLongLong(), onShift, [&](qint64 member, qint64 cents) {
                DayCredit &credit = credits[{day, member}];
                credit.day = day;
                credit.memberId = member;
                credit.grossCents += cents;
            });
            share(sum.value(2).toLongLong(), onShift, [&](qint64 member, qint64 cents) { credits[{day, member}].netCents += cents; });
        }
    }
    return credits.values();
}

Result<QList<AttributionRepository::DayCredit>> AttributionRepository::workOutLastWriter(const agency::CreatorScope &scope,
                                                                                         const analytics::DateRange &days)
{
    // Each sale's writer: the latest team message to the fan at or before it, within the window.
    // The window also keeps PostgreSQL to the month partitions it spans.
    const bool postgres = m_db.driverName() == QLatin1String("QPSQL");
    const QString windowStart = postgres
        ? QStringLiteral("e.occurred_at - make_interval(days => %1)").arg(analytics::lastWriterWindowDays)
        : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%f', e.occurred_at, '-%1 days') || 'Z'").arg(analytics::lastWriterWindowDays);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT day, writer, SUM(gross), SUM(net) FROM ("
                                 "SELECT e.local_day AS day, COALESCE((SELECT m.member_id FROM message_events m "
                                 "WHERE m.agency_id = e.agency_id AND m.creator_id = e.creator_id AND m.fan = e.fan "
                                 "AND NOT m.from_fan AND m.member_id <> 0 AND m.sent_at <= e.occurred_at AND m.sent_at >= %1 "
                                 "ORDER BY m.sent_at DESC LIMIT 1), 0) AS writer, e.gross_cents AS gross, e.net_cents AS net "
                                 "FROM earning_events e WHERE e.agency_id = ? AND e.creator_id = ? "
                                 "AND e.occurred_at >= ? AND e.occurred_at < ? AND e.local_day >= ? AND e.local_day <= ? AND ")
                      .arg(windowStart)
                  + kindsPlaceholder(QStringLiteral("e.kind")) + QStringLiteral(") AS credited GROUP BY day, writer"));
    query.addBindValue(scope.agencyId);
    query.addBindValue(scope.creatorId);
    query.addBindValue(sqlTimestamp(earliestInstantOf(days.from)));
    query.addBindValue(sqlTimestamp(afterLastInstantOf(days.to)));
    query.addBindValue(days.from.toString(Qt::ISODate));
    query.addBindValue(days.to.toString(Qt::ISODate));
    bindKinds(query);
    if (!query.exec())
        return storageError(QStringLiteral("credit sales to the last writer"), query.lastError());
    QList<DayCredit> credits;
    while (query.next())
        credits.append(
            {dateFromSql(query.value(0)), query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toLongLong()});
    return credits;
}

Result<void> AttributionRepository::store(const agency::CreatorScope &scope, analytics::Attribution rule, const QList<StaleDay> &stale,
                                          const QList<DayCredit> &credits)
{
    if (stale.isEmpty())
        return Result<void>::success();
    // Keeping the fresh days only saves the next read the work: when it cannot
    // be done (on SQLite another connection may be writing), the answer stands.
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SAVEPOINT ") + savepoint)) {
        qCWarning(lcStorage) << "could not keep the credited sales:" << query.lastError().text();
        return Result<void>::success();
    }
    const auto giveUp = [&](const QSqlError &error) -> Result<void> {
        qCWarning(lcStorage) << "could not keep the credited sales:" << error.text();
        QSqlQuery undo(m_db);
        if (!undo.exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint)
            || !undo.exec(QStringLiteral("RELEASE SAVEPOINT ") + savepoint))
            return storageError(QStringLiteral("undo keeping credited sales"), undo.lastError());
        return Result<void>::success();
    };
    QMultiHash<QDate, const DayCredit *> byDay;
    for (const DayCredit &credit : credits)
        byDay.insert(credit.day, &credit);
    QSqlQuery unmark(m_db);
    QSqlQuery clear(m_db);
    QSqlQuery insert(m_db);
    if (!unmark.prepare(QStringLiteral("DELETE FROM sale_credits_stale WHERE agency_id = ? AND creator_id = ? AND rule = ? AND day = ? "
                                       "AND generation = ?")))
        return giveUp(unmark.lastError());
    if (!clear.prepare(QStringLiteral("DELETE FROM sale_credits WHERE agency_id = ? AND creator_id = ? AND rule = ? AND day = ?")))
        return giveUp(clear.lastError());
    if (!insert.prepare(QStringLiteral("INSERT INTO sale_credits (agency_id, creator_id, rule, day, member_id, gross_cents, net_cents) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?)")))
        return giveUp(insert.lastError());
    const QString ruleId = analytics::attributionId(rule);
    for (const StaleDay &day : stale) {
        const QString dayText = day.day.toString(Qt::ISODate);
        const auto bindDay = [&](QSqlQuery &query) {
            query.addBindValue(scope.agencyId);
            query.addBindValue(scope.creatorId);
            query.addBindValue(ruleId);
            query.addBindValue(dayText);
        };
        bindDay(unmark);
        unmark.addBindValue(day.generation);
        if (!unmark.exec())
            return giveUp(unmark.lastError());
        if (unmark.numRowsAffected() != 1)
            continue; // marked again since it was read: the next read works it out
        bindDay(clear);
        if (!clear.exec())
            return giveUp(clear.lastError());
        for (auto it = byDay.constFind(day.day); it != byDay.cend() && it.key() == day.day; ++it) {
            bindDay(insert);
            insert.addBindValue(it.value()->memberId);
            insert.addBindValue(it.value()->grossCents);
            insert.addBindValue(it.value()->netCents);
            if (!insert.exec())
                return giveUp(insert.lastError());
        }
    }
    if (!query.exec(QStringLiteral("RELEASE SAVEPOINT ") + savepoint))
        return giveUp(query.lastError());
    return Result<void>::success();
}

Result<void> AttributionRepository::markStale(const agency::CreatorScope &scope, analytics::Attribution rule, const QSet<QDate> &days)
{
    if (days.isEmpty())
        return Result<void>::success();
    QSqlQuery mark(m_db);
    if (!mark.prepare(QStringLiteral("INSERT INTO sale_credits_stale (agency_id, creator_id, rule, day) VALUES (?, ?, ?, ?) "
                                     "ON CONFLICT (agency_id, creator_id, rule, day) "
                                     "DO UPDATE SET generation = sale_credits_stale.generation + 1")))
        return storageError(QStringLiteral("prepare marking credited sales"), mark.lastError());
    for (const QDate &day : days) {
        mark.addBindValue(scope.agencyId);
        mark.addBindValue(scope.creatorId);
        mark.addBindValue(analytics::attributionId(rule));
        mark.addBindValue(day.toString(Qt::ISODate));
        if (!mark.exec())
            return storageError(QStringLiteral("mark credited sales"), mark.lastError());
    }
    return Result<void>::success();
}

Result<void> AttributionRepository::salesAdded(const agency::CreatorScope &scope, const QSet<QDate> &days)
{
    if (Result<void> marked = markStale(scope, analytics::Attribution::Shift, days); !marked.ok())
        return marked;
    return markStale(scope, analytics::Attribution::LastWriter, days);
}

Result<void> AttributionRepository::teamWrote(const agency::CreatorScope &scope, const QSet<QDate> &days)
{
    // A message counts for the sales up to lastWriterWindowDays after it; a
    // day more for the local days a daylight-saving change stretches.
    QSet<QDate> window;
    for (const QDate &day : days) {
        for (int later = 0; later <= analytics::lastWriterWindowDays + 1; ++later)
            window.insert(day.addDays(later));
    }
    return markStale(scope, analytics::Attribution::LastWriter, window);
}

Result<void> AttributionRepository::shiftMoved(const agency::CreatorScope &scope, const QDateTime &from, const QDateTime &to)
{
    // The local days of the instants between, in whatever zone the creator is: a day around their UTC dates.
    const QDate first = std::min(from, to).toUTC().date().addDays(-1);
    const QDate last = std::max(from, to).toUTC().date().addDays(1);
    QSet<QDate> days;
    for (QDate day = first; day <= last; day = day.addDays(1))
        days.insert(day);
    return markStale(scope, analytics::Attribution::Shift, days);
}

} // namespace huntaze

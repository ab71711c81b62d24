#include "attributionrepository.h"

#include "agency/audit.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

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

// The creator's chat sales from `start` to before `end`, through `sum` (prepared by prepareChatSalesSum).
Result<qint64> chatSales(QSqlQuery &sum, const agency::CreatorScope &scope, const QDateTime &start, const QDateTime &end)
{
    sum.addBindValue(scope.agencyId);
    sum.addBindValue(scope.creatorId);
    sum.addBindValue(sqlTimestamp(start));
    sum.addBindValue(sqlTimestamp(end));
    bindKinds(sum);
    if (!sum.exec() || !sum.next())
        return storageError(QStringLiteral("sum chat sales"), sum.lastError());
    const qint64 cents = sum.value(0).toLongLong();
    sum.finish();
    return cents;
}

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

Result<analytics::CreditedSales> AttributionRepository::onShift(const agency::CreatorScope &scope, const QDateTime &from,
                                                                const QDateTime &to, analytics::Amount amount)
{
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

    // Between two consecutive edges the same members are on shift: one sum per stretch, shared equally.
    QSqlQuery sum(m_db);
    if (!sum.prepare(QStringLiteral("SELECT COALESCE(SUM(%1), 0) FROM earning_events WHERE agency_id = ? AND creator_id = ? "
                                    "AND occurred_at >= ? AND occurred_at < ? AND ")
                         .arg(amountColumn(amount))
                     + kindsPlaceholder(QStringLiteral("kind"))))
        return storageError(QStringLiteral("prepare chat sales"), sum.lastError());
    analytics::CreditedSales credited;
    qint64 creditedTotal = 0;
    for (auto edge = edges.cbegin(); std::next(edge) != edges.cend(); ++edge) {
        const QDateTime start = *edge;
        const QDateTime end = *std::next(edge);
        std::set<qint64> onShift; // a member with two overlapping shifts counts once
        for (const Span &span : std::as_const(spans)) {
            if (span.start <= start && span.end >= end)
                onShift.insert(span.member);
        }
        if (onShift.empty())
            continue;
        const Result<qint64> stretch = chatSales(sum, scope, start, end);
        if (!stretch.ok())
            return stretch.error();
        const qint64 cents = stretch.value();
        const qint64 members = static_cast<qint64>(onShift.size());
        qint64 leftOver = cents % members; // a cent each to the first members, so the parts add up
        for (const qint64 member : onShift) {
            credited.byMember[member] += cents / members + (leftOver > 0 ? 1 : 0);
            leftOver = std::max<qint64>(0, leftOver - 1);
        }
        creditedTotal += cents;
    }
    const Result<qint64> total = chatSales(sum, scope, from, to);
    if (!total.ok())
        return total.error();
    credited.uncredited = total.value() - creditedTotal;
    return credited;
}

Result<analytics::CreditedSales> AttributionRepository::lastWriter(const agency::CreatorScope &scope, const QDateTime &from,
                                                                   const QDateTime &to, analytics::Amount amount)
{
    // Each sale's writer: the latest team message to the fan at or before it, within the window.
    // The window also keeps PostgreSQL to the month partitions it spans.
    const bool postgres = m_db.driverName() == QLatin1String("QPSQL");
    const QString windowStart = postgres
        ? QStringLiteral("e.occurred_at - make_interval(days => %1)").arg(analytics::lastWriterWindowDays)
        : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%f', e.occurred_at, '-%1 days') || 'Z'").arg(analytics::lastWriterWindowDays);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT writer, SUM(cents) FROM ("
                                 "SELECT COALESCE((SELECT m.member_id FROM message_events m "
                                 "WHERE m.agency_id = e.agency_id AND m.creator_id = e.creator_id AND m.fan = e.fan "
                                 "AND NOT m.from_fan AND m.member_id <> 0 AND m.sent_at <= e.occurred_at AND m.sent_at >= %1 "
                                 "ORDER BY m.sent_at DESC LIMIT 1), 0) AS writer, e.%2 AS cents "
                                 "FROM earning_events e WHERE e.agency_id = ? AND e.creator_id = ? "
                                 "AND e.occurred_at >= ? AND e.occurred_at < ? AND ")
                      .arg(windowStart, amountColumn(amount))
                  + kindsPlaceholder(QStringLiteral("e.kind")) + QStringLiteral(") AS credited GROUP BY writer"));
    query.addBindValue(scope.agencyId);
    query.addBindValue(scope.creatorId);
    query.addBindValue(sqlTimestamp(from));
    query.addBindValue(sqlTimestamp(to));
    bindKinds(query);
    if (!query.exec())
        return storageError(QStringLiteral("credit sales to the last writer"), query.lastError());
    analytics::CreditedSales credited;
    while (query.next()) {
        const qint64 writer = query.value(0).toLongLong();
        if (writer == 0)
            credited.uncredited += query.value(1).toLongLong();
        else
            credited.byMember[writer] += query.value(1).toLongLong();
    }
    return credited;
}

} // namespace huntaze

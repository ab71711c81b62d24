#include "shiftrepository.h"

#include "agency/audit.h"
#include "storage/agencyrepository.h"
#include "storage/attributionrepository.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

using agency::Membership;
using agency::Permission;

namespace {

const QString shiftColumns = QStringLiteral(
    "s.id, s.member_id, COALESCE(u.email, ''), s.creator_id, s.clocked_in_at, s.clocked_out_at, s.last_activity_at, s.ended_by "
    "FROM shifts s LEFT JOIN users u ON u.id = s.member_id ");

Shift shiftFrom(const QSqlQuery &query)
{
    Shift shift;
    shift.id = query.value(0).toLongLong();
    shift.memberId = query.value(1).toLongLong();
    shift.memberEmail = query.value(2).toString();
    shift.creatorId = query.value(3).toLongLong();
    shift.clockedInAt = dateTimeFromSql(query.value(4));
    if (!query.value(5).isNull())
        shift.clockedOutAt = dateTimeFromSql(query.value(5));
    shift.lastActivityAt = dateTimeFromSql(query.value(6));
    shift.endedBy = query.value(7).toString();
    return shift;
}

bool managesShifts(const Membership &member)
{
    return member.role.allows(Permission::ManageShifts);
}

} // namespace

Error ShiftRepository::notClockedIn()
{
    return Error{ErrorCode::Conflict, QCoreApplication::translate("huntaze::ShiftRepository", "You are not clocked in.")};
}

Result<int> ShiftRepository::idleLimit(qint64 agencyId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT shift_idle_minutes FROM agencies WHERE id = ?"));
    query.addBindValue(agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("read idle limit"), query.lastError());
    return query.next() ? query.value(0).toInt() : shifts::defaultIdleMinutes;
}

Result<void> ShiftRepository::endLapsedShifts(qint64 agencyId)
{
    const Result<int> idle = idleLimit(agencyId);
    if (!idle.ok())
        return idle.error();
    // An idle shift ends at its last activity: the time after it was not work.
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE shifts SET clocked_out_at = last_activity_at, ended_by = ? "
                                 "WHERE agency_id = ? AND clocked_out_at IS NULL AND last_activity_at <= ?"));
    query.addBindValue(shifts::endedByInactivity);
    query.addBindValue(agencyId);
    query.addBindValue(sqlTimestamp(m_now.addSecs(-qint64(idle.value()) * 60)));
    if (!query.exec())
        return storageError(QStringLiteral("end idle shifts"), query.lastError());
    return Result<void>::success();
}

Result<std::optional<Shift>> ShiftRepository::openShiftOf(const Membership &member)
{
    if (Result<void> ended = endLapsedShifts(member.agencyId); !ended.ok())
        return ended.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + shiftColumns
                  + QStringLiteral("WHERE s.agency_id = ? AND s.member_id = ? AND s.clocked_out_at IS NULL"));
    query.addBindValue(member.agencyId);
    query.addBindValue(member.userId);
    if (!query.exec())
        return storageError(QStringLiteral("find open shift"), query.lastError());
    if (!query.next())
        return std::optional<Shift>();
    return std::optional<Shift>(shiftFrom(query));
}

Result<std::optional<Shift>> ShiftRepository::current(const Membership &member)
{
    if (Result<void> allowed = member.require({Permission::ClockIn}); !allowed.ok())
        return allowed.error();
    return openShiftOf(member);
}

Result<void> ShiftRepository::end(const Membership &member, const Shift &shift, const QString &endedBy)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE shifts SET clocked_out_at = ?, last_activity_at = ?, ended_by = ? "
                                 "WHERE agency_id = ? AND id = ? AND clocked_out_at IS NULL"));
    query.addBindValue(sqlTimestamp(m_now));
    query.addBindValue(sqlTimestamp(m_now));
    query.addBindValue(endedBy);
    query.addBindValue(member.agencyId);
    query.addBindValue(shift.id);
    if (!query.exec())
        return storageError(QStringLiteral("clock out"), query.lastError());
    // The shift counted to its last activity; now it counts to this moment.
    if (Result<void> marked
        = AttributionRepository(m_db).shiftMoved({member.agencyId, shift.creatorId, member.userId}, shift.lastActivityAt, m_now);
        !marked.ok())
        return marked;
    return AuditRepository(m_db).record(
        member.agencyId, member.userId, shift.creatorId, audit::clockedOut,
        {{QStringLiteral("seconds"), shift.clockedInAt.secsTo(m_now)}, {QStringLiteral("endedBy"), endedBy}});
}

Result<Shift> ShiftRepository::clockIn(const Membership &member, qint64 creatorId)
{
    if (Result<void> allowed = member.require({Permission::ClockIn}); !allowed.ok())
        return allowed.error();
    const Result<agency::CreatorScope> scope = AgencyRepository(m_db).scopeFor(member, creatorId);
    if (!scope.ok())
        return scope.error();
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const Result<std::optional<Shift>> open = openShiftOf(member);
    if (!open.ok())
        return open.error();
    if (open.value() && open.value()->creatorId == scope.value().creatorId) {
        const Result<Shift> same = recordActivity(member);
        if (!same.ok())
            return same.error();
        if (Result<void> committed = transaction.commit(); !committed.ok())
            return committed.error();
        return same;
    }
    if (open.value()) {
        if (Result<void> ended = end(member, *open.value(), shifts::endedBySwitch); !ended.ok())
            return ended.error();
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO shifts (agency_id, member_id, creator_id, clocked_in_at, last_activity_at) "
                                 "VALUES (?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(member.agencyId);
    query.addBindValue(member.userId);
    query.addBindValue(scope.value().creatorId);
    query.addBindValue(sqlTimestamp(m_now));
    query.addBindValue(sqlTimestamp(m_now));
    if (!query.exec() || !query.next()) {
        // Two clock-ins at once: the one-open-shift index lets one through.
        if (isUniqueViolation(query.lastError()))
            return Error{ErrorCode::Conflict,
                         QCoreApplication::translate("huntaze::ShiftRepository",
                                                     "You clocked in from somewhere else at the same moment. Try again.")};
        return storageError(QStringLiteral("clock in"), query.lastError());
    }
    const qint64 id = query.value(0).toLongLong();
    query.finish(); // SQLite cannot commit while a RETURNING statement is open
    query.prepare(QStringLiteral("SELECT ") + shiftColumns + QStringLiteral("WHERE s.agency_id = ? AND s.id = ?"));
    query.addBindValue(member.agencyId);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("read new shift"), query.lastError());
    const Shift shift = shiftFrom(query);
    if (Result<void> logged = AuditRepository(m_db).record(member.agencyId, member.userId, shift.creatorId, audit::clockedIn, {});
        !logged.ok())
        return logged.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return shift;
}

Result<Shift> ShiftRepository::clockOut(const Membership &member)
{
    if (Result<void> allowed = member.require({Permission::ClockIn}); !allowed.ok())
        return allowed.error();
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const Result<std::optional<Shift>> open = openShiftOf(member);
    if (!open.ok())
        return open.error();
    if (!open.value())
        return notClockedIn();
    if (Result<void> ended = end(member, *open.value(), shifts::endedByMember); !ended.ok())
        return ended.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    Shift shift = *open.value();
    shift.clockedOutAt = m_now.toUTC();
    shift.lastActivityAt = m_now.toUTC();
    shift.endedBy = shifts::endedByMember;
    return shift;
}

Result<Shift> ShiftRepository::recordActivity(const Membership &member)
{
    if (Result<void> allowed = member.require({Permission::ClockIn}); !allowed.ok())
        return allowed.error();
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const Result<std::optional<Shift>> open = openShiftOf(member);
    if (!open.ok())
        return open.error();
    if (!open.value())
        return notClockedIn();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE shifts SET last_activity_at = ? WHERE agency_id = ? AND id = ? AND last_activity_at < ?"));
    query.addBindValue(sqlTimestamp(m_now));
    query.addBindValue(member.agencyId);
    query.addBindValue(open.value()->id);
    query.addBindValue(sqlTimestamp(m_now));
    if (!query.exec())
        return storageError(QStringLiteral("record activity"), query.lastError());
    if (query.numRowsAffected() > 0) {
        // An open shift counts to its last activity, which just moved.
        if (Result<void> marked = AttributionRepository(m_db).shiftMoved({member.agencyId, open.value()->creatorId, member.userId},
                                                                         open.value()->lastActivityAt, m_now);
            !marked.ok())
            return marked.error();
    }
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    Shift shift = *open.value();
    shift.lastActivityAt = std::max(shift.lastActivityAt, m_now.toUTC());
    return shift;
}

Result<QList<Shift>> ShiftRepository::shifts(const Membership &member, const QDateTime &from, const QDateTime &to)
{
    if (Result<void> allowed = member.require({Permission::ClockIn, Permission::ManageShifts}); !allowed.ok())
        return allowed.error();
    if (Result<void> period = shifts::checkPeriod(from, to); !period.ok())
        return period.error();
    if (Result<void> ended = endLapsedShifts(member.agencyId); !ended.ok())
        return ended.error();
    const bool everyone = managesShifts(member);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + shiftColumns
                  + QStringLiteral("WHERE s.agency_id = ? AND s.clocked_in_at < ? AND (s.clocked_out_at IS NULL OR s.clocked_out_at > ?)")
                  + (everyone ? QString() : QStringLiteral(" AND s.member_id = ?"))
                  + QStringLiteral(" ORDER BY s.clocked_in_at DESC, s.id DESC"));
    query.addBindValue(member.agencyId);
    query.addBindValue(sqlTimestamp(to));
    query.addBindValue(sqlTimestamp(from));
    if (!everyone)
        query.addBindValue(member.userId);
    if (!query.exec())
        return storageError(QStringLiteral("list shifts"), query.lastError());
    QList<Shift> list;
    while (query.next()) {
        Shift shift = shiftFrom(query);
        // A manager of some creators sees the shifts on those only.
        if (everyone && shift.memberId != member.userId && !member.canSee(shift.creatorId))
            continue;
        list.append(shift);
    }
    return list;
}

Result<QList<ShiftSlot>> ShiftRepository::slots(const Membership &member, bool everyone)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT t.id, t.member_id, COALESCE(u.email, ''), t.creator_id, t.weekday, t.start_minute, t.minutes, "
                                 "t.time_zone FROM shift_slots t LEFT JOIN users u ON u.id = t.member_id WHERE t.agency_id = ?")
                  + (everyone ? QString() : QStringLiteral(" AND t.member_id = ?"))
                  + QStringLiteral(" ORDER BY t.weekday, t.start_minute, t.id"));
    query.addBindValue(member.agencyId);
    if (!everyone)
        query.addBindValue(member.userId);
    if (!query.exec())
        return storageError(QStringLiteral("list schedule"), query.lastError());
    QList<ShiftSlot> list;
    while (query.next()) {
        ShiftSlot slot;
        slot.id = query.value(0).toLongLong();
        slot.memberId = query.value(1).toLongLong();
        slot.memberEmail = query.value(2).toString();
        slot.creatorId = query.value(3).toLongLong();
        slot.weekday = query.value(4).toInt();
        slot.start = QTime(0, 0).addSecs(query.value(5).toInt() * 60);
        slot.minutes = query.value(6).toInt();
        slot.timeZone = query.value(7).toString();
        if (everyone && slot.memberId != member.userId && !member.canSee(slot.creatorId))
            continue;
        list.append(slot);
    }
    return list;
}

Result<QList<ShiftSlot>> ShiftRepository::schedule(const Membership &member)
{
    if (Result<void> allowed = member.require({Permission::ClockIn, Permission::ManageShifts}); !allowed.ok())
        return allowed.error();
    return slots(member, managesShifts(member));
}

Result<ShiftSlot> ShiftRepository::addSlot(const Membership &manager, const ShiftSlot &slot)
{
    if (Result<void> allowed = manager.require({Permission::ManageShifts}); !allowed.ok())
        return allowed.error();
    // The creator first: one of another agency is refused the same whoever the member is.
    if (const Result<agency::CreatorScope> creator = AgencyRepository(m_db).scopeFor(manager, slot.creatorId); !creator.ok())
        return creator.error();
    const Result<Membership> worker = AgencyRepository(m_db).membership(manager.agencyId, slot.memberId);
    if (!worker.ok())
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("huntaze::ShiftRepository", "This person is not a member of the agency."),
                     {},
                     QStringLiteral("memberId")};
    if (!worker.value().canSee(slot.creatorId))
        return Error::validation(
            QStringLiteral("creatorId"),
            QCoreApplication::translate("huntaze::ShiftRepository",
                                        "This member does not work with that creator. Assign the creator to them on the Team page first."));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO shift_slots (agency_id, member_id, creator_id, weekday, start_minute, minutes, time_zone) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(slot.memberId);
    query.addBindValue(slot.creatorId);
    query.addBindValue(slot.weekday);
    query.addBindValue(slot.start.hour() * 60 + slot.start.minute());
    query.addBindValue(slot.minutes);
    query.addBindValue(slot.timeZone);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("add shift slot"), query.lastError());
    ShiftSlot added = slot;
    added.id = query.value(0).toLongLong();
    query.finish();
    added.memberEmail = worker.value().email;
    if (Result<void> logged = AuditRepository(m_db).record(manager.agencyId, manager.userId, slot.creatorId, audit::scheduleChanged,
                                                           {{QStringLiteral("added"), added.toJson()}});
        !logged.ok())
        return logged.error();
    return added;
}

Result<void> ShiftRepository::removeSlot(const Membership &manager, qint64 slotId)
{
    if (Result<void> allowed = manager.require({Permission::ManageShifts}); !allowed.ok())
        return allowed.error();
    const Result<QList<ShiftSlot>> all = slots(manager, true);
    if (!all.ok())
        return all.error();
    const auto found = std::find_if(all.value().begin(), all.value().end(), [slotId](const ShiftSlot &slot) { return slot.id == slotId; });
    if (found == all.value().end())
        return Error{ErrorCode::NotFound, QCoreApplication::translate("huntaze::ShiftRepository", "This shift is not in the schedule.")};
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM shift_slots WHERE agency_id = ? AND id = ?"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(slotId);
    if (!query.exec())
        return storageError(QStringLiteral("remove shift slot"), query.lastError());
    return AuditRepository(m_db).record(manager.agencyId, manager.userId, found->creatorId, audit::scheduleChanged,
                                        {{QStringLiteral("removed"), found->toJson()}});
}

Result<QList<HoursRow>> ShiftRepository::hours(const Membership &member, const QDateTime &from, const QDateTime &to)
{
    const Result<QList<Shift>> clocked = shifts(member, from, to);
    if (!clocked.ok())
        return clocked.error();
    const Result<QList<ShiftSlot>> planned = schedule(member);
    if (!planned.ok())
        return planned.error();
    return shifts::hoursReport(clocked.value(), planned.value(), from, to, m_now);
}

Result<int> ShiftRepository::idleMinutes(const Membership &member)
{
    return idleLimit(member.agencyId);
}

Result<void> ShiftRepository::setIdleMinutes(const Membership &manager, int minutes)
{
    if (Result<void> allowed = manager.require({Permission::ManageShifts}); !allowed.ok())
        return allowed.error();
    if (minutes < shifts::minIdleMinutes || minutes > shifts::maxIdleMinutes)
        return Error::validation(QStringLiteral("idleMinutes"),
                                 QCoreApplication::translate("huntaze::ShiftRepository", "The idle limit must be from %1 to %2 minutes.")
                                     .arg(shifts::minIdleMinutes)
                                     .arg(shifts::maxIdleMinutes));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE agencies SET shift_idle_minutes = ? WHERE id = ?"));
    query.addBindValue(minutes);
    query.addBindValue(manager.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("set idle limit"), query.lastError());
    return AuditRepository(m_db).record(manager.agencyId, manager.userId, 0, audit::scheduleChanged,
                                        {{QStringLiteral("idleMinutes"), minutes}});
}

} // namespace huntaze

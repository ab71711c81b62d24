#pragma once

#include "agency/membership.h"
#include "agency/shifts.h"
#include "common/result.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <optional>

namespace huntaze {

// Chatters' shifts in SQL (both databases): the weekly schedule, clocking in
// and out, activity, and the hours report. Each call checks the member's own
// permissions (shifts.clock for their own shifts, shifts.manage for the
// schedule and everyone's hours) and first ends the agency's shifts that ran
// past the idle limit, so what it answers is never a shift that has lapsed.
// `now` is when the call happens (tests pass their own).
class ShiftRepository
{
public:
    ShiftRepository(QSqlDatabase &db, QDateTime now) : m_db(db), m_now(std::move(now)) {}

    // The member's open shift, if any.
    Result<std::optional<Shift>> current(const agency::Membership &member);
    // Starts a shift for `creatorId` (0: the member's first creator). Already
    // clocked in for it: that shift, unchanged but for its activity; for
    // another creator: that one ends ("switch") and this one starts.
    Result<Shift> clockIn(const agency::Membership &member, qint64 creatorId);
    // Ends the member's open shift; Conflict when there is none.
    Result<Shift> clockOut(const agency::Membership &member);
    // The member is working: their open shift stays open. Conflict when
    // there is none (never clocked in, or it lapsed).
    Result<Shift> recordActivity(const agency::Membership &member);

    // Shifts overlapping [from, to), newest first: the member's own, or
    // everyone's on the creators they see with shifts.manage.
    Result<QList<Shift>> shifts(const agency::Membership &member, const QDateTime &from, const QDateTime &to);
    // The weekly schedule: the member's own slots, or everyone's with shifts.manage.
    Result<QList<ShiftSlot>> schedule(const agency::Membership &member);
    Result<ShiftSlot> addSlot(const agency::Membership &manager, const ShiftSlot &slot);
    Result<void> removeSlot(const agency::Membership &manager, qint64 slotId);
    // Clocked and scheduled hours per member and creator over [from, to).
    Result<QList<HoursRow>> hours(const agency::Membership &member, const QDateTime &from, const QDateTime &to);

    // Minutes without activity after which an open shift ends by itself.
    Result<int> idleMinutes(const agency::Membership &member);
    Result<void> setIdleMinutes(const agency::Membership &manager, int minutes);

    static Error notClockedIn();

private:
    Result<int> idleLimit(qint64 agencyId);
    Result<void> endLapsedShifts(qint64 agencyId);
    Result<std::optional<Shift>> openShiftOf(const agency::Membership &member);
    Result<void> end(const agency::Membership &member, const Shift &shift, const QString &endedBy);
    Result<QList<ShiftSlot>> slots(const agency::Membership &member, bool everyone);

    QSqlDatabase &m_db;
    QDateTime m_now;
};

} // namespace huntaze

#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTime>

namespace huntaze {

// One weekly slot of a chatter's schedule: a member works for a creator on a
// weekday from `start`, for `minutes` (a slot may run past midnight), in the
// time zone the slot was planned in, so 09:00 stays 09:00 across summer time.
struct ShiftSlot {
    qint64 id = 0;
    qint64 memberId = 0;
    QString memberEmail; // as listed; not part of what a client sends
    qint64 creatorId = 0;
    int weekday = 1; // 1 = Monday … 7 = Sunday (Qt::DayOfWeek)
    QTime start;
    int minutes = 0;
    QString timeZone; // IANA id, "Europe/Paris"

    QTime end() const { return start.addSecs(minutes * 60); }

    // From a client: {"memberId": 4, "creatorId": 2, "weekday": 1,
    // "start": "09:00", "minutes": 240, "timeZone": "Europe/Paris"}.
    static Result<ShiftSlot> parse(const QJsonObject &json);
    QJsonObject toJson() const;
    static ShiftSlot fromJson(const QJsonObject &json);

    friend bool operator==(const ShiftSlot &, const ShiftSlot &) = default;
};

// One clocked shift: from clock-in to clock-out, for one creator. An open
// shift (no clock-out yet) ends by itself once the member has been inactive
// for the agency's idle limit: at their last activity, since the idle time
// is not work.
struct Shift {
    qint64 id = 0;
    qint64 memberId = 0;
    QString memberEmail;
    qint64 creatorId = 0;
    QDateTime clockedInAt;
    QDateTime clockedOutAt; // invalid while open
    QDateTime lastActivityAt;
    QString endedBy; // one of shifts::endedBy*, empty while open

    bool isOpen() const { return !clockedOutAt.isValid(); }

    QJsonObject toJson() const;
    static Shift fromJson(const QJsonObject &json);

    friend bool operator==(const Shift &, const Shift &) = default;
};

// One line of the hours report: a member's work for one creator in a period.
struct HoursRow {
    qint64 memberId = 0;
    QString memberEmail;
    qint64 creatorId = 0;
    int shifts = 0; // clocked shifts that overlap the period
    qint64 clockedSeconds = 0; // within the period
    qint64 scheduledSeconds = 0; // what the weekly schedule planned in the period

    QJsonObject toJson() const;
    static HoursRow fromJson(const QJsonObject &json);

    friend bool operator==(const HoursRow &, const HoursRow &) = default;
};

namespace shifts {

// How a shift ended; stored and sent over the API.
inline const QString endedByMember = QStringLiteral("member");
inline const QString endedByInactivity = QStringLiteral("inactivity");
inline const QString endedBySwitch = QStringLiteral("switch"); // clocked in for another creator
inline const QString endedByRemoval = QStringLiteral("removed"); // no longer a member

inline constexpr int defaultIdleMinutes = 30;
inline constexpr int minIdleMinutes = 5;
inline constexpr int maxIdleMinutes = 24 * 60;
// Activity is recorded at most this often; the idle limit is far longer.
inline constexpr int activityIntervalSeconds = 60;

// Seconds of `shift` inside [from, to); an open shift counts up to `now`.
qint64 clockedSeconds(const Shift &shift, const QDateTime &from, const QDateTime &to, const QDateTime &now);
// Seconds the weekly `slot` plans inside [from, to), in its own time zone.
qint64 scheduledSeconds(const ShiftSlot &slot, const QDateTime &from, const QDateTime &to);

// Hours per member and creator over [from, to): every pair that clocked or
// was scheduled, ordered by member email, then creator.
QList<HoursRow> hoursReport(const QList<Shift> &shifts, const QList<ShiftSlot> &slots, const QDateTime &from, const QDateTime &to,
                            const QDateTime &now);

// The period a report covers, checked: `from` before `to`, at most a year.
Result<void> checkPeriod(const QDateTime &from, const QDateTime &to);

// "7 h 05" style, for people.
QString formatDuration(qint64 seconds);

} // namespace shifts

} // namespace huntaze

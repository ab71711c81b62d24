#pragma once

#include "agency/shifts.h"
#include "backend/backend.h"
#include "net/clock.h"

#include <QFuture>
#include <QObject>

#include <optional>

namespace huntaze {

// The signed-in member's shift as the Shifts page shows it, with the weekly
// schedule and the hours report. While the member is clocked in, their input
// (keys, clicks, scrolling anywhere in the app, watched with watchActivity)
// is reported to the backend at most once a minute, so the shift stays open;
// when the backend says the shift ended for inactivity, `shiftLapsed` says so.
class ShiftStore : public QObject
{
    Q_OBJECT
public:
    explicit ShiftStore(Backend &backend, Clock &clock = Clock::system(), QObject *parent = nullptr);

    const std::optional<Shift> &current() const { return m_current; }
    int idleMinutes() const { return m_idleMinutes; }
    const QList<ShiftSlot> &schedule() const { return m_schedule; }
    const QList<HoursRow> &hours() const { return m_hours; }

    // Reads the open shift, the idle limit and the schedule again.
    void reload();
    // Forgets everything (signed out).
    void clear();
    void loadHours(const QDateTime &from, const QDateTime &to);
    QFuture<Result<Shift>> clockIn();
    QFuture<Result<Shift>> clockOut();
    QFuture<Result<ShiftSlot>> addSlot(const ShiftSlot &slot);
    QFuture<Result<void>> removeSlot(qint64 slotId);
    QFuture<Result<void>> setIdleMinutes(int minutes);

    // The member did something: keeps an open shift open (throttled).
    void noteActivity();
    // Notes input events reaching `target` (the application) as activity.
    void watchActivity(QObject *target);

Q_SIGNALS:
    void currentChanged();
    void scheduleChanged();
    void hoursChanged();
    void idleMinutesChanged();
    // The open shift ended without the member: it lapsed after the idle limit.
    void shiftLapsed();
    void loadFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setCurrent(const std::optional<Shift> &shift);
    void reloadSchedule();

    Backend &m_backend;
    Clock &m_clock;
    std::optional<Shift> m_current;
    int m_idleMinutes = shifts::defaultIdleMinutes;
    QList<ShiftSlot> m_schedule;
    QList<HoursRow> m_hours;
    QDateTime m_activitySent;
    bool m_activityInFlight = false;
    quint64 m_hoursTicket = 0;
    quint64 m_currentTicket = 0;
    quint64 m_scheduleTicket = 0;
};

} // namespace huntaze

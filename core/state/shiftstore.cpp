#include "shiftstore.h"

#include "common/async.h"

#include <QEvent>

namespace huntaze {

ShiftStore::ShiftStore(Backend &backend, Clock &clock, QObject *parent) : QObject(parent), m_backend(backend), m_clock(clock)
{}

void ShiftStore::setCurrent(const std::optional<Shift> &shift)
{
    if (shift == m_current)
        return;
    m_current = shift;
    Q_EMIT currentChanged();
}

void ShiftStore::reload()
{
    // Any later read or clock-in/out of the shift supersedes this answer.
    const quint64 ticket = ++m_currentTicket;
    onFinished(m_backend.currentShift(), this, [this, ticket](const Result<std::optional<Shift>> &shift) {
        if (ticket != m_currentTicket)
            return;
        if (!shift.ok()) {
            Q_EMIT loadFailed(shift.error().message);
            return;
        }
        setCurrent(shift.value());
    });
    onFinished(m_backend.shiftIdleMinutes(), this, [this](const Result<int> &minutes) {
        if (!minutes.ok() || minutes.value() == m_idleMinutes)
            return;
        m_idleMinutes = minutes.value();
        Q_EMIT idleMinutesChanged();
    });
    reloadSchedule();
}

void ShiftStore::clear()
{
    setCurrent(std::nullopt);
    m_schedule.clear();
    m_hours.clear();
    m_activitySent = QDateTime();
    Q_EMIT scheduleChanged();
    Q_EMIT hoursChanged();
}

void ShiftStore::reloadSchedule()
{
    const quint64 ticket = ++m_scheduleTicket;
    onFinished(m_backend.shiftSchedule(), this, [this, ticket](const Result<QList<ShiftSlot>> &slots) {
        if (ticket != m_scheduleTicket)
            return; // a newer read is on its way
        if (!slots.ok()) {
            Q_EMIT loadFailed(slots.error().message);
            return;
        }
        m_schedule = slots.value();
        Q_EMIT scheduleChanged();
    });
}

void ShiftStore::loadHours(const QDateTime &from, const QDateTime &to)
{
    const quint64 ticket = ++m_hoursTicket;
    onFinished(m_backend.shiftHours(from, to), this, [this, ticket](const Result<QList<HoursRow>> &rows) {
        if (ticket != m_hoursTicket)
            return; // a report for another period is on its way
        if (!rows.ok()) {
            Q_EMIT loadFailed(rows.error().message);
            return;
        }
        m_hours = rows.value();
        Q_EMIT hoursChanged();
    });
}

QFuture<Result<Shift>> ShiftStore::clockIn()
{
    QFuture<Result<Shift>> started = m_backend.clockIn();
    ++m_currentTicket;
    onFinished(started, this, [this](const Result<Shift> &shift) {
        if (shift.ok()) {
            m_activitySent = m_clock.now();
            setCurrent(shift.value());
        }
    });
    return started;
}

QFuture<Result<Shift>> ShiftStore::clockOut()
{
    QFuture<Result<Shift>> ended = m_backend.clockOut();
    ++m_currentTicket;
    onFinished(ended, this, [this](const Result<Shift> &shift) {
        // Conflict: it had already ended (lapsed, or clocked out elsewhere).
        if (shift.ok() || shift.error().code == ErrorCode::Conflict)
            setCurrent(std::nullopt);
    });
    return ended;
}

template <typename T> static QFuture<Result<T>> afterwards(QFuture<Result<T>> change, QObject *context, std::function<void()> then)
{
    onFinished(change, context, [then = std::move(then)](const Result<T> &changed) {
        if (changed.ok())
            then();
    });
    return change;
}

QFuture<Result<ShiftSlot>> ShiftStore::addSlot(const ShiftSlot &slot)
{
    return afterwards(m_backend.addShiftSlot(slot), this, [this] { reloadSchedule(); });
}

QFuture<Result<void>> ShiftStore::removeSlot(qint64 slotId)
{
    return afterwards(m_backend.removeShiftSlot(slotId), this, [this] { reloadSchedule(); });
}

QFuture<Result<void>> ShiftStore::setIdleMinutes(int minutes)
{
    return afterwards(m_backend.setShiftIdleMinutes(minutes), this, [this, minutes] {
        m_idleMinutes = minutes;
        Q_EMIT idleMinutesChanged();
    });
}

void ShiftStore::noteActivity()
{
    if (!m_current || m_activityInFlight)
        return;
    const QDateTime now = m_clock.now();
    if (m_activitySent.isValid() && m_activitySent.secsTo(now) < shifts::activityIntervalSeconds)
        return;
    m_activityInFlight = true;
    m_activitySent = now;
    onFinished(m_backend.recordShiftActivity(), this, [this](const Result<Shift> &shift) {
        m_activityInFlight = false;
        if (shift.ok()) {
            setCurrent(shift.value());
        } else if (shift.error().code == ErrorCode::Conflict && m_current) {
            setCurrent(std::nullopt);
            Q_EMIT shiftLapsed();
        }
    });
}

void ShiftStore::watchActivity(QObject *target)
{
    target->installEventFilter(this);
}

bool ShiftStore::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel: noteActivity(); break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace huntaze

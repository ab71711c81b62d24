#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace huntaze {

// A wait started on a Clock; destroying it (or stop()) cancels it.
class ClockTimer
{
public:
    virtual ~ClockTimer() = default;
    virtual void stop() = 0;
};

// Wall-clock time, and waits measured on it, for code whose behaviour depends
// on time (circuit breakers, rate limits, request deadlines), so tests can
// move time instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    // Calls `callback` on `context`'s thread once `delay` has passed on this
    // clock (never if `context` is gone or the timer was stopped).
    virtual std::unique_ptr<ClockTimer> startTimer(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) = 0;

    // The process-wide real clock.
    static Clock &system();
};

} // namespace huntaze

#pragma once

#include <QDateTime>

namespace huntaze {

// Wall-clock time for code whose behaviour depends on it (circuit breakers,
// rate limits), so tests can move time instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    // The process-wide real clock.
    static Clock &system();
};

} // namespace huntaze

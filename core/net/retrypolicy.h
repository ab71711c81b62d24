#pragma once

#include "common/result.h"

#include <chrono>

namespace huntaze {

// When and how often a failed request is tried again: exponential backoff
// with full jitter (AWS's "Exponential Backoff and Jitter"), capped per wait
// and bounded by a total deadline.
struct RetryPolicy {
    using milliseconds = std::chrono::milliseconds;

    int maxAttempts = 3; // including the first
    milliseconds baseDelay{250};
    milliseconds maxDelay{8000};
    milliseconds totalDeadline{30000}; // no retry starts after this, counted from the first attempt

    static RetryPolicy none() { return RetryPolicy{1, milliseconds{0}, milliseconds{0}, milliseconds{0}}; }

    // The wait before attempt `retry` (1 = the first retry): uniformly random in
    // [0, min(maxDelay, baseDelay * 2^(retry-1))]; `random01` is in [0, 1).
    milliseconds backoff(int retry, double random01) const;

    // Whether this failure is worth another attempt at all: unreachable,
    // timeout, 5xx, 408 and 429. TLS errors, other 4xx, malformed answers and
    // an open circuit are not.
    static bool isRetryable(const Error &error);
};

} // namespace huntaze

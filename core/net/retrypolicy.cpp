#include "retrypolicy.h"

#include <algorithm>
#include <cmath>

namespace huntaze {

RetryPolicy::milliseconds RetryPolicy::backoff(int retry, double random01) const
{
    const double exponent = std::min(retry - 1, 30);
    const double ceiling
        = std::min(static_cast<double>(maxDelay.count()), static_cast<double>(baseDelay.count()) * std::pow(2.0, exponent));
    return milliseconds(static_cast<qint64>(std::floor(std::clamp(random01, 0.0, 1.0) * ceiling)));
}

bool RetryPolicy::isRetryable(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::RateLimited: return true;
    case ErrorCode::HttpStatus: return error.httpStatus >= 500 || error.httpStatus == 408 || error.httpStatus == 429;
    default: return false;
    }
}

} // namespace huntaze

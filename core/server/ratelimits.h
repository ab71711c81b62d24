#pragma once

#include "common/result.h"
#include "server/httpmessage.h"
#include "server/ratelimiter.h"

namespace huntaze::server {

// The server's budgets (docs/server.md, "Rate limits"; ServerConfig reads
// them from HUNTAZE_RATE_*). Signed-in requests spend their member's (or API
// key's) budget, AI tool calls a smaller one of their own; requests before
// anyone is known (signing up or in, refreshing) spend their client
// address's; sign-in attempts also spend the account's, whoever makes them.
struct RateLimits {
    RateLimit api{QByteArrayLiteral("api"), 1200, std::chrono::seconds(60)};
    RateLimit ai{QByteArrayLiteral("ai"), 20, std::chrono::seconds(60)};
    RateLimit anonymous{QByteArrayLiteral("anonymous"), 30, std::chrono::seconds(60)};
    RateLimit signIn{QByteArrayLiteral("sign-in"), 10, std::chrono::seconds(15 * 60)};

    // The budget a signed-in request to `route` (a pattern) spends.
    const RateLimit &forRoute(const QString &route) const;
};

// The 429 a refusal is: code rate_limited, when to come back (Retry-After
// and the body's resetTime, which the desktop's client reads).
Error tooManyRequests(const RateDecision &refused);
// RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers) on
// any answer of a limited request; Retry-After and resetTime on a refusal.
void addRateLimitFields(HttpResponse &response, const RateDecision &decision);

} // namespace huntaze::server

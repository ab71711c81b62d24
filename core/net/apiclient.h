#pragma once

#include "common/result.h"
#include "net/apirequest.h"
#include "net/circuitbreakerregistry.h"
#include "net/ratelimittracker.h"
#include "net/requestcoalescer.h"
#include "net/retrypolicy.h"

#include <QFuture>
#include <QObject>

#include <functional>

class QNetworkAccessManager;

namespace huntaze {

// JSON over HTTP for every online part of Huntaze (the remote backend, AI
// providers), with the protections a flaky network needs: a circuit breaker
// per service, single-flight coalescing of identical requests, retries with
// backoff for requests that are safe to repeat, and respect for 429 rate
// limits. Results arrive as futures of Result<ApiResponse>; cancel a request
// with QFuture::cancel(). Use from the thread the client lives in.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    ApiClient(QNetworkAccessManager &network, CircuitBreakerRegistry &breakers, Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~ApiClient() override;

    QFuture<Result<ApiResponse>> send(const ApiRequest &request);

    void setDefaultRetryPolicy(const RetryPolicy &policy) { m_defaultRetry = policy; }
    const RetryPolicy &defaultRetryPolicy() const { return m_defaultRetry; }
    // Source of jitter in [0, 1); tests make it deterministic.
    void setRandomSource(std::function<double()> random) { m_random = std::move(random); }

    CircuitBreakerRegistry &breakers() { return m_breakers; }
    RateLimitTracker &rateLimits() { return m_rateLimits; }
    int callsInFlight() const { return m_coalescer.inFlight(); }

private:
    class Call;
    friend class Call;

    QFuture<Result<ApiResponse>> startCall(const ApiRequest &request);

    QNetworkAccessManager &m_network;
    CircuitBreakerRegistry &m_breakers;
    Clock &m_clock;
    RateLimitTracker m_rateLimits;
    RequestCoalescer m_coalescer;
    RetryPolicy m_defaultRetry;
    std::function<double()> m_random;
};

} // namespace huntaze

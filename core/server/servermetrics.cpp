#include "servermetrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <QMutexLocker>

namespace huntaze::server {

namespace {

// Seconds, from a fast cached answer to a slow AI call.
const prometheus::Histogram::BucketBoundaries latencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                             0.25,   0.5,   1,      2.5,   5,    10,    30};
const prometheus::Histogram::BucketBoundaries waitBuckets{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                          0.01,    0.025,  0.05,    0.1,    0.25,  0.5,    1};

std::string text(const QString &value)
{
    return value.toStdString();
}

} // namespace

ServerMetrics::ServerMetrics() : m_registry(std::make_shared<prometheus::Registry>())
{
    using namespace prometheus;
    m_requests = &BuildCounter()
                      .Name("huntaze_http_requests_total")
                      .Help("Requests answered, by route pattern, method and status.")
                      .Register(*m_registry);
    m_latency = &BuildHistogram()
                     .Name("huntaze_http_request_duration_seconds")
                     .Help("Time from a request's first byte to its answer, by route pattern.")
                     .Register(*m_registry);
    m_refusals = &BuildCounter()
                      .Name("huntaze_rate_limit_refusals_total")
                      .Help("Requests refused with 429 by a rate limit, by budget.")
                      .Register(*m_registry);
    m_signInFailures = &BuildCounter()
                            .Name("huntaze_sign_in_failures_total")
                            .Help("Sign-ins refused for a wrong email or password.")
                            .Register(*m_registry)
                            .Add({});
    m_databaseWait = &BuildHistogram()
                          .Name("huntaze_database_wait_seconds")
                          .Help("Time a database job waited for its connection.")
                          .Register(*m_registry)
                          .Add({}, waitBuckets);
    m_databasePool = &BuildGauge()
                          .Name("huntaze_database_pool")
                          .Help("Database connections (size) and jobs queued or running on them (jobs).")
                          .Register(*m_registry);
    m_hashingPool = &BuildGauge()
                         .Name("huntaze_hashing_pool")
                         .Help("Password-hashing threads (size), those hashing (busy), and hashes waiting for one (waiting).")
                         .Register(*m_registry);
    m_breakerState = &BuildGauge()
                          .Name("huntaze_circuit_breaker_state")
                          .Help("Circuit breaker of each outside service: 0 closed, 1 half-open, 2 open.")
                          .Register(*m_registry);
    m_redisUp = &BuildGauge()
                     .Name("huntaze_redis_up")
                     .Help("1 when Redis (shared rate limits) is reachable, 0 when not, absent when not configured.")
                     .Register(*m_registry)
                     .Add({});
    m_openConnections = &BuildGauge().Name("huntaze_http_open_connections").Help("Client connections open.").Register(*m_registry).Add({});
    auto &cacheLookups = BuildCounter()
                             .Name("huntaze_session_cache_lookups_total")
                             .Help("Tokens looked up in the session cache: found (hit) or asked of the database (miss).")
                             .Register(*m_registry);
    m_sessionCacheHits = &cacheLookups.Add({{"result", "hit"}});
    m_sessionCacheMisses = &cacheLookups.Add({{"result", "miss"}});
    m_sessionCacheEntries = &BuildGauge()
                                 .Name("huntaze_session_cache_entries")
                                 .Help("Verified access tokens and API keys kept in memory.")
                                 .Register(*m_registry)
                                 .Add({});
}

ServerMetrics::~ServerMetrics() = default;

prometheus::Counter &ServerMetrics::requests(const QString &route, const QByteArray &method, int status)
{
    const QString key = route + QLatin1Char(' ') + QString::fromLatin1(method) + QLatin1Char(' ') + QString::number(status);
    QMutexLocker lock(&m_mutex);
    prometheus::Counter *&series = m_requestSeries[key];
    if (!series)
        series = &m_requests->Add({{"route", text(route)}, {"method", method.toStdString()}, {"status", std::to_string(status)}});
    return *series;
}

prometheus::Histogram &ServerMetrics::latency(const QString &route)
{
    QMutexLocker lock(&m_mutex);
    prometheus::Histogram *&series = m_latencySeries[route];
    if (!series)
        series = &m_latency->Add({{"route", text(route)}}, latencyBuckets);
    return *series;
}

void ServerMetrics::countRequest(const HttpRequest &request, int status, std::chrono::milliseconds elapsed)
{
    // Requests that matched no route (probes, typos, bad framing) share one series.
    const QString &matched = request.actor->route;
    const QString route = matched.isEmpty() ? QStringLiteral("unmatched") : matched;
    const QByteArray method = matched.isEmpty() ? QByteArrayLiteral("-") : request.method;
    requests(route, method, status).Increment();
    latency(route).Observe(static_cast<double>(elapsed.count()) / 1000.0);
    if (status == 429 && request.actor->rate && !request.actor->rate->allowed)
        m_refusals->Add({{"budget", request.actor->rate->limit.name.toStdString()}}).Increment();
    const bool signingIn = matched == QLatin1String("/api/auth/sign-in") || matched == QLatin1String("/api/auth/signin");
    if (signingIn && status == 401)
        m_signInFailures->Increment();
}

void ServerMetrics::observeDatabaseWait(std::chrono::nanoseconds waited)
{
    m_databaseWait->Observe(static_cast<double>(waited.count()) / 1e9);
}

QByteArray ServerMetrics::scrape(const Sample &sample)
{
    m_databasePool->Add({{"state", "size"}}).Set(sample.databaseConnections);
    m_databasePool->Add({{"state", "jobs"}}).Set(sample.databaseJobs);
    m_hashingPool->Add({{"state", "size"}}).Set(sample.hashingThreads);
    m_hashingPool->Add({{"state", "busy"}}).Set(sample.hashingBusy);
    m_hashingPool->Add({{"state", "waiting"}}).Set(sample.hashingWaiting);
    for (auto breaker = sample.breakers.cbegin(); breaker != sample.breakers.cend(); ++breaker)
        m_breakerState->Add({{"service", text(breaker.key())}}).Set(breaker.value());
    m_redisUp->Set(sample.redisUp.value_or(false) ? 1 : 0);
    m_openConnections->Set(sample.openConnections);
    // The cache counts for itself; a counter only moves forward by what it counted since.
    m_sessionCacheHits->Increment(static_cast<double>(sample.sessionCacheHits) - m_sessionCacheHits->Value());
    m_sessionCacheMisses->Increment(static_cast<double>(sample.sessionCacheMisses) - m_sessionCacheMisses->Value());
    m_sessionCacheEntries->Set(static_cast<double>(sample.sessionCacheEntries));
    std::vector<prometheus::MetricFamily> families = m_registry->Collect();
    if (!sample.redisUp) {
        // Not configured: no series at all, rather than a 0 that would page someone.
        std::erase_if(families, [](const prometheus::MetricFamily &family) { return family.name == "huntaze_redis_up"; });
    }
    return QByteArray::fromStdString(prometheus::TextSerializer().Serialize(families));
}

} // namespace huntaze::server

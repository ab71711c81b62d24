#pragma once

#include "server/httpmessage.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
class Registry;
template <typename T> class Family;
} // namespace prometheus

namespace huntaze::server {

// huntaze-server's Prometheus metrics (prometheus-cpp's registry and text
// serialiser): what each request did, and, sampled at each scrape, the pools,
// the AI provider's breaker and Redis. Thread-safe: requests are counted on
// the server's thread, database waits on the connections' threads.
class ServerMetrics
{
public:
    ServerMetrics();
    ~ServerMetrics();

    // After each answer (route: the matched pattern, never the raw path, so
    // ids do not make new series).
    void countRequest(const HttpRequest &request, int status, std::chrono::milliseconds elapsed);
    void observeDatabaseWait(std::chrono::nanoseconds waited);

    // Read at each scrape.
    struct Sample {
        int databaseConnections = 0;
        int databaseJobs = 0; // queued or running
        int hashingThreads = 0;
        int hashingBusy = 0;
        int hashingWaiting = 0;
        QHash<QString, int> breakers; // service -> 0 closed, 1 half-open, 2 open
        std::optional<bool> redisUp; // none: not configured
        int openConnections = 0;
        quint64 sessionCacheHits = 0; // since start
        quint64 sessionCacheMisses = 0;
        qsizetype sessionCacheEntries = 0;
    };
    // The text exposition format (version 0.0.4).
    QByteArray scrape(const Sample &sample);

private:
    prometheus::Counter &requests(const QString &route, const QByteArray &method, int status);
    prometheus::Histogram &latency(const QString &route);

    std::shared_ptr<prometheus::Registry> m_registry;
    prometheus::Family<prometheus::Counter> *m_requests;
    prometheus::Family<prometheus::Histogram> *m_latency;
    prometheus::Family<prometheus::Counter> *m_refusals;
    prometheus::Counter *m_signInFailures;
    prometheus::Histogram *m_databaseWait;
    prometheus::Family<prometheus::Gauge> *m_databasePool;
    prometheus::Family<prometheus::Gauge> *m_hashingPool;
    prometheus::Family<prometheus::Gauge> *m_breakerState;
    prometheus::Gauge *m_redisUp;
    prometheus::Gauge *m_openConnections;
    prometheus::Counter *m_sessionCacheHits;
    prometheus::Counter *m_sessionCacheMisses;
    prometheus::Gauge *m_sessionCacheEntries;
    // The series made so far, to skip prometheus-cpp's label hashing on the hot path.
    QMutex m_mutex;
    QHash<QString, prometheus::Counter *> m_requestSeries;
    QHash<QString, prometheus::Histogram *> m_latencySeries;
};

} // namespace huntaze::server

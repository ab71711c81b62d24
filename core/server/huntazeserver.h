#pragma once

#include "ai/aitools.h"
#include "auth/passwordhasher.h"
#include "common/result.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "server/apiserver.h"
#include "server/databaselistener.h"
#include "server/hashingpool.h"
#include "server/serverconfig.h"
#include "server/servermetrics.h"
#include "server/sessioncache.h"
#include "server/synceventhub.h"
#include "storage/sqlworkerpool.h"

#include <QDateTime>
#include <QFuture>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace huntaze::server {

// huntaze-server put together: the database pool (migrated at start), the
// AI tools over the configured provider, and the HTTP routes. Stateless
// apart from PostgreSQL, so several instances can serve one database.
class HuntazeServer : public QObject
{
    Q_OBJECT
public:
    explicit HuntazeServer(ServerConfig config, PasswordHasher hasher = PasswordHasher(), QObject *parent = nullptr);
    ~HuntazeServer() override;

    // Listens at once (until the database is migrated, every route but
    // /health answers 503 database_unavailable), then migrates the database,
    // waiting up to databaseWaitSeconds for it to be reachable. The port
    // bound (useful with port 0) once the server is ready, or why it cannot start.
    QFuture<Result<quint16>> start();
    // SIGTERM: no new requests; those in flight get shutdownGraceSeconds to finish.
    QFuture<void> stop();
    bool isReady() const { return m_ready; }

    ApiServer &http() { return *m_http; }
    // Deletes the sessions dead by now (the server also does it hourly); how many went.
    QFuture<Result<int>> purgeExpiredSessions();
    const ServerConfig &config() const { return m_config; }
    SessionCache &sessionCache() { return *m_sessionCache; }
    // Listens for what invalidates the cache once the server is ready (none with the cache off).
    DatabaseListener *databaseListener() { return m_listener.get(); }
    SyncEventHub &syncEvents() { return *m_syncEvents; }

private:
    Router routes();
    // /health: the database (required: 503 without it), Redis and the AI provider, each with its status.
    QFuture<HttpResponse> health();
    // /api/metrics, for the scrape token only.
    HttpResponse metrics(const HttpRequest &request);
    void migrateWhenReachable(std::shared_ptr<QPromise<Result<quint16>>> started, QDateTime giveUpAt);
    Result<quint16> readyAfterMigration(const Result<int> &version);
    void warnIfRowSecurityIsBypassed();

    ServerConfig m_config;
    PasswordHasher m_hasher;
    QNetworkAccessManager m_network;
    CircuitBreakerRegistry m_breakers;
    ApiClient m_api;
    AiTools m_ai;
    std::unique_ptr<SqlWorkerPool> m_database;
    std::unique_ptr<SqlWorker> m_owner; // the migration role's connection, while it migrates
    std::unique_ptr<RateLimiter> m_limiter;
    std::unique_ptr<SessionCache> m_sessionCache; // before the routes, which use it
    std::unique_ptr<SyncEventHub> m_syncEvents; // before the routes, which use it
    std::unique_ptr<DatabaseListener> m_listener;
    HashingPool m_hashing; // Argon2id, one hash per core: away from the database connections
    ServerMetrics m_metrics;
    std::unique_ptr<ApiServer> m_http;
    QTimer m_purge;
    bool m_ready = false;
};

} // namespace huntaze::server

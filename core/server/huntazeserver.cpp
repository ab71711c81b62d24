#include "huntazeserver.h"

#include "ai/offlineprovider.h"
#include "ai/openaiprovider.h"
#include "auth/sessiontoken.h"
#include "common/async.h"
#include "logging/logging.h"
#include "server/accountroutes.h"
#include "server/agencyroutes.h"
#include "server/airoutes.h"
#include "server/analyticsroutes.h"
#include "server/apikeyroutes.h"
#include "server/creatordataroutes.h"
#include "server/databaselistener.h"
#include "server/importroutes.h"
#include "server/redisratelimiter.h"
#include "server/servercontext.h"
#include "server/shiftroutes.h"
#include "server/syncroutes.h"
#include "storage/idempotencyrepository.h"
#include "storage/migrator.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

#include <sodium.h>

namespace huntaze::server {

namespace {

std::unique_ptr<AIProvider> providerFor(const ServerConfig &config, ApiClient &api)
{
    if (!config.aiOnline)
        return std::make_unique<OfflineProvider>();
    OpenAiProvider::Config ai;
    ai.baseUrl = config.aiBaseUrl;
    ai.model = config.aiModel;
    ai.apiKey = config.aiApiKey;
    return std::make_unique<OpenAiProvider>(api, ai);
}

HttpResponse databaseUnavailable(const QString &why)
{
    HttpResponse response = HttpResponse::error(503, QStringLiteral("database_unavailable"), why);
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")});
    return response;
}

HttpLimits httpLimits(const ServerConfig &config)
{
    HttpLimits limits;
    limits.maxBodyBytes = config.maxBodyBytes;
    limits.idleTimeout = std::chrono::seconds(config.idleTimeoutSeconds);
    limits.headDeadline = std::chrono::seconds(config.headTimeoutSeconds);
    limits.bodyDeadline = std::chrono::seconds(config.bodyTimeoutSeconds);
    limits.maxConnections = config.maxConnections;
    limits.trustedProxies = config.trustedProxies;
    return limits;
}

} // namespace

HuntazeServer::HuntazeServer(ServerConfig config, PasswordHasher hasher, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_hasher(hasher),
      m_api(m_network, m_breakers),
      m_ai(providerFor(m_config, m_api)),
      m_database(std::make_unique<SqlWorkerPool>(m_config.database, m_config.databaseConnections)),
      m_limiter(m_config.redisUrl.isEmpty() ? std::unique_ptr<RateLimiter>(std::make_unique<LocalRateLimiter>(*m_config.clock))
                                            : std::make_unique<RedisRateLimiter>(m_config.redisUrl, *m_config.clock)),
      m_sessionCache(std::make_unique<SessionCache>(std::chrono::seconds(m_config.sessionCacheSeconds))),
      m_syncEvents(std::make_unique<SyncEventHub>())
{
    m_http = std::make_unique<ApiServer>(routes(), httpLimits(m_config));
    connect(m_http.get(), &ApiServer::answered, this, [this](const HttpRequest &request, int status, qint64 elapsedMs) {
        m_metrics.countRequest(request, status, std::chrono::milliseconds(elapsedMs));
    });
    m_database->setJobStartedObserver([this](std::chrono::nanoseconds waited) { m_metrics.observeDatabaseWait(waited); });
}

HuntazeServer::~HuntazeServer()
{
    // Stop taking requests, then let queued database work finish before the pool goes.
    m_http.reset();
    m_listener.reset();
    m_syncEvents->endAll();
    m_hashing.waitForDone();
    m_database->waitForIdle();
}

Router HuntazeServer::routes()
{
    Router router;
    SessionPolicy sessions;
    sessions.accessLifetime = std::chrono::minutes(m_config.accessTokenMinutes);
    sessions.refreshLifetime = std::chrono::days(m_config.refreshTokenDays);
    sessions.clock = m_config.clock;
    const ServerContext context{*m_database,
                                m_hashing,
                                AccountService(m_hasher),
                                m_ai,
                                this,
                                m_config.openSignUp,
                                sessions,
                                m_limiter.get(),
                                m_config.rateLimits,
                                m_sessionCache.get(),
                                m_syncEvents.get(),
                                m_config.syncPageRows};
    // For load balancers and orchestrators: 200 when this instance can serve, with why not otherwise.
    router.addPublic("GET", QStringLiteral("/health"), [this](const HttpRequest &) { return health(); });
    // The seed's path, for tools written against its API.
    router.addPublic("GET", QStringLiteral("/api/health"), [this](const HttpRequest &) { return health(); });
    // Public to the router: the scrape token is checked by the handler, not a session.
    for (const QString &path : {QStringLiteral("/metrics"), QStringLiteral("/api/metrics")})
        router.addPublic("GET", path, [this](const HttpRequest &request) { return QtFuture::makeReadyFuture(metrics(request)); });
    // Until the schema is migrated no route but /health can be served.
    router.setGate([this](const HttpRequest &request) -> std::optional<HttpResponse> {
        // Health says itself why it is not ready.
        const bool health = request.path == QLatin1String("/health") || request.path == QLatin1String("/api/health")
            || request.path == QLatin1String("/metrics") || request.path == QLatin1String("/api/metrics");
        if (m_ready && !health && request.publicRoute && m_config.rateLimits.anonymous.enabled()) {
            // Before anyone is known (signing up or in, refreshing): the client address's budget.
            const RateDecision decision
                = m_limiter->take(QStringLiteral("anonymous:") + request.clientAddress.toString(), m_config.rateLimits.anonymous);
            request.actor->rate = decision;
            if (!decision.allowed)
                return HttpResponse::fromError(tooManyRequests(decision));
        }
        if (m_ready || health)
            return std::nullopt;
        return databaseUnavailable(QCoreApplication::translate(
            "huntaze::server::HuntazeServer", "The server is starting and waits for its database. Try again in a moment."));
    });
    // Idempotent writes: the answer is stored before it goes out, and a
    // retry with the same key gets the first answer again.
    router.setFinisher([this](const HttpRequest &request, QFuture<HttpResponse> answer) -> QFuture<HttpResponse> {
        if (request.isWrite()) {
            // Read your writes here: PostgreSQL tells every instance what a write
            // changed, but only a moment after its commit, and this client may ask again at once.
            answer = answer.then(
                [cache = m_sessionCache.get(), actor = request.actor, token = request.bearerToken()](const HttpResponse &response) {
                    cache->forgetAfterWrite(sessiontoken::digest(token), actor->agencyId, actor->userId);
                    return response;
                });
        }
        if (!request.isIdempotentWrite())
            return answer;
        return chainOn<HttpResponse>(
            answer, this,
            [this, actor = request.actor, requestId = request.requestId](const HttpResponse &response) -> QFuture<HttpResponse> {
                if (actor->replay) {
                    HttpResponse replayed;
                    replayed.status = actor->replay->status;
                    replayed.contentType = actor->replay->contentType;
                    replayed.body = actor->replay->body;
                    replayed.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
                    if (actor->rate)
                        addRateLimitFields(replayed, *actor->rate);
                    return QtFuture::makeReadyFuture(replayed);
                }
                // Only a write that committed keeps its key (a refused one rolled it back).
                if (!actor->idempotency || response.status >= 300)
                    return QtFuture::makeReadyFuture(response);
                const IdempotencyRepository::StoredAnswer stored{response.status, response.contentType, response.serializedBody(requestId)};
                const HttpRequest::Actor::Idempotency taken = *actor->idempotency;
                return m_database
                    ->run<void>([taken, stored](QSqlDatabase &db) {
                        return IdempotencyRepository(db).storeAnswer(taken.agencyId, taken.caller, taken.key, stored);
                    })
                    .then([response](const Result<void> &kept) {
                        // Not kept: the write stands, a retry is told so (409) rather than doing it twice.
                        if (!kept.ok())
                            qCWarning(lcServer).noquote() << "could not keep an idempotent answer:" << kept.error().detail;
                        return response;
                    });
            });
    });
    addAccountRoutes(router, context);
    addCreatorDataRoutes(router, context);
    addImportRoutes(router, context);
    addAnalyticsRoutes(router, context);
    addAgencyRoutes(router, context);
    addApiKeyRoutes(router, context);
    addShiftRoutes(router, context);
    addSyncRoutes(router, context);
    addAiRoutes(router, context);
    return router;
}

QFuture<Result<quint16>> HuntazeServer::start()
{
    auto started = std::make_shared<QPromise<Result<quint16>>>();
    started->start();
    if (m_config.usesTls()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(m_config.tlsCertificates);
        tls.setPrivateKey(m_config.tlsKey);
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients prove who they are with tokens, not certificates
        m_http->useTls(tls);
    }
    // Listening before the database is there: health checks get an answer (503, and why) instead of a closed port.
    if (!m_http->listen(m_config.listenAddress, m_config.port)) {
        started->addResult(Error(ErrorCode::Network,
                                 QStringLiteral("Cannot listen on %1:%2: %3")
                                     .arg(m_config.listenAddress.toString())
                                     .arg(m_config.port)
                                     .arg(m_http->errorString())));
        started->finish();
        return started->future();
    }
    qCInfo(lcServer).noquote() << "listening on" << m_config.listenAddress.toString() << m_http->serverPort()
                               << (m_config.usesTls() ? "(HTTPS)" : "(HTTP)") << "; database" << m_config.database.describe();
    migrateWhenReachable(started, QDateTime::currentDateTimeUtc().addSecs(m_config.databaseWaitSeconds));
    return started->future();
}

QFuture<void> HuntazeServer::stop()
{
    return m_http->stop(std::chrono::seconds(m_config.shutdownGraceSeconds));
}

void HuntazeServer::migrateWhenReachable(std::shared_ptr<QPromise<Result<quint16>>> started, QDateTime giveUpAt)
{
    const QString migrations = m_config.database.migrationsDirectory();
    auto migrate = [migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); };
    // The owner role migrates when there is one; the runtime role may not create tables.
    if (m_config.migrationDatabase && !m_owner)
        m_owner = std::make_unique<SqlWorker>(*m_config.migrationDatabase);
    QFuture<Result<int>> migrated = m_owner ? m_owner->run<int>(migrate) : m_database->run<int>(migrate);
    onFinished(migrated, this, [this, started, giveUpAt](const Result<int> &version) {
        // In a cluster the server may start before its database: keep trying for a while.
        const bool unreachable
            = !version.ok() && (version.error().code == ErrorCode::DatabaseUnavailable || version.error().code == ErrorCode::Storage);
        if (unreachable && QDateTime::currentDateTimeUtc() < giveUpAt) {
            qCWarning(lcServer).noquote() << "waiting for the database" << m_config.database.describe() << ":" << version.error().detail;
            QTimer::singleShot(1000, this, [this, started, giveUpAt] { migrateWhenReachable(started, giveUpAt); });
            return;
        }
        started->addResult(readyAfterMigration(version));
        started->finish();
    });
}

Result<quint16> HuntazeServer::readyAfterMigration(const Result<int> &version)
{
    if (!version.ok()) {
        qCCritical(lcServer).noquote() << "database" << m_config.database.describe() << "not ready:" << version.error().message
                                       << version.error().detail;
        m_http->stop(std::chrono::milliseconds(0));
        return version.error();
    }
    m_owner.reset();
    m_ready = true;
    warnIfRowSecurityIsBypassed();
    // Nothing needs the dead rows; an agency whose members never come back would otherwise keep them.
    m_purge.setInterval(std::chrono::hours(1));
    connect(&m_purge, &QTimer::timeout, this, [this] { (void)purgeExpiredSessions(); });
    m_purge.start();
    (void)purgeExpiredSessions();
    // Listening needs the triggers that notify (0017, 0039): after the migration.
    if (m_config.database.driver == DatabaseConfig::Driver::Postgres) {
        m_listener
            = std::make_unique<DatabaseListener>(m_config.database, m_config.sessionCacheSeconds > 0 ? m_sessionCache.get() : nullptr,
                                                 m_syncEvents.get(), std::chrono::milliseconds(m_config.sessionCacheCheckMilliseconds));
        m_listener->start();
    }
    qCInfo(lcServer).noquote() << "ready on port" << m_http->serverPort() << "database" << m_config.database.describe() << "schema version"
                               << version.value() << "AI" << m_ai.provider().displayName();
    return m_http->serverPort();
}

QFuture<HttpResponse> HuntazeServer::health()
{
    if (!m_ready)
        return QtFuture::makeReadyFuture(HttpResponse::ofJson(
            {{QStringLiteral("status"), QStringLiteral("starting")}, {QStringLiteral("database"), QStringLiteral("waiting")}}, 503));
    auto check = [](bool up, double latencyMs, const QString &detail = {}) {
        QJsonObject part{{QStringLiteral("status"), up ? QStringLiteral("ok") : QStringLiteral("down")}};
        if (up)
            part.insert(QStringLiteral("latencyMs"), std::round(latencyMs * 100) / 100);
        if (!detail.isEmpty())
            part.insert(QStringLiteral("detail"), detail);
        return part;
    };
    QFuture<QJsonObject> database
        = m_database
              ->run<double>([](QSqlDatabase &db) -> Result<double> {
                  QElapsedTimer timer;
                  timer.start();
                  QSqlQuery probe(db);
                  if (!probe.exec(QStringLiteral("SELECT 1")))
                      return storageError(QStringLiteral("health probe"), probe.lastError());
                  return static_cast<double>(timer.nsecsElapsed()) / 1e6;
              })
              .then([check](const Result<double> &probe) { return check(probe.ok(), probe.ok() ? probe.value() : 0); });
    // Redis is optional: without it limits are per instance ("degraded"), never refused.
    auto *redis = dynamic_cast<RedisRateLimiter *>(m_limiter.get());
    QFuture<QJsonObject> shared = redis
        ? QtConcurrent::run([redis, check] {
              const RedisRateLimiter::Health health = redis->check();
              return check(health.up, health.latencyMs, health.error);
          })
        : QtFuture::makeReadyFuture(QJsonObject{{QStringLiteral("status"), QStringLiteral("not configured")}});
    // The AI provider's breaker: open means the tools fail fast for a while, the rest works.
    QJsonObject ai{{QStringLiteral("provider"), m_ai.provider().displayName()}, {QStringLiteral("status"), QStringLiteral("ok")}};
    for (CircuitBreaker *breaker : m_breakers.breakers()) {
        if (breaker->state() != CircuitBreaker::State::Closed)
            ai.insert(QStringLiteral("status"),
                      breaker->state() == CircuitBreaker::State::Open ? QStringLiteral("down") : QStringLiteral("recovering"));
    }
    QList<QFuture<QJsonObject>> checks{database, shared};
    return QtFuture::whenAll(checks.begin(), checks.end()).then([ai](const QList<QFuture<QJsonObject>> &parts) {
        const QJsonObject database = parts.at(0).result();
        const QJsonObject redis = parts.at(1).result();
        const bool databaseUp = database.value(QStringLiteral("status")).toString() == QLatin1String("ok");
        const bool degraded = redis.value(QStringLiteral("status")).toString() == QLatin1String("down")
            || ai.value(QStringLiteral("status")).toString() != QLatin1String("ok");
        const QString status = !databaseUp ? QStringLiteral("unavailable") : degraded ? QStringLiteral("degraded") : QStringLiteral("ok");
        return HttpResponse::ofJson(
            {{QStringLiteral("status"), status},
             {QStringLiteral("database"), databaseUp ? QStringLiteral("ok") : QStringLiteral("unreachable")},
             {QStringLiteral("checks"),
              QJsonObject{{QStringLiteral("database"), database}, {QStringLiteral("redis"), redis}, {QStringLiteral("ai"), ai}}}},
            databaseUp ? 200 : 503);
    });
}

HttpResponse HuntazeServer::metrics(const HttpRequest &request)
{
    if (m_config.metricsToken.isEmpty())
        return HttpResponse::error(
            404, QStringLiteral("not_found"),
            QCoreApplication::translate("huntaze::server::HuntazeServer",
                                        "Metrics are off on this server: its operator sets HUNTAZE_METRICS_TOKEN to scrape them."));
    // Compared in constant time: the token guards what the server knows about its traffic.
    const QByteArray given = request.bearerToken().toUtf8();
    const QByteArray expected = m_config.metricsToken.toUtf8();
    const bool same
        = given.size() == expected.size() && sodium_memcmp(given.constData(), expected.constData(), static_cast<size_t>(given.size())) == 0;
    if (!same) {
        HttpResponse refused
            = HttpResponse::error(401, QStringLiteral("unauthorized"),
                                  QCoreApplication::translate("huntaze::server::HuntazeServer",
                                                              "Send the scrape token (HUNTAZE_METRICS_TOKEN) as a Bearer token."));
        refused.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return refused;
    }
    ServerMetrics::Sample sample;
    sample.databaseConnections = m_database->size();
    sample.databaseJobs = m_database->pendingJobs();
    sample.hashingThreads = m_hashing.threads();
    sample.hashingBusy = m_hashing.busy();
    sample.hashingWaiting = m_hashing.waiting();
    for (CircuitBreaker *breaker : m_breakers.breakers())
        sample.breakers.insert(breaker->name(),
                               breaker->state() == CircuitBreaker::State::Closed         ? 0
                                   : breaker->state() == CircuitBreaker::State::HalfOpen ? 1
                                                                                         : 2);
    if (auto *redis = dynamic_cast<RedisRateLimiter *>(m_limiter.get()))
        sample.redisUp = redis->isUp();
    sample.openConnections = m_http->openConnections();
    sample.sessionCacheHits = m_sessionCache->hits();
    sample.sessionCacheMisses = m_sessionCache->misses();
    sample.sessionCacheEntries = m_sessionCache->size();
    HttpResponse response;
    response.contentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
    response.body = m_metrics.scrape(sample);
    return response;
}

QFuture<Result<int>> HuntazeServer::purgeExpiredSessions()
{
    SessionPolicy now;
    now.clock = m_config.clock;
    QFuture<Result<int>> purged = m_database->run<int>([now](QSqlDatabase &db) -> Result<int> {
        // Idempotency keys are kept a day: a retry comes within minutes.
        if (Result<int> keys = IdempotencyRepository(db).purge(now.now().addDays(-1)); !keys.ok())
            return keys;
        return AccountService::purgeExpiredSessions(db, now);
    });
    onFinished(purged, this, [](const Result<int> &count) {
        if (!count.ok())
            qCWarning(lcServer).noquote() << "could not purge expired sessions:" << count.error().detail;
        else if (count.value() > 0)
            qCInfo(lcServer) << "purged" << count.value() << "expired sessions";
    });
    return purged;
}

void HuntazeServer::warnIfRowSecurityIsBypassed()
{
    // A superuser or BYPASSRLS role sees every agency's rows whatever the
    // policies say: the queries still filter, but the database no longer
    // guarantees it. Said once, loudly, at start.
    m_database
        ->run<bool>([](QSqlDatabase &db) -> Result<bool> {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")) || !query.next())
                return storageError(QStringLiteral("read role"), query.lastError());
            return query.value(0).toBool();
        })
        .then([describe = m_config.database.describe()](const Result<bool> &bypassed) {
            if (bypassed.ok() && bypassed.value())
                qCWarning(lcServer).noquote() << "the database role of" << describe
                                              << "is a superuser or has BYPASSRLS: row-level security does not apply to it. "
                                                 "Run the server as a role of its own (docs/server.md, \"Database roles\").";
        });
}

} // namespace huntaze::server

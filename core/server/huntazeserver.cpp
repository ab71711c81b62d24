#include "huntazeserver.h"

#include "ai/offlineprovider.h"
#include "ai/openaiprovider.h"
#include "common/async.h"
#include "logging/logging.h"
#include "server/accountroutes.h"
#include "server/airoutes.h"
#include "server/creatordataroutes.h"
#include "server/idleclosingtcpserver.h"
#include "server/servercontext.h"
#include "storage/migrator.h"

#include <QDateTime>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTimer>

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

void addHealthRoutes(Router &router, SqlWorkerPool &database)
{
    // For load balancers and orchestrators: 200 when this instance can reach the database.
    router.add("GET", QStringLiteral("/health"), [&database](const HttpRequest &) {
        return database
            .run<void>([](QSqlDatabase &db) -> Result<void> {
                QSqlQuery probe(db);
                if (!probe.exec(QStringLiteral("SELECT 1")))
                    return storageError(QStringLiteral("health probe"), probe.lastError());
                return Result<void>::success();
            })
            .then([](const Result<void> &probe) {
                return probe.ok() ? HttpResponse::ofJson(
                           {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("database"), QStringLiteral("ok")}})
                                  : HttpResponse::ofJson({{QStringLiteral("status"), QStringLiteral("unavailable")},
                                                          {QStringLiteral("database"), QStringLiteral("unreachable")}},
                                                         503);
            });
    });
}

} // namespace

HuntazeServer::HuntazeServer(ServerConfig config, PasswordHasher hasher, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_hasher(hasher),
      m_api(m_network, m_breakers),
      m_ai(providerFor(m_config, m_api)),
      m_database(std::make_unique<SqlWorkerPool>(m_config.database, m_config.databaseConnections))
{
    m_http = std::make_unique<ApiServer>(routes(), m_config.maxBodyBytes);
}

HuntazeServer::~HuntazeServer()
{
    // Stop taking requests, then let queued database work finish before the pool goes.
    m_http.reset();
    m_database->waitForIdle();
}

Router HuntazeServer::routes()
{
    Router router;
    const ServerContext context{*m_database, AccountService(m_hasher), m_ai, this};
    addHealthRoutes(router, *m_database);
    addAccountRoutes(router, context);
    addCreatorDataRoutes(router, context);
    addAiRoutes(router, context);
    return router;
}

QFuture<Result<quint16>> HuntazeServer::start()
{
    auto started = std::make_shared<QPromise<Result<quint16>>>();
    started->start();
    migrateWhenReachable(started, QDateTime::currentDateTimeUtc().addSecs(m_config.databaseWaitSeconds));
    return started->future();
}

void HuntazeServer::migrateWhenReachable(std::shared_ptr<QPromise<Result<quint16>>> started, QDateTime giveUpAt)
{
    const QString migrations = m_config.database.migrationsDirectory();
    QFuture<Result<int>> migrated = m_database->run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); });
    onFinished(migrated, this, [this, started, giveUpAt](const Result<int> &version) {
        // In a cluster the server may start before its database: keep trying for a while.
        const bool unreachable = !version.ok() && version.error().code == ErrorCode::Storage;
        if (unreachable && QDateTime::currentDateTimeUtc() < giveUpAt) {
            qCWarning(lcServer).noquote() << "waiting for the database" << m_config.database.describe() << ":" << version.error().detail;
            QTimer::singleShot(1000, this, [this, started, giveUpAt] { migrateWhenReachable(started, giveUpAt); });
            return;
        }
        started->addResult(listenAfterMigration(version));
        started->finish();
    });
}

Result<quint16> HuntazeServer::listenAfterMigration(const Result<int> &version)
{
    if (!version.ok()) {
        qCCritical(lcServer).noquote() << "database" << m_config.database.describe() << "not ready:" << version.error().message
                                       << version.error().detail;
        return version.error();
    }
    auto *tcp = new IdleClosingTcpServer(std::chrono::seconds(m_config.idleTimeoutSeconds));
    if (!tcp->listen(m_config.listenAddress, m_config.port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Error(ErrorCode::Network,
                     QStringLiteral("Cannot listen on %1:%2: %3").arg(m_config.listenAddress.toString()).arg(m_config.port).arg(why));
    }
    m_http->bind(tcp); // takes ownership
    qCInfo(lcServer).noquote() << "listening on" << m_config.listenAddress.toString() << tcp->serverPort() << "database"
                               << m_config.database.describe() << "schema version" << version.value() << "AI"
                               << m_ai.provider().displayName();
    return tcp->serverPort();
}

} // namespace huntaze::server

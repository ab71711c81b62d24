#pragma once

#include "common/result.h"
#include "net/clock.h"
#include "server/ratelimits.h"
#include "storage/databaseconfig.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace huntaze::server {

// How huntaze-server runs, from its command line and environment (the
// systemd unit's EnvironmentFile). Secrets may come from files
// (*_FILE variables) so they stay out of `ps` and the environment.
struct ServerConfig {
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8080;
    DatabaseConfig database; // the runtime role: no superuser, no BYPASSRLS, owns no table
    // The owner role that migrates the schema (docs/server.md); when absent,
    // `database` migrates (one role for both: row-level security still
    // applies unless that role is a superuser).
    std::optional<DatabaseConfig> migrationDatabase;
    bool migrateOnly = false; // --migrate: bring the schema up to date, then exit
    int databaseConnections = 8;
    int databaseWaitSeconds = 30; // at start, how long to wait for an unreachable database
    int idleTimeoutSeconds = 60; // a connection silent this long is closed
    qsizetype maxBodyBytes = 4 * 1024 * 1024;
    int headTimeoutSeconds = 10; // a request's line and header fields must arrive within this
    int bodyTimeoutSeconds = 60; // and its body within this after them
    int maxConnections = 1000; // more are answered 503 and closed
    int shutdownGraceSeconds = 20; // on SIGTERM, how long requests in flight may take to finish
    // HUNTAZE_SIGN_UP=open: anyone who reaches the server may create an
    // account (and an agency of one). By default only the first account on
    // an empty server does; everyone else joins with an invitation.
    bool openSignUp = false;
    // Sessions: access tokens last this long (HUNTAZE_ACCESS_TOKEN_MINUTES),
    // refresh tokens this long after their last use (HUNTAZE_REFRESH_TOKEN_DAYS).
    int accessTokenMinutes = 15;
    int refreshTokenDays = 30;
    // HUNTAZE_RATE_*: requests per minute (per member or key, per address
    // before sign-in) and sign-in attempts per account per 15 minutes; 0: no limit.
    RateLimits rateLimits;
    // HUNTAZE_TRUSTED_PROXIES: peers (addresses or subnets, nginx in front)
    // whose X-Forwarded-For says who the client is; nobody else is believed.
    QList<QPair<QHostAddress, int>> trustedProxies;
    // HUNTAZE_REDIS_URL (or _FILE): redis://[:password@]host[:port][/db],
    // where instances share their rate limits. Empty: each keeps its own.
    QUrl redisUrl;
    // HUNTAZE_METRICS_TOKEN (or _FILE): the Bearer token Prometheus scrapes
    // /api/metrics with. Empty: metrics are off (404).
    QString metricsToken;
    // HUNTAZE_SESSION_CACHE_SECONDS: how long a verified access token or API
    // key is kept in memory (0: never; server/sessioncache.h). Sign-out,
    // revocation and membership changes reach every instance at once through
    // PostgreSQL notifications; the notification connection is checked every
    // sessionCacheCheckMilliseconds, which bounds how long its silent loss goes unseen.
    int sessionCacheSeconds = 60;
    int sessionCacheCheckMilliseconds = 5000;
    // Rows of creator data one sync pull answer carries at most (the device
    // asks for the next page); tests make pages small.
    int syncPageRows = 20000;
    // HUNTAZE_TLS_CERTIFICATE and HUNTAZE_TLS_KEY: PEM files (the chain, leaf
    // first, and its private key; under systemd also the credentials
    // `tls-certificate` and `tls-key`): the server speaks HTTPS itself, for
    // small setups without nginx. Both or neither.
    QList<QSslCertificate> tlsCertificates;
    QSslKey tlsKey;
    bool usesTls() const { return !tlsCertificates.isEmpty(); }
    // What sessions and rate limits are measured on; tests move a fake one.
    const Clock *clock = &Clock::system();

    bool aiOnline = false; // false: the built-in offline generator
    QUrl aiBaseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
    QString aiModel = QStringLiteral("gpt-4o-mini");
    QString aiApiKey;

    // Arguments win over the environment. A validation error names the
    // option; --help and --version are handled by the caller (main).
    static Result<ServerConfig> parse(const QStringList &arguments, const QProcessEnvironment &environment);
    static QString usage();
};

} // namespace huntaze::server

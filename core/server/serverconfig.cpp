#include "serverconfig.h"

#include "server/redisratelimiter.h"

#include <QFile>

#include <tuple>

namespace huntaze::server {

namespace {

Error configError(const QString &option, const QString &message)
{
    return Error::validation(option, message);
}

// host:port, [v6]:port or :port (all interfaces).
Result<QPair<QHostAddress, quint16>> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    bool portOk = false;
    const uint port = text.mid(colon + 1).toUInt(&portOk);
    QString host = colon >= 0 ? text.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address = host.isEmpty() ? QHostAddress(QHostAddress::Any)
        : host == QStringLiteral("localhost")   ? QHostAddress(QHostAddress::LocalHost)
                                                : QHostAddress(host);
    if (colon < 0 || !portOk || port > 65535 || address.isNull())
        return configError(QStringLiteral("listen"),
                           QStringLiteral("--listen takes HOST:PORT, like 127.0.0.1:8080 or :8080, not \"%1\".").arg(text));
    return qMakePair(address, static_cast<quint16>(port));
}

// A secret from NAME or, preferably, from the file named by NAME_FILE; else,
// under systemd, from the credential of its name (HUNTAZE_DATABASE_URL:
// $CREDENTIALS_DIRECTORY/database-url), when the unit loads one.
Result<QString> secret(const QProcessEnvironment &environment, const QString &name)
{
    QString path = environment.value(name + QStringLiteral("_FILE"));
    if (path.isEmpty() && environment.contains(name))
        return environment.value(name);
    if (path.isEmpty() && environment.contains(QStringLiteral("CREDENTIALS_DIRECTORY"))) {
        const QString credential = name.mid(qstrlen("HUNTAZE_")).toLower().replace(u'_', u'-');
        const QString candidate = environment.value(QStringLiteral("CREDENTIALS_DIRECTORY")) + u'/' + credential;
        if (QFile::exists(candidate))
            path = candidate;
    }
    if (path.isEmpty())
        return QString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return configError(name, QStringLiteral("%1_FILE: cannot read %2: %3").arg(name, path, file.errorString()));
    return QString::fromUtf8(file.readAll()).trimmed();
}

// A file named by NAME or, under systemd, the credential `credential`; empty when neither.
QString pathOrCredential(const QProcessEnvironment &environment, const QString &name, const QString &credential)
{
    if (environment.contains(name))
        return environment.value(name);
    const QString candidate = environment.value(QStringLiteral("CREDENTIALS_DIRECTORY")) + u'/' + credential;
    return environment.contains(QStringLiteral("CREDENTIALS_DIRECTORY")) && QFile::exists(candidate) ? candidate : QString();
}

Result<void> readTls(const QProcessEnvironment &environment, ServerConfig &config)
{
    const QString certificatePath
        = pathOrCredential(environment, QStringLiteral("HUNTAZE_TLS_CERTIFICATE"), QStringLiteral("tls-certificate"));
    const QString keyPath = pathOrCredential(environment, QStringLiteral("HUNTAZE_TLS_KEY"), QStringLiteral("tls-key"));
    if (certificatePath.isEmpty() && keyPath.isEmpty())
        return Result<void>::success();
    if (certificatePath.isEmpty() || keyPath.isEmpty())
        return configError(QStringLiteral("HUNTAZE_TLS_CERTIFICATE"),
                           QStringLiteral("HTTPS needs both HUNTAZE_TLS_CERTIFICATE and HUNTAZE_TLS_KEY (PEM files)."));
    QFile certificateFile(certificatePath);
    if (!certificateFile.open(QIODevice::ReadOnly))
        return configError(
            QStringLiteral("HUNTAZE_TLS_CERTIFICATE"),
            QStringLiteral("HUNTAZE_TLS_CERTIFICATE: cannot read %1: %2").arg(certificatePath, certificateFile.errorString()));
    config.tlsCertificates = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
    if (config.tlsCertificates.isEmpty() || config.tlsCertificates.first().isNull())
        return configError(QStringLiteral("HUNTAZE_TLS_CERTIFICATE"),
                           QStringLiteral("HUNTAZE_TLS_CERTIFICATE: %1 holds no PEM certificate.").arg(certificatePath));
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return configError(QStringLiteral("HUNTAZE_TLS_KEY"),
                           QStringLiteral("HUNTAZE_TLS_KEY: cannot read %1: %2").arg(keyPath, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        config.tlsKey = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!config.tlsKey.isNull())
            break;
    }
    if (config.tlsKey.isNull())
        return configError(QStringLiteral("HUNTAZE_TLS_KEY"),
                           QStringLiteral("HUNTAZE_TLS_KEY: %1 holds no unencrypted PEM private key (RSA, EC or DSA).").arg(keyPath));
    return Result<void>::success();
}

Result<int> positive(const QString &name, const QString &text, int fallback, int maximum)
{
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > maximum)
        return configError(name, QStringLiteral("%1 must be a whole number from 1 to %2, not \"%3\".").arg(name).arg(maximum).arg(text));
    return value;
}

// A whole number in 1..maximum, or 0 (which turns something off).
Result<int> positiveOrZero(const QString &name, const QString &text, int fallback, int maximum)
{
    if (text == QLatin1String("0"))
        return 0;
    return positive(name, text, fallback, maximum);
}

// A whole number of requests in 0..maximum (0: no limit).
Result<int> budget(const QString &name, const QString &text, int fallback)
{
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0 || value > 1'000'000)
        return configError(name, QStringLiteral("%1 must be a whole number from 0 (no limit) to 1000000, not \"%2\".").arg(name, text));
    return value;
}

Result<QList<QPair<QHostAddress, int>>> subnets(const QString &name, const QString &text)
{
    QList<QPair<QHostAddress, int>> parsed;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(item.trimmed());
        if (subnet.first.isNull()) {
            const QHostAddress single(item.trimmed());
            if (single.isNull())
                return configError(
                    name, QStringLiteral("%1 takes addresses or subnets (127.0.0.1, 10.0.0.0/8), not \"%2\".").arg(name, item.trimmed()));
            subnet = {single, single.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        parsed.append(subnet);
    }
    return parsed;
}

} // namespace

QString ServerConfig::usage()
{
    return QStringLiteral("Usage: huntaze-server [--listen HOST:PORT] [--database-url URL] [--connections N]\n"
                          "\n"
                          "Serves the Huntaze API over PostgreSQL.\n"
                          "\n"
                          "Options (each also read from the environment):\n"
                          "  --listen HOST:PORT      HUNTAZE_LISTEN (default 127.0.0.1:8080)\n"
                          "  --database-url URL      HUNTAZE_DATABASE_URL or HUNTAZE_DATABASE_URL_FILE\n"
                          "                          postgresql://user:password@host:5432/database\n"
                          "  --migration-database-url URL  HUNTAZE_MIGRATION_DATABASE_URL or _FILE: the\n"
                          "                          owner role that migrates (default: --database-url)\n"
                          "  --migrate               migrate the schema, then exit\n"
                          "  --connections N         HUNTAZE_DB_CONNECTIONS (default 8)\n"
                          "Environment only:\n"
                          "  HUNTAZE_MAX_BODY_KIB    largest request body accepted (default 4096)\n"
                          "  HUNTAZE_DB_WAIT_SECONDS at start, how long to wait for the database (default 30)\n"
                          "  HUNTAZE_IDLE_TIMEOUT_SECONDS  close connections silent this long (default 60)\n"
                          "  HUNTAZE_HEAD_TIMEOUT_SECONDS  a request line and headers must arrive within (default 10)\n"
                          "  HUNTAZE_BODY_TIMEOUT_SECONDS  and the body within, after them (default 60)\n"
                          "  HUNTAZE_MAX_CONNECTIONS open connections at most; more get 503 (default 1000)\n"
                          "  HUNTAZE_SHUTDOWN_GRACE_SECONDS on SIGTERM, time for requests in flight (default 20)\n"
                          "  HUNTAZE_ACCESS_TOKEN_MINUTES  how long an access token works (default 15)\n"
                          "  HUNTAZE_REFRESH_TOKEN_DAYS    how long an unused refresh token works (default 30)\n"
                          "  HUNTAZE_SESSION_CACHE_SECONDS how long a verified token is kept in memory (default 60; 0: never)\n"
                          "  HUNTAZE_RATE_API_PER_MINUTE       requests per member or API key (default 1200; 0: no limit)\n"
                          "  HUNTAZE_RATE_AI_PER_MINUTE        AI tool calls per member or API key (default 20)\n"
                          "  HUNTAZE_RATE_ANONYMOUS_PER_MINUTE sign-up, sign-in and refresh per client address (default 30)\n"
                          "  HUNTAZE_RATE_SIGN_IN_PER_ACCOUNT  sign-in attempts per account per 15 minutes (default 10)\n"
                          "  HUNTAZE_REDIS_URL or _FILE  redis://host:6379: rate limits shared by every instance\n"
                          "  HUNTAZE_METRICS_TOKEN or _FILE  Bearer token for GET /api/metrics (off without one)\n"
                          "  HUNTAZE_TLS_CERTIFICATE, HUNTAZE_TLS_KEY  PEM files: serve HTTPS (without nginx)\n"
                          "  HUNTAZE_TRUSTED_PROXIES  proxies whose X-Forwarded-For is believed (addresses, subnets)\n"
                          "  HUNTAZE_SIGN_UP         invitation (default: only the first account signs up without a code) or open\n"
                          "  HUNTAZE_AI_PROVIDER     offline (default) or openai (any OpenAI-compatible server)\n"
                          "  HUNTAZE_AI_BASE_URL     default https://api.openai.com/v1\n"
                          "  HUNTAZE_AI_MODEL        default gpt-4o-mini\n"
                          "  HUNTAZE_AI_API_KEY_FILE or HUNTAZE_AI_API_KEY\n"
                          "  --help, --version\n");
}

Result<ServerConfig> ServerConfig::parse(const QStringList &arguments, const QProcessEnvironment &environment)
{
    ServerConfig config;
    QString listen = environment.value(QStringLiteral("HUNTAZE_LISTEN"));
    Result<QString> databaseUrl = secret(environment, QStringLiteral("HUNTAZE_DATABASE_URL"));
    if (!databaseUrl.ok())
        return databaseUrl.error();
    QString url = databaseUrl.value();
    Result<QString> migrationDatabaseUrl = secret(environment, QStringLiteral("HUNTAZE_MIGRATION_DATABASE_URL"));
    if (!migrationDatabaseUrl.ok())
        return migrationDatabaseUrl.error();
    QString migrationUrl = migrationDatabaseUrl.value();
    QString connections = environment.value(QStringLiteral("HUNTAZE_DB_CONNECTIONS"));

    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &option = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (option == QStringLiteral("--listen") && hasValue)
            listen = arguments.at(++i);
        else if (option == QStringLiteral("--database-url") && hasValue)
            url = arguments.at(++i);
        else if (option == QStringLiteral("--migration-database-url") && hasValue)
            migrationUrl = arguments.at(++i);
        else if (option == QStringLiteral("--migrate"))
            config.migrateOnly = true;
        else if (option == QStringLiteral("--connections") && hasValue)
            connections = arguments.at(++i);
        else
            return configError(option, QStringLiteral("Unknown or incomplete option \"%1\".\n\n%2").arg(option, usage()));
    }

    if (!listen.isEmpty()) {
        const auto parsed = parseListen(listen);
        if (!parsed.ok())
            return parsed.error();
        config.listenAddress = parsed.value().first;
        config.port = parsed.value().second;
    }
    if (url.isEmpty())
        return configError(QStringLiteral("database-url"),
                           QStringLiteral("No database: pass --database-url or set HUNTAZE_DATABASE_URL "
                                          "(postgresql://user:password@host:5432/database)."));
    const Result<DatabaseConfig> database = DatabaseConfig::fromUrl(url);
    if (!database.ok())
        return configError(QStringLiteral("database-url"),
                           QStringLiteral("The database URL must look like postgresql://user:password@host:5432/database."));
    config.database = database.value();
    if (!migrationUrl.isEmpty()) {
        const Result<DatabaseConfig> owner = DatabaseConfig::fromUrl(migrationUrl);
        if (!owner.ok())
            return configError(QStringLiteral("migration-database-url"),
                               QStringLiteral("The migration database URL must look like postgresql://owner:password@host:5432/database."));
        config.migrationDatabase = owner.value();
    }

    const Result<int> pool = positive(QStringLiteral("HUNTAZE_DB_CONNECTIONS"), connections, config.databaseConnections, 256);
    if (!pool.ok())
        return pool.error();
    config.databaseConnections = pool.value();
    const std::tuple<const char *, int *, int> zeroOrMore[] = {
        {"HUNTAZE_DB_WAIT_SECONDS", &config.databaseWaitSeconds, 3600},
        {"HUNTAZE_SESSION_CACHE_SECONDS", &config.sessionCacheSeconds, 3600},
    };
    for (const auto &[name, into, maximum] : zeroOrMore) {
        const QString variable = QString::fromLatin1(name);
        const Result<int> value = positiveOrZero(variable, environment.value(variable), *into, maximum);
        if (!value.ok())
            return value.error();
        *into = value.value();
    }
    const std::tuple<const char *, int *, int> whole[] = {
        {"HUNTAZE_IDLE_TIMEOUT_SECONDS", &config.idleTimeoutSeconds, 3600},
        {"HUNTAZE_HEAD_TIMEOUT_SECONDS", &config.headTimeoutSeconds, 3600},
        {"HUNTAZE_BODY_TIMEOUT_SECONDS", &config.bodyTimeoutSeconds, 3600},
        {"HUNTAZE_MAX_CONNECTIONS", &config.maxConnections, 1'000'000},
        {"HUNTAZE_SHUTDOWN_GRACE_SECONDS", &config.shutdownGraceSeconds, 3600},
        {"HUNTAZE_ACCESS_TOKEN_MINUTES", &config.accessTokenMinutes, 24 * 60},
        {"HUNTAZE_REFRESH_TOKEN_DAYS", &config.refreshTokenDays, 366},
    };
    for (const auto &[name, into, maximum] : whole) {
        const QString variable = QString::fromLatin1(name);
        const Result<int> value = positive(variable, environment.value(variable), *into, maximum);
        if (!value.ok())
            return value.error();
        *into = value.value();
    }
    const Result<int> bodyKib = positive(QStringLiteral("HUNTAZE_MAX_BODY_KIB"), environment.value(QStringLiteral("HUNTAZE_MAX_BODY_KIB")),
                                         static_cast<int>(config.maxBodyBytes / 1024), 1024 * 1024);
    if (!bodyKib.ok())
        return bodyKib.error();
    config.maxBodyBytes = static_cast<qsizetype>(bodyKib.value()) * 1024;

    const std::pair<const char *, RateLimit *> budgets[] = {
        {"HUNTAZE_RATE_API_PER_MINUTE", &config.rateLimits.api},
        {"HUNTAZE_RATE_AI_PER_MINUTE", &config.rateLimits.ai},
        {"HUNTAZE_RATE_ANONYMOUS_PER_MINUTE", &config.rateLimits.anonymous},
        {"HUNTAZE_RATE_SIGN_IN_PER_ACCOUNT", &config.rateLimits.signIn},
    };
    for (const auto &[name, into] : budgets) {
        const QString variable = QString::fromLatin1(name);
        const Result<int> value = budget(variable, environment.value(variable), into->requests);
        if (!value.ok())
            return value.error();
        into->requests = value.value();
    }
    if (Result<void> tls = readTls(environment, config); !tls.ok())
        return tls.error();
    const Result<QString> metricsToken = secret(environment, QStringLiteral("HUNTAZE_METRICS_TOKEN"));
    if (!metricsToken.ok())
        return metricsToken.error();
    config.metricsToken = metricsToken.value();
    if (!config.metricsToken.isEmpty() && config.metricsToken.size() < 16)
        return configError(QStringLiteral("HUNTAZE_METRICS_TOKEN"),
                           QStringLiteral("HUNTAZE_METRICS_TOKEN must be at least 16 characters (openssl rand -hex 32 makes one)."));
    const Result<QString> redis = secret(environment, QStringLiteral("HUNTAZE_REDIS_URL"));
    if (!redis.ok())
        return redis.error();
    if (!redis.value().isEmpty()) {
        config.redisUrl = QUrl(redis.value());
        if (!RedisRateLimiter::isValidUrl(config.redisUrl))
            return configError(QStringLiteral("HUNTAZE_REDIS_URL"),
                               QStringLiteral("HUNTAZE_REDIS_URL must look like redis://host:6379 or redis://:password@host:6379/0."));
    }
    const Result<QList<QPair<QHostAddress, int>>> proxies
        = subnets(QStringLiteral("HUNTAZE_TRUSTED_PROXIES"), environment.value(QStringLiteral("HUNTAZE_TRUSTED_PROXIES")));
    if (!proxies.ok())
        return proxies.error();
    config.trustedProxies = proxies.value();

    const QString signUp = environment.value(QStringLiteral("HUNTAZE_SIGN_UP"), QStringLiteral("invitation"));
    if (signUp != QStringLiteral("invitation") && signUp != QStringLiteral("open"))
        return configError(QStringLiteral("HUNTAZE_SIGN_UP"),
                           QStringLiteral("HUNTAZE_SIGN_UP must be invitation or open, not \"%1\".").arg(signUp));
    config.openSignUp = signUp == QStringLiteral("open");

    const QString provider = environment.value(QStringLiteral("HUNTAZE_AI_PROVIDER"), QStringLiteral("offline"));
    if (provider != QStringLiteral("offline") && provider != QStringLiteral("openai"))
        return configError(QStringLiteral("HUNTAZE_AI_PROVIDER"),
                           QStringLiteral("HUNTAZE_AI_PROVIDER must be offline or openai, not \"%1\".").arg(provider));
    config.aiOnline = provider == QStringLiteral("openai");
    if (environment.contains(QStringLiteral("HUNTAZE_AI_BASE_URL")))
        config.aiBaseUrl = QUrl(environment.value(QStringLiteral("HUNTAZE_AI_BASE_URL")));
    if (config.aiOnline && (!config.aiBaseUrl.isValid() || !config.aiBaseUrl.scheme().startsWith(QStringLiteral("http"))))
        return configError(QStringLiteral("HUNTAZE_AI_BASE_URL"), QStringLiteral("HUNTAZE_AI_BASE_URL must be an http(s) address."));
    config.aiModel = environment.value(QStringLiteral("HUNTAZE_AI_MODEL"), config.aiModel);
    const Result<QString> key = secret(environment, QStringLiteral("HUNTAZE_AI_API_KEY"));
    if (!key.ok())
        return key.error();
    config.aiApiKey = key.value();
    return config;
}

} // namespace huntaze::server

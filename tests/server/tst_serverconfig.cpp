#include "server/serverconfig.h"

#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;

class TestServerConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsNeedOnlyADatabase();
    void argumentsWinOverEnvironment();
    void secretsComeFromFiles();
    void secretsComeFromSystemdCredentials();
    void badSettingsAreNamed_data();
    void badSettingsAreNamed();
};

namespace {
const QString database = QStringLiteral("postgresql://huntaze:pw@db.internal:5433/huntaze");

QProcessEnvironment environment(const QList<QPair<QString, QString>> &values)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : values)
        env.insert(name, value);
    return env;
}
} // namespace

void TestServerConfig::defaultsNeedOnlyADatabase()
{
    const Result<ServerConfig> config
        = ServerConfig::parse({QStringLiteral("huntaze-server")}, environment({{QStringLiteral("HUNTAZE_DATABASE_URL"), database}}));
    QVERIFY(config.ok());
    QCOMPARE(config.value().listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config.value().port, quint16(8080));
    QCOMPARE(config.value().database.host, QStringLiteral("db.internal"));
    QCOMPARE(config.value().database.port, 5433);
    QCOMPARE(config.value().database.password, QStringLiteral("pw"));
    QVERIFY(!config.value().database.describe().contains(QStringLiteral("pw")));
    QVERIFY(!config.value().aiOnline);
    QVERIFY(!config.value().openSignUp); // by invitation, but for the first account
    QCOMPARE(config.value().accessTokenMinutes, 15);
    QCOMPARE(config.value().refreshTokenDays, 30);
    QCOMPARE(config.value().rateLimits.api.requests, 1200);
    QCOMPARE(config.value().rateLimits.signIn.window, std::chrono::seconds(15 * 60));
    QVERIFY(config.value().trustedProxies.isEmpty());
    const Result<ServerConfig> tuned
        = ServerConfig::parse({QStringLiteral("huntaze-server")},
                              environment({{QStringLiteral("HUNTAZE_DATABASE_URL"), database},
                                           {QStringLiteral("HUNTAZE_RATE_AI_PER_MINUTE"), QStringLiteral("0")},
                                           {QStringLiteral("HUNTAZE_TRUSTED_PROXIES"), QStringLiteral("127.0.0.1, 10.0.0.0/8")}}));
    QVERIFY(tuned.ok());
    QVERIFY(!tuned.value().rateLimits.ai.enabled());
    QCOMPARE(tuned.value().trustedProxies.size(), 2);
    QVERIFY(QHostAddress(QStringLiteral("10.4.5.6")).isInSubnet(tuned.value().trustedProxies.at(1)));
    const Result<ServerConfig> open = ServerConfig::parse(
        {QStringLiteral("huntaze-server")},
        environment({{QStringLiteral("HUNTAZE_DATABASE_URL"), database}, {QStringLiteral("HUNTAZE_SIGN_UP"), QStringLiteral("open")}}));
    QVERIFY(open.value().openSignUp);
}

void TestServerConfig::argumentsWinOverEnvironment()
{
    const Result<ServerConfig> config
        = ServerConfig::parse({QStringLiteral("huntaze-server"), QStringLiteral("--listen"), QStringLiteral(":9000"),
                               QStringLiteral("--connections"), QStringLiteral("3")},
                              environment({{QStringLiteral("HUNTAZE_DATABASE_URL"), database},
                                           {QStringLiteral("HUNTAZE_LISTEN"), QStringLiteral("127.0.0.1:7000")},
                                           {QStringLiteral("HUNTAZE_DB_CONNECTIONS"), QStringLiteral("20")}}));
    QVERIFY(config.ok());
    QCOMPARE(config.value().port, quint16(9000));
    QCOMPARE(config.value().listenAddress, QHostAddress(QHostAddress::Any));
    QCOMPARE(config.value().databaseConnections, 3);
}

void TestServerConfig::secretsComeFromFiles()
{
    QTemporaryFile key;
    QVERIFY(key.open());
    key.write("sk-from-file\n");
    key.flush();
    const Result<ServerConfig> config = ServerConfig::parse({QStringLiteral("huntaze-server")},
                                                            environment({{QStringLiteral("HUNTAZE_DATABASE_URL"), database},
                                                                         {QStringLiteral("HUNTAZE_AI_PROVIDER"), QStringLiteral("openai")},
                                                                         {QStringLiteral("HUNTAZE_AI_API_KEY_FILE"), key.fileName()}}));
    QVERIFY(config.ok());
    QVERIFY(config.value().aiOnline);
    QCOMPARE(config.value().aiApiKey, QStringLiteral("sk-from-file"));
}

void TestServerConfig::secretsComeFromSystemdCredentials()
{
    // huntaze-server.service loads each secret as a credential named after its variable.
    QTemporaryDir credentials;
    const auto write = [&credentials](const QString &name, const QByteArray &value) {
        QFile file(credentials.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(value);
    };
    write(QStringLiteral("database-url"), database.toUtf8() + '\n');
    write(QStringLiteral("metrics-token"), "scrape-token-from-systemd");
    const Result<ServerConfig> config = ServerConfig::parse({QStringLiteral("huntaze-server")},
                                                            environment({{QStringLiteral("CREDENTIALS_DIRECTORY"), credentials.path()}}));
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config.value().database.host, QStringLiteral("db.internal"));
    QCOMPARE(config.value().metricsToken, QStringLiteral("scrape-token-from-systemd"));
    QVERIFY(config.value().aiApiKey.isEmpty()); // no credential: none
    // The environment still wins over a credential.
    const Result<ServerConfig> overridden
        = ServerConfig::parse({QStringLiteral("huntaze-server")},
                              environment({{QStringLiteral("CREDENTIALS_DIRECTORY"), credentials.path()},
                                           {QStringLiteral("HUNTAZE_METRICS_TOKEN"), QStringLiteral("from-the-environment")}}));
    QCOMPARE(overridden.value().metricsToken, QStringLiteral("from-the-environment"));
}

void TestServerConfig::badSettingsAreNamed_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("named");
    QTest::newRow("no database") << QStringList() << QString() << QString() << QStringLiteral("database-url");
    QTest::newRow("not postgres") << QStringList{QStringLiteral("--database-url"), QStringLiteral("mysql://x@y/z")} << QString()
                                  << QString() << QStringLiteral("database-url");
    QTest::newRow("bad listen") << QStringList{QStringLiteral("--listen"), QStringLiteral("nowhere")} << QString() << QString()
                                << QStringLiteral("listen");
    QTest::newRow("port too big") << QStringList{QStringLiteral("--listen"), QStringLiteral(":70000")} << QString() << QString()
                                  << QStringLiteral("listen");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--verbose")} << QString() << QString() << QStringLiteral("--verbose");
    QTest::newRow("zero connections") << QStringList() << QStringLiteral("HUNTAZE_DB_CONNECTIONS") << QStringLiteral("0")
                                      << QStringLiteral("HUNTAZE_DB_CONNECTIONS");
    QTest::newRow("negative database wait") << QStringList() << QStringLiteral("HUNTAZE_DB_WAIT_SECONDS") << QStringLiteral("-5")
                                            << QStringLiteral("HUNTAZE_DB_WAIT_SECONDS");
    QTest::newRow("zero idle timeout") << QStringList() << QStringLiteral("HUNTAZE_IDLE_TIMEOUT_SECONDS") << QStringLiteral("0")
                                       << QStringLiteral("HUNTAZE_IDLE_TIMEOUT_SECONDS");
    QTest::newRow("access tokens that never work") << QStringList() << QStringLiteral("HUNTAZE_ACCESS_TOKEN_MINUTES") << QStringLiteral("0")
                                                   << QStringLiteral("HUNTAZE_ACCESS_TOKEN_MINUTES");
    QTest::newRow("access tokens for days") << QStringList() << QStringLiteral("HUNTAZE_ACCESS_TOKEN_MINUTES") << QStringLiteral("2000")
                                            << QStringLiteral("HUNTAZE_ACCESS_TOKEN_MINUTES");
    QTest::newRow("refresh tokens for years") << QStringList() << QStringLiteral("HUNTAZE_REFRESH_TOKEN_DAYS") << QStringLiteral("1000")
                                              << QStringLiteral("HUNTAZE_REFRESH_TOKEN_DAYS");
    QTest::newRow("negative budget") << QStringList() << QStringLiteral("HUNTAZE_RATE_API_PER_MINUTE") << QStringLiteral("-1")
                                     << QStringLiteral("HUNTAZE_RATE_API_PER_MINUTE");
    QTest::newRow("budget not a number") << QStringList() << QStringLiteral("HUNTAZE_RATE_SIGN_IN_PER_ACCOUNT") << QStringLiteral("ten")
                                         << QStringLiteral("HUNTAZE_RATE_SIGN_IN_PER_ACCOUNT");
    QTest::newRow("proxy not an address") << QStringList() << QStringLiteral("HUNTAZE_TRUSTED_PROXIES") << QStringLiteral("127.0.0.1,nginx")
                                          << QStringLiteral("HUNTAZE_TRUSTED_PROXIES");
    QTest::newRow("unknown sign-up policy") << QStringList() << QStringLiteral("HUNTAZE_SIGN_UP") << QStringLiteral("yes")
                                            << QStringLiteral("HUNTAZE_SIGN_UP");
    QTest::newRow("unknown provider") << QStringList() << QStringLiteral("HUNTAZE_AI_PROVIDER") << QStringLiteral("magic")
                                      << QStringLiteral("HUNTAZE_AI_PROVIDER");
    QTest::newRow("unreadable key file") << QStringList() << QStringLiteral("HUNTAZE_AI_API_KEY_FILE") << QStringLiteral("/nonexistent/key")
                                         << QStringLiteral("HUNTAZE_AI_API_KEY");
}

void TestServerConfig::badSettingsAreNamed()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QProcessEnvironment env;
    if (QTest::currentDataTag() != QByteArray("no database") && !arguments.contains(QStringLiteral("--database-url")))
        env.insert(QStringLiteral("HUNTAZE_DATABASE_URL"), database);
    if (!variable.isEmpty())
        env.insert(variable, value);
    const Result<ServerConfig> config = ServerConfig::parse(QStringList{QStringLiteral("huntaze-server")} + arguments, env);
    QVERIFY(!config.ok());
    QTEST(config.error().field, "named");
    QVERIFY(!config.error().message.isEmpty());
    QVERIFY(!config.error().message.contains(QStringLiteral(":pw@")));
}

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"

// /api/metrics (issue 11): prometheus-cpp's exposition, guarded by a scrape
// token; checked by promtool, and scraped by a real Prometheus.
#include "runningserver.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;
using test::Answer;

namespace {

const QString scrapeToken = QStringLiteral("scrape-token-0123456789abcdef");

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void metricsNeedTheScrapeToken_data();
    void metricsNeedTheScrapeToken();
    void requestsAreCountedByRoutePattern();
    void refusalsFailuresAndPoolsAreThere();
    void promtoolFindsNothingWrong();
    void aRealPrometheusScrapesTheServer();
    void metricsAreOffWithoutAToken();
    void theGrafanaDashboardShowsSeriesTheServerHas();

private:
    Answer call(const QByteArray &method, const QString &path, const QString &token = {}, const QJsonObject &body = {});
    QByteArray scrape();

    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    QString m_token;
};

void TestMetrics::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([](ServerConfig &config) {
        config.databaseConnections = 2;
        config.metricsToken = scrapeToken;
        config.rateLimits.ai.requests = 1;
    }));
    const Answer signedUp = call("POST", QStringLiteral("/api/auth/sign-up"), {},
                                 {{QStringLiteral("email"), QStringLiteral("metrics@example.com")},
                                  {QStringLiteral("password"), QStringLiteral("long enough password")},
                                  {QStringLiteral("displayName"), QStringLiteral("Mia")}});
    QCOMPARE(signedUp.status, 201);
    m_token = signedUp.json.value(QStringLiteral("token")).toString();
}

Answer TestMetrics::call(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body)
{
    return test::send(m_network, m_running.url().resolved(QUrl(path)), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QByteArray TestMetrics::scrape()
{
    const Answer answer = call("GET", QStringLiteral("/api/metrics"), scrapeToken);
    if (answer.status != 200)
        qFatal("scrape failed: %d %s", answer.status, answer.body.constData());
    return answer.body;
}

void TestMetrics::metricsNeedTheScrapeToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("none") << QString();
    QTest::newRow("a session's") << QStringLiteral("session");
    QTest::newRow("almost") << scrapeToken.chopped(1) + QLatin1Char('0');
    QTest::newRow("longer") << scrapeToken + QLatin1Char('0');
}

void TestMetrics::metricsNeedTheScrapeToken()
{
    QFETCH(QString, token);
    const Answer answer = call("GET", QStringLiteral("/api/metrics"), token == QLatin1String("session") ? m_token : token);
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.errorCode(), QStringLiteral("unauthorized"));
    QVERIFY(!answer.body.contains("huntaze_http"));
}

void TestMetrics::requestsAreCountedByRoutePattern()
{
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call("GET", QStringLiteral("/api/me"), m_token).status, 200);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/99999"), m_token).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/no/such/thing/12345"), m_token).status, 404);
    const Answer metrics = call("GET", QStringLiteral("/metrics"), scrapeToken); // the short path too
    QCOMPARE(metrics.status, 200);
    QVERIFY(metrics.headers.value("content-type").startsWith("text/plain; version=0.0.4"));
    const QByteArray text = metrics.body;
    QVERIFY2(text.contains(R"(huntaze_http_requests_total{method="GET",route="/api/me",status="200"} 3)"), text.constData());
    // Ids never make series of their own.
    QVERIFY(text.contains(R"(huntaze_http_requests_total{method="DELETE",route="/api/agency/members/{userId}",status="404"} 1)"));
    QVERIFY(!text.contains("members/99999")); // (a bare 99999 may be a latency sum's digits)
    QVERIFY(text.contains(R"(huntaze_http_requests_total{method="-",route="unmatched",status="404"} 1)"));
    QVERIFY(!text.contains("/no/such/thing"));
    QVERIFY(text.contains(R"(huntaze_http_request_duration_seconds_count{route="/api/me"} 3)"));
    QVERIFY(text.contains(R"(huntaze_http_request_duration_seconds_bucket{route="/api/me",le="+Inf"} 3)"));
}

void TestMetrics::refusalsFailuresAndPoolsAreThere()
{
    const QJsonObject ideas{{QStringLiteral("count"), 3}};
    QCOMPARE(call("POST", QStringLiteral("/api/ai-assistant/tools/content-ideas"), m_token, ideas).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/ai-assistant/tools/content-ideas"), m_token, ideas).status, 429);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), {},
                  {{QStringLiteral("email"), QStringLiteral("metrics@example.com")},
                   {QStringLiteral("password"), QStringLiteral("wrong password!")}})
                 .status,
             401);
    const QByteArray text = scrape();
    QVERIFY(text.contains(R"(huntaze_rate_limit_refusals_total{budget="ai"} 1)"));
    QVERIFY(text.contains("huntaze_sign_in_failures_total 1"));
    QVERIFY(text.contains(R"(huntaze_database_pool{state="size"} 2)"));
    QVERIFY(text.contains(R"(huntaze_hashing_pool{state="waiting"} 0)"));
    QVERIFY(text.contains("huntaze_database_wait_seconds_count "));
    QVERIFY(!text.contains("huntaze_database_wait_seconds_count 0\n"));
    QVERIFY(text.contains("huntaze_http_open_connections "));
    QVERIFY(!text.contains("huntaze_redis_up")); // not configured: no series
}

void TestMetrics::promtoolFindsNothingWrong()
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        QSKIP("promtool not installed (Debian: prometheus)");
    QProcess check;
    check.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(check.waitForStarted());
    check.write(scrape());
    check.closeWriteChannel();
    QVERIFY(check.waitForFinished(30000));
    const QByteArray said = check.readAllStandardOutput() + check.readAllStandardError();
    QVERIFY2(check.exitCode() == 0, said.constData());
    QVERIFY2(said.trimmed().isEmpty(), said.constData());
}

void TestMetrics::aRealPrometheusScrapesTheServer()
{
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    if (prometheus.isEmpty())
        QSKIP("prometheus not installed (Debian: prometheus)");
    QTemporaryDir dir;
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QFile tokenFile(dir.filePath(QStringLiteral("token")));
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(scrapeToken.toUtf8());
    tokenFile.close();
    QFile config(dir.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("global:\n  scrape_interval: 1s\n"
                                "scrape_configs:\n"
                                "  - job_name: huntaze\n"
                                "    metrics_path: /api/metrics\n"
                                "    authorization:\n      credentials_file: %1\n"
                                "    static_configs:\n      - targets: ['127.0.0.1:%2']\n")
                     .arg(tokenFile.fileName())
                     .arg(m_running.port())
                     .toUtf8());
    config.close();
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(prometheus,
                 {QStringLiteral("--config.file=") + config.fileName(),
                  QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data")),
                  QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
    QVERIFY(server.waitForStarted());
    // Prometheus scrapes on its own schedule: ask it until the series is there (or give up).
    const QUrl query(
        QStringLiteral("http://127.0.0.1:%1/api/v1/query?query=huntaze_http_requests_total%7Broute%3D%22%2Fapi%2Fme%22%7D").arg(port));
    QJsonArray found;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QNetworkAccessManager network;
            const Answer answer = test::send(network, query, "GET", {}, {});
            found = answer.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toArray();
            return !found.isEmpty();
        }(),
        60000);
    QCOMPARE(found.first().toObject().value(QStringLiteral("metric")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("200"));
    // And the target is healthy in its eyes.
    QNetworkAccessManager network;
    const Answer targets = test::send(network, QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/targets").arg(port)), "GET", {}, {});
    const QJsonArray active = targets.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("activeTargets")).toArray();
    QCOMPARE(active.size(), 1);
    QCOMPARE(active.first().toObject().value(QStringLiteral("health")).toString(), QStringLiteral("up"));
    server.terminate();
    QVERIFY(server.waitForFinished(20000));
}

void TestMetrics::metricsAreOffWithoutAToken()
{
    ServerConfig config = m_running.server().config();
    config.metricsToken.clear();
    QString error;
    auto plain = m_running.startAnother(config, &error);
    QVERIFY2(plain, qPrintable(error));
    const Answer answer = test::send(m_network, QUrl(QStringLiteral("http://127.0.0.1:%1/api/metrics").arg(plain->http().serverPort())),
                                     "GET", {}, scrapeToken);
    QCOMPARE(answer.status, 404);
    QVERIFY(answer.errorMessage().contains(QStringLiteral("HUNTAZE_METRICS_TOKEN")));
}

void TestMetrics::theGrafanaDashboardShowsSeriesTheServerHas()
{
    QFile file(QStringLiteral(HUNTAZE_SOURCE_DIR "/packaging/grafana/huntaze-server.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error{};
    const QJsonObject dashboard = QJsonDocument::fromJson(file.readAll(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QByteArray text = scrape();
    static const QRegularExpression metricName(QStringLiteral("huntaze_[a-z_]+"));
    int checked = 0;
    for (const QJsonValue &panel : dashboard.value(QStringLiteral("panels")).toArray()) {
        for (const QJsonValue &target : panel.toObject().value(QStringLiteral("targets")).toArray()) {
            const QString expr = target.toObject().value(QStringLiteral("expr")).toString();
            for (const QRegularExpressionMatch &match : metricName.globalMatch(expr)) {
                QString name = match.captured();
                // A histogram's series are its family name plus _bucket, _sum, _count.
                for (const char *suffix : {"_bucket", "_sum", "_count"}) {
                    if (name.endsWith(QLatin1String(suffix)))
                        name.chop(static_cast<int>(qstrlen(suffix)));
                }
                // Absent by design here: Redis is not configured, and the offline AI provider has no breaker.
                if (name == QLatin1String("huntaze_redis_up") || name == QLatin1String("huntaze_circuit_breaker_state"))
                    continue;
                QVERIFY2(text.contains(QByteArray("# TYPE " + name.toUtf8() + ' ')), qPrintable(name + QStringLiteral(" in ") + expr));
                ++checked;
            }
        }
    }
    QVERIFY(checked >= 10);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"

#include "net/apierrors.h"
#include "net/ratelimittracker.h"
#include "net/retrypolicy.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace huntaze;
using namespace std::chrono_literals;

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullJitterBounds_data();
    void fullJitterBounds();
    void retryableErrors_data();
    void retryableErrors();
    void resetTime_data();
    void resetTime();
    void endpointIgnoresQuery();
};

void TestRetryPolicy::fullJitterBounds_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<qint64>("ceilingMs");
    // base 250 ms, cap 8 s
    QTest::newRow("first retry") << 1 << qint64(250);
    QTest::newRow("second") << 2 << qint64(500);
    QTest::newRow("third") << 3 << qint64(1000);
    QTest::newRow("sixth") << 6 << qint64(8000);
    QTest::newRow("capped") << 12 << qint64(8000);
    QTest::newRow("huge attempt number") << 1000 << qint64(8000);
}

void TestRetryPolicy::fullJitterBounds()
{
    QFETCH(int, retry);
    QFETCH(qint64, ceilingMs);
    const RetryPolicy policy;
    QCOMPARE(policy.backoff(retry, 0.0).count(), 0);
    QCOMPARE(policy.backoff(retry, 0.5).count(), ceilingMs / 2);
    QVERIFY(policy.backoff(retry, 0.999999).count() <= ceilingMs);
    QVERIFY(policy.backoff(retry, 0.999999).count() >= ceilingMs - 1);
    // Sampled jitter stays within [0, ceiling] and is spread, not constant.
    qint64 lowest = ceilingMs, highest = 0;
    for (int i = 0; i < 1000; ++i) {
        const qint64 wait = policy.backoff(retry, QRandomGenerator::global()->generateDouble()).count();
        QVERIFY(wait >= 0 && wait <= ceilingMs);
        lowest = std::min(lowest, wait);
        highest = std::max(highest, wait);
    }
    QVERIFY(lowest < ceilingMs / 4);
    QVERIFY(highest > ceilingMs * 3 / 4);
}

void TestRetryPolicy::retryableErrors_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("unreachable") << int(ErrorCode::Network) << 0 << true;
    QTest::newRow("timeout") << int(ErrorCode::Timeout) << 0 << true;
    QTest::newRow("500") << int(ErrorCode::HttpStatus) << 500 << true;
    QTest::newRow("503") << int(ErrorCode::HttpStatus) << 503 << true;
    QTest::newRow("408") << int(ErrorCode::HttpStatus) << 408 << true;
    QTest::newRow("429") << int(ErrorCode::HttpStatus) << 429 << true;
    QTest::newRow("400") << int(ErrorCode::HttpStatus) << 400 << false;
    QTest::newRow("401") << int(ErrorCode::HttpStatus) << 401 << false;
    QTest::newRow("404") << int(ErrorCode::HttpStatus) << 404 << false;
    QTest::newRow("409") << int(ErrorCode::HttpStatus) << 409 << false;
    QTest::newRow("tls") << int(ErrorCode::Tls) << 0 << false;
    QTest::newRow("malformed") << int(ErrorCode::MalformedResponse) << 200 << false;
    QTest::newRow("circuit open") << int(ErrorCode::CircuitOpen) << 0 << false;
    QTest::newRow("cancelled") << int(ErrorCode::Cancelled) << 0 << false;
}

void TestRetryPolicy::retryableErrors()
{
    QFETCH(int, code);
    QFETCH(int, status);
    QFETCH(bool, retryable);
    Error error(static_cast<ErrorCode>(code), QStringLiteral("x"));
    error.httpStatus = status;
    QCOMPARE(RetryPolicy::isRetryable(error), retryable);
}

void TestRetryPolicy::resetTime_data()
{
    const QDateTime now(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("Retry-After seconds") << QByteArray("30") << QJsonObject() << now.addSecs(30);
    QTest::newRow("Retry-After date") << QByteArray("Sun, 01 Mar 2026 10:02:00 GMT") << QJsonObject() << now.addSecs(120);
    QTest::newRow("header wins over body") << QByteArray("5")
                                           << QJsonObject{{QStringLiteral("resetTime"), QStringLiteral("2026-03-01T11:00:00Z")}}
                                           << now.addSecs(5);
    QTest::newRow("resetTime ISO") << QByteArray() << QJsonObject{{QStringLiteral("resetTime"), QStringLiteral("2026-03-01T10:01:30.500Z")}}
                                   << now.addMSecs(90500);
    QTest::newRow("resetTime epoch seconds") << QByteArray()
                                             << QJsonObject{{QStringLiteral("resetTime"), double(now.toSecsSinceEpoch() + 45)}}
                                             << now.addSecs(45);
    QTest::newRow("resetTime epoch ms") << QByteArray()
                                        << QJsonObject{{QStringLiteral("resetTime"), double(now.toMSecsSinceEpoch() + 1500)}}
                                        << now.addMSecs(1500);
    QTest::newRow("nothing: fallback") << QByteArray() << QJsonObject() << now.addSecs(5);
    QTest::newRow("garbage: fallback") << QByteArray("soon") << QJsonObject{{QStringLiteral("resetTime"), QStringLiteral("later")}}
                                       << now.addSecs(5);
}

void TestRetryPolicy::resetTime()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(QJsonObject, body);
    QFETCH(QDateTime, expected);
    ApiResponse response;
    response.status = 429;
    if (!retryAfter.isEmpty())
        response.headers.append({QByteArrayLiteral("retry-after"), retryAfter});
    response.json = QJsonDocument(body);
    const QDateTime now(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
    QCOMPARE(RateLimitTracker::resetTime(response, now).toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void TestRetryPolicy::endpointIgnoresQuery()
{
    QCOMPARE(RateLimitTracker::endpointOf(QUrl(QStringLiteral("https://api.example.com/v1/ideas?page=2"))),
             RateLimitTracker::endpointOf(QUrl(QStringLiteral("https://api.example.com/v1/ideas/"))));
    QVERIFY(RateLimitTracker::endpointOf(QUrl(QStringLiteral("https://api.example.com/v1/ideas")))
            != RateLimitTracker::endpointOf(QUrl(QStringLiteral("https://api.example.com/v1/fans"))));
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"

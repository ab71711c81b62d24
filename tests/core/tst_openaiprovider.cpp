// The OpenAI-compatible provider against a local server that answers like
// one: plain and streamed completions, bad keys, rate limits, failures, stalls.

#include "ai/messagetemplate.h"
#include "ai/openaiprovider.h"
#include "net/apiclient.h"
#include "net/ssestream.h"
#include "testhttpserver.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>

using namespace huntaze;
using namespace std::chrono_literals;
using huntaze::test::await;
using Reply = huntaze::test::TestHttpServer::Reply;

using Events = QList<QByteArray>;
Q_DECLARE_METATYPE(Events)

namespace {

Reply completion(const QString &content)
{
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content}};
    return Reply::json(200, {{QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("message"), message}}}}});
}

QByteArray deltaEvent(const QString &text)
{
    const QJsonObject delta{{QStringLiteral("content"), text}};
    const QJsonObject chunk{{QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("delta"), delta}}}}};
    return "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
}

QString ideasJson(int count)
{
    QJsonArray ideas;
    for (int i = 0; i < count; ++i)
        ideas.append(QJsonObject{{QStringLiteral("title"), QStringLiteral("Idea %1").arg(i)},
                                 {QStringLiteral("description"), QStringLiteral("Do thing %1").arg(i)},
                                 {QStringLiteral("format"), QStringLiteral("video")},
                                 {QStringLiteral("caption"), QStringLiteral("Caption %1").arg(i)},
                                 {QStringLiteral("hashtags"), QJsonArray{QStringLiteral("gym")}}});
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("ideas"), ideas}}).toJson(QJsonDocument::Compact));
}

} // namespace

class TestOpenAiProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void sseEvents_data();
    void sseEvents();
    void sseSurvivesAnySplit();
    void ideasFromJsonAnswer();
    void malformedAnswerIsExplained();
    void badKeyIsExplained_data();
    void badKeyIsExplained();
    void rateLimitIsRetried();
    void serverErrorAfterRetries();
    void streamedDraftArrivesTokenByToken();
    void streamThatStallsTimesOut();
    void malformedStreamIsExplained_data();
    void malformedStreamIsExplained();
    void cancellingADraft();
    void testConnection();

private:
    std::unique_ptr<OpenAiProvider> provider(std::chrono::milliseconds timeout = 5s);

    std::unique_ptr<test::TestHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<CircuitBreakerRegistry> m_breakers;
    std::unique_ptr<ApiClient> m_client;
};

void TestOpenAiProvider::init()
{
    m_server = std::make_unique<test::TestHttpServer>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_breakers = std::make_unique<CircuitBreakerRegistry>();
    m_client = std::make_unique<ApiClient>(*m_network, *m_breakers);
    RetryPolicy fast;
    fast.baseDelay = 10ms;
    fast.maxDelay = 20ms;
    m_client->setDefaultRetryPolicy(fast);
}

void TestOpenAiProvider::cleanup()
{
    m_client.reset();
    m_breakers.reset();
    m_network.reset();
    m_server.reset();
}

std::unique_ptr<OpenAiProvider> TestOpenAiProvider::provider(std::chrono::milliseconds timeout)
{
    OpenAiProvider::Config config;
    config.baseUrl = m_server->url(QStringLiteral("/v1"));
    config.model = QStringLiteral("test-model");
    config.apiKey = QStringLiteral("sk-test");
    config.timeout = timeout;
    return std::make_unique<OpenAiProvider>(*m_client, config);
}

void TestOpenAiProvider::sseEvents_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<Events>("events");
    QTest::newRow("two events") << QByteArray("data: a\n\ndata: b\n\n") << Events{"a", "b"};
    QTest::newRow("CRLF") << QByteArray("data: a\r\n\r\n") << Events{"a"};
    QTest::newRow("multi-line data") << QByteArray("data: one\ndata: two\n\n") << Events{"one\ntwo"};
    QTest::newRow("comments and fields skipped") << QByteArray(": keep-alive\n\nevent: x\nid: 3\ndata: z\n\n") << Events{"z"};
    QTest::newRow("no space after colon") << QByteArray("data:tight\n\n") << Events{"tight"};
    QTest::newRow("unterminated last event") << QByteArray("data: a\n\ndata: [DONE]") << Events{"a", "[DONE]"};
}

void TestOpenAiProvider::sseEvents()
{
    QFETCH(QByteArray, stream);
    QFETCH(Events, events);
    SseStream parser;
    Events got = parser.feed(stream);
    got += parser.finish();
    QCOMPARE(got, events);
}

void TestOpenAiProvider::sseSurvivesAnySplit()
{
    const QByteArray stream
        = deltaEvent(QStringLiteral("Hé {{fan.first_name}}")) + deltaEvent(QStringLiteral(", ça va ?")) + "data: [DONE]\n\n";
    for (qsizetype split = 1; split < stream.size(); ++split) {
        SseStream parser;
        Events got = parser.feed(stream.left(split));
        got += parser.feed(stream.mid(split));
        got += parser.finish();
        QCOMPARE(got.size(), 3);
        QCOMPARE(got.last(), QByteArray("[DONE]"));
    }
}

void TestOpenAiProvider::ideasFromJsonAnswer()
{
    m_server->setHandler([](const auto &) { return completion(ideasJson(3)); });
    IdeaRequest request;
    request.profile.displayName = QStringLiteral("Mia");
    request.profile.niche = QStringLiteral("Fitness");
    request.theme = QStringLiteral("beach");
    request.count = 3;
    const Result<QList<ContentIdea>> ideas = await(provider()->contentIdeas(request));
    QVERIFY2(ideas.ok(), qPrintable(ideas.ok() ? QString() : ideas.error().message));
    QCOMPARE(ideas.value().size(), 3);
    QCOMPARE(ideas.value().at(1).title, QStringLiteral("Idea 1"));
    QCOMPARE(ideas.value().at(1).hashtags, QStringList{QStringLiteral("gym")});

    const auto &seen = m_server->requests().first();
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(seen.headers.value("authorization"), QByteArray("Bearer sk-test"));
    const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
    QCOMPARE(body.value(QStringLiteral("response_format")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("json_object"));
    const QString prompt = body.value(QStringLiteral("messages")).toArray().at(1).toObject().value(QStringLiteral("content")).toString();
    QVERIFY(prompt.contains(QStringLiteral("Theme: beach")));
    QVERIFY(prompt.contains(QStringLiteral("Niche: Fitness")));
}

void TestOpenAiProvider::malformedAnswerIsExplained()
{
    m_server->setHandler([](const auto &) { return completion(QStringLiteral("Sure! Here are some ideas: 1. ...")); });
    const Result<QList<ContentIdea>> ideas = await(provider()->contentIdeas(IdeaRequest()));
    QCOMPARE(ideas.error().code, ErrorCode::MalformedResponse);
    QVERIFY(ideas.error().message.contains(QStringLiteral("cannot read")));
}

void TestOpenAiProvider::badKeyIsExplained_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("hint");
    QTest::newRow("401") << 401 << QStringLiteral("refused the API key");
    QTest::newRow("403") << 403 << QStringLiteral("refused the API key");
    QTest::newRow("404") << 404 << QStringLiteral("does not know the model \"test-model\"");
}

void TestOpenAiProvider::badKeyIsExplained()
{
    QFETCH(int, status);
    QFETCH(QString, hint);
    m_server->setHandler([status](const auto &) {
        return Reply::json(status,
                           {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), QStringLiteral("Incorrect API key")}}}});
    });
    const Result<QList<ContentIdea>> ideas = await(provider()->contentIdeas(IdeaRequest()));
    QCOMPARE(ideas.error().httpStatus, status);
    QVERIFY2(ideas.error().message.contains(hint), qPrintable(ideas.error().message));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestOpenAiProvider::rateLimitIsRetried()
{
    m_server->setHandler([this](const auto &) {
        if (m_server->requestCount() == 1)
            return Reply::json(429, {{QStringLiteral("error"), QStringLiteral("Rate limit reached")}}).withHeader("Retry-After", "1");
        return completion(ideasJson(2));
    });
    const Result<QList<ContentIdea>> ideas = await(provider()->contentIdeas(IdeaRequest()));
    QVERIFY(ideas.ok());
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(0).headers.value("idempotency-key"), m_server->requests().at(1).headers.value("idempotency-key"));
}

void TestOpenAiProvider::serverErrorAfterRetries()
{
    m_server->setHandler([](const auto &) { return Reply::json(500, {{QStringLiteral("error"), QStringLiteral("overloaded")}}); });
    const Result<QList<ContentIdea>> ideas = await(provider()->contentIdeas(IdeaRequest()));
    QCOMPARE(ideas.error().httpStatus, 500);
    QVERIFY(ideas.error().message.contains(QStringLiteral("overloaded")));
    QCOMPARE(m_server->requestCount(), 3);
    QCOMPARE(m_breakers->breaker(QString::fromLatin1(OpenAiProvider::serviceName)).metrics().failures, 3u);
}

void TestOpenAiProvider::streamedDraftArrivesTokenByToken()
{
    // Chunks cut through the middle of events and of their JSON.
    const QByteArray stream = deltaEvent(QStringLiteral("Hey {{fan.first_name|babe}}")) + deltaEvent(QStringLiteral(", I missed you!"))
        + deltaEvent(QStringLiteral(" — {{creator.name}}")) + "data: [DONE]\n\n";
    QList<QByteArray> chunks;
    for (qsizetype at = 0; at < stream.size(); at += 17)
        chunks.append(stream.mid(at, 17));
    m_server->setHandler([chunks](const auto &) { return Reply::stream(chunks); });

    QStringList tokens;
    Profile profile;
    profile.displayName = QStringLiteral("Lola");
    const Result<QString> draft = await(
        provider()->draftMessageTemplate(QStringLiteral("re-engage"), profile, [&tokens](const QString &token) { tokens.append(token); }));
    QVERIFY2(draft.ok(), qPrintable(draft.ok() ? QString() : draft.error().message));
    QCOMPARE(tokens,
             (QStringList{QStringLiteral("Hey {{fan.first_name|babe}}"), QStringLiteral(", I missed you!"),
                          QStringLiteral(" — {{creator.name}}")}));
    QCOMPARE(draft.value(), QStringLiteral("Hey {{fan.first_name|babe}}, I missed you! — {{creator.name}}"));
    QVERIFY(MessageTemplate::parse(draft.value()).ok());
    const QJsonObject body = QJsonDocument::fromJson(m_server->requests().first().body).object();
    QVERIFY(body.value(QStringLiteral("stream")).toBool());
}

void TestOpenAiProvider::streamThatStallsTimesOut()
{
    m_server->setHandler([](const auto &) {
        Reply reply = Reply::stream({deltaEvent(QStringLiteral("Hey"))});
        reply.stallAfterChunks = true;
        return reply;
    });
    QStringList tokens;
    const Result<QString> draft = await(
        provider(300ms)->draftMessageTemplate(QStringLiteral("x"), Profile(), [&tokens](const QString &token) { tokens.append(token); }));
    QCOMPARE(draft.error().code, ErrorCode::Timeout);
    QCOMPARE(tokens, QStringList{QStringLiteral("Hey")});
    QCOMPARE(m_server->requestCount(), 1); // part of the stream arrived: never repeated
}

void TestOpenAiProvider::malformedStreamIsExplained_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::newRow("only a bad event") << QList<QByteArray>{"data: {not json\n\n", "data: [DONE]\n\n"};
    // A broken event in the middle loses part of the text: the rest is not a draft to keep.
    QTest::newRow("a bad event between good ones") << QList<QByteArray>{deltaEvent(QStringLiteral("Hey ")), "data: {\"choices\": [tru\n\n",
                                                                        deltaEvent(QStringLiteral("you!")), "data: [DONE]\n\n"};
}

void TestOpenAiProvider::malformedStreamIsExplained()
{
    QFETCH(QList<QByteArray>, chunks);
    m_server->setHandler([chunks](const auto &) { return Reply::stream(chunks); });
    QStringList tokens;
    const Result<QString> draft = await(
        provider()->draftMessageTemplate(QStringLiteral("x"), Profile(), [&tokens](const QString &token) { tokens.append(token); }));
    QVERIFY(!draft.ok());
    QCOMPARE(draft.error().code, ErrorCode::MalformedResponse);
    QVERIFY(!tokens.contains(QStringLiteral("you!"))); // nothing shown after the break
}

void TestOpenAiProvider::cancellingADraft()
{
    m_server->setHandler([](const auto &) { return Reply::stall(); });
    auto draft = provider()->draftMessageTemplate(QStringLiteral("x"), Profile());
    QTRY_COMPARE(m_server->requestCount(), 1);
    draft.cancel();
    QTRY_VERIFY(draft.isFinished());
    QVERIFY(draft.isCanceled());
}

void TestOpenAiProvider::testConnection()
{
    m_server->setHandler([](const auto &request) {
        if (request.path == "/v1/models" && request.headers.value("authorization") == "Bearer sk-test")
            return Reply::json(200, {{QStringLiteral("data"), QJsonArray{}}});
        return Reply::json(401, {});
    });
    QVERIFY(await(provider()->testConnection()).ok());
    OpenAiProvider::Config wrongKey;
    wrongKey.baseUrl = m_server->url(QStringLiteral("/v1"));
    wrongKey.apiKey = QStringLiteral("sk-wrong");
    OpenAiProvider wrong(*m_client, wrongKey);
    QVERIFY(await(wrong.testConnection()).error().message.contains(QStringLiteral("refused the API key")));
}

QTEST_GUILESS_MAIN(TestOpenAiProvider)
#include "tst_openaiprovider.moc"

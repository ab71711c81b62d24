// huntaze-server end to end: a real PostgreSQL, the real HTTP stack, and a
// QNetworkAccessManager as the client, as the desktop's remote backend will be.
#include "ai/messagetemplate.h"
#include "domain/draft.h"
#include "runningserver.h"
#include "server/huntazeserver.h"
#include "testhttpserver.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;

namespace {

const QString password = QStringLiteral("long enough password");

using test::Answer;

} // namespace

class TestServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void healthReportsTheDatabase();
    void signUpSignInAndOut();
    void wrongPasswordAndUnknownEmailLookAlike();
    void badRequestsGetSpecificErrors_data();
    void badRequestsGetSpecificErrors();
    void oversizedBodyIsRefused();
    void requestIdIsEchoed();
    void creatorDataRoundTrips();
    void aBadImportRowNamesItselfAndImportsNothing();
    void oneAccountNeverSeesAnothersData();
    void contentIdeasRespectPlatformAndRestrictedWords_data();
    void contentIdeasRespectPlatformAndRestrictedWords();
    void captionsRankHashtagsByTheCreatorsHistory();
    void messageGeneratorDraftsATemplateWithPreviews();
    void pricingOptimizerRecommendsFromOffers();
    void unknownToolIsAValidationError();
    void failingAiProviderIsReportedWithoutItsDetails();
    void storageFailureIsA500WithoutInternals();
    void concurrentRequestsAreAllAnswered();
    void onlyTheFirstAccountSignsUpWithoutAnInvitation();
    void theSeedsPathsWorkToo();
    void serverWaitsForItsDatabase();
    void serverGivesUpOnAMissingDatabase();

private:
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, const QString &token = {},
                const QList<QPair<QByteArray, QByteArray>> &headers = {}, const QByteArray &rawBody = {});
    Answer callOn(quint16 port, const QByteArray &method, const QString &path, const QByteArray &body, const QString &token,
                  const QList<QPair<QByteArray, QByteArray>> &headers);
    QString signUp(const QString &email);
    std::unique_ptr<HuntazeServer> startServer(ServerConfig config)
    {
        QString error;
        auto server = m_running.startAnother(std::move(config), &error);
        if (!server)
            qFatal("%s", qPrintable(error));
        return server;
    }

    test::RunningServer m_running;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
};

void TestServer::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([](ServerConfig &config) {
        config.databaseConnections = 4;
        config.maxBodyBytes = 64 * 1024;
    }));
    m_port = m_running.port();
}

void TestServer::cleanupTestCase()
{}

Answer TestServer::callOn(quint16 port, const QByteArray &method, const QString &path, const QByteArray &body, const QString &token,
                          const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return test::send(m_network, QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)), method, body, token, headers);
}

Answer TestServer::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token,
                        const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &rawBody)
{
    const QByteArray payload = !rawBody.isEmpty() ? rawBody
        : body.isEmpty()                          ? QByteArray()
                                                  : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return callOn(m_port, method, path, payload, token, headers);
}

QString TestServer::signUp(const QString &email)
{
    const Answer answer = call("POST", QStringLiteral("/api/auth/sign-up"),
                               {{QStringLiteral("email"), email},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("displayName"), QStringLiteral("Mia Rose")}});
    if (answer.status != 201)
        qFatal("sign-up failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

void TestServer::healthReportsTheDatabase()
{
    const Answer answer = call("GET", QStringLiteral("/health"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    const QJsonObject checks = answer.json.value(QStringLiteral("checks")).toObject();
    QCOMPARE(checks.value(QStringLiteral("database")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(checks.value(QStringLiteral("database")).toObject().value(QStringLiteral("latencyMs")).toDouble() > 0);
    QCOMPARE(checks.value(QStringLiteral("redis")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("not configured"));
    QCOMPARE(checks.value(QStringLiteral("ai")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
}

void TestServer::signUpSignInAndOut()
{
    const QString token = signUp(QStringLiteral("Ana@Example.com"));
    QVERIFY(token.size() >= 32);

    Answer me = call("GET", QStringLiteral("/api/me"), {}, token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString(), QStringLiteral("ana@example.com"));

    const Answer duplicate = call("POST", QStringLiteral("/api/auth/sign-up"),
                                  {{QStringLiteral("email"), QStringLiteral("ana@example.com")},
                                   {QStringLiteral("password"), password},
                                   {QStringLiteral("displayName"), QStringLiteral("Other")}});
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(duplicate.errorCode(), QStringLiteral("already_exists"));

    const Answer signIn = call("POST", QStringLiteral("/api/auth/sign-in"),
                               {{QStringLiteral("email"), QStringLiteral("ana@example.com")}, {QStringLiteral("password"), password}});
    QCOMPARE(signIn.status, 200);
    const QString second = signIn.json.value(QStringLiteral("token")).toString();
    QVERIFY(!second.isEmpty() && second != token);

    Profile profile;
    profile.displayName = QStringLiteral("Ana B");
    profile.niche = QStringLiteral("fitness");
    profile.platforms = {QStringLiteral("instagram")};
    const Answer updated = call("PUT", QStringLiteral("/api/me/profile"), profile.toJson(), second);
    QCOMPARE(updated.status, 200);
    QCOMPARE(Profile::fromJson(updated.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("profile")).toObject()), profile);

    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-out"), {}, token).status, 204);
    me = call("GET", QStringLiteral("/api/me"), {}, token);
    QCOMPARE(me.status, 401);
    QCOMPARE(me.headers.value("www-authenticate"), QByteArrayLiteral("Bearer"));
    // Signing out one session leaves the others.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, second).status, 200);
}

void TestServer::wrongPasswordAndUnknownEmailLookAlike()
{
    signUp(QStringLiteral("bo@example.com"));
    const Answer wrong = call(
        "POST", QStringLiteral("/api/auth/sign-in"),
        {{QStringLiteral("email"), QStringLiteral("bo@example.com")}, {QStringLiteral("password"), QStringLiteral("nope nope nope")}});
    const Answer unknown = call("POST", QStringLiteral("/api/auth/sign-in"),
                                {{QStringLiteral("email"), QStringLiteral("nobody@example.com")}, {QStringLiteral("password"), password}});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("invalid_credentials"));
    QCOMPARE(wrong.errorMessage(), unknown.errorMessage());
}

void TestServer::badRequestsGetSpecificErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("signedIn");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    QTest::newRow("malformed json") << QByteArray("POST") << QStringLiteral("/api/auth/sign-in") << QByteArray("{\"email\": ") << false
                                    << 400 << QStringLiteral("validation_failed") << QStringLiteral("body");
    QTest::newRow("json that is not an object") << QByteArray("POST") << QStringLiteral("/api/drafts") << QByteArray("[1, 2]") << true
                                                << 400 << QStringLiteral("validation_failed") << QStringLiteral("body");
    QTest::newRow("short password") << QByteArray("POST") << QStringLiteral("/api/auth/sign-up")
                                    << QByteArray(R"({"email": "x@example.com", "password": "short"})") << false << 400
                                    << QStringLiteral("validation_failed") << QStringLiteral("password");
    QTest::newRow("no token") << QByteArray("GET") << QStringLiteral("/api/fans") << QByteArray() << false << 401
                              << QStringLiteral("unauthorized") << QString();
    QTest::newRow("unknown route") << QByteArray("GET") << QStringLiteral("/api/nothing") << QByteArray() << true << 404
                                   << QStringLiteral("not_found") << QString();
    QTest::newRow("wrong method") << QByteArray("DELETE") << QStringLiteral("/api/fans") << QByteArray() << true << 405
                                  << QStringLiteral("method_not_allowed") << QString();
    QTest::newRow("bad draft kind") << QByteArray("POST") << QStringLiteral("/api/drafts") << QByteArray(R"({"kind": "poem", "body": "x"})")
                                    << true << 400 << QStringLiteral("validation_failed") << QStringLiteral("kind");
    QTest::newRow("count out of range") << QByteArray("POST") << QStringLiteral("/api/ai-assistant/tools/content-ideas")
                                        << QByteArray(R"({"count": 500})") << true << 400 << QStringLiteral("validation_failed")
                                        << QStringLiteral("count");
    QTest::newRow("unknown platform") << QByteArray("POST") << QStringLiteral("/api/content-ideas/generate")
                                      << QByteArray(R"({"platform": "myspace"})") << true << 400 << QStringLiteral("validation_failed")
                                      << QStringLiteral("platform");
    QTest::newRow("captions need text") << QByteArray("POST") << QStringLiteral("/api/ai-assistant/tools/captions") << QByteArray("{}")
                                        << true << 400 << QStringLiteral("validation_failed") << QStringLiteral("text");
    QTest::newRow("bad preference name") << QByteArray("GET") << QStringLiteral("/api/preferences/1%3Bdrop") << QByteArray() << true << 400
                                         << QStringLiteral("validation_failed") << QStringLiteral("key");
    QTest::newRow("preference needs a value") << QByteArray("PUT") << QStringLiteral("/api/preferences/theme") << QByteArray("{}") << true
                                              << 400 << QStringLiteral("validation_failed") << QStringLiteral("value");
}

void TestServer::badRequestsGetSpecificErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(bool, signedIn);
    static const QString token = signUp(QStringLiteral("bad-input@example.com"));
    const Answer answer = callOn(m_port, method, path, body, signedIn ? token : QString(), {});
    QTEST(answer.status, "status");
    QTEST(answer.errorCode(), "code");
    QTEST(answer.errorField(), "field");
    QVERIFY(!answer.errorMessage().isEmpty());
    QVERIFY(!answer.json.value(QStringLiteral("requestId")).toString().isEmpty());
    if (QTest::currentDataTag() == QByteArray("malformed json"))
        QVERIFY(answer.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("position")).toInt() > 0);
    if (answer.status == 405)
        QCOMPARE(answer.headers.value("allow"), QByteArrayLiteral("GET"));
}

void TestServer::oversizedBodyIsRefused()
{
    const QString token = signUp(QStringLiteral("big@example.com"));
    const QByteArray huge = "{\"fans\": [" + QByteArray(100 * 1024, ' ') + "]}";
    const Answer answer = call("POST", QStringLiteral("/api/fans/import"), {}, token, {}, huge);
    QCOMPARE(answer.status, 413);
    QCOMPARE(answer.errorCode(), QStringLiteral("body_too_large"));
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, token).json.value(QStringLiteral("fans")).toArray().size(), 0);
}

void TestServer::requestIdIsEchoed()
{
    const Answer given = call("GET", QStringLiteral("/health"), {}, {}, {{"X-Request-Id", "proxy-42"}});
    QCOMPARE(given.headers.value("x-request-id"), QByteArrayLiteral("proxy-42"));
    const Answer hostile = call("GET", QStringLiteral("/health"), {}, {}, {{"X-Request-Id", "a b\"<script>"}});
    QVERIFY(!hostile.headers.value("x-request-id").isEmpty());
    QVERIFY(!hostile.headers.value("x-request-id").contains("script"));
}

void TestServer::creatorDataRoundTrips()
{
    const QString token = signUp(QStringLiteral("data@example.com"));
    const Fan ana{0, QStringLiteral("Ana Lima"), {QStringLiteral("vip")}, 240.5, QStringLiteral("Beach set"), QDate(2026, 10, 2)};
    Answer imported = call("POST", QStringLiteral("/api/fans/import"), {{QStringLiteral("fans"), QJsonArray{ana.toJson()}}}, token);
    QCOMPARE(imported.status, 201);
    QCOMPARE(imported.json.value(QStringLiteral("imported")).toInt(), 1);
    const QJsonArray fans = call("GET", QStringLiteral("/api/fans"), {}, token).json.value(QStringLiteral("fans")).toArray();
    QCOMPARE(fans.size(), 1);
    Fan read = Fan::fromJson(fans.at(0).toObject());
    QVERIFY(read.id > 0);
    read.id = 0;
    QCOMPARE(read, ana);

    const Offer offer{0, QStringLiteral("PPV"), 12.5, 100, 9, QDate(2026, 9, 1)};
    QCOMPARE(call("POST", QStringLiteral("/api/offers/import"), {{QStringLiteral("offers"), QJsonArray{offer.toJson()}}}, token).status,
             201);
    QCOMPARE(call("GET", QStringLiteral("/api/offers"), {}, token).json.value(QStringLiteral("offers")).toArray().size(), 1);
    const Post post{0, QStringLiteral("instagram"), QStringLiteral("Leg day"), {QStringLiteral("gym")}, 420, QDate(2026, 8, 3)};
    QCOMPARE(call("POST", QStringLiteral("/api/posts/import"), {{QStringLiteral("posts"), QJsonArray{post.toJson()}}}, token).status, 201);
    QCOMPARE(call("GET", QStringLiteral("/api/posts"), {}, token).json.value(QStringLiteral("posts")).toArray().size(), 1);

    const Answer draft = call("POST", QStringLiteral("/api/drafts"),
                              {{QStringLiteral("kind"), QStringLiteral("message")},
                               {QStringLiteral("title"), QStringLiteral("Welcome back")},
                               {QStringLiteral("body"), QStringLiteral("Hi {{fan.first_name|babe}}")}},
                              token);
    QCOMPARE(draft.status, 201);
    const QJsonArray drafts = call("GET", QStringLiteral("/api/drafts"), {}, token).json.value(QStringLiteral("drafts")).toArray();
    QCOMPARE(drafts.size(), 1);
    QCOMPARE(Draft::fromJson(drafts.at(0).toObject()).body, QStringLiteral("Hi {{fan.first_name|babe}}"));

    QCOMPARE(call("GET", QStringLiteral("/api/preferences/restrictedWords"), {}, token).status, 404);
    const QJsonArray words{QJsonObject{{QStringLiteral("term"), QStringLiteral("venmo")}, {QStringLiteral("reason"), QStringLiteral("x")}}};
    QCOMPARE(call("PUT", QStringLiteral("/api/preferences/restrictedWords"), {{QStringLiteral("value"), words}}, token).status, 204);
    const Answer preference = call("GET", QStringLiteral("/api/preferences/restrictedWords"), {}, token);
    QCOMPARE(preference.status, 200);
    QCOMPARE(preference.json.value(QStringLiteral("value")).toArray(), words);
}

void TestServer::aBadImportRowNamesItselfAndImportsNothing()
{
    const QString token = signUp(QStringLiteral("badrow@example.com"));
    const QJsonArray offers{Offer{0, QStringLiteral("ok"), 10, 50, 5, {}}.toJson(), Offer{0, QStringLiteral("no"), 10, 5, 50, {}}.toJson(),
                            QJsonObject{{QStringLiteral("price"), QStringLiteral("ten")}}};
    const Answer answer = call("POST", QStringLiteral("/api/offers/import"), {{QStringLiteral("offers"), offers}}, token);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.errorField(), QStringLiteral("offers[1].purchases"));
    QVERIFY(answer.errorMessage().contains(QStringLiteral("Nothing was imported")));
    QCOMPARE(call("GET", QStringLiteral("/api/offers"), {}, token).json.value(QStringLiteral("offers")).toArray().size(), 0);

    const Answer wrongType = call(
        "POST", QStringLiteral("/api/fans/import"),
        {{QStringLiteral("fans"),
          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Al")}, {QStringLiteral("totalSpend"), QStringLiteral("lots")}}}}},
        token);
    QCOMPARE(wrongType.status, 400);
    QCOMPARE(wrongType.errorField(), QStringLiteral("fans[0].totalSpend"));
}

void TestServer::oneAccountNeverSeesAnothersData()
{
    const QString mia = signUp(QStringLiteral("mia@example.com"));
    const QString zoe = signUp(QStringLiteral("zoe@example.com"));
    QCOMPARE(call("POST", QStringLiteral("/api/fans/import"),
                  {{QStringLiteral("fans"), QJsonArray{Fan{0, QStringLiteral("Secret Fan"), {}, 1, {}, {}}.toJson()}}}, mia)
                 .status,
             201);
    QCOMPARE(call("PUT", QStringLiteral("/api/preferences/note"), {{QStringLiteral("value"), QStringLiteral("mia's")}}, mia).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, zoe).json.value(QStringLiteral("fans")).toArray().size(), 0);
    QCOMPARE(call("GET", QStringLiteral("/api/preferences/note"), {}, zoe).status, 404);
    // Message previews only ever see the caller's own fans, whatever ids are asked for.
    const QJsonArray miaFans = call("GET", QStringLiteral("/api/fans"), {}, mia).json.value(QStringLiteral("fans")).toArray();
    const Answer previews = call("POST", QStringLiteral("/api/ai-assistant/tools/message-generator"),
                                 {{QStringLiteral("goal"), QStringLiteral("say thanks")},
                                  {QStringLiteral("previewFanIds"), QJsonArray{miaFans.at(0).toObject().value(QStringLiteral("id"))}}},
                                 zoe);
    QCOMPARE(previews.status, 200);
    QCOMPARE(previews.json.value(QStringLiteral("previews")).toArray().size(), 0);

    // Every other kind of row, and what each AI tool reads.
    Profile miaProfile;
    miaProfile.displayName = QStringLiteral("Mia");
    miaProfile.niche = QStringLiteral("miasniche");
    QCOMPARE(call("PUT", QStringLiteral("/api/me/profile"), miaProfile.toJson(), mia).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/offers/import"),
                  {{QStringLiteral("offers"), QJsonArray{Offer{0, QStringLiteral("Mia's set"), 9, 500, 50, {}}.toJson()}}}, mia)
                 .status,
             201);
    QCOMPARE(
        call("POST", QStringLiteral("/api/posts/import"),
             {{QStringLiteral("posts"),
               QJsonArray{
                   Post{0, QStringLiteral("instagram"), QStringLiteral("Mia only"), {QStringLiteral("miasecret")}, 999, {}}.toJson()}}},
             mia)
            .status,
        201);
    QCOMPARE(call("POST", QStringLiteral("/api/drafts"),
                  {{QStringLiteral("kind"), QStringLiteral("idea")}, {QStringLiteral("body"), QStringLiteral("mia's draft")}}, mia)
                 .status,
             201);
    QCOMPARE(call("PUT", QStringLiteral("/api/preferences/restrictedWords"),
                  {{QStringLiteral("value"),
                    QJsonArray{QJsonObject{{QStringLiteral("term"), QStringLiteral("zoesword")},
                                           {QStringLiteral("reason"), QStringLiteral("Mia only")}}}}},
                  mia)
                 .status,
             204);
    for (const char *list : {"offers", "posts", "drafts"})
        QVERIFY2(call("GET", QStringLiteral("/api/") + QLatin1String(list), {}, zoe).json.value(QLatin1String(list)).toArray().isEmpty(),
                 list);
    const Answer zoeMe = call("GET", QStringLiteral("/api/me"), {}, zoe);
    QVERIFY(!zoeMe.body.contains("miasniche"));
    QCOMPARE(call("GET", QStringLiteral("/api/preferences/restrictedWords"), {}, zoe).status, 404);
    const Answer pricing = call("POST", QStringLiteral("/api/ai-assistant/tools/pricing-optimizer"), {}, zoe);
    QCOMPARE(pricing.status, 200);
    QCOMPARE(pricing.json.value(QStringLiteral("offersUsed")).toInt(), 0);
    const Answer captions = call("POST", QStringLiteral("/api/ai-assistant/tools/captions"),
                                 {{QStringLiteral("text"), QStringLiteral("Workout #miasecret")}}, zoe);
    QCOMPARE(captions.status, 200);
    for (const QJsonValue &tag : captions.json.value(QStringLiteral("hashtags")).toArray())
        QVERIFY2(!tag.toObject().value(QStringLiteral("fromHistory")).toBool(), "Zoe's captions ranked by Mia's posts");
    const Answer ideas = call("POST", QStringLiteral("/api/content-ideas/generate"), {}, zoe);
    QCOMPARE(ideas.status, 200);
    QVERIFY(!ideas.body.contains("miasniche"));
    // Mia's restricted word is not Zoe's: an idea about it is not refused for her.
    const Answer zoeIdeas
        = call("POST", QStringLiteral("/api/content-ideas/generate"), {{QStringLiteral("theme"), QStringLiteral("zoesword")}}, zoe);
    QCOMPARE(zoeIdeas.status, 200);
}

void TestServer::contentIdeasRespectPlatformAndRestrictedWords_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("wrapped");
    QTest::newRow("content-ideas/generate") << QStringLiteral("/api/content-ideas/generate") << false;
    QTest::newRow("tools/content-ideas") << QStringLiteral("/api/ai-assistant/tools/content-ideas") << false;
    QTest::newRow("ai-assistant/generate") << QStringLiteral("/api/ai-assistant/generate") << true;
}

void TestServer::contentIdeasRespectPlatformAndRestrictedWords()
{
    QFETCH(QString, path);
    QFETCH(bool, wrapped);
    static const QString token = [this] {
        const QString created = signUp(QStringLiteral("ideas@example.com"));
        Profile profile;
        profile.displayName = QStringLiteral("Mia");
        profile.niche = QStringLiteral("fitness");
        profile.tone = QStringLiteral("playful");
        profile.platforms = {QStringLiteral("instagram")};
        call("PUT", QStringLiteral("/api/me/profile"), profile.toJson(), created);
        // The creator bans a word the offline generator would otherwise use for this niche.
        RestrictedWords words = RestrictedWords::platformDefaults();
        words.add(QStringLiteral("workout"), QStringLiteral("my rule"));
        call("PUT", QStringLiteral("/api/preferences/restrictedWords"), {{QStringLiteral("value"), words.toJson()}}, created);
        return created;
    }();
    const QJsonObject input{{QStringLiteral("platform"), QStringLiteral("x")}, {QStringLiteral("count"), 4}};
    const QJsonObject body
        = wrapped ? QJsonObject{{QStringLiteral("tool"), QStringLiteral("content-ideas")}, {QStringLiteral("input"), input}} : input;
    const Answer answer = call("POST", path, body, token);
    QCOMPARE(answer.status, 200);
    const QJsonArray ideas = answer.json.value(QStringLiteral("ideas")).toArray();
    QVERIFY(!ideas.isEmpty());
    QVERIFY(ideas.size() <= 4);
    const PlatformRules rules = PlatformRules::of(QStringLiteral("x"));
    for (const QJsonValue &value : ideas) {
        const ContentIdea idea = ContentIdea::fromJson(value.toObject());
        QVERIFY(!idea.title.isEmpty());
        QVERIFY2(idea.caption.size() <= rules.captionLimit, qPrintable(idea.caption));
        QVERIFY(idea.hashtags.size() <= rules.hashtagLimit);
        QVERIFY2(!QString(idea.title + idea.description + idea.caption).contains(QStringLiteral("workout"), Qt::CaseInsensitive),
                 qPrintable(idea.caption));
    }
    QCOMPARE(answer.json.value(QStringLiteral("provider")).toObject().value(QStringLiteral("offline")).toBool(), true);
}

void TestServer::captionsRankHashtagsByTheCreatorsHistory()
{
    const QString token = signUp(QStringLiteral("captions@example.com"));
    Profile profile;
    profile.displayName = QStringLiteral("Mia");
    profile.niche = QStringLiteral("fitness");
    call("PUT", QStringLiteral("/api/me/profile"), profile.toJson(), token);
    QJsonArray posts;
    for (int i = 0; i < 6; ++i)
        posts.append(Post{0, QStringLiteral("instagram"), QStringLiteral("Leg day"), {QStringLiteral("fitness")}, 900 + i, {}}.toJson());
    for (int i = 0; i < 6; ++i)
        posts.append(Post{0, QStringLiteral("instagram"), QStringLiteral("Rest"), {QStringLiteral("stretching")}, 10 + i, {}}.toJson());
    QCOMPARE(call("POST", QStringLiteral("/api/posts/import"), {{QStringLiteral("posts"), posts}}, token).status, 201);

    const Answer answer = call("POST", QStringLiteral("/api/ai-assistant/tools/captions"),
                               {{QStringLiteral("text"), QStringLiteral("New stretching and fitness routine")},
                                {QStringLiteral("platform"), QStringLiteral("instagram")}},
                               token);
    QCOMPARE(answer.status, 200);
    QVERIFY(!answer.json.value(QStringLiteral("captions")).toArray().isEmpty());
    const QJsonArray hashtags = answer.json.value(QStringLiteral("hashtags")).toArray();
    QVERIFY(!hashtags.isEmpty());
    QStringList order;
    for (const QJsonValue &tag : hashtags)
        order.append(tag.toObject().value(QStringLiteral("tag")).toString());
    // Both are in the text and in the history: ranked by what they brought this creator.
    // ("stretching" comes first in the text; "fitness" did far better for her.)
    QVERIFY2(order.contains(QStringLiteral("fitness")) && order.contains(QStringLiteral("stretching")), qPrintable(order.join(u' ')));
    QVERIFY(order.indexOf(QStringLiteral("fitness")) < order.indexOf(QStringLiteral("stretching")));
    QVERIFY(hashtags.at(0).toObject().value(QStringLiteral("fromHistory")).toBool());
}

void TestServer::messageGeneratorDraftsATemplateWithPreviews()
{
    const QString token = signUp(QStringLiteral("messages@example.com"));
    QJsonArray fans{Fan{0, QStringLiteral("Ana Lima"), {}, 300, QStringLiteral("Beach set"), QDate::currentDate().addDays(-45)}.toJson(),
                    Fan{0, QStringLiteral("Bo"), {}, 5, {}, QDate::currentDate()}.toJson()};
    QCOMPARE(call("POST", QStringLiteral("/api/fans/import"), {{QStringLiteral("fans"), fans}}, token).status, 201);
    const QJsonArray stored = call("GET", QStringLiteral("/api/fans"), {}, token).json.value(QStringLiteral("fans")).toArray();
    const qint64 anaId = Fan::fromJson(stored.at(0).toObject()).id;

    const Answer answer = call(
        "POST", QStringLiteral("/api/ai-assistant/tools/message-generator"),
        {{QStringLiteral("goal"), QStringLiteral("re-engage fans inactive 30 days")}, {QStringLiteral("previewFanIds"), QJsonArray{anaId}}},
        token);
    QCOMPARE(answer.status, 200);
    const QString source = answer.json.value(QStringLiteral("template")).toString();
    QVERIFY(MessageTemplate::parse(source).ok());
    QVERIFY(!answer.json.value(QStringLiteral("variables")).toArray().isEmpty());
    const QJsonArray previews = answer.json.value(QStringLiteral("previews")).toArray();
    QCOMPARE(previews.size(), 1);
    QCOMPARE(previews.at(0).toObject().value(QStringLiteral("fanId")).toInteger(), anaId);
    QVERIFY(!previews.at(0).toObject().value(QStringLiteral("text")).toString().contains(QStringLiteral("{{")));
}

void TestServer::pricingOptimizerRecommendsFromOffers()
{
    const QString token = signUp(QStringLiteral("pricing@example.com"));
    const Answer empty = call("POST", QStringLiteral("/api/ai-assistant/tools/pricing-optimizer"), {}, token);
    QCOMPARE(empty.status, 200);
    QVERIFY(empty.json.value(QStringLiteral("mostlyPrior")).toBool());

    QJsonArray offers;
    for (const auto &[price, purchases] : QList<QPair<double, int>>{{5, 30}, {10, 22}, {15, 15}, {20, 9}, {30, 3}, {40, 1}})
        offers.append(Offer{0, {}, price, 200, purchases, {}}.toJson());
    QCOMPARE(call("POST", QStringLiteral("/api/offers/import"), {{QStringLiteral("offers"), offers}}, token).status, 201);
    const Answer answer = call("POST", QStringLiteral("/api/ai-assistant/tools/pricing-optimizer"), {}, token);
    QCOMPARE(answer.status, 200);
    const double price = answer.json.value(QStringLiteral("price")).toDouble();
    QVERIFY(price >= answer.json.value(QStringLiteral("low")).toDouble());
    QVERIFY(price <= answer.json.value(QStringLiteral("high")).toDouble());
    QVERIFY(price > 5 && price < 30);
    QCOMPARE(answer.json.value(QStringLiteral("offersUsed")).toInt(), 6);
    QVERIFY(answer.json.value(QStringLiteral("curve")).toArray().size() > 10);
    QVERIFY(!answer.json.value(QStringLiteral("explanation")).toString().isEmpty());
}

void TestServer::unknownToolIsAValidationError()
{
    const QString token = signUp(QStringLiteral("tools@example.com"));
    const Answer answer
        = call("POST", QStringLiteral("/api/ai-assistant/generate"), {{QStringLiteral("tool"), QStringLiteral("horoscope")}}, token);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.errorField(), QStringLiteral("tool"));
    QVERIFY(answer.errorMessage().contains(QStringLiteral("message-generator")));
}

void TestServer::failingAiProviderIsReportedWithoutItsDetails()
{
    test::TestHttpServer provider;
    provider.setHandler([](const test::TestHttpServer::Request &) {
        return test::TestHttpServer::Reply::json(
            401, {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), QStringLiteral("Incorrect API key sk-secret-123")}}}});
    });
    ServerConfig config = m_running.server().config();
    config.port = 0;
    config.aiOnline = true;
    config.aiBaseUrl = provider.url(QStringLiteral("/v1"));
    config.aiApiKey = QStringLiteral("sk-secret-123");
    auto online = startServer(config);
    const quint16 port = online->http().serverPort();

    const QString token = signUp(QStringLiteral("online@example.com"));
    const Answer answer = callOn(port, "POST", QStringLiteral("/api/content-ideas/generate"), "{}", token, {});
    QCOMPARE(answer.status, 502);
    QCOMPARE(answer.errorCode(), QStringLiteral("upstream_failed"));
    QVERIFY(!answer.body.contains("sk-secret"));
    QVERIFY(!answer.body.contains("127.0.0.1"));
    QVERIFY(!answer.json.value(QStringLiteral("requestId")).toString().isEmpty());
    QVERIFY(provider.requestCount() >= 1);
    QCOMPARE(provider.requests().constFirst().headers.value("authorization"), QByteArrayLiteral("Bearer sk-secret-123"));
}

void TestServer::storageFailureIsA500WithoutInternals()
{
    // A damaged schema (a table gone) stands for any failure inside the database.
    ServerConfig config = m_running.server().config();
    config.port = 0;
    config.database = m_running.postgres().createDatabase(QStringLiteral("damaged"));
    config.migrationDatabase.reset(); // one role migrates and serves
    auto damaged = startServer(config);
    const quint16 port = damaged->http().serverPort();
    const Answer created = callOn(port, "POST", QStringLiteral("/api/auth/sign-up"),
                                  QJsonDocument(QJsonObject{{QStringLiteral("email"), QStringLiteral("d@example.com")},
                                                            {QStringLiteral("password"), password},
                                                            {QStringLiteral("displayName"), QStringLiteral("D")}})
                                      .toJson(),
                                  {}, {});
    QCOMPARE(created.status, 201);
    {
        SqlWorker admin(config.database);
        QVERIFY(test::await(admin.run<void>([](QSqlDatabase &db) -> Result<void> {
                    QSqlQuery query(db);
                    if (!query.exec(QStringLiteral("DROP TABLE fans")))
                        return storageError(QStringLiteral("drop"), query.lastError());
                    return Result<void>::success();
                })).ok());
    }
    const Answer answer = callOn(port, "GET", QStringLiteral("/api/fans"), {}, created.json.value(QStringLiteral("token")).toString(), {});
    QCOMPARE(answer.status, 500);
    QCOMPARE(answer.errorCode(), QStringLiteral("internal_error"));
    QVERIFY(!answer.body.contains("relation"));
    QVERIFY(!answer.body.contains("fans\""));
    QVERIFY(!answer.body.toLower().contains("sql"));
    QCOMPARE(answer.headers.value("x-request-id"), answer.json.value(QStringLiteral("requestId")).toString().toLatin1());
}

void TestServer::concurrentRequestsAreAllAnswered()
{
    const QString token = signUp(QStringLiteral("busy@example.com"));
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 60; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/%2").arg(m_port).arg(i % 2 ? QStringLiteral("fans") : QStringLiteral("me"))));
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        replies.append(m_network.get(request));
    }
    QVERIFY(QTest::qWaitFor([&] { return std::all_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return r->isFinished(); }); },
                            30000));
    for (QNetworkReply *reply : replies) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
}

void TestServer::onlyTheFirstAccountSignsUpWithoutAnInvitation()
{
    // The default a server ships with: whoever reaches it cannot make accounts.
    ServerConfig config = m_running.server().config();
    config.port = 0;
    config.openSignUp = false;
    config.database.databaseName = QStringLiteral("invitations_only");
    config.migrationDatabase = m_running.postgres().ownerRole(m_running.postgres().createDatabase(QStringLiteral("invitations_only")));
    QString error;
    std::unique_ptr<HuntazeServer> server = m_running.startAnother(config, &error);
    QVERIFY2(server, qPrintable(error));
    const quint16 port = server->http().serverPort();
    auto signUp = [this, port](const QString &email, const QString &invitation) {
        QJsonObject form{{QStringLiteral("email"), email},
                         {QStringLiteral("password"), QStringLiteral("long enough password")},
                         {QStringLiteral("displayName"), QStringLiteral("Someone")}};
        if (!invitation.isEmpty())
            form.insert(QStringLiteral("invitation"), invitation);
        return callOn(port, "POST", QStringLiteral("/api/auth/sign-up"), QJsonDocument(form).toJson(QJsonDocument::Compact), {}, {});
    };
    const Answer first = signUp(QStringLiteral("first@example.com"), {});
    QVERIFY2(first.status == 201, first.body.constData());
    QCOMPARE(
        first.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toObject().value(QStringLiteral("id")).toString(),
        QStringLiteral("owner"));
    const Answer second = signUp(QStringLiteral("second@example.com"), {});
    QCOMPARE(second.status, 403);
    QCOMPARE(second.errorField(), QStringLiteral("invitation"));
    QVERIFY(second.errorMessage().contains(QStringLiteral("invitation")));
    const Answer code = callOn(port, "POST", QStringLiteral("/api/agency/invitations"), R"({"role":"chatter"})",
                               first.json.value(QStringLiteral("token")).toString(), {});
    QCOMPARE(code.status, 201);
    QCOMPARE(signUp(QStringLiteral("second@example.com"), code.json.value(QStringLiteral("code")).toString()).status, 201);
}

void TestServer::theSeedsPathsWorkToo()
{
    // Tools written against the seed's API find their routes.
    const Answer health = call("GET", QStringLiteral("/api/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value(QStringLiteral("status")), call("GET", QStringLiteral("/health")).json.value(QStringLiteral("status")));
    QCOMPARE(health.json.value(QStringLiteral("checks")).toObject().keys(),
             QStringList({QStringLiteral("ai"), QStringLiteral("database"), QStringLiteral("redis")}));
    const QJsonObject account{{QStringLiteral("email"), QStringLiteral("seed-paths@example.com")},
                              {QStringLiteral("password"), QStringLiteral("long enough password")},
                              {QStringLiteral("displayName"), QStringLiteral("Seed")}};
    QCOMPARE(call("POST", QStringLiteral("/api/auth/signup"), account).status, 201);
    const Answer signedIn = call("POST", QStringLiteral("/api/auth/signin"),
                                 {{QStringLiteral("email"), QStringLiteral("seed-paths@example.com")},
                                  {QStringLiteral("password"), QStringLiteral("long enough password")}});
    QCOMPARE(signedIn.status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, signedIn.json.value(QStringLiteral("token")).toString()).status, 200);
    const Answer wrong = call("POST", QStringLiteral("/api/auth/signin"),
                              {{QStringLiteral("email"), QStringLiteral("seed-paths@example.com")},
                               {QStringLiteral("password"), QStringLiteral("not the password")}});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("invalid_credentials"));
}

void TestServer::serverWaitsForItsDatabase()
{
    // An orchestrator may start the server before PostgreSQL has its database.
    ServerConfig config = m_running.server().config();
    config.port = 0;
    config.database.databaseName = QStringLiteral("late");
    config.migrationDatabase->databaseName = QStringLiteral("late");
    config.databaseWaitSeconds = 15;
    HuntazeServer late(config, PasswordHasher(PasswordHasher::minimumCost()));
    QFuture<Result<quint16>> started = late.start();
    // It listens at once, and says why it cannot serve yet.
    QVERIFY(late.http().isListening());
    const Answer health = callOn(late.http().serverPort(), "GET", QStringLiteral("/health"), {}, {}, {});
    QCOMPARE(health.status, 503);
    QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("starting"));
    const Answer early = callOn(late.http().serverPort(), "POST", QStringLiteral("/api/auth/sign-in"), "{}", {}, {});
    QCOMPARE(early.status, 503);
    QCOMPARE(early.errorCode(), QStringLiteral("database_unavailable"));
    QVERIFY(early.headers.contains("retry-after"));
    QVERIFY(!started.isFinished());
    QVERIFY(!late.isReady());
    // Made as docs/server.md says: owned by the role that migrates.
    m_running.postgres().ownerRole(m_running.postgres().createDatabase(QStringLiteral("late")));
    const Result<quint16> port = test::await(started);
    QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().detail));
    QCOMPARE(callOn(port.value(), "GET", QStringLiteral("/health"), {}, {}, {}).status, 200);
}

void TestServer::serverGivesUpOnAMissingDatabase()
{
    ServerConfig config = m_running.server().config();
    config.port = 0;
    config.database.databaseName = QStringLiteral("never");
    config.migrationDatabase->databaseName = QStringLiteral("never");
    config.databaseWaitSeconds = 1;
    HuntazeServer never(config, PasswordHasher(PasswordHasher::minimumCost()));
    QElapsedTimer waited;
    waited.start();
    const Result<quint16> port = test::await(never.start());
    QVERIFY(!port.ok());
    QCOMPARE(port.error().code, ErrorCode::DatabaseUnavailable);
    QVERIFY(waited.elapsed() >= 1000);
    QVERIFY(!never.http().isListening());
}

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"

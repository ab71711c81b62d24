// The hostile-input catalogue: every route that takes a body, sent what a
// careless or hostile client sends. Each answer is a 4xx naming the problem
// (code and field), nothing is stored, and the server is alive at the end.
// Run on the AddressSanitizer/UBSan build, a crash or an overflow fails it.
#include "runningserver.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace huntaze;
using namespace huntaze::server;

namespace {

const QString password = QStringLiteral("long enough password");

using test::Answer;

QByteArray longText(qsizetype characters)
{
    return '"' + QByteArray(characters, 'a') + '"';
}

QByteArray nested(int depth)
{
    return "{\"value\":" + QByteArray(depth, '[') + QByteArray(depth, ']') + '}';
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void bodyIsRefused_data();
    void bodyIsRefused();
    void bodyIsRefusedWithTheWrongContentType_data();
    void bodyIsRefusedWithTheWrongContentType();
    void hostileImportedRowsAreRefusedForGood_data();
    void hostileImportedRowsAreRefusedForGood();
    void withoutATokenTheAnswerIs401_data();
    void withoutATokenTheAnswerIs401();
    void twoSignUpsWithOneEmailAtOnce();
    void largestAcceptedCountsDoNotOverflow();
    void serverIsStillUp();

private:
    Answer call(const QByteArray &method, const QString &path, const QByteArray &body, const QString &token = {},
                const QByteArray &contentType = QByteArrayLiteral("application/json"));
    void verifyNothingStored();

    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    QString m_token;
    QString m_importId; // a batched import of fans, open for the whole catalogue
};

void TestHostileInput::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([](ServerConfig &config) {
        config.databaseConnections = 4;
        config.maxBodyBytes = 1024 * 1024; // long strings must reach the rules, not the size limit
        config.rateLimits.api.requests = 0; // the catalogue checks each answer several times: not a test of budgets
    }));
    const Answer signedUp = call("POST", QStringLiteral("/api/auth/sign-up"),
                                 R"({"email":"mia@example.com","password":"long enough password","displayName":"Mia"})");
    QCOMPARE(signedUp.status, 201);
    m_token = signedUp.json.value(QStringLiteral("token")).toString();
    const Answer opened = call("POST", QStringLiteral("/api/imports"), R"({"kind":"fans"})", m_token);
    QCOMPARE(opened.status, 201);
    m_importId = opened.json.value(QStringLiteral("importId")).toString();
}

Answer TestHostileInput::call(const QByteArray &method, const QString &path, const QByteArray &body, const QString &token,
                              const QByteArray &contentType)
{
    return test::send(m_network, QUrl(m_running.url().toString() + path), method, body, token,
                      {{QByteArrayLiteral("Content-Type"), contentType}});
}

void TestHostileInput::bodyIsRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    const QString invalid = QStringLiteral("validation_failed");
    auto row = [&](const char *name, const char *method, const char *path, const QByteArray &body, QAnyStringView field) {
        QTest::newRow(name) << QByteArray(method) << QString::fromLatin1(path) << body << 400 << invalid << field.toString();
    };
    const QByteArray nul = R"("a\u0000b")";
    const QByteArray surrogate = R"("\ud800")";
    const QByteArray badUtf8 = "\"a\xff\xfe\"";

    // Sign-up and sign-in
    row("sign-up: NUL in display name", "POST", "/api/auth/sign-up",
        R"({"email":"x@example.com","password":"long enough password","displayName":)" + nul + "}", "displayName");
    row("sign-up: lone surrogate in display name", "POST", "/api/auth/sign-up",
        R"({"email":"x@example.com","password":"long enough password","displayName":)" + surrogate + "}", "displayName");
    row("sign-up: email a number", "POST", "/api/auth/sign-up", R"({"email":5,"password":"long enough password"})", "email");
    row("sign-up: duplicate key", "POST", "/api/auth/sign-up",
        R"({"email":"x@example.com","email":"y@example.com","password":"long enough password"})", "email");
    row("sign-up: invalid UTF-8", "POST", "/api/auth/sign-up", "{\"email\":" + badUtf8 + "}", "body");
    row("sign-up: display name too long", "POST", "/api/auth/sign-up",
        R"({"email":"x@example.com","password":"long enough password","displayName":)" + longText(100000) + "}", "displayName");
    row("sign-in: NUL in email", "POST", "/api/auth/sign-in", R"({"email":)" + nul + R"(,"password":"long enough password"})", "email");
    row("sign-in: password a list", "POST", "/api/auth/sign-in", R"({"email":"mia@example.com","password":["x"]})", "password");
    row("refresh: NUL in token", "POST", "/api/auth/refresh", R"({"refreshToken":)" + nul + "}", "refreshToken");
    row("refresh: token a number", "POST", "/api/auth/refresh", R"({"refreshToken":1e308})", "refreshToken");
    row("refresh: token too long", "POST", "/api/auth/refresh", R"({"refreshToken":)" + longText(100000) + "}", "refreshToken");
    row("refresh: token missing", "POST", "/api/auth/refresh", "{}", "refreshToken");
    row("refresh: not an object", "POST", "/api/auth/refresh", "[]", "body");
    row("reset: NUL in code", "POST", "/api/auth/reset-password",
        R"({"email":"mia@example.com","code":)" + nul + R"(,"newPassword":"long enough password"})", "code");
    row("reset: code a number", "POST", "/api/auth/reset-password",
        R"({"email":"mia@example.com","code":1e308,"newPassword":"long enough password"})", "code");
    row("reset: new password too long", "POST", "/api/auth/reset-password",
        R"({"email":"mia@example.com","code":"HZ-AAAA","newPassword":)" + longText(100000) + "}", "newPassword");
    row("reset: email a list", "POST", "/api/auth/reset-password", R"({"email":["a"],"code":"x","newPassword":"long enough password"})",
        "email");
    row("API key: NUL in name", "POST", "/api/agency/api-keys", R"({"name":)" + nul + R"(,"scopes":["read"]})", "name");
    row("API key: name too long", "POST", "/api/agency/api-keys", R"({"name":)" + longText(100000) + R"(,"scopes":["read"]})", "name");
    row("API key: scopes an object", "POST", "/api/agency/api-keys", R"({"name":"x","scopes":{"read":true}})", "scopes");
    row("API key: huge scope list", "POST", "/api/agency/api-keys", R"({"name":"x","scopes":["read","read","read","read"]})", "scopes");
    row("API key: expiry a number", "POST", "/api/agency/api-keys", R"({"name":"x","scopes":["read"],"expiresAt":-1e308})", "expiresAt");
    row("API key: expiry in year 99999", "POST", "/api/agency/api-keys",
        R"({"name":"x","scopes":["read"],"expiresAt":"99999-01-01T00:00:00Z"})", "expiresAt");

    // Profile
    row("profile: NUL in tone", "PUT", "/api/me/profile", R"({"displayName":"Mia","tone":)" + nul + "}", "tone");
    row("profile: lone surrogate in time zone", "PUT", "/api/me/profile", R"({"displayName":"Mia","timeZone":)" + surrogate + "}",
        "timeZone");
    row("profile: platforms not texts", "PUT", "/api/me/profile", R"({"displayName":"Mia","platforms":["instagram",5]})", "platforms");
    row("profile: niche a number", "PUT", "/api/me/profile", R"({"displayName":"Mia","niche":1e300})", "niche");
    row("profile: audience too long", "PUT", "/api/me/profile", R"({"displayName":"Mia","audience":)" + longText(100000) + "}", "audience");

    // Fans
    row("fans: NUL in name", "POST", "/api/fans/import", R"({"fans":[{"name":)" + nul + "}]}", "fans[0].name");
    row("fans: lone surrogate in a tag", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","tags":[)" + surrogate + "]}]}",
        "fans[0].tags[0]");
    row("fans: tags not a list", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","tags":"vip"}]})", "fans[0].tags");
    row("fans: too many tags", "POST", "/api/fans/import",
        R"({"fans":[{"name":"Leo","tags":[)" + QByteArray(R"("t",)").repeated(60) + R"("t"]}]})", "fans[0].tags");
    row("fans: a tag too long", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","tags":[)" + longText(101) + "]}]}", "fans[0].tags");
    row("fans: spend 1e300", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","totalSpend":1e300}]})", "fans[0].totalSpend");
    row("fans: spend a fraction of a cent", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","totalSpend":0.001}]})",
        "fans[0].totalSpend");
    row("fans: spend negative", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","totalSpend":-1}]})", "fans[0].totalSpend");
    row("fans: spend a text", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","totalSpend":"12"}]})", "fans[0].totalSpend");
    row("fans: name a number", "POST", "/api/fans/import", R"({"fans":[{"name":5}]})", "fans[0].name");
    row("fans: name too long", "POST", "/api/fans/import", R"({"fans":[{"name":)" + longText(100000) + "}]}", "fans[0].name");
    row("fans: bad date", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo","lastActive":"2026-13-45"}]})", "fans[0].lastActive");
    row("fans: a good row, then a bad one", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo"},{"name":""}]})", "fans[1].name");
    row("fans: a row that is a number", "POST", "/api/fans/import", R"({"fans":[{"name":"Leo"},-5.0]})", "fans[1]");
    row("fans: rows not a list", "POST", "/api/fans/import", R"({"fans":{"name":"Leo"}})", "fans");
    row("fans: empty body", "POST", "/api/fans/import", "", "fans");

    // Offers
    row("offers: price 0.001", "POST", "/api/offers/import", R"({"offers":[{"price":0.001,"recipients":10}]})", "offers[0].price");
    row("offers: price 1e300", "POST", "/api/offers/import", R"({"offers":[{"price":1e300,"recipients":10}]})", "offers[0].price");
    row("offers: price -0", "POST", "/api/offers/import", R"({"offers":[{"price":-0,"recipients":10}]})", "offers[0].price");
    row("offers: price tiny", "POST", "/api/offers/import", R"({"offers":[{"price":1e-300,"recipients":10}]})", "offers[0].price");
    row("offers: price missing", "POST", "/api/offers/import", R"({"offers":[{"recipients":10}]})", "offers[0].price");
    row("offers: recipients 3e9", "POST", "/api/offers/import", R"({"offers":[{"price":5,"recipients":3e9}]})", "offers[0].recipients");
    row("offers: recipients 10.7", "POST", "/api/offers/import", R"({"offers":[{"price":5,"recipients":10.7}]})", "offers[0].recipients");
    row("offers: recipients negative", "POST", "/api/offers/import", R"({"offers":[{"price":5,"recipients":-1}]})", "offers[0].recipients");
    row("offers: recipients a text", "POST", "/api/offers/import", R"({"offers":[{"price":5,"recipients":"10"}]})", "offers[0].recipients");
    row("offers: more purchases than recipients", "POST", "/api/offers/import",
        R"({"offers":[{"price":5,"recipients":10,"purchases":11}]})", "offers[0].purchases");
    row("offers: NUL in title", "POST", "/api/offers/import", R"({"offers":[{"price":5,"recipients":10,"title":)" + nul + "}]}",
        "offers[0].title");
    row("offers: a row that is a list", "POST", "/api/offers/import", R"({"offers":[[]]})", "offers[0]");

    // Posts
    row("posts: engagement 2.5", "POST", "/api/posts/import", R"({"posts":[{"caption":"Hi","engagement":2.5}]})", "posts[0].engagement");
    row("posts: engagement 1e300", "POST", "/api/posts/import", R"({"posts":[{"caption":"Hi","engagement":1e300}]})",
        "posts[0].engagement");
    row("posts: NUL in a hashtag", "POST", "/api/posts/import", R"({"posts":[{"caption":"Hi","hashtags":[)" + nul + "]}]}",
        "posts[0].hashtags[0]");
    row("posts: caption too long", "POST", "/api/posts/import", R"({"posts":[{"caption":)" + longText(5001) + "}]}", "posts[0].caption");
    row("posts: empty rows and a number", "POST", "/api/posts/import", R"({"posts":[{}, {"junk":true}, -5.0]})", "posts[0].caption");

    // Drafts
    row("drafts: NUL in body", "POST", "/api/drafts", R"({"kind":"idea","body":)" + nul + "}", "body");
    row("drafts: lone surrogate in title", "POST", "/api/drafts", R"({"kind":"idea","title":)" + surrogate + R"(,"body":"x"})", "title");
    row("drafts: kind a number", "POST", "/api/drafts", R"({"kind":5,"body":"x"})", "kind");
    row("drafts: body too long", "POST", "/api/drafts", R"({"kind":"idea","body":)" + longText(20001) + "}", "body");
    row("drafts: title too long", "POST", "/api/drafts", R"({"kind":"idea","title":)" + longText(201) + R"(,"body":"x"})", "title");
    row("drafts: duplicate body", "POST", "/api/drafts", R"({"kind":"idea","body":"a","body":"b"})", "body");
    row("drafts: escaped duplicate key", "POST", "/api/drafts", R"({"kind":"idea","body":"a","\u0062ody":"b"})", "body");
    row("drafts: body not an object", "POST", "/api/drafts", R"(["idea"])", "body");
    const char *aDraft = "/api/drafts/0f8fad5b-d9cb-469f-a165-70867728950e";
    row("drafts: unknown kind", "PUT", aDraft, R"({"kind":"poll","body":"x"})", "kind");
    row("drafts: unknown status", "PUT", aDraft, R"({"kind":"post","status":"posted","body":"x"})", "status");
    row("drafts: status a number", "PUT", aDraft, R"({"kind":"post","status":1,"body":"x"})", "status");
    row("drafts: NUL in notes", "PUT", aDraft, R"({"kind":"post","notes":)" + nul + "}", "notes");
    row("drafts: notes too long", "PUT", aDraft, R"({"kind":"post","notes":)" + longText(20001) + "}", "notes");
    row("drafts: planned without an offset", "PUT", aDraft, R"({"kind":"post","body":"x","plannedAt":"2026-12-05T08:00:00"})", "plannedAt");
    row("drafts: planned a number", "PUT", aDraft, R"({"kind":"post","body":"x","plannedAt":1e300})", "plannedAt");
    row("drafts: planned a month 13", "PUT", aDraft, R"({"kind":"post","body":"x","plannedAt":"2026-13-05T08:00:00Z"})", "plannedAt");
    row("drafts: hashtags a text", "PUT", aDraft, R"({"kind":"post","body":"x","hashtags":"beach"})", "hashtags");
    row("drafts: too many hashtags", "PUT", aDraft,
        R"({"kind":"post","body":"x","hashtags":[)" + QByteArray(R"("t",)").repeated(60) + R"("t"]})", "hashtags");
    row("drafts: too many files", "PUT", aDraft,
        R"({"kind":"post","body":"x","media":[)" + QByteArray(R"("a.jpg",)").repeated(25) + R"("a.jpg"]})", "media");
    row("drafts: a file path too long", "PUT", aDraft, R"({"kind":"post","body":"x","media":[)" + longText(2001) + "]}", "media");
    row("drafts: unknown audience", "PUT", aDraft, R"({"kind":"message","body":"x","audience":"vips"})", "audience");
    row("drafts: id not a UUID", "POST", "/api/drafts", R"({"kind":"post","body":"x","id":"42"})", "id");
    row("drafts: id unlike its address", "PUT", aDraft, R"({"kind":"post","body":"x","id":"1b4e28ba-2fa1-11d2-883f-0016d3cca427"})", "id");
    row("drafts: address not a UUID", "PUT", "/api/drafts/42", R"({"kind":"post","body":"x"})", "id");
    row("drafts: nothing in it", "PUT", aDraft, R"({"kind":"post","body":"  "})", "body");
    row("drafts: not JSON", "POST", "/api/drafts", "kind=idea&body=x", "body");
    row("drafts: empty body", "POST", "/api/drafts", "", "kind");

    // Sync (issue 13)
    const QByteArray device = R"("clientId":"0f8fad5b-d9cb-469f-a165-70867728950e")";
    const QByteArray oneDraft = R"("entity":"draft","entityId":"1b4e28ba-2fa1-11d2-883f-0016d3cca427")";
    row("push: no device", "POST", "/api/sync/push", R"({"mutations":[]})", "clientId");
    row("push: device not a UUID", "POST", "/api/sync/push", R"({"clientId":"laptop","mutations":[]})", "clientId");
    row("push: NUL in the device", "POST", "/api/sync/push", R"({"clientId":)" + nul + R"(,"mutations":[]})", "clientId");
    row("push: mutations an object", "POST", "/api/sync/push", "{" + device + R"(,"mutations":{}})", "mutations");
    row("push: too many mutations", "POST", "/api/sync/push", "{" + device + R"(,"mutations":[)" + QByteArray("{},").repeated(500) + "{}]}",
        "mutations");
    row("push: a mutation a number", "POST", "/api/sync/push", "{" + device + R"(,"mutations":[7]})", "mutations[0]");
    row("push: id zero", "POST", "/api/sync/push", "{" + device + R"(,"mutations":[{"id":0,)" + oneDraft + R"(,"op":"put"}]})",
        "mutations[0].id");
    row("push: id huge", "POST", "/api/sync/push", "{" + device + R"(,"mutations":[{"id":1e300,)" + oneDraft + R"(,"op":"put"}]})",
        "mutations[0].id");
    row("push: id a fraction", "POST", "/api/sync/push", "{" + device + R"(,"mutations":[{"id":1.5,)" + oneDraft + R"(,"op":"put"}]})",
        "mutations[0].id");
    row("push: unknown entity", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"fan","entityId":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","op":"put"}]})",
        "mutations[0].entity");
    row("push: entity id not a UUID", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"draft","entityId":"../x","op":"put"}]})", "mutations[0].entityId");
    row("push: unknown op", "POST", "/api/sync/push", "{" + device + R"(,"mutations":[{"id":1,)" + oneDraft + R"(,"op":"drop"}]})",
        "mutations[0].op");
    row("push: negative base version", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,)" + oneDraft + R"(,"op":"put","baseVersion":-1}]})", "mutations[0].baseVersion");
    row("push: payload a list", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,)" + oneDraft + R"(,"op":"put","payload":[]}]})", "mutations[0].payload");
    row("push: payload too large", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,)" + oneDraft + R"(,"op":"put","payload":{"body":)" + longText(70000) + "}}]}",
        "mutations[0].payload");
    row("push: a preference named by a number", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"preference","entityId":"1tone","op":"put"}]})", "mutations[0].entityId");
    row("push: a preference name too long", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"preference","entityId":")" + QByteArray(65, 'a') + R"(","op":"put"}]})",
        "mutations[0].entityId");
    row("push: NUL in a preference name", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"preference","entityId":)" + nul + R"(,"op":"put"}]})", "mutations[0].entityId");
    row("push: a preference name a list", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"preference","entityId":["tone"],"op":"put"}]})", "mutations[0].entityId");
    row("push: a preference's payload too large", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"preference","entityId":"tone","op":"put","payload":{"value":)" + longText(70000)
            + "}}]}",
        "mutations[0].payload");
    row("push: an import not named by a UUID", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"fans","entityId":"../fans","op":"put"}]})", "mutations[0].entityId");
    row("push: NUL in an imported fan's name", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"fans","entityId":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","op":"put",)"
            + R"("payload":{"creatorId":1,"rows":[{"name":)" + nul + "}]}}]}",
        "mutations[0].payload.rows[0].name");
    row("push: imported rows too large", "POST", "/api/sync/push",
        "{" + device + R"(,"mutations":[{"id":1,"entity":"fans","entityId":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","op":"put",)"
            + R"("payload":{"creatorId":1,"rows":[{"name":)" + longText(70000) + "}]}}]}",
        "mutations[0].payload");
    row("push: not JSON", "POST", "/api/sync/push", "clientId=x", "body");
    row("pull: no device", "POST", "/api/sync/pull", R"({"cookie":0})", "clientId");
    row("pull: cookie negative", "POST", "/api/sync/pull", "{" + device + R"(,"cookie":-1})", "cookie");
    row("pull: cookie a text", "POST", "/api/sync/pull", "{" + device + R"(,"cookie":"7"})", "cookie");
    row("pull: cookie huge", "POST", "/api/sync/pull", "{" + device + R"(,"cookie":1e300})", "cookie");
    row("pull: creators a text", "POST", "/api/sync/pull", "{" + device + R"(,"creators":"1,2"})", "creators");
    row("pull: a creator a fraction", "POST", "/api/sync/pull", "{" + device + R"(,"creators":[1.5]})", "creators");
    row("pull: a creator zero", "POST", "/api/sync/pull", "{" + device + R"(,"creators":[0]})", "creators");
    row("pull: tables a text", "POST", "/api/sync/pull", "{" + device + R"(,"tables":"fans"})", "tables");
    row("pull: a table unknown", "POST", "/api/sync/pull", "{" + device + R"(,"tables":["users"]})", "tables");
    row("pull: a table a number", "POST", "/api/sync/pull", "{" + device + R"(,"tables":[1]})", "tables");
    row("pull: a table with NUL", "POST", "/api/sync/pull", "{" + device + R"(,"tables":["fans\u0000"]})", "tables[0]");
    row("pull: too many tables", "POST", "/api/sync/pull",
        "{" + device + R"(,"tables":["fans","fans","fans","fans","fans","fans","fans"]})", "tables");
    row("pull: page a number", "POST", "/api/sync/pull", "{" + device + R"(,"page":5})", "page");
    row("pull: page without upTo", "POST", "/api/sync/pull", "{" + device + R"(,"page":{"after":{}}})", "page");
    row("pull: page upTo negative", "POST", "/api/sync/pull", "{" + device + R"(,"page":{"upTo":-1,"after":{}}})", "page");
    row("pull: page after an unknown table", "POST", "/api/sync/pull", "{" + device + R"(,"page":{"upTo":1,"after":{"drafts":0}}})",
        "page");
    row("pull: page after huge", "POST", "/api/sync/pull", "{" + device + R"(,"page":{"upTo":1,"after":{"fans":1e300}}})", "page");
    const auto afterKey = [&](const char *name, const QByteArray &keys) {
        row(name, "POST", "/api/sync/pull", "{" + device + R"(,"page":{"upTo":1,"after":{},"afterKey":)" + keys + "}}", "page");
    };
    afterKey("pull: afterKey a list", "[]");
    afterKey("pull: afterKey of an unknown table", R"({"earning_events":[]})");
    afterKey("pull: afterKey not a list", R"({"earning_days":"2026-01-01"})");
    afterKey("pull: afterKey too short", R"({"earning_days":[1,"2026-01-01"]})");
    afterKey("pull: afterKey too long", R"({"earning_fans":[1,"fan","more"]})");
    afterKey("pull: afterKey creator zero", R"({"earning_fans":[0,"fan"]})");
    afterKey("pull: afterKey creator huge", R"({"earning_fans":[1e300,"fan"]})");
    afterKey("pull: afterKey day not a day", R"({"earning_days":[1,"monday","tip"]})");
    row("pull: afterKey day with NUL", "POST", "/api/sync/pull",
        "{" + device + R"(,"page":{"upTo":1,"after":{},"afterKey":{"earning_days":[1,"2026-01-01\u0000","tip"]}}})",
        "page.afterKey.earning_days[1]");
    afterKey("pull: afterKey text a number", R"({"earning_fans":[1,5]})");
    afterKey("pull: afterKey text null", R"({"earning_fans":[1,null]})");
    afterKey("pull: afterKey text too long", R"({"earning_fans":[1,")" + QByteArray(5000, 'x') + R"("]})");
    afterKey("pull: afterKey number a fraction", R"({"earning_hours":[1,"2026-01-01",1.5]})");
    afterKey("pull: afterKey number tiny", R"({"earning_hours":[1,"2026-01-01",-1e300]})");

    // Preferences
    row("preference: NUL inside the value", "PUT", "/api/preferences/p", R"({"value":{"a":)" + nul + "}}", "value.a");
    row("preference: NUL in a key of the value", "PUT", "/api/preferences/p", R"({"value":{"a\u0000":1}})",
        QStringLiteral("value.a") + QChar(0));
    row("preference: too large", "PUT", "/api/preferences/p", R"({"value":)" + longText(70000) + "}", "value");
    row("preference: deep nesting", "PUT", "/api/preferences/p", nested(5000), "body");

    // Earnings statements and the dashboard
    const QByteArray tip = R"("occurredAt":"2026-03-01T10:00:00Z","kind":"tip")";
    row("earnings: NUL in fan", "POST", "/api/earnings/import", R"({"earnings":[{)" + tip + R"(,"gross":5,"fan":)" + nul + "}]}",
        "earnings[0].fan");
    row("earnings: lone surrogate in reference", "POST", "/api/earnings/import",
        R"({"earnings":[{)" + tip + R"(,"gross":5,"reference":)" + surrogate + "}]}", "earnings[0].reference");
    row("earnings: gross 1e300", "POST", "/api/earnings/import", R"({"earnings":[{)" + tip + R"(,"gross":1e300}]})", "earnings[0].gross");
    row("earnings: gross tiny", "POST", "/api/earnings/import", R"({"earnings":[{)" + tip + R"(,"gross":1e-300}]})", "earnings[0].gross");
    row("earnings: gross a text", "POST", "/api/earnings/import", R"({"earnings":[{)" + tip + R"(,"gross":"5"}]})", "earnings[0].gross");
    row("earnings: net above gross", "POST", "/api/earnings/import", R"({"earnings":[{)" + tip + R"(,"gross":5,"net":6}]})",
        "earnings[0].net");
    row("earnings: another currency", "POST", "/api/earnings/import", R"({"earnings":[{)" + tip + R"(,"gross":5,"currency":"EUR"}]})",
        "earnings[0].currency");
    row("earnings: no offset", "POST", "/api/earnings/import",
        R"({"earnings":[{"occurredAt":"2026-03-01T10:00:00","kind":"tip","gross":5}]})", "earnings[0].occurredAt");
    row("earnings: year 99999", "POST", "/api/earnings/import",
        R"({"earnings":[{"occurredAt":"99999-03-01T10:00:00Z","kind":"tip","gross":5}]})", "earnings[0].occurredAt");
    row("earnings: kind unknown", "POST", "/api/earnings/import",
        R"({"earnings":[{"occurredAt":"2026-03-01T10:00:00Z","kind":"refund","gross":5}]})", "earnings[0].kind");
    row("earnings: fan too long", "POST", "/api/earnings/import",
        R"({"earnings":[{)" + tip + R"(,"gross":5,"fan":)" + longText(100000) + "}]}", "earnings[0].fan");
    row("earnings: a good line, then a number", "POST", "/api/earnings/import", R"({"earnings":[{)" + tip + R"(,"gross":5},-5.0]})",
        "earnings[1]");
    row("earnings: lines not a list", "POST", "/api/earnings/import", R"({"earnings":{"kind":"tip"}})", "earnings");
    row("earnings: member an id 1e300", "POST", "/api/earnings/import",
        R"({"earnings":[{"occurredAt":"2026-03-01T10:00:00Z","kind":"paid_message","gross":5,"memberId":1e300}]})", "earnings[0].memberId");

    // Message logs
    const QByteArray said = R"("sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana")";
    row("messages: NUL in fan", "POST", "/api/messages/import",
        R"({"messages":[{"sentAt":"2026-03-01T10:00:00Z","from":"fan","fan":)" + nul + "}]}", "messages[0].fan");
    row("messages: price 1e300", "POST", "/api/messages/import", R"({"messages":[{)" + said + R"(,"price":1e300}]})", "messages[0].price");
    row("messages: price tiny", "POST", "/api/messages/import", R"({"messages":[{)" + said + R"(,"price":1e-300,"bought":true}]})",
        "messages[0].bought");
    row("messages: price a text", "POST", "/api/messages/import", R"({"messages":[{)" + said + R"(,"price":"5"}]})", "messages[0].price");
    row("messages: from a number", "POST", "/api/messages/import",
        R"({"messages":[{"sentAt":"2026-03-01T10:00:00Z","from":1,"fan":"ana"}]})", "messages[0].from");
    row("messages: member an id 1e300", "POST", "/api/messages/import", R"({"messages":[{)" + said + R"(,"memberId":1e300}]})",
        "messages[0].memberId");
    row("messages: member a number", "POST", "/api/messages/import", R"({"messages":[{)" + said + R"(,"member":7}]})",
        "messages[0].member");
    row("messages: NUL in member", "POST", "/api/messages/import", R"({"messages":[{)" + said + R"(,"member":)" + nul + "}]}",
        "messages[0].member");
    row("messages: member too long", "POST", "/api/messages/import",
        R"({"messages":[{)" + said + R"(,"member":)" + longText(100000) + "}]}", "messages[0].member");
    row("messages: member not in the agency", "POST", "/api/messages/import",
        R"({"messages":[{)" + said + R"(,"member":"stranger@example.com"}]})", "member");
    row("messages: member id not in the agency", "POST", "/api/messages/import",
        R"({"messages":[{)" + said + R"(,"memberId":2147483647}]})", "memberId");
    row("messages: fan too long", "POST", "/api/messages/import",
        R"({"messages":[{"sentAt":"2026-03-01T10:00:00Z","from":"fan","fan":)" + longText(100000) + "}]}", "messages[0].fan");
    row("messages: lone surrogate in reference", "POST", "/api/messages/import",
        R"({"messages":[{)" + said + R"(,"reference":)" + surrogate + "}]}", "messages[0].reference");
    row("messages: a good line, then a list", "POST", "/api/messages/import", R"({"messages":[{)" + said + R"(},[]]})", "messages[1]");
    row("messages: lines not a list", "POST", "/api/messages/import", R"({"messages":"all of them"})", "messages");
    // Engagement exports
    const QByteArray posted = R"("post":"p1","postedAt":"2026-03-01T10:00:00Z")";
    row("engagement: NUL in post", "POST", "/api/engagement/import",
        R"({"engagement":[{"postedAt":"2026-03-01T10:00:00Z","post":)" + nul + "}]}", "engagement[0].post");
    row("engagement: post too long", "POST", "/api/engagement/import",
        R"({"engagement":[{"postedAt":"2026-03-01T10:00:00Z","post":)" + longText(100000) + "}]}", "engagement[0].post");
    row("engagement: likes 1e300", "POST", "/api/engagement/import", R"({"engagement":[{)" + posted + R"(,"likes":1e300}]})",
        "engagement[0].likes");
    row("engagement: views tiny", "POST", "/api/engagement/import", R"({"engagement":[{)" + posted + R"(,"views":1e-300}]})",
        "engagement[0].views");
    row("engagement: comments a text", "POST", "/api/engagement/import", R"({"engagement":[{)" + posted + R"(,"comments":"3"}]})",
        "engagement[0].comments");
    row("engagement: no time", "POST", "/api/engagement/import", R"({"engagement":[{"post":"p1"}]})", "engagement[0].postedAt");
    row("engagement: day before the post", "POST", "/api/engagement/import", R"({"engagement":[{)" + posted + R"(,"day":"2025-01-01"}]})",
        "engagement[0].day");
    row("engagement: lone surrogate in caption", "POST", "/api/engagement/import",
        R"({"engagement":[{)" + posted + R"(,"caption":)" + surrogate + "}]}", "engagement[0].caption");
    row("engagement: lines not a list", "POST", "/api/engagement/import", R"({"engagement":{}})", "engagement");
    row("agency view: from not a day", "GET", "/api/analytics/agency?from=monday&to=2026-03-01", {}, "from");
    row("agency view: all time", "GET", "/api/analytics/agency?all=1&to=2026-03-01", {}, "all");
    row("agency view: NUL in to", "GET", "/api/analytics/agency?from=2026-01-01&to=2026-03-01%00", {}, "to");
    row("attribution: unknown rule", "PUT", "/api/analytics/attribution", R"({"rule":"first_writer"})", "rule");
    row("attribution: NUL in rule", "PUT", "/api/analytics/attribution", R"({"rule":)" + nul + "}", "rule");
    row("attribution: rule a number", "PUT", "/api/analytics/attribution", R"({"rule":1e300})", "rule");
    row("attribution: rule too long", "PUT", "/api/analytics/attribution", R"({"rule":)" + longText(100000) + "}", "rule");
    row("attribution: missing", "PUT", "/api/analytics/attribution", "{}", "rule");
    row("attribution: a list", "PUT", "/api/analytics/attribution", "[]", "body");
    row("dashboard: from not a day", "GET", "/api/analytics/dashboard?from=monday&to=2026-03-01", {}, "from");
    row("dashboard: NUL in to", "GET", "/api/analytics/dashboard?from=2026-01-01&to=2026-03-01%00", {}, "to");
    row("dashboard: backwards", "GET", "/api/analytics/dashboard?from=2026-03-02&to=2026-03-01", {}, "from");
    row("dashboard: year 99999", "GET", "/api/analytics/dashboard?from=2026-01-01&to=99999-01-01", {}, "to");
    row("dashboard: granularity unknown", "GET", "/api/analytics/dashboard?from=2026-01-01&to=2026-03-01&granularity=year", {},
        "granularity");

    // Batched imports
    row("imports: kind a number", "POST", "/api/imports", R"({"kind":5})", "kind");
    row("imports: kind unknown", "POST", "/api/imports", R"({"kind":"users"})", "kind");
    const QByteArray rowsPath = "/api/imports/" + m_importId.toLatin1() + "/rows";
    QTest::newRow("imports: NUL in a staged row")
        << QByteArray("POST") << QString::fromLatin1(rowsPath) << QByteArray(R"({"rows":[{"name":"Leo"},{"name":)" + nul + "}]}") << 400
        << invalid << QStringLiteral("rows[1].name"); // where in this request
    QTest::newRow("imports: spend 1e300 in a staged row")
        << QByteArray("POST") << QString::fromLatin1(rowsPath) << QByteArray(R"({"rows":[{"name":"Leo","totalSpend":1e300}]})") << 400
        << invalid << QStringLiteral("fans[0].totalSpend");
    QTest::newRow("imports: rows not a list") << QByteArray("POST") << QString::fromLatin1(rowsPath) << QByteArray(R"({"rows":5})") << 400
                                              << invalid << QStringLiteral("rows");

    // The agency: invitations, members, roles, creators
    row("invite: role a number", "POST", "/api/agency/invitations", R"({"role":5})", "role");
    row("invite: role unknown", "POST", "/api/agency/invitations", R"({"role":"superuser"})", "role");
    row("invite: NUL in role", "POST", "/api/agency/invitations", R"({"role":)" + nul + "}", "role");
    row("invite: creators not a list", "POST", "/api/agency/invitations", R"({"role":"chatter","creators":5})", "creators");
    row("invite: a creator id 1.5", "POST", "/api/agency/invitations", R"({"role":"chatter","creators":[1.5]})", "creators[0]");
    row("invite: a creator id 1e300", "POST", "/api/agency/invitations", R"({"role":"chatter","creators":[1e300]})", "creators[0]");
    row("invite: a creator id a text", "POST", "/api/agency/invitations", R"({"role":"chatter","creators":["1"]})", "creators[0]");
    row("invite: a creator of another agency", "POST", "/api/agency/invitations", R"({"role":"chatter","creators":[999999]})",
        "creators[0]");
    row("invite: creator role without its creator", "POST", "/api/agency/invitations", R"({"role":"creator"})", "creator");
    row("invite: custom role id -1", "POST", "/api/agency/invitations", R"({"role":"custom","customRole":-1})", "customRole");
    row("invite: unknown custom role", "POST", "/api/agency/invitations", R"({"role":"custom","customRole":999999})", "customRole");
    row("invite: valid for 1e300 days", "POST", "/api/agency/invitations", R"({"role":"admin","validDays":1e300})", "validDays");
    row("invite: valid for 0.5 days", "POST", "/api/agency/invitations", R"({"role":"admin","validDays":0.5})", "validDays");
    row("invite: duplicate role", "POST", "/api/agency/invitations", R"({"role":"admin","role":"owner"})", "role");
    row("sign-up: invitation not a code", "POST", "/api/auth/sign-up",
        R"({"email":"x@example.com","password":"long enough password","invitation":"HZ-nope"})", "invitation");
    row("sign-up: NUL in invitation", "POST", "/api/auth/sign-up",
        R"({"email":"x@example.com","password":"long enough password","invitation":)" + nul + "}", "invitation");
    row("sign-in: invitation a number", "POST", "/api/auth/sign-in",
        R"({"email":"x@example.com","password":"long enough password","invitation":5})", "invitation");
    row("member: role a list", "PUT", "/api/agency/members/1", R"({"role":["admin"]})", "role");
    row("role: permission unknown", "POST", "/api/agency/roles", R"({"name":"X","scope":"all","permissions":["root"]})", "permissions");
    row("role: permission a number", "POST", "/api/agency/roles", R"({"name":"X","scope":"all","permissions":[5]})", "permissions[0]");
    row("role: name too long", "POST", "/api/agency/roles", R"({"name":)" + longText(61) + R"(,"scope":"all","permissions":[]})", "name");
    row("role: NUL in name", "POST", "/api/agency/roles", R"({"name":)" + nul + R"(,"scope":"all","permissions":[]})", "name");
    row("role: scope unknown", "POST", "/api/agency/roles", R"({"name":"X","scope":"everyone","permissions":[]})", "scope");
    row("creator: NUL in name", "POST", "/api/agency/creators", R"({"displayName":)" + nul + "}", "displayName");
    row("creator: name too long", "POST", "/api/agency/creators", R"({"displayName":)" + longText(100000) + "}", "displayName");
    row("creator: no name", "POST", "/api/agency/creators", "{}", "displayName");
    row("creator: platforms a number", "POST", "/api/agency/creators", R"({"displayName":"Zoe","platforms":1e300})", "platforms");
    row("query: creator not an id", "GET", "/api/fans?creator=1e3", {}, "creator");
    row("query: creator negative", "GET", "/api/fans?creator=-4", {}, "creator");
    row("query: creator huge", "GET", "/api/fans?creator=99999999999999999999999", {}, "creator");

    // Shifts
    const auto slot = [](const QByteArray &fields) -> QByteArray { return QByteArray(R"({"memberId":1,"creatorId":1,)") + fields + "}"; };
    row("shift slot: member a text", "POST", "/api/shifts/schedule",
        R"({"memberId":"1","creatorId":1,"weekday":1,"start":"09:00","minutes":60,"timeZone":"UTC"})", "memberId");
    row("shift slot: no creator", "POST", "/api/shifts/schedule",
        R"({"memberId":1,"weekday":1,"start":"09:00","minutes":60,"timeZone":"UTC"})", "creatorId");
    row("shift slot: weekday 1e300", "POST", "/api/shifts/schedule",
        slot(R"("weekday":1e300,"start":"09:00","minutes":60,"timeZone":"UTC")"), "weekday");
    row("shift slot: minutes -1", "POST", "/api/shifts/schedule", slot(R"("weekday":1,"start":"09:00","minutes":-1,"timeZone":"UTC")"),
        "minutes");
    row("shift slot: minutes 1e-300", "POST", "/api/shifts/schedule",
        slot(R"("weekday":1,"start":"09:00","minutes":1e-300,"timeZone":"UTC")"), "minutes");
    row("shift slot: NUL in start", "POST", "/api/shifts/schedule",
        slot(R"("weekday":1,"start":)" + nul + R"(,"minutes":60,"timeZone":"UTC")"), "start");
    row("shift slot: start a number", "POST", "/api/shifts/schedule", slot(R"("weekday":1,"start":900,"minutes":60,"timeZone":"UTC")"),
        "start");
    row("shift slot: time zone too long", "POST", "/api/shifts/schedule",
        slot(R"("weekday":1,"start":"09:00","minutes":60,"timeZone":)" + longText(100000)), "timeZone");
    row("shift slot: lone surrogate in time zone", "POST", "/api/shifts/schedule",
        slot(R"("weekday":1,"start":"09:00","minutes":60,"timeZone":)" + surrogate), "timeZone");
    row("shift slot: duplicate weekday", "POST", "/api/shifts/schedule",
        slot(R"("weekday":1,"weekday":2,"start":"09:00","minutes":60,"timeZone":"UTC")"), "weekday");
    row("idle limit: 1e300", "PUT", "/api/shifts/settings", R"({"idleMinutes":1e300})", "idleMinutes");
    row("idle limit: 2.5", "PUT", "/api/shifts/settings", R"({"idleMinutes":2.5})", "idleMinutes");
    row("idle limit: a text", "PUT", "/api/shifts/settings", R"({"idleMinutes":"30"})", "idleMinutes");
    row("idle limit: missing", "PUT", "/api/shifts/settings", "{}", "idleMinutes");
    row("hours: from not a date", "GET", "/api/shifts/hours?from=monday&to=2026-12-01T00:00:00Z", {}, "from");
    row("hours: ten years", "GET", "/api/shifts/hours?from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", {}, "to");

    row("signup (seed path): NUL in display name", "POST", "/api/auth/signup",
        R"({"email":"x@example.com","password":"long enough password","displayName":)" + nul + "}", "displayName");
    row("signin (seed path): email a number", "POST", "/api/auth/signin", R"({"email":5,"password":"long enough password"})", "email");
    row("password: current a number", "POST", "/api/auth/password", R"({"currentPassword":5,"newPassword":"long enough new one"})",
        "currentPassword");
    row("password: new one short", "POST", "/api/auth/password", R"({"currentPassword":"x","newPassword":"short"})", "newPassword");
    row("password: NUL in new one", "POST", "/api/auth/password", R"({"currentPassword":"x","newPassword":)" + nul + "}", "newPassword");
    row("password: new one huge", "POST", "/api/auth/password", R"({"currentPassword":"x","newPassword":)" + longText(100000) + "}",
        "newPassword");
    row("password: none given", "POST", "/api/auth/password", "{}", "currentPassword");
    row("delete agency: no confirmation", "DELETE", "/api/agency", {}, "confirm");
    row("delete agency: NUL in confirmation", "DELETE", "/api/agency?confirm=a%00b", {}, "confirm");
    row("delete agency: lone surrogate", "DELETE", "/api/agency?confirm=%ED%A0%80", {}, "confirm");
    row("delete agency: another name", "DELETE", "/api/agency?confirm=Somebody%20Else", {}, "confirm");
    row("audit event: action unknown", "POST", "/api/agency/audit", R"({"action":"teleported"})", "action");
    row("audit event: a server action", "POST", "/api/agency/audit", R"({"action":"signed_in"})", "action");
    row("audit event: action a number", "POST", "/api/agency/audit", R"({"action":7})", "action");
    row("audit event: count 1e300", "POST", "/api/agency/audit", R"({"action":"messages_copied","count":1e300})", "count");
    row("audit event: count -1", "POST", "/api/agency/audit", R"({"action":"messages_copied","count":-1})", "count");
    row("audit event: NUL in text", "POST", "/api/agency/audit", R"({"action":"messages_copied","text":)" + nul + "}", "text");
    row("audit event: text too long", "POST", "/api/agency/audit", R"({"action":"draft_copied","text":)" + longText(20001) + "}", "text");

    // AI tools
    row("ideas: count 1e300", "POST", "/api/content-ideas/generate", R"({"count":1e300})", "count");
    row("ideas: count 2.5", "POST", "/api/ai-assistant/tools/content-ideas", R"({"count":2.5})", "count");
    row("ideas: count -1e-300", "POST", "/api/ai-assistant/tools/content-ideas", R"({"count":-1e-300})", "count");
    row("ideas: NUL in theme", "POST", "/api/ai-assistant/tools/content-ideas", R"({"theme":)" + nul + "}", "theme");
    row("captions: lone surrogate in text", "POST", "/api/ai-assistant/tools/captions", R"({"text":)" + surrogate + "}", "text");
    row("captions: text a number", "POST", "/api/ai-assistant/tools/captions", R"({"text":12})", "text");
    row("messages: preview id 1.5", "POST", "/api/ai-assistant/tools/message-generator", R"({"goal":"thanks","previewFanIds":[1.5]})",
        "previewFanIds[0]");
    row("messages: goal too long", "POST", "/api/ai-assistant/tools/message-generator", R"({"goal":)" + longText(501) + "}", "goal");
    row("pricing: duplicate key", "POST", "/api/ai-assistant/tools/pricing-optimizer", R"({"a":1,"a":2})", "a");
    row("generate: tool a number", "POST", "/api/ai-assistant/generate", R"({"tool":5})", "tool");
    row("generate: input a text", "POST", "/api/ai-assistant/generate", R"({"tool":"captions","input":"x"})", "input");
    row("generate: NUL deep in input", "POST", "/api/ai-assistant/generate", R"({"tool":"captions","input":{"text":)" + nul + "}}",
        "input.text");
}

void TestHostileInput::bodyIsRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);

    const Answer answer = call(method, path, body, m_token);
    QVERIFY2(answer.status == status, answer.body.left(300).constData());
    QCOMPARE(answer.errorCode(), code);
    QCOMPARE(answer.errorField(), field);
    QVERIFY2(!answer.error().value(QStringLiteral("message")).toString().isEmpty(), "a message the user can act on");
    verifyNothingStored();
}

void TestHostileInput::verifyNothingStored()
{
    for (const char *list : {"fans", "offers", "posts", "drafts"}) {
        const Answer rows = call("GET", QStringLiteral("/api/") + QLatin1String(list), {}, m_token);
        QCOMPARE(rows.status, 200);
        QVERIFY2(rows.json.value(QLatin1String(list)).toArray().isEmpty(), list);
    }
    QCOMPARE(call("GET", QStringLiteral("/api/preferences/p"), {}, m_token).status, 404);
    const Answer dashboard = call("GET", QStringLiteral("/api/analytics/dashboard?all=1&to=2100-12-31"), {}, m_token);
    QCOMPARE(dashboard.status, 200);
    QCOMPARE(dashboard.json.value(QStringLiteral("dashboard"))
                 .toObject()
                 .value(QStringLiteral("current"))
                 .toObject()
                 .value(QStringLiteral("purchases")),
             0);
    const Answer me = call("GET", QStringLiteral("/api/me"), {}, m_token);
    const QJsonObject profile = me.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("profile")).toObject();
    QCOMPARE(profile.value(QStringLiteral("displayName")).toString(), QStringLiteral("Mia"));
    QVERIFY(profile.value(QStringLiteral("tone")).toString().isEmpty());
    QCOMPARE(me.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("creators")).toArray().size(), 1);
    const Answer members = call("GET", QStringLiteral("/api/agency/members"), {}, m_token);
    QCOMPARE(members.json.value(QStringLiteral("members")).toArray().size(), 1);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), R"({"email":"x@example.com","password":"long enough password"})").status,
             401);
}

// Rows imported on a device arrive inside a well-formed push: a hostile row
// refuses its mutation for good (the device hears why, its queue goes on),
// and nothing of it is stored.
void TestHostileInput::hostileImportedRowsAreRefusedForGood_data()
{
    QTest::addColumn<QByteArray>("entity");
    QTest::addColumn<QByteArray>("payload"); // "%creator%": the member's creator
    QTest::addColumn<QString>("named"); // what the reason names
    const auto fans = [](const QByteArray &rows) { return QByteArray(R"({"creatorId":%creator%,"rows":)" + rows + '}'); };
    QTest::newRow("a name too long") << QByteArray("fans") << fans(R"([{"name":)" + longText(300) + "}]") << QStringLiteral("fans[0].name");
    QTest::newRow("a spend of 1e300") << QByteArray("fans") << fans(R"([{"name":"A"},{"name":"B","totalSpend":1e300}])")
                                      << QStringLiteral("fans[1].totalSpend");
    QTest::newRow("a spend below nothing") << QByteArray("fans") << fans(R"([{"name":"A","totalSpend":-0.01}])")
                                           << QStringLiteral("fans[0].totalSpend");
    QTest::newRow("tags a number") << QByteArray("fans") << fans(R"([{"name":"A","tags":7}])") << QStringLiteral("fans[0].tags");
    QTest::newRow("a row a string") << QByteArray("fans") << fans(R"(["Ada"])") << QStringLiteral("fans[0]");
    QTest::newRow("rows an object") << QByteArray("fans") << fans(R"({"name":"A"})") << QStringLiteral("rows");
    QTest::newRow("more rows than a mutation carries")
        << QByteArray("fans") << fans('[' + QByteArray(R"({"name":"A"},)").repeated(5000) + R"({"name":"A"}])") << QStringLiteral("rows");
    QTest::newRow("no creator") << QByteArray("fans") << QByteArray(R"({"rows":[{"name":"A"}]})") << QStringLiteral("creatorId");
    QTest::newRow("the creator a string") << QByteArray("fans") << QByteArray(R"({"creatorId":"%creator%","rows":[{"name":"A"}]})")
                                          << QStringLiteral("creatorId");
    QTest::newRow("a price of 1e300") << QByteArray("offers") << fans(R"([{"title":"T","price":1e300,"recipients":1}])")
                                      << QStringLiteral("offers[0].price");
    QTest::newRow("more bought than sent") << QByteArray("offers") << fans(R"([{"title":"T","price":5,"recipients":1,"purchases":2}])")
                                           << QStringLiteral("offers[0].purchases");
    QTest::newRow("engagement a fraction") << QByteArray("posts") << fans(R"([{"caption":"c","engagement":1.5}])")
                                           << QStringLiteral("posts[0].engagement");
    QTest::newRow("a date that is none") << QByteArray("posts") << fans(R"([{"caption":"c","postedOn":"2026-02-30"}])")
                                         << QStringLiteral("posts[0].postedOn");
}

void TestHostileInput::hostileImportedRowsAreRefusedForGood()
{
    QFETCH(QByteArray, entity);
    QFETCH(QByteArray, payload);
    QFETCH(QString, named);
    const Answer me = call("GET", QStringLiteral("/api/me"), {}, m_token);
    const QByteArray creator
        = QByteArray::number(me.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("creatorId")).toInteger());
    payload.replace("%creator%", creator);
    const QByteArray device = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    const QByteArray body = R"({"clientId":")" + device + R"(","mutations":[{"id":1,"entity":")" + entity
        + R"(","entityId":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","op":"put","payload":)" + payload + "}]}";
    const Answer answer = call("POST", QStringLiteral("/api/sync/push"), body, m_token);
    QVERIFY2(answer.status == 200, answer.body.left(300).constData());
    const QJsonObject result = answer.json.value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("rejected"));
    QVERIFY2(result.value(QStringLiteral("reason")).toString().contains(named),
             qPrintable(result.value(QStringLiteral("reason")).toString()));
    QCOMPARE(answer.json.value(QStringLiteral("lastMutationId")).toInteger(), 1); // the device's queue goes on
    verifyNothingStored();
}

void TestHostileInput::bodyIsRefusedWithTheWrongContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("text/plain") << QByteArrayLiteral("text/plain");
    QTest::newRow("form") << QByteArrayLiteral("application/x-www-form-urlencoded");
    QTest::newRow("none") << QByteArray();
}

void TestHostileInput::bodyIsRefusedWithTheWrongContentType()
{
    QFETCH(QByteArray, contentType);
    const Answer answer = call("POST", QStringLiteral("/api/drafts"), R"({"kind":"idea","body":"x"})", m_token, contentType);
    QCOMPARE(answer.status, 415);
    QCOMPARE(answer.errorCode(), QStringLiteral("unsupported_media_type"));
    QCOMPARE(answer.errorField(), QStringLiteral("Content-Type"));
    verifyNothingStored();
}

void TestHostileInput::withoutATokenTheAnswerIs401_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    for (const auto &[method, path] : QList<QPair<const char *, const char *>>{{"PUT", "/api/me/profile"},
                                                                               {"POST", "/api/fans/import"},
                                                                               {"POST", "/api/offers/import"},
                                                                               {"POST", "/api/posts/import"},
                                                                               {"POST", "/api/drafts"},
                                                                               {"PUT", "/api/preferences/p"},
                                                                               {"POST", "/api/content-ideas/generate"},
                                                                               {"POST", "/api/ai-assistant/generate"},
                                                                               {"POST", "/api/ai-assistant/tools/captions"},
                                                                               {"POST", "/api/imports"},
                                                                               {"POST", "/api/earnings/import"},
                                                                               {"POST", "/api/messages/import"},
                                                                               {"POST", "/api/engagement/import"},
                                                                               {"PUT", "/api/analytics/attribution"}})
        QTest::newRow(path) << QByteArray(method) << QString::fromLatin1(path);
}

void TestHostileInput::withoutATokenTheAnswerIs401()
{
    // Who is asking comes before what is asked: a bad body from nobody is a 401, not a 400.
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const Answer answer = call(method, path, R"({"broken": )");
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.errorCode(), QStringLiteral("unauthorized"));
}

void TestHostileInput::twoSignUpsWithOneEmailAtOnce()
{
    // Both pass the "is this email taken?" check before either commits; the
    // database's UNIQUE index refuses the later one, which is a 409, not a 500.
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 6; ++i) {
        QNetworkRequest request(QUrl(m_running.url().toString() + QStringLiteral("/api/auth/sign-up")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        replies.append(m_network.post(request, R"({"email":"twin@example.com","password":"long enough password","displayName":"T"})"));
    }
    QMap<int, int> statuses;
    for (QNetworkReply *reply : replies) {
        if (!reply->isFinished())
            QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(30000));
        ++statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()];
        reply->deleteLater();
    }
    QCOMPARE(statuses.value(201), 1);
    QCOMPARE(statuses.value(409), 5);
}

void TestHostileInput::largestAcceptedCountsDoNotOverflow()
{
    const Answer signedUp = call("POST", QStringLiteral("/api/auth/sign-up"),
                                 R"({"email":"big@example.com","password":"long enough password","displayName":"Big"})");
    const QString token = signedUp.json.value(QStringLiteral("token")).toString();
    const Answer imported = call(
        "POST", QStringLiteral("/api/offers/import"),
        R"({"offers":[{"price":999999999.99,"recipients":1000000000,"purchases":1000000000},{"price":5,"recipients":1000000000,"purchases":7}]})",
        token);
    QCOMPARE(imported.status, 201);
    for (int attempt = 0; attempt < 2; ++attempt) { // the rows stay: a crash would repeat
        const Answer pricing = call("POST", QStringLiteral("/api/ai-assistant/tools/pricing-optimizer"), "{}", token);
        QCOMPARE(pricing.status, 200);
        QCOMPARE(pricing.json.value(QStringLiteral("recipientsUsed")).toInteger(), qint64(2'000'000'000));
    }
    const Answer offers = call("GET", QStringLiteral("/api/offers"), {}, token);
    QCOMPARE(offers.json.value(QStringLiteral("offers")).toArray().first().toObject().value(QStringLiteral("price")).toDouble(),
             999999999.99);
}

void TestHostileInput::serverIsStillUp()
{
    const Answer health = call("GET", QStringLiteral("/health"), {});
    QCOMPARE(health.status, 200);
    // Every batch sent to the open import was refused whole: committing it imports nothing.
    const Answer committed = call("POST", QStringLiteral("/api/imports/%1/commit").arg(m_importId), "{}", m_token);
    QCOMPARE(committed.status, 201);
    QCOMPARE(committed.json.value(QStringLiteral("imported")).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"

// Agencies through the real server (issue 10): every route with every role,
// allowed or 403, and never a row of another agency or of a creator the
// member does not work with; invitations end to end; removal ends sessions.
#include "agency/shifts.h"
#include "auth/sessiontoken.h"
#include "runningserver.h"
#include "storage/sqlworker.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace huntaze;
using huntaze::test::Answer;

namespace {

const QString password = QStringLiteral("correct horse battery");

// Each creator's rows carry a marker; an answer meant for one creator must
// contain no other creator's marker.
const QString alphaOne = QStringLiteral("alpha-one");
const QString alphaTwo = QStringLiteral("alpha-two");
const QString bravo = QStringLiteral("bravo-one");

} // namespace

class TestAgency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void everyRouteWithEveryRole_data();
    void everyRouteWithEveryRole();
    void noMemberReachesACreatorOutsideTheirScope_data();
    void noMemberReachesACreatorOutsideTheirScope();
    void meListsOnlyTheCreatorsAMemberMaySee();
    void chattersReceiveNoSpending();
    void theDraftsListHoldsEveryVisibleCreatorAndNoOther_data();
    void theDraftsListHoldsEveryVisibleCreatorAndNoOther();
    void invitationCodesWorkOnceAndExpire();
    void anExistingAccountJoinsWithAnInvitation();
    void onlyOwnersMakeOwnersAndAnAgencyKeepsOne();
    void nobodyGrantsMoreThanTheyHold();
    void reassigningAChatterMovesTheirView();
    void removingAMemberEndsTheirSessionsAtOnce();
    void archivedCreatorsLeaveEveryList();
    void theAuditLogSaysWhoDidWhat();
    void aCreatorSeesEveryEntryAboutTheirProfile();
    void theAuditLogIsAppendOnly();
    void copiedMessagesReachTheCreatorsAuditLog();
    void chattersClockInForTheirCreatorsAndIdleShiftsEnd();
    void theScheduleAndHoursFollowTheRole();
    void onlyAnOwnerDeletesTheAgency();
    void aNewPasswordEndsTheLoginsSessionsInEveryAgency();
    void sessionsEndEverywhereOrByAManager();
    void theRuntimeRoleIsUnprivileged();
    void aDigestLookUpRevealsOnlyItsOwnRow();
    void rowLevelSecurityKeepsAgenciesApart_data();
    void rowLevelSecurityKeepsAgenciesApart();
    void rowLevelSecurityRefusesWritesIntoAnotherAgency();

private:
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, const QString &token = {});
    QString signUp(const QString &email, const QString &displayName, const QString &invitation = {});
    QString invite(const QString &token, const QJsonObject &grant);
    qint64 userIdOf(const QString &token);
    qint64 agencyIdOf(const QString &token);
    void seed(const QString &token, qint64 creator, const QString &marker);
    void execSql(const QString &sql);
    // Runs `statements` in one transaction as the server's runtime role
    // (rolled back), returning the first column of the last one's rows.
    Result<QStringList> asRuntime(const QStringList &statements);

    test::RunningServer m_running;
    QNetworkAccessManager m_network;

    QString m_owner, m_admin, m_chatter, m_creator, m_analyst, m_otherOwner;
    qint64 m_alphaOne = 0, m_alphaTwo = 0, m_bravoOne = 0;
    QHash<QString, QString> m_tokens; // by role name
    QHash<QString, qint64> m_home; // the creator each role works for in the matrix
};

Answer TestAgency::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token)
{
    return test::send(m_network, QUrl(m_running.url().toString() + path), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QString TestAgency::signUp(const QString &email, const QString &displayName, const QString &invitation)
{
    QJsonObject form{
        {QStringLiteral("email"), email}, {QStringLiteral("password"), password}, {QStringLiteral("displayName"), displayName}};
    if (!invitation.isEmpty())
        form.insert(QStringLiteral("invitation"), invitation);
    const Answer answer = call("POST", QStringLiteral("/api/auth/sign-up"), form);
    if (answer.status != 201)
        qFatal("sign-up of %s failed: %d %s", qPrintable(email), answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

QString TestAgency::invite(const QString &token, const QJsonObject &grant)
{
    const Answer answer = call("POST", QStringLiteral("/api/agency/invitations"), grant, token);
    if (answer.status != 201)
        qFatal("invitation failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("code")).toString();
}

qint64 TestAgency::userIdOf(const QString &token)
{
    return call("GET", QStringLiteral("/api/me"), {}, token)
        .json.value(QStringLiteral("user"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

qint64 TestAgency::agencyIdOf(const QString &token)
{
    return call("GET", QStringLiteral("/api/me"), {}, token)
        .json.value(QStringLiteral("user"))
        .toObject()
        .value(QStringLiteral("agency"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

void TestAgency::seed(const QString &token, qint64 creator, const QString &marker)
{
    const QString query = QStringLiteral("?creator=%1").arg(creator);
    const QList<QPair<QString, QJsonObject>> imports{
        {QStringLiteral("/api/fans/import"),
         {{QStringLiteral("fans"),
           QJsonArray{QJsonObject{{QStringLiteral("name"), QString(marker + QStringLiteral(" fan"))},
                                  {QStringLiteral("totalSpend"), 120},
                                  {QStringLiteral("lastPurchase"), QString(marker + QStringLiteral(" set"))}}}}}},
        {QStringLiteral("/api/offers/import"),
         {{QStringLiteral("offers"),
           QJsonArray{QJsonObject{{QStringLiteral("title"), QString(marker + QStringLiteral(" offer"))},
                                  {QStringLiteral("price"), 10},
                                  {QStringLiteral("recipients"), 100},
                                  {QStringLiteral("purchases"), 10}},
                      QJsonObject{{QStringLiteral("title"), QString(marker + QStringLiteral(" offer 2"))},
                                  {QStringLiteral("price"), 20},
                                  {QStringLiteral("recipients"), 100},
                                  {QStringLiteral("purchases"), 4}}}}}},
        {QStringLiteral("/api/posts/import"),
         {{QStringLiteral("posts"),
           QJsonArray{QJsonObject{{QStringLiteral("platform"), QStringLiteral("instagram")},
                                  {QStringLiteral("caption"), QString(marker + QStringLiteral(" post"))},
                                  {QStringLiteral("hashtags"), QJsonArray{marker}},
                                  {QStringLiteral("engagement"), 50}}}}}},
        {QStringLiteral("/api/drafts"),
         {{QStringLiteral("kind"), QStringLiteral("caption")}, {QStringLiteral("body"), QString(marker + QStringLiteral(" draft"))}}},
    };
    for (const auto &[path, body] : imports) {
        const Answer answer = call("POST", path + query, body, token);
        if (answer.status != 201)
            qFatal("seeding %s failed: %d %s", qPrintable(path), answer.status, answer.body.constData());
    }
    const Answer currency
        = call("PUT", QStringLiteral("/api/preferences/currency") + query, {{QStringLiteral("value"), QStringLiteral("EUR")}}, token);
    if (currency.status != 204)
        qFatal("seeding currency failed: %d %s", currency.status, currency.body.constData());
    // Statement lines in the account's currency, with the marker as the fan.
    const Answer earnings = call("POST", QStringLiteral("/api/earnings/import") + query,
                                 {{QStringLiteral("earnings"),
                                   QJsonArray{QJsonObject{{QStringLiteral("occurredAt"), QStringLiteral("2026-03-01T10:00:00Z")},
                                                          {QStringLiteral("kind"), QStringLiteral("tip")},
                                                          {QStringLiteral("gross"), 5},
                                                          {QStringLiteral("currency"), QStringLiteral("EUR")},
                                                          {QStringLiteral("fan"), QString(marker + QStringLiteral(" fan"))}}}}},
                                 token);
    if (earnings.status != 201)
        qFatal("seeding earnings failed: %d %s", earnings.status, earnings.body.constData());
}

void TestAgency::execSql(const QString &sql)
{
    SqlWorker worker(m_running.superuserDatabase());
    const Result<void> done = test::await(worker.run<void>([sql](QSqlDatabase &db) -> Result<void> {
        QSqlQuery query(db);
        if (!query.exec(sql))
            return storageError(sql, query.lastError());
        return Result<void>::success();
    }));
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().detail));
}

void TestAgency::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start());

    // Agency Alpha: its owner's first creator, and a second one.
    m_owner = signUp(QStringLiteral("owner@alpha.test"), QStringLiteral("Alpha One"));
    const QJsonObject me = call("GET", QStringLiteral("/api/me"), {}, m_owner).json.value(QStringLiteral("user")).toObject();
    QCOMPARE(me.value(QStringLiteral("role")).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("owner"));
    m_alphaOne = me.value(QStringLiteral("creatorId")).toInteger();
    const Answer added
        = call("POST", QStringLiteral("/api/agency/creators"), {{QStringLiteral("displayName"), QStringLiteral("Alpha Two")}}, m_owner);
    QCOMPARE(added.status, 201);
    m_alphaTwo = added.json.value(QStringLiteral("creator")).toObject().value(QStringLiteral("id")).toInteger();
    QVERIFY(m_alphaTwo > m_alphaOne);

    // Its team, each joining with an invitation.
    m_admin = signUp(QStringLiteral("admin@alpha.test"), {}, invite(m_owner, {{QStringLiteral("role"), QStringLiteral("admin")}}));
    m_chatter = signUp(
        QStringLiteral("chatter@alpha.test"), {},
        invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}}));
    m_creator = signUp(QStringLiteral("creator@alpha.test"), {},
                       invite(m_owner, {{QStringLiteral("role"), QStringLiteral("creator")}, {QStringLiteral("creator"), m_alphaTwo}}));
    const Answer role
        = call("POST", QStringLiteral("/api/agency/roles"),
               {{QStringLiteral("name"), QStringLiteral("Analyst")},
                {QStringLiteral("scope"), QStringLiteral("all")},
                {QStringLiteral("permissions"), QJsonArray{QStringLiteral("dashboard.view"), QStringLiteral("earnings.view")}}},
               m_owner);
    QCOMPARE(role.status, 201);
    m_analyst = signUp(QStringLiteral("analyst@alpha.test"), {},
                       invite(m_owner,
                              {{QStringLiteral("role"), QStringLiteral("custom")},
                               {QStringLiteral("customRole"), role.json.value(QStringLiteral("id"))}}));

    // Agency Bravo, which Alpha must never see (and the other way round).
    m_otherOwner = signUp(QStringLiteral("owner@bravo.test"), QStringLiteral("Bravo One"));
    m_bravoOne = call("GET", QStringLiteral("/api/me"), {}, m_otherOwner)
                     .json.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("creatorId"))
                     .toInteger();

    seed(m_owner, m_alphaOne, alphaOne);
    seed(m_owner, m_alphaTwo, alphaTwo);
    seed(m_otherOwner, m_bravoOne, bravo);

    m_tokens = {{QStringLiteral("owner"), m_owner},
                {QStringLiteral("admin"), m_admin},
                {QStringLiteral("chatter"), m_chatter},
                {QStringLiteral("creator"), m_creator},
                {QStringLiteral("analyst"), m_analyst}};
    m_home = {{QStringLiteral("owner"), m_alphaOne},
              {QStringLiteral("admin"), m_alphaOne},
              {QStringLiteral("chatter"), m_alphaOne},
              {QStringLiteral("creator"), m_alphaTwo},
              {QStringLiteral("analyst"), m_alphaOne}};
}

void TestAgency::everyRouteWithEveryRole_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<bool>("allowed");

    const QJsonObject fans{{QStringLiteral("fans"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("new fan")}}}}};
    const QJsonObject offers{
        {QStringLiteral("offers"),
         QJsonArray{QJsonObject{{QStringLiteral("price"), 5}, {QStringLiteral("recipients"), 10}, {QStringLiteral("purchases"), 1}}}}};
    const QJsonObject posts{{QStringLiteral("posts"), QJsonArray{QJsonObject{{QStringLiteral("caption"), QStringLiteral("new post")}}}}};
    const QJsonObject draft{{QStringLiteral("kind"), QStringLiteral("message")}, {QStringLiteral("body"), QStringLiteral("Hi!")}};
    const QJsonObject currency{{QStringLiteral("value"), QStringLiteral("USD")}};
    const QJsonObject profile{{QStringLiteral("displayName"), QStringLiteral("Renamed")},
                              {QStringLiteral("niche"), QStringLiteral("fitness")}};
    const QJsonObject ideas{{QStringLiteral("platform"), QStringLiteral("instagram")}, {QStringLiteral("count"), 2}};
    const QJsonObject captions{{QStringLiteral("text"), QStringLiteral("beach day")},
                               {QStringLiteral("platform"), QStringLiteral("instagram")}};
    const QJsonObject message{{QStringLiteral("goal"), QStringLiteral("thank my top fans")}};
    const QJsonObject grant{{QStringLiteral("role"), QStringLiteral("chatter")}};
    const QJsonObject newRole{{QStringLiteral("name"), QStringLiteral("Viewer %1")},
                              {QStringLiteral("scope"), QStringLiteral("all")},
                              {QStringLiteral("permissions"), QJsonArray{QStringLiteral("dashboard.view")}}};
    const QJsonObject newCreator{{QStringLiteral("displayName"), QStringLiteral("Alpha New")}};
    const QJsonObject slot{{QStringLiteral("memberId"), userIdOf(m_chatter)},
                           {QStringLiteral("creatorId"), m_alphaOne},
                           {QStringLiteral("weekday"), 2},
                           {QStringLiteral("start"), QStringLiteral("10:00")},
                           {QStringLiteral("minutes"), 120},
                           {QStringLiteral("timeZone"), QStringLiteral("Europe/Paris")}};
    const QString period = QStringLiteral("?from=%1&to=%2")
                               .arg(QDateTime::currentDateTimeUtc().addDays(-7).toString(Qt::ISODate),
                                    QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate));

    // The specification, written out: which roles may use each route.
    struct Route {
        const char *name;
        QByteArray method;
        QString path;
        QJsonObject body;
        QStringList allowed;
    };
    const QStringList everyone{QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("chatter"), QStringLiteral("creator"),
                               QStringLiteral("analyst")};
    const QStringList managers{QStringLiteral("owner"), QStringLiteral("admin")};
    const QStringList creatorSide{QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("creator")};
    const QStringList writers{QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("chatter"), QStringLiteral("creator")};
    const QStringList clockers{QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("chatter")};
    const QList<Route> routes{
        {"list fans", "GET", QStringLiteral("/api/fans"), {}, writers},
        {"import fans", "POST", QStringLiteral("/api/fans/import"), fans, creatorSide},
        {"list offers",
         "GET",
         QStringLiteral("/api/offers"),
         {},
         {QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("creator"), QStringLiteral("analyst")}},
        {"import offers", "POST", QStringLiteral("/api/offers/import"), offers, creatorSide},
        {"list posts", "GET", QStringLiteral("/api/posts"), {}, everyone},
        {"import posts", "POST", QStringLiteral("/api/posts/import"), posts, creatorSide},
        {"list drafts", "GET", QStringLiteral("/api/drafts"), {}, writers},
        {"save draft", "POST", QStringLiteral("/api/drafts"), draft, writers},
        {"read preference", "GET", QStringLiteral("/api/preferences/currency"), {}, everyone},
        {"set preference", "PUT", QStringLiteral("/api/preferences/currency"), currency, creatorSide},
        {"edit profile", "PUT", QStringLiteral("/api/me/profile"), profile, creatorSide},
        {"content ideas", "POST", QStringLiteral("/api/content-ideas/generate"), ideas, writers},
        {"captions", "POST", QStringLiteral("/api/ai-assistant/tools/captions"), captions, writers},
        {"fan message", "POST", QStringLiteral("/api/ai-assistant/tools/message-generator"), message, writers},
        {"pricing", "POST", QStringLiteral("/api/ai-assistant/tools/pricing-optimizer"), {}, creatorSide},
        {"start import", "POST", QStringLiteral("/api/imports"), {{QStringLiteral("kind"), QStringLiteral("fans")}}, creatorSide},
        {"dashboard",
         "GET",
         QStringLiteral("/api/analytics/dashboard?from=2026-03-01&to=2026-03-31"),
         {},
         {QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("creator"), QStringLiteral("analyst")}},
        {"import earnings",
         "POST",
         QStringLiteral("/api/earnings/import"),
         {{QStringLiteral("earnings"),
           QJsonArray{QJsonObject{{QStringLiteral("occurredAt"), QStringLiteral("2026-03-02T10:00:00Z")},
                                  {QStringLiteral("kind"), QStringLiteral("tip")},
                                  {QStringLiteral("gross"), 1}}}}},
         creatorSide},
        {"list members", "GET", QStringLiteral("/api/agency/members"), {}, managers},
        {"invite", "POST", QStringLiteral("/api/agency/invitations"), grant, managers},
        {"make a role", "POST", QStringLiteral("/api/agency/roles"), newRole, managers},
        {"add a creator", "POST", QStringLiteral("/api/agency/creators"), newCreator, managers},
        {"shift status", "GET", QStringLiteral("/api/shifts/current"), {}, clockers},
        {"clock in", "POST", QStringLiteral("/api/shifts/clock-in"), {}, clockers},
        {"shift activity", "POST", QStringLiteral("/api/shifts/activity"), {}, clockers},
        {"clock out", "POST", QStringLiteral("/api/shifts/clock-out"), {}, clockers},
        {"list shifts", "GET", QStringLiteral("/api/shifts") + period, {}, clockers},
        {"hours", "GET", QStringLiteral("/api/shifts/hours") + period, {}, clockers},
        {"schedule", "GET", QStringLiteral("/api/shifts/schedule"), {}, clockers},
        {"plan a shift", "POST", QStringLiteral("/api/shifts/schedule"), slot, managers},
        {"idle limit", "GET", QStringLiteral("/api/shifts/settings"), {}, everyone},
        {"report copied messages",
         "POST",
         QStringLiteral("/api/agency/audit"),
         {{QStringLiteral("action"), QStringLiteral("messages_copied")},
          {QStringLiteral("count"), 3},
          {QStringLiteral("text"), QStringLiteral("Hi")}},
         writers},
        {"change idle limit", "PUT", QStringLiteral("/api/shifts/settings"), {{QStringLiteral("idleMinutes"), 45}}, managers},
    };
    for (const Route &route : routes) {
        for (const QString &role : everyone) {
            QJsonObject body = route.body;
            if (body.contains(QStringLiteral("name")) && body.value(QStringLiteral("name")).toString().contains(QStringLiteral("%1")))
                body.insert(QStringLiteral("name"), body.value(QStringLiteral("name")).toString().arg(role));
            QTest::addRow("%s, %s", route.name, qPrintable(role))
                << role << route.method << route.path << body << route.allowed.contains(role);
        }
    }
}

void TestAgency::everyRouteWithEveryRole()
{
    QFETCH(QString, role);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(bool, allowed);

    const qint64 home = m_home.value(role);
    const QString separator = path.contains(u'?') ? QStringLiteral("&") : QStringLiteral("?");
    const Answer answer = call(method, path + separator + QStringLiteral("creator=%1").arg(home), body, m_tokens.value(role));
    if (allowed) {
        QVERIFY2(answer.status >= 200 && answer.status < 300, answer.body.constData());
    } else {
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.errorCode(), QStringLiteral("forbidden"));
        QVERIFY(!answer.errorMessage().isEmpty());
    }
    // Whatever the answer, nothing of a creator this member does not work for.
    const QString text = QString::fromUtf8(answer.body);
    QVERIFY2(!text.contains(bravo), answer.body.constData());
    QVERIFY2(!text.contains(home == m_alphaOne ? alphaTwo : alphaOne), answer.body.constData());
}

void TestAgency::noMemberReachesACreatorOutsideTheirScope_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("creator");
    QTest::newRow("chatter, unassigned creator") << QStringLiteral("chatter") << QStringLiteral("alphaTwo");
    QTest::newRow("creator, another creator of the agency") << QStringLiteral("creator") << QStringLiteral("alphaOne");
    QTest::newRow("owner, another agency's creator") << QStringLiteral("owner") << QStringLiteral("bravoOne");
    QTest::newRow("admin, another agency's creator") << QStringLiteral("admin") << QStringLiteral("bravoOne");
    QTest::newRow("analyst, another agency's creator") << QStringLiteral("analyst") << QStringLiteral("bravoOne");
    QTest::newRow("owner, no such creator") << QStringLiteral("owner") << QStringLiteral("none");
}

void TestAgency::noMemberReachesACreatorOutsideTheirScope()
{
    QFETCH(QString, role);
    QFETCH(QString, creator);
    const qint64 id = creator == QLatin1String("alphaOne") ? m_alphaOne
        : creator == QLatin1String("alphaTwo")             ? m_alphaTwo
        : creator == QLatin1String("bravoOne")             ? m_bravoOne
                                                           : 999999;
    const QString query = QStringLiteral("?creator=%1").arg(id);
    for (const QString &path :
         {QStringLiteral("/api/fans"), QStringLiteral("/api/posts"), QStringLiteral("/api/drafts"),
          QStringLiteral("/api/preferences/currency"), QStringLiteral("/api/analytics/dashboard?from=2026-03-01&to=2026-03-31")}) {
        const QString separator = path.contains(u'?') ? QStringLiteral("&") : QStringLiteral("?");
        const Answer answer = call("GET", path + separator + query.mid(1), {}, m_tokens.value(role));
        QCOMPARE(answer.status, 403);
        QVERIFY(!answer.body.contains("alpha-") && !answer.body.contains("bravo-"));
    }
    // Writes are refused the same way, and write nothing.
    const Answer imported = call("POST", QStringLiteral("/api/fans/import") + query,
                                 {{QStringLiteral("fans"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("intruder")}}}}},
                                 m_tokens.value(role));
    QCOMPARE(imported.status, 403);
    QVERIFY(!call("GET", QStringLiteral("/api/fans?creator=%1").arg(m_bravoOne), {}, m_otherOwner).body.contains("intruder"));
    QVERIFY(!call("GET", QStringLiteral("/api/fans?creator=%1").arg(m_alphaTwo), {}, m_owner).body.contains("intruder"));
    // A malformed id is a 400 naming the parameter, not a guess.
    QCOMPARE(call("GET", QStringLiteral("/api/fans?creator=abc"), {}, m_tokens.value(role)).errorField(), QStringLiteral("creator"));
}

void TestAgency::meListsOnlyTheCreatorsAMemberMaySee()
{
    auto creatorsOf = [this](const QString &token) {
        QList<qint64> ids;
        const QJsonObject user = call("GET", QStringLiteral("/api/me"), {}, token).json.value(QStringLiteral("user")).toObject();
        for (const QJsonValue &creator : user.value(QStringLiteral("creators")).toArray())
            ids.append(creator.toObject().value(QStringLiteral("id")).toInteger());
        return ids;
    };
    QVERIFY(creatorsOf(m_owner).contains(m_alphaOne) && creatorsOf(m_owner).contains(m_alphaTwo));
    QVERIFY(!creatorsOf(m_owner).contains(m_bravoOne));
    QCOMPARE(creatorsOf(m_chatter), QList<qint64>{m_alphaOne});
    QCOMPARE(creatorsOf(m_creator), QList<qint64>{m_alphaTwo});
    QCOMPARE(creatorsOf(m_otherOwner), QList<qint64>{m_bravoOne});

    const QJsonObject chatter = call("GET", QStringLiteral("/api/me"), {}, m_chatter).json.value(QStringLiteral("user")).toObject();
    const QJsonArray permissions = chatter.value(QStringLiteral("role")).toObject().value(QStringLiteral("permissions")).toArray();
    QVERIFY(permissions.contains(QStringLiteral("messages.write")));
    QVERIFY(!permissions.contains(QStringLiteral("earnings.view")));
    QVERIFY(!permissions.contains(QStringLiteral("pricing.use")));
    QCOMPARE(chatter.value(QStringLiteral("agency")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Alpha One"));
}

void TestAgency::theDraftsListHoldsEveryVisibleCreatorAndNoOther_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("creators"); // whose drafts the list holds; none: refused
    const QStringList both{QStringLiteral("alphaOne"), QStringLiteral("alphaTwo")};
    QTest::newRow("owner: both of the agency's") << QStringLiteral("owner") << both;
    QTest::newRow("admin: both of the agency's") << QStringLiteral("admin") << both;
    QTest::newRow("chatter: the one assigned") << QStringLiteral("chatter") << QStringList{QStringLiteral("alphaOne")};
    QTest::newRow("creator: their own") << QStringLiteral("creator") << QStringList{QStringLiteral("alphaTwo")};
    QTest::newRow("analyst: keeps no drafts") << QStringLiteral("analyst") << QStringList{};
    QTest::newRow("another agency's owner: theirs") << QStringLiteral("otherOwner") << QStringList{QStringLiteral("bravoOne")};
}

void TestAgency::theDraftsListHoldsEveryVisibleCreatorAndNoOther()
{
    QFETCH(QString, role);
    QFETCH(QStringList, creators);
    const QString token = role == QLatin1String("otherOwner") ? m_otherOwner : m_tokens.value(role);
    const Answer answer = call("GET", QStringLiteral("/api/agency/drafts"), {}, token);
    const QHash<QString, std::pair<qint64, QString>> known{{QStringLiteral("alphaOne"), {m_alphaOne, alphaOne}},
                                                           {QStringLiteral("alphaTwo"), {m_alphaTwo, alphaTwo}},
                                                           {QStringLiteral("bravoOne"), {m_bravoOne, bravo}}};
    // Nothing of a creator the member does not work for, in any field.
    for (auto it = known.cbegin(); it != known.cend(); ++it) {
        if (!creators.contains(it.key()))
            QVERIFY2(!answer.body.contains(it.value().second.toUtf8()), answer.body.constData());
    }
    if (creators.isEmpty()) {
        QCOMPARE(answer.status, 403);
        return;
    }
    QCOMPARE(answer.status, 200);
    QSet<qint64> listed;
    for (const QJsonValue &draft : answer.json.value(QStringLiteral("drafts")).toArray()) {
        listed.insert(draft.toObject().value(QStringLiteral("creatorId")).toInteger());
        QVERIFY(!draft.toObject().value(QStringLiteral("authorEmail")).toString().isEmpty());
    }
    QSet<qint64> expected;
    for (const QString &creator : creators)
        expected.insert(known.value(creator).first);
    QCOMPARE(listed, expected);
}

void TestAgency::chattersReceiveNoSpending()
{
    const QJsonArray chatters = call("GET", QStringLiteral("/api/fans"), {}, m_chatter).json.value(QStringLiteral("fans")).toArray();
    QVERIFY(!chatters.isEmpty());
    for (const QJsonValue &fan : chatters) {
        QVERIFY(!fan.toObject().contains(QStringLiteral("totalSpend")));
        QVERIFY(!fan.toObject().contains(QStringLiteral("lastPurchase")));
        QVERIFY(!fan.toObject().value(QStringLiteral("name")).toString().isEmpty());
    }
    const QJsonArray admins
        = call("GET", QStringLiteral("/api/fans?creator=%1").arg(m_alphaOne), {}, m_admin).json.value(QStringLiteral("fans")).toArray();
    QVERIFY(std::any_of(admins.begin(), admins.end(),
                        [](const QJsonValue &fan) { return fan.toObject().value(QStringLiteral("totalSpend")).toDouble() == 120; }));
}

void TestAgency::invitationCodesWorkOnceAndExpire()
{
    const QString code
        = invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}});
    QVERIFY(code.startsWith(QStringLiteral("HZ-")));
    // Typed by hand: lower case, spaces instead of dashes.
    const QString typed = code.toLower().replace(u'-', u' ');
    const QString joined = signUp(QStringLiteral("first@alpha.test"), {}, typed);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, joined).status, 200);

    // The same code again: refused, and no account is created.
    const Answer reused = call("POST", QStringLiteral("/api/auth/sign-up"),
                               {{QStringLiteral("email"), QStringLiteral("second@alpha.test")},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("invitation"), code}});
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.errorField(), QStringLiteral("invitation"));
    QVERIFY(reused.errorMessage().contains(QStringLiteral("already used")));
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"),
                  {{QStringLiteral("email"), QStringLiteral("second@alpha.test")}, {QStringLiteral("password"), password}})
                 .status,
             401);

    // An expired code (its expiry moved into the past, not waited for).
    const QString expiring = invite(m_owner, {{QStringLiteral("role"), QStringLiteral("admin")}});
    execSql(QStringLiteral("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL"));
    const Answer expired = call("POST", QStringLiteral("/api/auth/sign-up"),
                                {{QStringLiteral("email"), QStringLiteral("late@alpha.test")},
                                 {QStringLiteral("password"), password},
                                 {QStringLiteral("invitation"), expiring}});
    QCOMPARE(expired.status, 400);
    QVERIFY(expired.errorMessage().contains(QStringLiteral("expired")));

    // Made up, and malformed.
    for (const QString &bad : {QStringLiteral("HZ-0000-0000-0000-0000-0000"), QStringLiteral("not a code")}) {
        const Answer refused = call("POST", QStringLiteral("/api/auth/sign-up"),
                                    {{QStringLiteral("email"), QStringLiteral("made.up@alpha.test")},
                                     {QStringLiteral("password"), password},
                                     {QStringLiteral("invitation"), bad}});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorField(), QStringLiteral("invitation"));
    }
}

void TestAgency::anExistingAccountJoinsWithAnInvitation()
{
    const QString solo = signUp(QStringLiteral("solo@charlie.test"), QStringLiteral("Charlie"));
    const QString code
        = invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}});
    const Answer joined = call("POST", QStringLiteral("/api/auth/sign-in"),
                               {{QStringLiteral("email"), QStringLiteral("solo@charlie.test")},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("invitation"), code}});
    QCOMPARE(joined.status, 200);
    const QJsonObject user = joined.json.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("agency")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Alpha One"));
    QCOMPARE(user.value(QStringLiteral("role")).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("chatter"));
    const QString token = joined.json.value(QStringLiteral("token")).toString();
    QVERIFY(call("GET", QStringLiteral("/api/fans"), {}, token).body.contains(alphaOne.toUtf8()));
    // Their own agency is still theirs: a plain sign-in returns to it.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, solo)
                 .json.value(QStringLiteral("user"))
                 .toObject()
                 .value(QStringLiteral("role"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             QStringLiteral("owner"));
}

void TestAgency::onlyOwnersMakeOwnersAndAnAgencyKeepsOne()
{
    const Answer adminInvitesOwner
        = call("POST", QStringLiteral("/api/agency/invitations"), {{QStringLiteral("role"), QStringLiteral("owner")}}, m_admin);
    QCOMPARE(adminInvitesOwner.status, 403);
    const qint64 ownerId = userIdOf(m_owner);
    const Answer adminDemotesOwner
        = call("PUT", QStringLiteral("/api/agency/members/%1").arg(ownerId), {{QStringLiteral("role"), QStringLiteral("admin")}}, m_admin);
    QCOMPARE(adminDemotesOwner.status, 403);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/%1").arg(ownerId), {}, m_admin).status, 403);

    // The only owner cannot step down or leave.
    const Answer lastOwner
        = call("PUT", QStringLiteral("/api/agency/members/%1").arg(ownerId), {{QStringLiteral("role"), QStringLiteral("admin")}}, m_owner);
    QCOMPARE(lastOwner.status, 400);
    QCOMPARE(lastOwner.errorField(), QStringLiteral("role"));
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/%1").arg(ownerId), {}, m_owner).status, 400);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, m_owner)
                 .json.value(QStringLiteral("user"))
                 .toObject()
                 .value(QStringLiteral("role"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             QStringLiteral("owner"));
}

void TestAgency::nobodyGrantsMoreThanTheyHold()
{
    // A custom role that may manage members, but sees no earnings.
    const Answer role = call("POST", QStringLiteral("/api/agency/roles"),
                             {{QStringLiteral("name"), QStringLiteral("Team lead")},
                              {QStringLiteral("scope"), QStringLiteral("all")},
                              {QStringLiteral("permissions"), QJsonArray{QStringLiteral("members.manage"), QStringLiteral("fans.view")}}},
                             m_owner);
    QCOMPARE(role.status, 201);
    const QString lead = signUp(QStringLiteral("lead@alpha.test"), {},
                                invite(m_owner,
                                       {{QStringLiteral("role"), QStringLiteral("custom")},
                                        {QStringLiteral("customRole"), role.json.value(QStringLiteral("id"))}}));
    const Answer admin = call("POST", QStringLiteral("/api/agency/invitations"), {{QStringLiteral("role"), QStringLiteral("admin")}}, lead);
    QCOMPARE(admin.status, 403);
    QVERIFY(admin.errorMessage().contains(QStringLiteral("more rights")));
    const Answer viewer = call(
        "POST", QStringLiteral("/api/agency/invitations"),
        {{QStringLiteral("role"), QStringLiteral("custom")}, {QStringLiteral("customRole"), role.json.value(QStringLiteral("id"))}}, lead);
    QCOMPARE(viewer.status, 201);
}

void TestAgency::reassigningAChatterMovesTheirView()
{
    const QString code
        = invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}});
    const QString chatter = signUp(QStringLiteral("moved@alpha.test"), {}, code);
    QVERIFY(call("GET", QStringLiteral("/api/fans"), {}, chatter).body.contains(alphaOne.toUtf8()));

    const Answer moved
        = call("PUT", QStringLiteral("/api/agency/members/%1").arg(userIdOf(chatter)),
               {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaTwo}}}, m_admin);
    QCOMPARE(moved.status, 204);
    const Answer fans = call("GET", QStringLiteral("/api/fans"), {}, chatter);
    QVERIFY(fans.body.contains(alphaTwo.toUtf8()));
    QVERIFY(!fans.body.contains(alphaOne.toUtf8()));
    QCOMPARE(call("GET", QStringLiteral("/api/fans?creator=%1").arg(m_alphaOne), {}, chatter).status, 403);

    // Another agency's creator cannot be assigned.
    const Answer foreign
        = call("PUT", QStringLiteral("/api/agency/members/%1").arg(userIdOf(chatter)),
               {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_bravoOne}}}, m_owner);
    QCOMPARE(foreign.status, 400);
    QCOMPARE(foreign.errorField(), QStringLiteral("creators[0]"));

    const Answer listed = call("GET", QStringLiteral("/api/agency/members"), {}, m_admin);
    QCOMPARE(listed.status, 200);
    bool found = false;
    for (const QJsonValue &member : listed.json.value(QStringLiteral("members")).toArray()) {
        if (member.toObject().value(QStringLiteral("email")).toString() != QLatin1String("moved@alpha.test"))
            continue;
        found = true;
        QCOMPARE(member.toObject().value(QStringLiteral("creators")).toArray(), QJsonArray{m_alphaTwo});
        QVERIFY(!member.toObject().value(QStringLiteral("lastActive")).toString().isEmpty());
    }
    QVERIFY(found);
    QVERIFY(!listed.body.contains("bravo.test"));
}

void TestAgency::removingAMemberEndsTheirSessionsAtOnce()
{
    const QString code
        = invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}});
    const QString leaving = signUp(QStringLiteral("leaving@alpha.test"), {}, code);
    const Answer secondDevice
        = call("POST", QStringLiteral("/api/auth/sign-in"),
               {{QStringLiteral("email"), QStringLiteral("leaving@alpha.test")}, {QStringLiteral("password"), password}});
    QCOMPARE(secondDevice.status, 200);
    const QString other = secondDevice.json.value(QStringLiteral("token")).toString();
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, leaving).status, 200);

    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/%1").arg(userIdOf(leaving)), {}, m_admin).status, 204);
    for (const QString &token : {leaving, other}) {
        QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, token).status, 401);
        QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, token).status, 401);
    }
    // Their login remains but belongs to no agency: signing in says so.
    const Answer again = call("POST", QStringLiteral("/api/auth/sign-in"),
                              {{QStringLiteral("email"), QStringLiteral("leaving@alpha.test")}, {QStringLiteral("password"), password}});
    QCOMPARE(again.status, 401);
    QVERIFY(again.errorMessage().contains(QStringLiteral("no longer a member")));
}

void TestAgency::archivedCreatorsLeaveEveryList()
{
    const Answer added
        = call("POST", QStringLiteral("/api/agency/creators"), {{QStringLiteral("displayName"), QStringLiteral("Short-lived")}}, m_owner);
    QCOMPARE(added.status, 201);
    const qint64 id = added.json.value(QStringLiteral("creator")).toObject().value(QStringLiteral("id")).toInteger();
    QCOMPARE(call("GET", QStringLiteral("/api/fans?creator=%1").arg(id), {}, m_owner).status, 200);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/creators/%1").arg(id), {}, m_chatter).status, 403);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/creators/%1").arg(m_bravoOne), {}, m_owner).status, 403);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/creators/%1").arg(id), {}, m_owner).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/api/fans?creator=%1").arg(id), {}, m_owner).status, 403);
    QVERIFY(!call("GET", QStringLiteral("/api/me"), {}, m_owner).body.contains("Short-lived"));
}

Result<QStringList> TestAgency::asRuntime(const QStringList &statements)
{
    SqlWorker runtime(m_running.database());
    return test::await(runtime.run<QStringList>([statements](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("BEGIN")))
            return storageError(QStringLiteral("begin"), query.lastError());
        QStringList values;
        for (const QString &statement : statements) {
            values.clear();
            if (!query.exec(statement)) {
                const QSqlError error = query.lastError();
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
                return Error{ErrorCode::Storage, error.databaseText(), statement};
            }
            while (query.isSelect() && query.next())
                values.append(query.value(0).toString());
        }
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return values;
    }));
}

void TestAgency::theAuditLogSaysWhoDidWhat()
{
    const Answer all = call("GET", QStringLiteral("/api/agency/audit"), {}, m_owner);
    QCOMPARE(all.status, 200);
    const QJsonArray entries = all.json.value(QStringLiteral("entries")).toArray();
    QSet<QString> actions;
    bool ownerImportedIntoAlphaTwo = false;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        actions.insert(entry.value(QStringLiteral("action")).toString());
        if (entry.value(QStringLiteral("action")).toString() == QLatin1String("imported")
            && entry.value(QStringLiteral("creatorId")).toInteger() == m_alphaTwo
            && entry.value(QStringLiteral("actorEmail")).toString() == QLatin1String("owner@alpha.test")
            && entry.value(QStringLiteral("detail")).toObject().value(QStringLiteral("kind")).toString() == QLatin1String("fans"))
            ownerImportedIntoAlphaTwo = true;
    }
    for (const char *expected : {"signed_up", "joined", "invited", "imported", "draft_saved", "creator_added", "role_created",
                                 "member_removed", "member_changed", "preference_changed"})
        QVERIFY2(actions.contains(QLatin1String(expected)), expected);
    QVERIFY(ownerImportedIntoAlphaTwo);
    // Newest first, and never a word of another agency.
    QVERIFY(entries.first().toObject().value(QStringLiteral("at")).toString()
            >= entries.last().toObject().value(QStringLiteral("at")).toString());
    QVERIFY(!all.body.contains("bravo"));

    // Filters: one action, one creator.
    const Answer imports = call("GET", QStringLiteral("/api/agency/audit?action=imported&creator=%1").arg(m_alphaOne), {}, m_admin);
    QCOMPARE(imports.status, 200);
    QVERIFY(!imports.json.value(QStringLiteral("entries")).toArray().isEmpty());
    for (const QJsonValue &value : imports.json.value(QStringLiteral("entries")).toArray()) {
        QCOMPARE(value.toObject().value(QStringLiteral("action")).toString(), QStringLiteral("imported"));
        QCOMPARE(value.toObject().value(QStringLiteral("creatorId")).toInteger(), m_alphaOne);
    }
    QCOMPARE(call("GET", QStringLiteral("/api/agency/audit?action=hacked"), {}, m_owner).errorField(), QStringLiteral("action"));
    QCOMPARE(call("GET", QStringLiteral("/api/agency/audit?from=yesterday"), {}, m_owner).errorField(), QStringLiteral("from"));
    const Answer future = call("GET", QStringLiteral("/api/agency/audit?from=2999-01-01T00:00:00Z"), {}, m_owner);
    QCOMPARE(future.json.value(QStringLiteral("entries")).toArray().size(), 0);
    // Chatters do not read the audit log.
    QCOMPARE(call("GET", QStringLiteral("/api/agency/audit"), {}, m_chatter).status, 403);
}

void TestAgency::aCreatorSeesEveryEntryAboutTheirProfile()
{
    const Answer mine = call("GET", QStringLiteral("/api/agency/audit"), {}, m_creator);
    QCOMPARE(mine.status, 200);
    const QJsonArray entries = mine.json.value(QStringLiteral("entries")).toArray();
    QVERIFY(!entries.isEmpty());
    QSet<QString> actions;
    for (const QJsonValue &value : entries) {
        QCOMPARE(value.toObject().value(QStringLiteral("creatorId")).toInteger(), m_alphaTwo);
        actions.insert(value.toObject().value(QStringLiteral("action")).toString());
    }
    // What the agency wrote in their name, and by whom.
    QVERIFY(actions.contains(QStringLiteral("draft_saved")));
    QVERIFY(actions.contains(QStringLiteral("imported")));
    QVERIFY(mine.body.contains("owner@alpha.test"));
    QVERIFY(!mine.body.contains("invited"));
    QCOMPARE(call("GET", QStringLiteral("/api/agency/audit?creator=%1").arg(m_alphaOne), {}, m_creator).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/agency/audit?creator=%1").arg(m_alphaOne), {}, m_creator)
                 .json.value(QStringLiteral("entries"))
                 .toArray()
                 .size(),
             0);
}

void TestAgency::copiedMessagesReachTheCreatorsAuditLog()
{
    const QJsonObject copied{{QStringLiteral("action"), QStringLiteral("messages_copied")},
                             {QStringLiteral("count"), 12},
                             {QStringLiteral("text"), QStringLiteral("Miss you {{fan.first_name}}!")}};
    // Only for a creator the chatter works on.
    QCOMPARE(call("POST", QStringLiteral("/api/agency/audit?creator=%1").arg(m_alphaTwo), copied, m_chatter).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/agency/audit?creator=%1").arg(m_alphaOne), copied, m_chatter).status, 204);
    // Only what a client does: the server's own actions cannot be claimed.
    const Answer forged
        = call("POST", QStringLiteral("/api/agency/audit"), {{QStringLiteral("action"), QStringLiteral("member_removed")}}, m_chatter);
    QCOMPARE(forged.status, 400);
    QCOMPARE(forged.errorField(), QStringLiteral("action"));

    const QJsonArray entries
        = call("GET", QStringLiteral("/api/agency/audit?action=messages_copied&creator=%1").arg(m_alphaOne), {}, m_owner)
              .json.value(QStringLiteral("entries"))
              .toArray();
    const auto byChatter = std::find_if(entries.begin(), entries.end(), [](const QJsonValue &entry) {
        return entry.toObject().value(QStringLiteral("actorEmail")).toString() == QLatin1String("chatter@alpha.test");
    });
    QVERIFY(byChatter != entries.end());
    const QJsonObject detail = byChatter->toObject().value(QStringLiteral("detail")).toObject();
    QCOMPARE(detail.value(QStringLiteral("count")).toInt(), 12);
    QCOMPARE(detail.value(QStringLiteral("text")).toString(), QStringLiteral("Miss you {{fan.first_name}}!"));
}

void TestAgency::theAuditLogIsAppendOnly()
{
    const qint64 alpha = agencyIdOf(m_owner);
    const QString enter
        = QStringLiteral("SELECT set_config('huntaze.agency_id', '%1', true), set_config('huntaze.creators', 'all', true)").arg(alpha);
    for (const QString &change :
         {QStringLiteral("UPDATE audit_log SET action = 'nothing happened'"), QStringLiteral("DELETE FROM audit_log")}) {
        const Result<QStringList> refused = asRuntime({enter, change});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("permission denied")), qPrintable(refused.error().message));
    }
    QVERIFY(asRuntime({enter, QStringLiteral("SELECT count(*) FROM audit_log")}).value().value(0).toInt() > 0);
}

void TestAgency::chattersClockInForTheirCreatorsAndIdleShiftsEnd()
{
    const qint64 chatter = userIdOf(m_chatter);
    (void)call("POST", QStringLiteral("/api/shifts/clock-out"), {}, m_chatter);
    // Not assigned to Alpha Two: no shift there.
    QCOMPARE(call("POST", QStringLiteral("/api/shifts/clock-in?creator=%1").arg(m_alphaTwo), {}, m_chatter).status, 403);
    const Answer started = call("POST", QStringLiteral("/api/shifts/clock-in?creator=%1").arg(m_alphaOne), {}, m_chatter);
    QCOMPARE(started.status, 201);
    QCOMPARE(started.json.value(QStringLiteral("shift")).toObject().value(QStringLiteral("creatorId")).toInteger(), m_alphaOne);
    const Answer current = call("GET", QStringLiteral("/api/shifts/current"), {}, m_chatter);
    QCOMPARE(current.json.value(QStringLiteral("shift")).toObject().value(QStringLiteral("id")),
             started.json.value(QStringLiteral("shift")).toObject().value(QStringLiteral("id")));

    // An hour of work, then as long without activity as the limit: the shift
    // ends at its last activity.
    execSql(QStringLiteral("UPDATE shifts SET clocked_in_at = now() - interval '3 hours', last_activity_at = now() - interval '2 hours' "
                           "WHERE member_id = %1 AND clocked_out_at IS NULL")
                .arg(chatter));
    QVERIFY(call("GET", QStringLiteral("/api/shifts/current"), {}, m_chatter).json.value(QStringLiteral("shift")).isNull());
    const Answer late = call("POST", QStringLiteral("/api/shifts/activity"), {}, m_chatter);
    QCOMPARE(late.status, 409);
    QCOMPARE(late.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(call("POST", QStringLiteral("/api/shifts/clock-out"), {}, m_chatter).status, 409);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString period = QStringLiteral("?from=%1&to=%2").arg(now.addSecs(-4 * 3600).toString(Qt::ISODate), now.toString(Qt::ISODate));
    const Answer listed = call("GET", QStringLiteral("/api/shifts") + period, {}, m_chatter);
    QCOMPARE(listed.status, 200);
    const QJsonArray list = listed.json.value(QStringLiteral("shifts")).toArray();
    const qint64 startedId = started.json.value(QStringLiteral("shift")).toObject().value(QStringLiteral("id")).toInteger();
    const auto found = std::find_if(list.begin(), list.end(), [startedId](const QJsonValue &entry) {
        return entry.toObject().value(QStringLiteral("id")).toInteger() == startedId;
    });
    QVERIFY(found != list.end());
    const Shift lapsed = Shift::fromJson(found->toObject());
    QCOMPARE(lapsed.memberId, chatter);
    QCOMPARE(lapsed.endedBy, shifts::endedByInactivity);
    QCOMPARE(lapsed.clockedInAt.secsTo(lapsed.clockedOutAt), qint64(3600));
}

void TestAgency::theScheduleAndHoursFollowTheRole()
{
    const qint64 chatter = userIdOf(m_chatter);
    const auto slot = [](qint64 member, qint64 creator) {
        return QJsonObject{{QStringLiteral("memberId"), member}, {QStringLiteral("creatorId"), creator},
                           {QStringLiteral("weekday"), 5},       {QStringLiteral("start"), QStringLiteral("18:00")},
                           {QStringLiteral("minutes"), 360},     {QStringLiteral("timeZone"), QStringLiteral("UTC")}};
    };
    // A chatter is planned only on a creator assigned to them, and only by a manager.
    const Answer unassigned = call("POST", QStringLiteral("/api/shifts/schedule"), slot(chatter, m_alphaTwo), m_admin);
    QCOMPARE(unassigned.status, 400);
    QCOMPARE(unassigned.errorField(), QStringLiteral("creatorId"));
    QCOMPARE(call("POST", QStringLiteral("/api/shifts/schedule"), slot(chatter, m_bravoOne), m_owner).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/shifts/schedule"), slot(userIdOf(m_otherOwner), m_alphaOne), m_owner).status, 404);
    const Answer planned = call("POST", QStringLiteral("/api/shifts/schedule"), slot(chatter, m_alphaOne), m_admin);
    QCOMPARE(planned.status, 201);
    const qint64 slotId = planned.json.value(QStringLiteral("slot")).toObject().value(QStringLiteral("id")).toInteger();

    // The chatter reads their own slots; managers everyone's; Bravo nothing of Alpha's.
    const QJsonArray own = call("GET", QStringLiteral("/api/shifts/schedule"), {}, m_chatter).json.value(QStringLiteral("slots")).toArray();
    QVERIFY(!own.isEmpty());
    for (const QJsonValue &entry : own)
        QCOMPARE(entry.toObject().value(QStringLiteral("memberId")).toInteger(), chatter);
    QVERIFY(call("GET", QStringLiteral("/api/shifts/schedule"), {}, m_otherOwner).json.value(QStringLiteral("slots")).toArray().isEmpty());
    QCOMPARE(call("DELETE", QStringLiteral("/api/shifts/schedule/%1").arg(slotId), {}, m_chatter).status, 403);
    QCOMPARE(call("DELETE", QStringLiteral("/api/shifts/schedule/%1").arg(slotId), {}, m_otherOwner).status, 404);

    // Hours: the owner sees the chatter's; the chatter only their own; a bad period is named.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString period
        = QStringLiteral("?from=%1&to=%2").arg(now.addDays(-7).toString(Qt::ISODate), now.addDays(7).toString(Qt::ISODate));
    const QJsonArray all
        = call("GET", QStringLiteral("/api/shifts/hours") + period, {}, m_owner).json.value(QStringLiteral("rows")).toArray();
    QVERIFY(std::any_of(all.begin(), all.end(), [chatter](const QJsonValue &row) {
        return row.toObject().value(QStringLiteral("memberId")).toInteger() == chatter;
    }));
    const QJsonArray mine
        = call("GET", QStringLiteral("/api/shifts/hours") + period, {}, m_chatter).json.value(QStringLiteral("rows")).toArray();
    QVERIFY(!mine.isEmpty());
    for (const QJsonValue &row : mine)
        QCOMPARE(row.toObject().value(QStringLiteral("memberId")).toInteger(), chatter);
    QCOMPARE(call("GET", QStringLiteral("/api/shifts/hours?from=yesterday&to=today"), {}, m_owner).errorField(), QStringLiteral("from"));
    QCOMPARE(call("GET", QStringLiteral("/api/shifts/hours"), {}, m_owner).errorField(), QStringLiteral("from"));
    QCOMPARE(call("GET",
                  QStringLiteral("/api/shifts/hours?from=%1&to=%2").arg(now.toString(Qt::ISODate), now.addDays(-1).toString(Qt::ISODate)),
                  {}, m_owner)
                 .errorField(),
             QStringLiteral("to"));

    QCOMPARE(call("DELETE", QStringLiteral("/api/shifts/schedule/%1").arg(slotId), {}, m_owner).status, 204);
    QCOMPARE(call("DELETE", QStringLiteral("/api/shifts/schedule/%1").arg(slotId), {}, m_owner).status, 404);
}

void TestAgency::sessionsEndEverywhereOrByAManager()
{
    // Signing out everywhere: a login with its own agency that also chats for
    // Alpha loses its sessions in both.
    const QString own = signUp(QStringLiteral("everywhere@foxtrot.test"), QStringLiteral("Foxtrot One"));
    const QJsonObject credentials{{QStringLiteral("email"), QStringLiteral("everywhere@foxtrot.test")},
                                  {QStringLiteral("password"), password}};
    QJsonObject joining = credentials;
    joining.insert(
        QStringLiteral("invitation"),
        invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}}));
    const QString inAlpha = call("POST", QStringLiteral("/api/auth/sign-in"), joining).json.value(QStringLiteral("token")).toString();
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, inAlpha).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-out-everywhere"), {}, own).status, 204);
    for (const QString &token : {own, inAlpha})
        QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, token).status, 401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), credentials).status, 200); // the login stays

    // A manager ends a member's sessions (on two devices); a chatter may end nobody's.
    const QString first = signUp(
        QStringLiteral("ended@alpha.test"), {},
        invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}}));
    const QString second = call("POST", QStringLiteral("/api/auth/sign-in"),
                                {{QStringLiteral("email"), QStringLiteral("ended@alpha.test")}, {QStringLiteral("password"), password}})
                               .json.value(QStringLiteral("token"))
                               .toString();
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, second).status, 200);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/%1/sessions").arg(userIdOf(m_admin)), {}, first).status, 403);
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/%1/sessions").arg(userIdOf(first)), {}, m_admin).status, 204);
    for (const QString &token : {first, second})
        QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, token).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, m_admin).status, 200);
    // Another agency's member is nobody here.
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/%1/sessions").arg(userIdOf(m_otherOwner)), {}, m_admin).status, 404);
}

void TestAgency::aNewPasswordEndsTheLoginsSessionsInEveryAgency()
{
    // A login with its own agency that also chats for Alpha: a session in each.
    const QString own = signUp(QStringLiteral("twice@echo.test"), QStringLiteral("Echo One"));
    const Answer joined = call(
        "POST", QStringLiteral("/api/auth/sign-in"),
        {{QStringLiteral("email"), QStringLiteral("twice@echo.test")},
         {QStringLiteral("password"), password},
         {QStringLiteral("invitation"),
          invite(m_owner, {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_alphaOne}}})}});
    QCOMPARE(joined.status, 200);
    const QString inAlpha = joined.json.value(QStringLiteral("token")).toString();
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, inAlpha).status, 200);

    const QJsonObject wrong{{QStringLiteral("currentPassword"), QStringLiteral("not it at all")},
                            {QStringLiteral("newPassword"), QStringLiteral("a brand new passphrase")}};
    const Answer refused = call("POST", QStringLiteral("/api/auth/password"), wrong, own);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorField(), QStringLiteral("currentPassword"));
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, inAlpha).status, 200);

    const QJsonObject right{{QStringLiteral("currentPassword"), password},
                            {QStringLiteral("newPassword"), QStringLiteral("a brand new passphrase")}};
    QCOMPARE(call("POST", QStringLiteral("/api/auth/password"), right, own).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, own).status, 200); // the session that asked
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, inAlpha).status, 401); // the other agency's too
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"),
                  {{QStringLiteral("email"), QStringLiteral("twice@echo.test")}, {QStringLiteral("password"), password}})
                 .status,
             401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"),
                  {{QStringLiteral("email"), QStringLiteral("twice@echo.test")},
                   {QStringLiteral("password"), QStringLiteral("a brand new passphrase")}})
                 .status,
             200);
    const QJsonArray entries
        = call("GET", QStringLiteral("/api/agency/audit?action=password_changed"), {}, own).json.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 1);
    // Without a session, nothing to change.
    QCOMPARE(call("POST", QStringLiteral("/api/auth/password"), right).status, 401);
}

void TestAgency::onlyAnOwnerDeletesTheAgency()
{
    const QString owner = signUp(QStringLiteral("owner@delta.test"), QStringLiteral("Delta One"));
    const QJsonObject me = call("GET", QStringLiteral("/api/me"), {}, owner).json.value(QStringLiteral("user")).toObject();
    const QString name = me.value(QStringLiteral("agency")).toObject().value(QStringLiteral("name")).toString();
    const qint64 agencyId = me.value(QStringLiteral("agency")).toObject().value(QStringLiteral("id")).toInteger();
    QVERIFY(!name.isEmpty());
    seed(owner, me.value(QStringLiteral("creatorId")).toInteger(), QStringLiteral("delta"));
    const QString admin
        = signUp(QStringLiteral("admin@delta.test"), {}, invite(owner, {{QStringLiteral("role"), QStringLiteral("admin")}}));
    const QString confirm = QStringLiteral("/api/agency?confirm=") + QString::fromLatin1(QUrl::toPercentEncoding(name));

    QCOMPARE(call("DELETE", confirm, {}, admin).status, 403); // admins may not
    const Answer slip = call("DELETE", QStringLiteral("/api/agency?confirm=Delta"), {}, owner);
    QCOMPARE(slip.status, 400);
    QCOMPARE(slip.errorField(), QStringLiteral("confirm"));
    QVERIFY(slip.errorMessage().contains(name));
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, owner).status, 200); // nothing happened

    QCOMPARE(call("DELETE", confirm, {}, owner).status, 204);
    for (const QString &token : {owner, admin})
        QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, token).status, 401);
    const Answer again = call("POST", QStringLiteral("/api/auth/sign-in"),
                              {{QStringLiteral("email"), QStringLiteral("owner@delta.test")}, {QStringLiteral("password"), password}});
    QCOMPARE(again.status, 401);
    // Not a row of it is left; the other agencies keep theirs.
    SqlWorker worker(m_running.superuserDatabase());
    const Result<int> left = test::await(worker.run<int>([agencyId](QSqlDatabase &db) -> Result<int> {
        int rows = 0;
        for (const char *table : {"creators", "members", "fans", "offers", "posts", "drafts", "audit_log", "sessions", "shifts"}) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE agency_id = ?").arg(QLatin1String(table)));
            query.addBindValue(agencyId);
            if (!query.exec() || !query.next())
                return storageError(QStringLiteral("count"), query.lastError());
            rows += query.value(0).toInt();
        }
        return rows;
    }));
    QVERIFY(left.ok());
    QCOMPARE(left.value(), 0);
    QVERIFY(call("GET", QStringLiteral("/api/fans?creator=%1").arg(m_alphaOne), {}, m_owner).body.contains(alphaOne.toUtf8()));
}

void TestAgency::theRuntimeRoleIsUnprivileged()
{
    const Result<QStringList> role
        = asRuntime({QStringLiteral("SELECT (rolsuper OR rolbypassrls)::text FROM pg_roles WHERE rolname = current_user")});
    QVERIFY(role.ok());
    QCOMPARE(role.value(), QStringList{QStringLiteral("false")});
    const Result<QStringList> owned = asRuntime({QStringLiteral("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")});
    QCOMPARE(owned.value(), QStringList{QStringLiteral("0")});
    // Every table with agency data has its policies enforced, for its owner too.
    const Result<QStringList> unprotected
        = asRuntime({QStringLiteral("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('users', 'schema_migrations') "
                                    "AND NOT (c.relrowsecurity AND c.relforcerowsecurity) ORDER BY 1")});
    QVERIFY(unprotected.ok());
    QCOMPARE(unprotected.value(), QStringList{});
    // The owner that migrated is held to the policies as well (FORCE): no
    // superuser, no BYPASSRLS, as docs/server.md tells an operator to make it.
    const Result<QStringList> owner = asRuntime(
        {QStringLiteral("SELECT t.tableowner || ' ' || (r.rolsuper OR r.rolbypassrls)::text FROM pg_tables t "
                        "JOIN pg_roles r ON r.rolname = t.tableowner WHERE t.schemaname = 'public' AND t.tablename = 'sessions'")});
    QCOMPARE(owner.value(), QStringList{QStringLiteral("huntaze_owner false")});
}

void TestAgency::aDigestLookUpRevealsOnlyItsOwnRow()
{
    // The session look-up names the digest it looks for; anyone may set that
    // setting, and it shows the one session whose token they already hold.
    const QString digest = QString::fromLatin1(sessiontoken::digest(m_chatter).toHex());
    const QString lookUp = QStringLiteral("SELECT set_config('huntaze.lookup_digest', '%1', true)").arg(digest);
    const Result<QStringList> found = asRuntime({lookUp, QStringLiteral("SELECT count(*) FROM sessions")});
    QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
    QCOMPARE(found.value(), QStringList{QStringLiteral("1")});
    const Result<QStringList> unknown
        = asRuntime({QStringLiteral("SELECT set_config('huntaze.lookup_digest', '%1', true)").arg(QString(64, u'0')),
                     QStringLiteral("SELECT count(*) FROM sessions")});
    QCOMPARE(unknown.value(), QStringList{QStringLiteral("0")});
    // Nothing else of that agency shows, and no session can be written into it.
    QCOMPARE(asRuntime({lookUp, QStringLiteral("SELECT count(*) FROM members")}).value(), QStringList{QStringLiteral("0")});
    const qint64 chatter = userIdOf(m_chatter);
    const Result<QStringList> planted
        = asRuntime({QStringLiteral("SELECT set_config('huntaze.lookup_digest', '%1', true)").arg(QString(64, u'a')),
                     QStringLiteral("INSERT INTO sessions (token_digest, user_id, agency_id, created_at, last_used_at) "
                                    "VALUES (decode(repeat('a', 64), 'hex'), %1, 1, now(), now())")
                         .arg(chatter)});
    QVERIFY(!planted.ok());
    QVERIFY2(planted.error().message.contains(QStringLiteral("row-level security")), qPrintable(planted.error().message));
}

void TestAgency::rowLevelSecurityKeepsAgenciesApart_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::newRow("fans") << QStringLiteral("fans") << QStringLiteral("name");
    QTest::newRow("offers") << QStringLiteral("offers") << QStringLiteral("title");
    QTest::newRow("posts") << QStringLiteral("posts") << QStringLiteral("caption");
    QTest::newRow("drafts") << QStringLiteral("drafts") << QStringLiteral("body");
    QTest::newRow("earning_events") << QStringLiteral("earning_events") << QStringLiteral("fan");
    QTest::newRow("earning_fan_days") << QStringLiteral("earning_fan_days") << QStringLiteral("fan");
}

void TestAgency::rowLevelSecurityKeepsAgenciesApart()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    const QString rows = QStringLiteral("SELECT %1 FROM %2 ORDER BY 1").arg(column, table);
    auto enter = [](qint64 agency, const QString &creators) {
        return QStringLiteral("SELECT set_config('huntaze.agency_id', '%1', true), set_config('huntaze.creators', '%2', true)")
            .arg(agency)
            .arg(creators);
    };
    auto markers = [](const QStringList &values) {
        QStringList found;
        for (const QString &value : values)
            found.append(value.section(u' ', 0, 0));
        found.removeDuplicates();
        return found;
    };
    const qint64 alpha = agencyIdOf(m_owner);

    // Nobody set: nothing at all, of any agency, in any table.
    const Result<QStringList> nobody = asRuntime({rows});
    QVERIFY2(nobody.ok(), qPrintable(nobody.ok() ? QString() : nobody.error().message));
    QCOMPARE(nobody.value(), QStringList{});
    for (const char *other :
         {"agencies", "creators", "members", "member_creators", "sessions", "invitations", "custom_roles", "creator_preferences", "imports",
          "import_rows", "shifts", "shift_slots", "earning_days", "earning_hours", "earning_fans"})
        QCOMPARE(asRuntime({QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(other))}).value(),
                 QStringList{QStringLiteral("0")});

    // Agency Alpha, all its creators: both of Alpha's, none of Bravo's.
    const Result<QStringList> owner = asRuntime({enter(alpha, QStringLiteral("all")), rows});
    QVERIFY(owner.ok());
    QVERIFY(markers(owner.value()).contains(alphaOne));
    QVERIFY(markers(owner.value()).contains(alphaTwo));
    QVERIFY(!markers(owner.value()).contains(bravo));

    // A chatter's transaction: only the assigned creator's rows.
    const Result<QStringList> chatter = asRuntime({enter(alpha, QString::number(m_alphaOne)), rows});
    QVERIFY(chatter.ok());
    QVERIFY(!chatter.value().isEmpty());
    for (const QString &marker : markers(chatter.value()))
        QVERIFY2(marker == alphaOne || !marker.startsWith(QStringLiteral("alpha")), qPrintable(marker));
    QVERIFY(!markers(chatter.value()).contains(alphaTwo) && !markers(chatter.value()).contains(bravo));

    // The settings end with the transaction: a pooled connection forgets them.
    const Result<QStringList> after
        = asRuntime({enter(alpha, QStringLiteral("all")), QStringLiteral("COMMIT"), QStringLiteral("BEGIN"), rows});
    QVERIFY(after.ok());
    QCOMPARE(after.value(), QStringList{});
}

void TestAgency::rowLevelSecurityRefusesWritesIntoAnotherAgency()
{
    const qint64 bravoAgency = agencyIdOf(m_otherOwner);
    const qint64 alpha = agencyIdOf(m_owner);
    const QString enterAlpha
        = QStringLiteral("SELECT set_config('huntaze.agency_id', '%1', true), set_config('huntaze.creators', 'all', true)").arg(alpha);

    const Result<QStringList> inserted = asRuntime(
        {enterAlpha,
         QStringLiteral("INSERT INTO fans (agency_id, creator_id, name) VALUES (%1, %2, 'planted')").arg(bravoAgency).arg(m_bravoOne)});
    QVERIFY(!inserted.ok());
    QVERIFY2(inserted.error().message.contains(QStringLiteral("row-level security")), qPrintable(inserted.error().message));

    const Result<QStringList> updated
        = asRuntime({enterAlpha, QStringLiteral("UPDATE fans SET name = 'renamed' WHERE agency_id = %1 RETURNING name").arg(bravoAgency)});
    QVERIFY(updated.ok());
    QCOMPARE(updated.value(), QStringList{});
    const Result<QStringList> deleted
        = asRuntime({enterAlpha, QStringLiteral("DELETE FROM drafts WHERE agency_id = %1 RETURNING body").arg(bravoAgency)});
    QVERIFY(deleted.ok());
    QCOMPARE(deleted.value(), QStringList{});
    // Bravo's rows are all still there.
    QVERIFY(call("GET", QStringLiteral("/api/fans"), {}, m_otherOwner).body.contains(bravo.toUtf8()));
    QVERIFY(call("GET", QStringLiteral("/api/drafts"), {}, m_otherOwner).body.contains(bravo.toUtf8()));
    // The session look-up function hands out nothing for a made-up token.
    QCOMPARE(asRuntime({QStringLiteral("SELECT user_id FROM huntaze_enter_session('\\x00ff'::bytea, false)")}).value(), QStringList{});
}

QTEST_MAIN(TestAgency)
#include "tst_agency.moc"

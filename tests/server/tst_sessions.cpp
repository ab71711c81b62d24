// Sessions that expire (issue 11): short-lived access tokens, refresh tokens
// that rotate and give away a stolen copy, the purge of dead sessions, and
// the desktop renewing on its own so the user never meets a 401 a refresh
// could have avoided. Time is a FakeClock shared by the server and the
// desktop: nothing here waits on the wall clock.
#include "backend/remotebackend.h"
#include "fakeclock.h"
#include "memorysecretstore.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "state/sessionmanager.h"
#include "state/userstore.h"
#include "storage/passwordresetrepository.h"
#include "storage/sqlworker.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace huntaze;
using namespace std::chrono_literals;
using test::Answer;
using test::await;

namespace {

const QString password = QStringLiteral("long enough password");

struct Tokens {
    QString access;
    QString refresh;
};

} // namespace

class TestSessions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void signInHandsOutAnExpiringPair();
    void anAccessTokenStopsAtItsExpiry();
    void refreshRotatesBothTokens();
    void aSpentRefreshTokenEndsTheWholeSession();
    void refreshTokensSlideAndThenExpire();
    void refreshNeedsAToken_data();
    void refreshNeedsAToken();
    void signingOutWithAnExpiredAccessTokenStillEndsTheSession();
    void removedMembersCannotRefresh();
    void deadSessionsArePurged();
    void aManagersResetCodeSetsANewPasswordOnce();
    void resetCodesAreRefusedAlike_data();
    void resetCodesAreRefusedAlike();
    void onlyManagersIssueResetCodes();

    void desktopRenewsBeforeExpiry();
    void desktopRenewsOnceAfterA401ForManyCalls();
    void desktopKeepsTheRotatedTokenInTheKeychain();
    void desktopSessionEndedElsewhereIsAPlain401();

private:
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, const QString &token = {});
    Tokens signUp(const QString &email);
    Answer refresh(const QString &refreshToken)
    {
        return call("POST", QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), refreshToken}});
    }
    int sessionRows(const QString &email);
    std::unique_ptr<RemoteBackend> desktop();

    // Whole seconds, as the answers' instants are written.
    test::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC)};
    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    std::unique_ptr<CircuitBreakerRegistry> m_breakers;
    std::unique_ptr<ApiClient> m_api;
    int m_accounts = 0;
};

void TestSessions::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([this](server::ServerConfig &config) {
        config.databaseConnections = 2;
        config.clock = &m_clock;
    }));
}

void TestSessions::init()
{
    m_breakers = std::make_unique<CircuitBreakerRegistry>(m_clock);
    m_api = std::make_unique<ApiClient>(m_network, *m_breakers, m_clock);
}

void TestSessions::cleanup()
{
    m_api.reset();
    m_breakers.reset();
}

Answer TestSessions::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token)
{
    return test::send(m_network, m_running.url().resolved(QUrl(path)), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

Tokens TestSessions::signUp(const QString &email)
{
    const Answer answer = call("POST", QStringLiteral("/api/auth/sign-up"),
                               {{QStringLiteral("email"), email},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("displayName"), QStringLiteral("Mia Rose")}});
    if (answer.status != 201)
        qFatal("sign-up failed: %d %s", answer.status, answer.body.constData());
    return {answer.json.value(QStringLiteral("token")).toString(), answer.json.value(QStringLiteral("refreshToken")).toString()};
}

int TestSessions::sessionRows(const QString &email)
{
    SqlWorker database(m_running.superuserDatabase());
    return await(database.run<int>([email](QSqlDatabase &db) -> Result<int> {
               QSqlQuery query(db);
               query.prepare(QStringLiteral("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?"));
               query.addBindValue(email);
               if (!query.exec() || !query.next())
                   return storageError(QStringLiteral("count sessions"), query.lastError());
               return query.value(0).toInt();
           }))
        .value();
}

std::unique_ptr<RemoteBackend> TestSessions::desktop()
{
    auto backend = std::make_unique<RemoteBackend>(*m_api, m_running.url());
    backend->session().useClock(m_clock);
    return backend;
}

void TestSessions::signInHandsOutAnExpiringPair()
{
    signUp(QStringLiteral("pair@example.com"));
    const Answer signedIn = call("POST", QStringLiteral("/api/auth/sign-in"),
                                 {{QStringLiteral("email"), QStringLiteral("pair@example.com")}, {QStringLiteral("password"), password}});
    QCOMPARE(signedIn.status, 200);
    QCOMPARE(signedIn.json.value(QStringLiteral("expiresIn")).toInt(), 15 * 60);
    const QDateTime expiresAt = QDateTime::fromString(signedIn.json.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    QCOMPARE(m_clock.now().secsTo(expiresAt), 15 * 60);
    const QDateTime refreshExpiresAt
        = QDateTime::fromString(signedIn.json.value(QStringLiteral("refreshExpiresAt")).toString(), Qt::ISODate);
    QCOMPARE(m_clock.now().daysTo(refreshExpiresAt), 30);
    const QString refreshToken = signedIn.json.value(QStringLiteral("refreshToken")).toString();
    QCOMPARE(refreshToken.size(), 43); // 256 bits, base64url
    QVERIFY(refreshToken != signedIn.json.value(QStringLiteral("token")).toString());
    // The refresh token is no access token.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, refreshToken).status, 401);
}

void TestSessions::anAccessTokenStopsAtItsExpiry()
{
    const Tokens tokens = signUp(QStringLiteral("expiry@example.com"));
    m_clock.advance(14min + 59s);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, tokens.access).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, tokens.access).status, 200);
    m_clock.advance(1s);
    for (const QString &path : {QStringLiteral("/api/me"), QStringLiteral("/api/fans"), QStringLiteral("/api/agency/members")}) {
        const Answer expired = call("GET", path, {}, tokens.access);
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.errorCode(), QStringLiteral("unauthorized"));
    }
    // The session itself lives on: its refresh token gets a new pair.
    QCOMPARE(refresh(tokens.refresh).status, 200);
}

void TestSessions::refreshRotatesBothTokens()
{
    const Tokens first = signUp(QStringLiteral("rotate@example.com"));
    m_clock.advance(10min);
    const Answer renewed = refresh(first.refresh);
    QCOMPARE(renewed.status, 200);
    const Tokens second{renewed.json.value(QStringLiteral("token")).toString(),
                        renewed.json.value(QStringLiteral("refreshToken")).toString()};
    QVERIFY(second.access != first.access);
    QVERIFY(second.refresh != first.refresh);
    QCOMPARE(renewed.json.value(QStringLiteral("expiresIn")).toInt(), 15 * 60);
    // The old access token stops at once, the new one works a full lifetime from now.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, first.access).status, 401);
    m_clock.advance(14min);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, second.access).status, 200);
    QCOMPARE(sessionRows(QStringLiteral("rotate@example.com")), 1);
}

void TestSessions::aSpentRefreshTokenEndsTheWholeSession()
{
    const QString email = QStringLiteral("stolen@example.com");
    const Tokens original = signUp(email);
    // Another device of the same login: a session of its own, untouched by what follows.
    const Answer laptop
        = call("POST", QStringLiteral("/api/auth/sign-in"), {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    QCOMPARE(laptop.status, 200);
    // The thief refreshes first with a copy; then the owner's app presents the same token.
    const Answer thief = refresh(original.refresh);
    QCOMPARE(thief.status, 200);
    const QString thiefAccess = thief.json.value(QStringLiteral("token")).toString();
    const QString thiefRefresh = thief.json.value(QStringLiteral("refreshToken")).toString();
    const Answer owner = refresh(original.refresh);
    QCOMPARE(owner.status, 401);
    QCOMPARE(owner.errorCode(), QStringLiteral("unauthorized"));
    // Everything that session handed out is dead, the thief's pair included.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, thiefAccess).status, 401);
    QCOMPARE(refresh(thiefRefresh).status, 401);
    QCOMPARE(sessionRows(email), 1);
    const QString laptopAccess = laptop.json.value(QStringLiteral("token")).toString();
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, laptopAccess).status, 200);
    // And the owner can read why in the audit log.
    const QJsonArray entries
        = call("GET", QStringLiteral("/api/agency/audit"), {}, laptopAccess).json.value(QStringLiteral("entries")).toArray();
    int reused = 0;
    for (const QJsonValue &entry : entries)
        reused += entry.toObject().value(QStringLiteral("action")).toString() == QLatin1String("refresh_token_reused");
    QCOMPARE(reused, 1);
}

void TestSessions::refreshTokensSlideAndThenExpire()
{
    Tokens tokens = signUp(QStringLiteral("slide@example.com"));
    // Used every 29 days, a session never ends.
    for (int month = 0; month < 3; ++month) {
        m_clock.advance(std::chrono::days(29));
        const Answer renewed = refresh(tokens.refresh);
        QCOMPARE(renewed.status, 200);
        tokens = {renewed.json.value(QStringLiteral("token")).toString(), renewed.json.value(QStringLiteral("refreshToken")).toString()};
    }
    // Left alone 30 days, it does.
    m_clock.advance(std::chrono::days(30));
    QCOMPARE(refresh(tokens.refresh).status, 401);
    QCOMPARE(sessionRows(QStringLiteral("slide@example.com")), 0);
}

void TestSessions::refreshNeedsAToken_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("no body") << QByteArray() << 400 << QStringLiteral("validation_failed");
    QTest::newRow("no token") << QByteArray("{}") << 400 << QStringLiteral("validation_failed");
    QTest::newRow("not a string") << QByteArray(R"({"refreshToken": 42})") << 400 << QStringLiteral("validation_failed");
    QTest::newRow("too long") << (R"({"refreshToken": ")" + QByteArray(300, 'a') + R"("})") << 400 << QStringLiteral("validation_failed");
    QTest::newRow("NUL") << QByteArray(R"({"refreshToken": "abc\u0000def"})") << 400 << QStringLiteral("validation_failed");
    QTest::newRow("unknown") << QByteArray(R"({"refreshToken": "nobody-has-this-token"})") << 401 << QStringLiteral("unauthorized");
}

void TestSessions::refreshNeedsAToken()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const Answer answer = test::send(m_network, m_running.url().resolved(QUrl(QStringLiteral("/api/auth/refresh"))), "POST", body, {});
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.errorCode(), code);
}

void TestSessions::signingOutWithAnExpiredAccessTokenStillEndsTheSession()
{
    const Tokens tokens = signUp(QStringLiteral("late-signout@example.com"));
    m_clock.advance(20min);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-out"), {}, tokens.access).status, 204);
    QCOMPARE(refresh(tokens.refresh).status, 401);
    QCOMPARE(sessionRows(QStringLiteral("late-signout@example.com")), 0);
}

void TestSessions::removedMembersCannotRefresh()
{
    const Tokens owner = signUp(QStringLiteral("remover@example.com"));
    const Answer invited
        = call("POST", QStringLiteral("/api/agency/invitations"), {{QStringLiteral("role"), QStringLiteral("admin")}}, owner.access);
    QCOMPARE(invited.status, 201);
    const Answer joined = call("POST", QStringLiteral("/api/auth/sign-up"),
                               {{QStringLiteral("email"), QStringLiteral("removed@example.com")},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("invitation"), invited.json.value(QStringLiteral("code")).toString()}});
    QCOMPARE(joined.status, 201);
    const qint64 memberId = joined.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toInteger();
    QCOMPARE(call("DELETE", QStringLiteral("/api/agency/members/%1").arg(memberId), {}, owner.access).status, 204);
    QCOMPARE(refresh(joined.json.value(QStringLiteral("refreshToken")).toString()).status, 401);
}

void TestSessions::deadSessionsArePurged()
{
    const Tokens kept = signUp(QStringLiteral("kept@example.com"));
    signUp(QStringLiteral("forgotten@example.com"));
    m_clock.advance(std::chrono::days(20));
    const Answer renewed = refresh(kept.refresh);
    QCOMPARE(renewed.status, 200);
    m_clock.advance(std::chrono::days(11)); // the forgotten one is 31 days old; the kept one was refreshed 11 days ago
    const Result<int> purged = await(m_running.server().purgeExpiredSessions());
    QVERIFY(purged.ok());
    QVERIFY(purged.value() >= 1);
    QCOMPARE(sessionRows(QStringLiteral("forgotten@example.com")), 0);
    QCOMPARE(sessionRows(QStringLiteral("kept@example.com")), 1);
    QCOMPARE(refresh(renewed.json.value(QStringLiteral("refreshToken")).toString()).status, 200);
}

namespace {
QString codeFrom(const Answer &answer)
{
    if (answer.status != 201)
        qFatal("issuing a reset code failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("code")).toString();
}
} // namespace

void TestSessions::aManagersResetCodeSetsANewPasswordOnce()
{
    const Tokens owner = signUp(QStringLiteral("reset-owner@example.com"));
    const Answer invited
        = call("POST", QStringLiteral("/api/agency/invitations"), {{QStringLiteral("role"), QStringLiteral("chatter")}}, owner.access);
    const Answer joined = call("POST", QStringLiteral("/api/auth/sign-up"),
                               {{QStringLiteral("email"), QStringLiteral("forgetful@example.com")},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("invitation"), invited.json.value(QStringLiteral("code")).toString()}});
    QCOMPARE(joined.status, 201);
    const qint64 memberId = joined.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toInteger();
    const Answer issued = call("POST", QStringLiteral("/api/agency/members/%1/password-reset").arg(memberId), {}, owner.access);
    const QString code = codeFrom(issued);
    QVERIFY(code.startsWith(QLatin1String("HZ-")));
    QCOMPARE(m_clock.now().secsTo(QDateTime::fromString(issued.json.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate)),
             24 * 3600);

    const QString newPassword = QStringLiteral("a brand new passphrase");
    const QJsonObject reset{{QStringLiteral("email"), QStringLiteral("Forgetful@Example.com")},
                            {QStringLiteral("code"), code.toLower()}, // typed as it comes
                            {QStringLiteral("newPassword"), newPassword}};
    QCOMPARE(call("POST", QStringLiteral("/api/auth/reset-password"), reset).status, 204);
    // Whoever knew the old password is out: every session of the login ended.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, joined.json.value(QStringLiteral("token")).toString()).status, 401);
    QCOMPARE(refresh(joined.json.value(QStringLiteral("refreshToken")).toString()).status, 401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"),
                  {{QStringLiteral("email"), QStringLiteral("forgetful@example.com")}, {QStringLiteral("password"), password}})
                 .status,
             401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"),
                  {{QStringLiteral("email"), QStringLiteral("forgetful@example.com")}, {QStringLiteral("password"), newPassword}})
                 .status,
             200);
    // Once only.
    QJsonObject again = reset;
    again.insert(QStringLiteral("newPassword"), QStringLiteral("yet another passphrase"));
    const Answer reused = call("POST", QStringLiteral("/api/auth/reset-password"), again);
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.errorField(), QStringLiteral("code"));
    // Both ends are in the audit log.
    QSet<QString> actions;
    for (const QJsonValue &entry :
         call("GET", QStringLiteral("/api/agency/audit"), {}, owner.access).json.value(QStringLiteral("entries")).toArray())
        actions.insert(entry.toObject().value(QStringLiteral("action")).toString());
    QVERIFY(actions.contains(QStringLiteral("password_reset_issued")));
    QVERIFY(actions.contains(QStringLiteral("password_reset")));
}

void TestSessions::resetCodesAreRefusedAlike_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("tamper");
    QTest::addColumn<int>("hoursLater");
    QTest::newRow("another login's email") << QStringLiteral("reset-owner2@example.com") << false << 0;
    QTest::newRow("a code that is no code") << QStringLiteral("reset-target@example.com") << true << 0;
    QTest::newRow("a day and a minute later") << QStringLiteral("reset-target@example.com") << false << 25;
}

void TestSessions::resetCodesAreRefusedAlike()
{
    QFETCH(QString, email);
    QFETCH(bool, tamper);
    QFETCH(int, hoursLater);
    static int round = 0;
    ++round;
    const QString ownerEmail = QStringLiteral("reset-owner%1@example.com").arg(round + 1);
    const Tokens owner = signUp(ownerEmail);
    const Answer invited
        = call("POST", QStringLiteral("/api/agency/invitations"), {{QStringLiteral("role"), QStringLiteral("admin")}}, owner.access);
    const QString target = QStringLiteral("reset-target%1@example.com").arg(round);
    const Answer joined = call("POST", QStringLiteral("/api/auth/sign-up"),
                               {{QStringLiteral("email"), target},
                                {QStringLiteral("password"), password},
                                {QStringLiteral("invitation"), invited.json.value(QStringLiteral("code")).toString()}});
    const qint64 memberId = joined.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toInteger();
    QString code = codeFrom(call("POST", QStringLiteral("/api/agency/members/%1/password-reset").arg(memberId), {}, owner.access));
    if (tamper)
        code[code.size() - 1] = code.endsWith(u'A') ? u'B' : u'A';
    m_clock.advance(std::chrono::hours(hoursLater));
    const QString claimed = email.startsWith(QLatin1String("reset-target")) ? target : email;
    const Answer refused = call("POST", QStringLiteral("/api/auth/reset-password"),
                                {{QStringLiteral("email"), claimed},
                                 {QStringLiteral("code"), code},
                                 {QStringLiteral("newPassword"), QStringLiteral("a brand new passphrase")}});
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorField(), QStringLiteral("code"));
    QCOMPARE(refused.errorMessage(), PasswordResetRepository::invalidCode().message); // one message for every case
    // The old password still works.
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"), {{QStringLiteral("email"), target}, {QStringLiteral("password"), password}})
                 .status,
             200);
}

void TestSessions::onlyManagersIssueResetCodes()
{
    const Tokens owner = signUp(QStringLiteral("reset-boss@example.com"));
    const qint64 ownerId = call("GET", QStringLiteral("/api/me"), {}, owner.access)
                               .json.value(QStringLiteral("user"))
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toInteger();
    auto join = [&](const QString &email, const QString &role) {
        const Answer invited = call("POST", QStringLiteral("/api/agency/invitations"), {{QStringLiteral("role"), role}}, owner.access);
        return call("POST", QStringLiteral("/api/auth/sign-up"),
                    {{QStringLiteral("email"), email},
                     {QStringLiteral("password"), password},
                     {QStringLiteral("invitation"), invited.json.value(QStringLiteral("code")).toString()}});
    };
    const Answer admin = join(QStringLiteral("reset-admin@example.com"), QStringLiteral("admin"));
    const Answer chatter = join(QStringLiteral("reset-chatter@example.com"), QStringLiteral("chatter"));
    const qint64 chatterId = chatter.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toInteger();
    const QString adminToken = admin.json.value(QStringLiteral("token")).toString();
    QCOMPARE(call("POST", QStringLiteral("/api/agency/members/%1/password-reset").arg(chatterId), {}, adminToken).status, 201);
    QCOMPARE(call("POST", QStringLiteral("/api/agency/members/%1/password-reset").arg(ownerId), {}, adminToken).status,
             403); // not an owner's
    QCOMPARE(call("POST", QStringLiteral("/api/agency/members/%1/password-reset").arg(ownerId), {},
                  chatter.json.value(QStringLiteral("token")).toString())
                 .status,
             403);
    const Tokens stranger = signUp(QStringLiteral("reset-stranger@example.com"));
    QCOMPARE(call("POST", QStringLiteral("/api/agency/members/%1/password-reset").arg(chatterId), {}, stranger.access).status, 404);
}

void TestSessions::desktopRenewsBeforeExpiry()
{
    auto backend = desktop();
    QVERIFY(await(backend->signUp({QStringLiteral("desk-early@example.com"), password, QStringLiteral("Mia")})).ok());
    const QString firstAccess = backend->session().accessToken();
    QSignalSpy rotated(&backend->session(), &ServerSession::rememberedTokenChanged);
    m_clock.advance(10min);
    QVERIFY(await(backend->fans()).ok());
    QCOMPARE(rotated.count(), 0); // plenty of time left: no renewal
    m_clock.advance(4min + 30s); // within the last minute
    QVERIFY(await(backend->fans()).ok());
    QCOMPARE(rotated.count(), 1);
    QVERIFY(backend->session().accessToken() != firstAccess);
    // The old token was replaced before it ever failed.
    QCOMPARE(call("GET", QStringLiteral("/api/me"), {}, firstAccess).status, 401);
    backend->shutdown();
}

void TestSessions::desktopRenewsOnceAfterA401ForManyCalls()
{
    auto backend = desktop();
    QVERIFY(await(backend->signUp({QStringLiteral("desk-401@example.com"), password, QStringLiteral("Mia")})).ok());
    // The laptop slept: its own clock says the token is fresh, the server's says expired.
    test::FakeClock frozen(m_clock.now());
    backend->session().useClock(frozen);
    m_clock.advance(16min);
    QSignalSpy rotated(&backend->session(), &ServerSession::rememberedTokenChanged);
    QList<QFuture<Result<QList<Fan>>>> calls;
    for (int i = 0; i < 5; ++i)
        calls.append(backend->fans());
    QFuture<Result<User>> me = backend->currentUser();
    for (const auto &call : calls)
        QVERIFY(await(call).ok()); // no 401 reaches the caller
    QVERIFY(await(me).ok());
    QCOMPARE(rotated.count(), 1); // and all of them waited for one renewal
    backend->shutdown();
}

void TestSessions::desktopKeepsTheRotatedTokenInTheKeychain()
{
    auto backend = desktop();
    test::MemorySecretStore keychain;
    UserStore users(*backend);
    SessionManager sessions(*backend, keychain, users);
    QVERIFY(await(sessions.signUp({QStringLiteral("desk-keychain@example.com"), password, QStringLiteral("Mia")})).ok());
    QTRY_COMPARE(keychain.secrets().value(sessions.secretKey()), backend->session().refreshToken());
    m_clock.advance(15min);
    QVERIFY(await(backend->fans()).ok());
    const QString rotated = backend->session().refreshToken();
    QTRY_COMPARE(keychain.secrets().value(sessions.secretKey()), rotated);
    backend->shutdown();

    // The next start restores from the keychain, with the live token: no theft alarm.
    auto restarted = desktop();
    test::MemorySecretStore sameKeychain(std::make_shared<QHash<QString, QString>>(keychain.secrets()));
    UserStore restartedUsers(*restarted);
    SessionManager restartedSessions(*restarted, sameKeychain, restartedUsers);
    QVERIFY(await(restartedSessions.restore()));
    QVERIFY(restartedUsers.isSignedIn());
    QTRY_VERIFY(sameKeychain.secrets().value(restartedSessions.secretKey()) != rotated); // rotated again at restore, and kept
    QCOMPARE(sameKeychain.secrets().value(restartedSessions.secretKey()), restarted->session().refreshToken());
    restarted->shutdown();
}

void TestSessions::desktopSessionEndedElsewhereIsAPlain401()
{
    auto backend = desktop();
    QVERIFY(await(backend->signUp({QStringLiteral("desk-ended@example.com"), password, QStringLiteral("Mia")})).ok());
    const Answer phone
        = call("POST", QStringLiteral("/api/auth/sign-in"),
               {{QStringLiteral("email"), QStringLiteral("desk-ended@example.com")}, {QStringLiteral("password"), password}});
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-out-everywhere"), {}, phone.json.value(QStringLiteral("token")).toString()).status,
             204);
    QSignalSpy ended(&backend->session(), &ServerSession::rememberedTokenChanged);
    const Result<QList<Fan>> fans = await(backend->fans());
    QVERIFY(!fans.ok());
    QCOMPARE(fans.error().code, ErrorCode::Unauthorized);
    QCOMPARE(ended.count(), 1);
    QVERIFY(ended.first().first().toString().isEmpty());
    QVERIFY(backend->sessionToken().isEmpty());
    backend->shutdown();
}

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"

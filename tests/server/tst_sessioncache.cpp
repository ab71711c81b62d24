// The session cache (issue 11): a token seen lately needs no database round
// trip, and whatever ends what it may do (signing out, removing a member,
// revoking a key, a profile changed) reaches every instance through
// PostgreSQL's notifications, on two servers over one database.
#include "auth/sessiontoken.h"
#include "domain/profile.h"
#include "runningserver.h"
#include "server/databaselistener.h"
#include "server/sessioncache.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;
using namespace std::chrono_literals;
using test::Answer;

namespace {

const QString password = QStringLiteral("long enough password");
const QDateTime start = QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);

agency::Membership memberOf(qint64 agencyId, qint64 userId, QDateTime expiresAt = {})
{
    agency::Membership member;
    member.agencyId = agencyId;
    member.userId = userId;
    member.sessionExpiresAt = std::move(expiresAt);
    return member;
}

QByteArray digestOf(const QString &token)
{
    return sessiontoken::digest(token);
}

// How the notification for a session's end reads.
QString sessionGone(const QString &token)
{
    return QStringLiteral("s:") + QString::fromLatin1(digestOf(token).toHex());
}

} // namespace

class TestSessionCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    // The cache alone.
    void keptForItsLifetimeAndNoLongerThanTheToken_data();
    void keptForItsLifetimeAndNoLongerThanTheToken();
    void aNotificationForgetsWhatItNames_data();
    void aNotificationForgetsWhatItNames();
    void aWriteForgetsItsAgencyAndItsLoginEverywhere();
    void anAnswerFromBeforeANotificationIsNotKept();
    void nothingIsKeptWhileNobodyListens();
    void aFullCacheMakesRoomFromDeadEntriesOnly();

    // Two servers over one PostgreSQL.
    void aTokenSeenLatelyNeedsNoDatabase();
    void signingOutReachesTheOtherInstance();
    void theWritingInstanceDoesNotWaitForTheNotification();
    void removingAMemberReachesTheOtherInstance();
    void aRevokedKeyStopsOnEveryInstance();
    void aChangedProfileIsSeenEverywhere();
    void aLostListenerEmptiesTheCacheUntilItIsBack();

private:
    Answer call(quint16 port, const QByteArray &method, const QString &path, const QString &token = {}, const QJsonObject &body = {});
    QString signUp(const QString &email, const QString &invitation = {});
    QString signIn(const QString &email);
    // Waits (up to the documented bound) until `other` has applied `payload`.
    bool otherHears(const QString &payload);
    qint64 userIdOf(const QString &token);
    qint64 agencyIdOf(const QString &token);
    QJsonObject me(const QString &token);

    test::RunningServer m_running;
    std::unique_ptr<HuntazeServer> m_other;
    quint16 m_first = 0;
    quint16 m_second = 0;
    QNetworkAccessManager m_network;
    QStringList m_heardByOther;
    QString m_owner;
};

void TestSessionCache::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([](ServerConfig &config) { config.databaseConnections = 2; }));
    QString error;
    m_other = m_running.startAnother(m_running.server().config(), &error);
    QVERIFY2(m_other, qPrintable(error));
    m_first = m_running.port();
    m_second = m_other->http().serverPort();
    connect(m_other->databaseListener(), &DatabaseListener::applied, this,
            [this](const QString &payload) { m_heardByOther.append(payload); });
    QTRY_VERIFY(m_running.server().sessionCache().isListening() && m_other->sessionCache().isListening());
    m_owner = signUp(QStringLiteral("cache-owner@example.com"));
}

Answer TestSessionCache::call(quint16 port, const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body)
{
    return test::send(m_network, QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QString TestSessionCache::signUp(const QString &email, const QString &invitation)
{
    QJsonObject form{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}, {QStringLiteral("displayName"), email}};
    if (!invitation.isEmpty())
        form.insert(QStringLiteral("invitation"), invitation);
    const Answer answer = call(m_first, "POST", QStringLiteral("/api/auth/sign-up"), {}, form);
    if (answer.status != 201)
        qFatal("sign-up failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

QString TestSessionCache::signIn(const QString &email)
{
    const Answer answer = call(m_first, "POST", QStringLiteral("/api/auth/sign-in"), {},
                               {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    if (answer.status != 200)
        qFatal("sign-in failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

bool TestSessionCache::otherHears(const QString &payload)
{
    // The documented bound (docs/server.md): notifications arrive in milliseconds.
    QElapsedTimer waited;
    waited.start();
    const bool heard = QTest::qWaitFor([&] { return m_heardByOther.contains(payload); }, 5000);
    qInfo("the other instance heard %s after %lld ms", qPrintable(payload.left(10)), waited.elapsed());
    return heard;
}

QJsonObject TestSessionCache::me(const QString &token)
{
    return call(m_first, "GET", QStringLiteral("/api/me"), token).json.value(QStringLiteral("user")).toObject();
}

qint64 TestSessionCache::userIdOf(const QString &token)
{
    return me(token).value(QStringLiteral("id")).toInteger();
}

qint64 TestSessionCache::agencyIdOf(const QString &token)
{
    return me(token).value(QStringLiteral("agency")).toObject().value(QStringLiteral("id")).toInteger();
}

void TestSessionCache::keptForItsLifetimeAndNoLongerThanTheToken_data()
{
    QTest::addColumn<QDateTime>("tokenExpiresAt");
    QTest::addColumn<qint64>("askedAfterSeconds");
    QTest::addColumn<bool>("found");
    QTest::newRow("at once") << QDateTime() << qint64(0) << true;
    QTest::newRow("within the lifetime") << QDateTime() << qint64(59) << true;
    QTest::newRow("at the end of the lifetime") << QDateTime() << qint64(60) << false;
    QTest::newRow("token still valid") << start.addSecs(30) << qint64(29) << true;
    QTest::newRow("token expired before the lifetime") << start.addSecs(30) << qint64(30) << false;
}

void TestSessionCache::keptForItsLifetimeAndNoLongerThanTheToken()
{
    QFETCH(QDateTime, tokenExpiresAt);
    QFETCH(qint64, askedAfterSeconds);
    QFETCH(bool, found);
    SessionCache cache(60s);
    cache.setListening(true);
    cache.store("token", memberOf(1, 7, tokenExpiresAt), cache.generation(), start);
    const std::optional<agency::Membership> kept = cache.find("token", start.addSecs(askedAfterSeconds));
    QCOMPARE(kept.has_value(), found);
    if (found)
        QCOMPARE(kept->userId, 7);
    QCOMPARE(cache.hits() + cache.misses(), quint64(1));
}

void TestSessionCache::aNotificationForgetsWhatItNames_data()
{
    QTest::addColumn<QString>("notification");
    QTest::addColumn<QStringList>("left");
    const QString oneSession = QStringLiteral("s:") + QString::fromLatin1(QByteArray("a1").toHex());
    QTest::newRow("one session") << oneSession << QStringList{QStringLiteral("a2"), QStringLiteral("b1")};
    QTest::newRow("an agency") << QStringLiteral("a:1") << QStringList{QStringLiteral("b1")};
    QTest::newRow("another agency") << QStringLiteral("a:2") << QStringList{QStringLiteral("a1"), QStringLiteral("a2")};
    QTest::newRow("an agency with nothing kept")
        << QStringLiteral("a:3") << QStringList{QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("b1")};
    QTest::newRow("not understood: everything") << QStringLiteral("x:1") << QStringList();
    QTest::newRow("an agency that is not a number: everything") << QStringLiteral("a:one") << QStringList();
}

void TestSessionCache::aNotificationForgetsWhatItNames()
{
    QFETCH(QString, notification);
    QFETCH(QStringList, left);
    SessionCache cache(60s);
    cache.setListening(true);
    cache.store("a1", memberOf(1, 10), cache.generation(), start);
    cache.store("a2", memberOf(1, 11), cache.generation(), start);
    cache.store("b1", memberOf(2, 20), cache.generation(), start);
    cache.forget(notification);
    QStringList kept;
    for (const char *token : {"a1", "a2", "b1"}) {
        if (cache.find(token, start))
            kept.append(QString::fromLatin1(token));
    }
    QCOMPARE(kept, left);
}

void TestSessionCache::aWriteForgetsItsAgencyAndItsLoginEverywhere()
{
    SessionCache cache(60s);
    cache.setListening(true);
    cache.store("mia in alpha", memberOf(1, 10), cache.generation(), start);
    cache.store("leo in alpha", memberOf(1, 11), cache.generation(), start);
    cache.store("mia in bravo", memberOf(2, 10), cache.generation(), start);
    cache.store("ana in bravo", memberOf(2, 20), cache.generation(), start);
    // Mia signed out everywhere, acting in alpha.
    cache.forgetAfterWrite("mia in alpha", 1, 10);
    QCOMPARE(cache.size(), 1);
    QVERIFY(cache.find("ana in bravo", start));
}

void TestSessionCache::anAnswerFromBeforeANotificationIsNotKept()
{
    SessionCache cache(60s);
    cache.setListening(true);
    // The database was asked, then a session somewhere ended, then the answer came.
    const SessionCache::Generation asked = cache.generation();
    cache.forget(QStringLiteral("s:00"));
    cache.store("token", memberOf(1, 7), asked, start);
    QVERIFY(!cache.find("token", start));
    // Asked after it: kept.
    cache.store("token", memberOf(1, 7), cache.generation(), start);
    QVERIFY(cache.find("token", start));
    // A write on this instance counts as news too.
    const SessionCache::Generation beforeWrite = cache.generation();
    cache.forgetAfterWrite("token", 1, 7);
    QVERIFY(!cache.find("token", start));
    cache.store("token", memberOf(1, 7), beforeWrite, start);
    QCOMPARE(cache.size(), 0);
}

void TestSessionCache::nothingIsKeptWhileNobodyListens()
{
    SessionCache cache(60s);
    cache.store("token", memberOf(1, 7), cache.generation(), start);
    QVERIFY(!cache.find("token", start));
    cache.setListening(true);
    cache.store("token", memberOf(1, 7), cache.generation(), start);
    QVERIFY(cache.find("token", start));
    cache.setListening(false); // notifications may be missed from now on
    QVERIFY(!cache.find("token", start));
    cache.store("token", memberOf(1, 7), cache.generation(), start);
    QCOMPARE(cache.size(), 0);
}

void TestSessionCache::aFullCacheMakesRoomFromDeadEntriesOnly()
{
    SessionCache cache(60s, 2);
    cache.setListening(true);
    cache.store("old", memberOf(1, 1), cache.generation(), start);
    cache.store("live", memberOf(1, 2), cache.generation(), start.addSecs(30));
    // Full of live entries: the newcomer is not kept (it asks the database, as without a cache).
    cache.store("new", memberOf(1, 3), cache.generation(), start.addSecs(40));
    QVERIFY(!cache.find("new", start.addSecs(40)));
    QCOMPARE(cache.size(), 2);
    // Once "old" has outlived the lifetime, it makes room.
    cache.store("new", memberOf(1, 3), cache.generation(), start.addSecs(61));
    QVERIFY(cache.find("new", start.addSecs(61)));
    QVERIFY(cache.find("live", start.addSecs(61)));
    QCOMPARE(cache.size(), 2);
}

void TestSessionCache::aTokenSeenLatelyNeedsNoDatabase()
{
    const QString token = signIn(QStringLiteral("cache-owner@example.com"));
    SessionCache &cache = m_other->sessionCache();
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 200); // asks the database, then keeps it
    const quint64 hitsBefore = cache.hits();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 200);
    QCOMPARE(cache.hits() - hitsBefore, quint64(5));
    // Data routes use it too (then one statement sets the member for row-level security).
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/fans"), token).status, 200);
    QCOMPARE(cache.hits() - hitsBefore, quint64(6));
    // A token nobody knows is never kept, however often it is tried.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), QStringLiteral("made-up")).status, 401);
    QVERIFY(!cache.find(digestOf(QStringLiteral("made-up")), QDateTime::currentDateTimeUtc()));
}

void TestSessionCache::signingOutReachesTheOtherInstance()
{
    const QString token = signIn(QStringLiteral("cache-owner@example.com"));
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 200);
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 200); // from memory now
    QCOMPARE(call(m_first, "POST", QStringLiteral("/api/auth/sign-out"), token).status, 204);
    // The instance that signed out refuses at once, without waiting for the notification.
    QCOMPARE(call(m_first, "GET", QStringLiteral("/api/me"), token).status, 401);
    QVERIFY(otherHears(sessionGone(token)));
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 401);
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/fans"), token).status, 401);
}

void TestSessionCache::theWritingInstanceDoesNotWaitForTheNotification()
{
    const QString token = signIn(QStringLiteral("cache-owner@example.com"));
    const QString other = signIn(QStringLiteral("cache-owner@example.com"));
    for (const QString &kept : {token, token, other, other})
        QCOMPARE(call(m_first, "GET", QStringLiteral("/api/me"), kept).status, 200);
    // The first instance's listener is held: no notification reaches its cache meanwhile.
    QSemaphore held, release;
    QMetaObject::invokeMethod(m_running.server().databaseListener(), [&] {
        held.release();
        release.acquire();
    });
    held.acquire();
    auto letGo = qScopeGuard([&] { release.release(); }); // a failed check must not leave it held
    // Writes without an Idempotency-Key, as any client may send them.
    QCOMPARE(call(m_first, "POST", QStringLiteral("/api/auth/sign-out"), token).status, 204);
    QCOMPARE(call(m_first, "GET", QStringLiteral("/api/me"), token).status, 401);
    QCOMPARE(call(m_first, "POST", QStringLiteral("/api/auth/sign-out-everywhere"), other).status, 204);
    QCOMPARE(call(m_first, "GET", QStringLiteral("/api/me"), other).status, 401);
    QCOMPARE(call(m_first, "GET", QStringLiteral("/api/me"), m_owner).status, 401); // everywhere: the owner's first session too
    letGo.dismiss();
    release.release();
    m_owner = signIn(QStringLiteral("cache-owner@example.com"));
}

void TestSessionCache::removingAMemberReachesTheOtherInstance()
{
    const Answer invited
        = call(m_first, "POST", QStringLiteral("/api/agency/invitations"), m_owner, {{QStringLiteral("role"), QStringLiteral("admin")}});
    QCOMPARE(invited.status, 201);
    const QString admin = signUp(QStringLiteral("cache-admin@example.com"), invited.json.value(QStringLiteral("code")).toString());
    const qint64 adminId = userIdOf(admin);
    const qint64 agencyId = agencyIdOf(admin);
    QVERIFY(adminId > 0 && agencyId > 0);
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/fans"), admin).status, 200); // kept on the second instance

    m_heardByOther.clear(); // what it hears from now on
    QCOMPARE(call(m_first, "DELETE", QStringLiteral("/api/agency/members/%1").arg(adminId), m_owner).status, 204);
    QVERIFY(otherHears(QStringLiteral("a:%1").arg(agencyId)));
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/fans"), admin).status, 401);
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), admin).status, 401);
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), m_owner).status, 200); // the rest of the agency carries on
}

void TestSessionCache::aRevokedKeyStopsOnEveryInstance()
{
    const Answer made
        = call(m_first, "POST", QStringLiteral("/api/agency/api-keys"), m_owner,
               {{QStringLiteral("name"), QStringLiteral("Report")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("read")}}});
    QCOMPARE(made.status, 201);
    const QString secret = made.json.value(QStringLiteral("secret")).toString();
    const qint64 keyId = made.json.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toInteger();
    QVERIFY(keyId > 0);
    const quint64 hitsBefore = m_other->sessionCache().hits();
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/fans"), secret).status, 200);
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/fans"), secret).status, 200);
    QCOMPARE(m_other->sessionCache().hits() - hitsBefore, quint64(1)); // keys are kept too

    m_heardByOther.clear();
    QCOMPARE(call(m_first, "DELETE", QStringLiteral("/api/agency/api-keys/%1").arg(keyId), m_owner).status, 204);
    QVERIFY(otherHears(QStringLiteral("a:%1").arg(agencyIdOf(m_owner))));
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/fans"), secret).status, 401);
}

void TestSessionCache::aChangedProfileIsSeenEverywhere()
{
    const QString token = signIn(QStringLiteral("cache-owner@example.com"));
    const auto nicheOn = [&](quint16 port) {
        return call(port, "GET", QStringLiteral("/api/me"), token)
            .json.value(QStringLiteral("user"))
            .toObject()
            .value(QStringLiteral("profile"))
            .toObject()
            .value(QStringLiteral("niche"))
            .toString();
    };
    for (const quint16 port : {m_first, m_second, m_first, m_second})
        (void)nicheOn(port); // both instances keep the session with its creators
    Profile profile;
    profile.displayName = QStringLiteral("Mia");
    profile.niche = QStringLiteral("ceramics");
    m_heardByOther.clear();
    QCOMPARE(call(m_first, "PUT", QStringLiteral("/api/me/profile"), token, profile.toJson()).status, 200);
    QCOMPARE(nicheOn(m_first), QStringLiteral("ceramics")); // read your writes, at once
    QVERIFY(otherHears(QStringLiteral("a:%1").arg(agencyIdOf(token))));
    QCOMPARE(nicheOn(m_second), QStringLiteral("ceramics"));
}

void TestSessionCache::aLostListenerEmptiesTheCacheUntilItIsBack()
{
    const QString token = signIn(QStringLiteral("cache-owner@example.com"));
    SessionCache &cache = m_other->sessionCache();
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 200);
    QVERIFY(cache.size() > 0);
    QList<bool> changes, firstChanges;
    connect(m_other->databaseListener(), &DatabaseListener::listeningChanged, this, [&](bool on) { changes.append(on); });
    connect(m_running.server().databaseListener(), &DatabaseListener::listeningChanged, this, [&](bool on) { firstChanges.append(on); });

    // PostgreSQL restarted, a proxy dropped it: the notification connection is gone.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("terminator"));
        const DatabaseConfig &super = m_running.superuserDatabase();
        db.setDatabaseName(super.databaseName);
        db.setHostName(super.host);
        db.setPort(super.port);
        db.setUserName(super.user);
        db.setPassword(super.password);
        QVERIFY(db.open());
        QSqlQuery terminate(db);
        QVERIFY(terminate.exec(
            QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'huntaze-listener'")));
        QVERIFY(terminate.size() >= 2); // both instances'
    }
    QSqlDatabase::removeDatabase(QStringLiteral("terminator"));
    // Its check (every few seconds; now, here) finds out: everything kept is dropped, then it listens again.
    m_other->databaseListener()->checkSoon();
    QTRY_COMPARE(changes, (QList<bool>{false, true}));
    QCOMPARE(cache.size(), 0);
    QVERIFY(cache.isListening());

    // And it hears again (from the first instance, back on its feet too).
    m_running.server().databaseListener()->checkSoon();
    QTRY_COMPARE(firstChanges, (QList<bool>{false, true}));
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 200);
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 200);
    QCOMPARE(call(m_first, "POST", QStringLiteral("/api/auth/sign-out"), token).status, 204);
    QVERIFY(otherHears(sessionGone(token)));
    QCOMPARE(call(m_second, "GET", QStringLiteral("/api/me"), token).status, 401);
}

QTEST_GUILESS_MAIN(TestSessionCache)
#include "tst_sessioncache.moc"

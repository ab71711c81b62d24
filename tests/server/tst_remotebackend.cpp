// The desktop's RemoteBackend against a real huntaze-server (in process, over
// a throw-away PostgreSQL): everything the embedded backend offers, with the
// same errors, and the AI tools answered by the server.
#include "ai/aitools.h"
#include "app/appcore.h"
#include "backend/remotebackend.h"
#include "backend/serverapi.h"
#include "memorysecretstore.h"
#include "net/apiclient.h"
#include "runningserver.h"
#include "storage/sqlworker.h"
#include "testutil.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

using namespace huntaze;
using huntaze::test::await;

namespace {
const QString password = QStringLiteral("long enough password");
}

class TestRemoteBackend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void openChecksTheServer();
    void deadServerIsAClearNetworkError();
    void sessionSurvivesARestartAndEndsOnSignOut();
    void accountErrorsAreTheEmbeddedOnes_data();
    void accountErrorsAreTheEmbeddedOnes();
    void creatorDataRoundTrips();
    void serverValidationNamesTheRow();
    void largeImportsGoInBatchesAllOrNothing();
    void anotherAccountCannotTouchAnImport();
    void earningsImportAndTheDashboardOnAServer();
    void messageLogsOnAServer();
    void engagementOnAServer();
    void aiToolsRunOnTheServer();
    void appCoreLetsTheServerChooseTheAiProvider();

private:
    std::unique_ptr<RemoteBackend> makeBackend(const QUrl &url);
    User signUp(RemoteBackend &backend, const QString &email);

    test::RunningServer m_running;
    QUrl m_url;
    QNetworkAccessManager m_network;
    CircuitBreakerRegistry m_breakers;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RemoteBackend> m_backend;
    int m_accounts = 0;
};

void TestRemoteBackend::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start([](server::ServerConfig &config) { config.databaseConnections = 2; }));
    m_url = m_running.url();
}

void TestRemoteBackend::cleanupTestCase()
{}

void TestRemoteBackend::init()
{
    m_api = std::make_unique<ApiClient>(m_network, m_breakers);
    m_backend = makeBackend(m_url);
}

void TestRemoteBackend::cleanup()
{
    if (m_backend)
        m_backend->shutdown();
    m_backend.reset();
    m_api.reset();
}

std::unique_ptr<RemoteBackend> TestRemoteBackend::makeBackend(const QUrl &url)
{
    return std::make_unique<RemoteBackend>(*m_api, url);
}

User TestRemoteBackend::signUp(RemoteBackend &backend, const QString &email)
{
    const Result<User> user = await(backend.signUp({email, password, QStringLiteral("Mia Rose")}));
    if (!user.ok())
        qFatal("sign-up failed: %s", qPrintable(user.error().message));
    return user.value();
}

void TestRemoteBackend::openChecksTheServer()
{
    QVERIFY(await(m_backend->open()).ok());
    QCOMPARE(m_backend->identity(), QStringLiteral("remote:") + m_url.toString());
}

void TestRemoteBackend::deadServerIsAClearNetworkError()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    // Its own breakers: the failures below pause calls to "Huntaze server", as they should.
    CircuitBreakerRegistry breakers;
    ApiClient client(m_network, breakers);
    auto dead = std::make_unique<RemoteBackend>(client, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)));
    const Result<void> opened = await(dead->open());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Network);
    QVERIFY(opened.error().message.contains(QStringLiteral("127.0.0.1")));
}

void TestRemoteBackend::sessionSurvivesARestartAndEndsOnSignOut()
{
    const User created = signUp(*m_backend, QStringLiteral("restart@example.com"));
    const QString token = m_backend->sessionToken();
    QVERIFY(!token.isEmpty());

    auto restarted = makeBackend(m_url);
    const Result<User> restored = await(restarted->restoreSession(token));
    QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.error().message));
    QCOMPARE(restored.value().id, created.id);
    QCOMPARE(restored.value().profile.displayName, QStringLiteral("Mia Rose"));

    QVERIFY(await(restarted->signOut()).ok());
    QVERIFY(restarted->sessionToken().isEmpty());
    const Result<User> afterSignOut = await(makeBackend(m_url)->restoreSession(token));
    QVERIFY(!afterSignOut.ok());
    QCOMPARE(afterSignOut.error().code, ErrorCode::Unauthorized);
}

void TestRemoteBackend::accountErrorsAreTheEmbeddedOnes_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("signUp");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field");
    QTest::newRow("wrong password") << QStringLiteral("taken@example.com") << QStringLiteral("not the password") << false
                                    << ErrorCode::InvalidCredentials << QString();
    QTest::newRow("unknown email") << QStringLiteral("nobody@example.com") << password << false << ErrorCode::InvalidCredentials
                                   << QString();
    QTest::newRow("email taken") << QStringLiteral("Taken@Example.com") << password << true << ErrorCode::AlreadyExists
                                 << QStringLiteral("email");
    QTest::newRow("short password") << QStringLiteral("new@example.com") << QStringLiteral("short") << true << ErrorCode::Validation
                                    << QStringLiteral("password");
}

void TestRemoteBackend::accountErrorsAreTheEmbeddedOnes()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(bool, signUp);
    static const bool taken = [this] {
        this->signUp(*makeBackend(m_url), QStringLiteral("taken@example.com"));
        return true;
    }();
    Q_UNUSED(taken);
    const Result<User> result
        = signUp ? await(m_backend->signUp({email, password, QStringLiteral("Someone")})) : await(m_backend->signIn(email, password));
    QVERIFY(!result.ok());
    QTEST(result.error().code, "code");
    QTEST(result.error().field, "field");
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY(!result.error().message.contains(QStringLiteral("HTTP")));
    QVERIFY(m_backend->sessionToken().isEmpty());
}

void TestRemoteBackend::creatorDataRoundTrips()
{
    signUp(*m_backend, QStringLiteral("data@example.com"));
    const QList<Fan> fans{{0, QStringLiteral("Ana"), {QStringLiteral("vip")}, 99.5, QStringLiteral("Set"), QDate(2026, 11, 1)}};
    QCOMPARE(await(m_backend->importFans(fans)).value(), 1);
    QCOMPARE(await(m_backend->fans()).value().size(), 1);
    QCOMPARE(await(m_backend->fans()).value().first().name, QStringLiteral("Ana"));
    QCOMPARE(await(m_backend->importOffers({{0, QStringLiteral("PPV"), 10, 50, 5, {}}})).value(), 1);
    QCOMPARE(await(m_backend->offers()).value().first().price, 10.0);
    QCOMPARE(await(m_backend->importPosts({{0, QStringLiteral("x"), QStringLiteral("hi"), {QStringLiteral("tag")}, 3, {}}})).value(), 1);
    QCOMPARE(await(m_backend->posts()).value().first().hashtags, QStringList{QStringLiteral("tag")});

    Draft post;
    post.title = QStringLiteral("t");
    post.body = QStringLiteral("body");
    post.hashtags = {QStringLiteral("beach")};
    post.plannedAt = QDateTime(QDate(2026, 12, 5), QTime(8, 0), QTimeZone::utc());
    Result<Draft> draft = await(m_backend->saveDraft(post));
    QVERIFY(draft.ok());
    QVERIFY(!QUuid::fromString(draft.value().id).isNull());
    QCOMPARE(await(m_backend->visibleDrafts()).value(), QList<Draft>{draft.value()});
    // Saved again by its id (PUT), then deleted (DELETE): on the server as on the desktop.
    Draft edited = draft.value();
    edited.body = QStringLiteral("new body");
    draft = await(m_backend->saveDraft(edited));
    QVERIFY(draft.ok());
    QCOMPARE(draft.value().id, edited.id);
    QCOMPARE(draft.value().body, QStringLiteral("new body"));
    QCOMPARE(draft.value().plannedAt, post.plannedAt);
    QCOMPARE(await(m_backend->visibleDrafts()).value().size(), 1);
    QVERIFY(await(m_backend->deleteDraft(0, edited.id)).ok());
    QVERIFY(await(m_backend->visibleDrafts()).value().isEmpty());
    QCOMPARE(await(m_backend->deleteDraft(0, edited.id)).error().code, ErrorCode::NotFound);
    // A draft of another of the member's creators goes to that creator, whichever is selected.
    Profile zoe;
    zoe.displayName = QStringLiteral("Zoe");
    const Result<Creator> added = await(m_backend->addCreator(zoe));
    QVERIFY(added.ok());
    Draft hers = post;
    hers.creatorId = added.value().id;
    const Result<Draft> kept = await(m_backend->saveDraft(hers));
    QVERIFY(kept.ok());
    QCOMPARE(kept.value().creatorId, added.value().id);
    QCOMPARE(kept.value().authorEmail, QStringLiteral("data@example.com"));
    QCOMPARE(await(m_backend->visibleDrafts()).value(), QList<Draft>{kept.value()});
    QCOMPARE(await(m_backend->deleteDraft(0, kept.value().id)).error().code, ErrorCode::NotFound); // not the selected creator's
    QVERIFY(await(m_backend->deleteDraft(added.value().id, kept.value().id)).ok());

    const Result<QJsonValue> unset = await(m_backend->creatorPreference(QStringLiteral("restrictedWords")));
    QVERIFY(unset.ok());
    QVERIFY(unset.value().isUndefined());
    QVERIFY(await(m_backend->setCreatorPreference(QStringLiteral("restrictedWords"), QJsonArray{QStringLiteral("x")})).ok());
    QCOMPARE(await(m_backend->creatorPreference(QStringLiteral("restrictedWords"))).value(), QJsonValue(QJsonArray{QStringLiteral("x")}));

    Profile profile = await(m_backend->currentUser()).value().profile;
    profile.niche = QStringLiteral("cooking");
    QCOMPARE(await(m_backend->updateProfile(profile)).value().profile.niche, QStringLiteral("cooking"));
}

void TestRemoteBackend::serverValidationNamesTheRow()
{
    signUp(*m_backend, QStringLiteral("rows@example.com"));
    const Result<int> imported = await(m_backend->importOffers({{0, QStringLiteral("ok"), 10, 50, 5, {}}, {0, {}, 10, 5, 50, {}}}));
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error().code, ErrorCode::Validation);
    QCOMPARE(imported.error().field, QStringLiteral("offers[1].purchases"));
    QCOMPARE(await(m_backend->offers()).value().size(), 0);
}

void TestRemoteBackend::largeImportsGoInBatchesAllOrNothing()
{
    // More rows than one request may carry (20,000): the file that imports locally imports on a server too.
    signUp(*m_backend, QStringLiteral("big@example.com"));
    QList<Fan> fans;
    for (int i = 0; i < 21000; ++i)
        fans.append(Fan{0, QStringLiteral("Fan %1").arg(i), {}, 1, {}, {}});
    QList<Fan> broken = fans;
    broken.last().name.clear(); // the very last row, in the last batch
    QFuture<Result<int>> refusing = m_backend->importFans(broken);
    const Result<int> refused = await(refusing);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, QStringLiteral("fans[20999].name")); // named by its place in the whole file
    QCOMPARE(await(m_backend->fans()).value().size(), 0); // the first batches did not land
    QVERIFY(refusing.progressMaximum() > 1);

    QFuture<Result<int>> importing = m_backend->importFans(fans);
    const Result<int> imported = await(importing);
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    QCOMPARE(imported.value(), 21000);
    QCOMPARE(importing.progressValue(), importing.progressMaximum());
    QCOMPARE(await(m_backend->fans()).value().size(), 21000);

    // Nothing is left waiting on the server.
    SqlWorker admin(m_running.server().config().database);
    const Result<int> staged = await(admin.run<int>([](QSqlDatabase &db) -> Result<int> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM imports) + (SELECT COUNT(*) FROM import_rows)")) || !query.next())
            return storageError(QStringLiteral("count staged"), query.lastError());
        return query.value(0).toInt();
    }));
    QCOMPARE(staged.value(), 0);
}

void TestRemoteBackend::earningsImportAndTheDashboardOnAServer()
{
    // A statement larger than one request (5,000 lines): in batches, all or nothing, named by its place.
    signUp(*m_backend, QStringLiteral("statements@example.com"));
    QList<analytics::EarningEvent> lines;
    const QDateTime first(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    qint64 januaryCents = 0;
    for (int i = 0; i < 12000; ++i) {
        analytics::EarningEvent line{first.addSecs(i * 600), analytics::EarningKind::Tip,           100 + i % 7, 80,
                                     QStringLiteral("USD"),  QStringLiteral("fan %1").arg(i % 250), {},          0};
        if (line.occurredAt.date().month() == 1)
            januaryCents += line.grossCents;
        lines.append(line);
    }
    QList<analytics::EarningEvent> broken = lines;
    broken.last().netCents = 1000; // above its gross, in the last batch
    const Result<int> refused = await(m_backend->importEarnings(broken));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, QStringLiteral("earnings[11999].net"));

    QFuture<Result<int>> importing = m_backend->importEarnings(lines);
    const Result<int> imported = await(importing);
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    QCOMPARE(imported.value(), 12000);
    QVERIFY(importing.progressMaximum() > 1);
    QCOMPARE(await(m_backend->importEarnings(lines.mid(0, 100))).value(), 0); // the same lines again add nothing

    analytics::DashboardRequest request;
    request.range = {QDate(2026, 1, 1), QDate(2026, 1, 31)};
    request.amount = analytics::Amount::Gross;
    const Result<analytics::Dashboard> dashboard = await(m_backend->dashboard(request));
    QVERIFY2(dashboard.ok(), qPrintable(dashboard.ok() ? QString() : dashboard.error().message));
    QCOMPARE(dashboard.value().current.cents, januaryCents); // the creator's time zone is UTC until chosen
    QCOMPARE(dashboard.value().spenders.current, 250);
    QCOMPARE(dashboard.value().series.buckets.size(), 31);
    request.range.from = QDate(2026, 2, 1); // after the last day: refused by field, as the embedded backend does
    const Result<analytics::Dashboard> backwards = await(m_backend->dashboard(request));
    QVERIFY(!backwards.ok());
    QCOMPARE(backwards.error().field, QStringLiteral("from"));
}

void TestRemoteBackend::engagementOnAServer()
{
    // An export larger than one request (batched, kind "engagement"), then the dashboard's top posts.
    signUp(*m_backend, QStringLiteral("posts@example.com"));
    QList<analytics::PostEngagement> export_;
    const QDateTime first(QDate(2026, 1, 1), QTime(18, 0), Qt::UTC);
    for (int post = 0; post < 600; ++post) {
        for (int day = 0; day < 10; ++day) {
            analytics::PostEngagement line;
            line.post = QStringLiteral("post-%1").arg(post);
            line.postedAt = first.addSecs(post * 3600);
            line.day = line.postedAt.date().addDays(day);
            line.likes = post;
            line.views = 10 * post;
            export_.append(line);
        }
    }
    QFuture<Result<int>> importing = m_backend->importEngagement(export_);
    const Result<int> imported = await(importing);
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message + QLatin1Char(' ') + imported.error().detail));
    QCOMPARE(imported.value(), 6000);
    QVERIFY(importing.progressMaximum() > 1);
    QCOMPARE(await(m_backend->importEngagement(export_.mid(0, 10))).value(), 0);

    analytics::DashboardRequest request;
    request.range = {QDate(2026, 1, 1), QDate(2026, 2, 28)};
    const Result<analytics::Dashboard> dashboard = await(m_backend->dashboard(request));
    QVERIFY2(dashboard.ok(), qPrintable(dashboard.ok() ? QString() : dashboard.error().message));
    QCOMPARE(dashboard.value().topPosts.size(), 10);
    QCOMPARE(dashboard.value().topPosts.first().post, QStringLiteral("post-599"));
    QCOMPARE(dashboard.value().topPosts.first().likes, 5990);
}

void TestRemoteBackend::messageLogsOnAServer()
{
    // A log larger than one request: in batches, all or nothing, then the dashboard's team figures.
    signUp(*m_backend, QStringLiteral("logs@example.com"));
    QList<analytics::MessageEvent> log;
    const QDateTime first(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    for (int i = 0; i < 3000; ++i) {
        const QString fan = QStringLiteral("fan %1").arg(i % 100);
        analytics::MessageEvent asked{first.addSecs(i * 900), true, fan, 0, 0, false, {}, {}};
        // The log names the answering member by email; the server finds the member.
        analytics::MessageEvent answered{first.addSecs(i * 900 + 60),       false, fan, 0, 500, i % 4 == 0, {},
                                         QStringLiteral("logs@example.com")};
        log << asked << answered;
    }
    QList<analytics::MessageEvent> broken = log;
    broken.last().fan.clear(); // in the last batch
    const Result<int> refused = await(m_backend->importMessages(broken));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().field == QStringLiteral("messages[5999].fan"),
             qPrintable(refused.error().field + QLatin1Char(' ') + refused.error().message + QLatin1Char(' ') + refused.error().detail));
    QFuture<Result<int>> importing = m_backend->importMessages(log);
    QCOMPARE(await(importing).value(), 6000);
    QVERIFY(importing.progressMaximum() > 1);
    QCOMPARE(await(m_backend->importMessages(log.mid(0, 10))).value(), 0);

    analytics::DashboardRequest request;
    request.range = {QDate(2026, 1, 1), QDate(2026, 2, 28)};
    const Result<analytics::Dashboard> dashboard = await(m_backend->dashboard(request));
    QVERIFY2(dashboard.ok(), qPrintable(dashboard.ok() ? QString() : dashboard.error().message));
    QCOMPARE(dashboard.value().messages.fromFans, 3000);
    QCOMPARE(dashboard.value().messages.paidSent, 3000);
    QCOMPARE(dashboard.value().messages.purchaseRate(), std::optional<double>(0.25));
    // The agency view: the member the log named by email, with the sales of the paid messages they sent.
    const Result<analytics::AgencyAnalytics> agency = await(m_backend->agencyAnalytics(request));
    QVERIFY2(agency.ok(), qPrintable(agency.ok() ? QString() : agency.error().message));
    QCOMPARE(agency.value().creators.size(), 1);
    QCOMPARE(agency.value().chatters.size(), 1);
    QCOMPARE(agency.value().chatters.first().email, QStringLiteral("logs@example.com"));
    QCOMPARE(agency.value().chatters.first().totals.paidBought, 750);
    QCOMPARE(agency.value().chatters.first().attributedCents(), 750 * 500);
    QCOMPARE(dashboard.value().messages.replies.averageSeconds(), std::optional<qint64>(60));
    // The agency's rule travels: with "last writer" the sales are the statement's (none here), all uncredited.
    QVERIFY(await(m_backend->setSalesAttribution(analytics::Attribution::LastWriter)).ok());
    const Result<analytics::AgencyAnalytics> byLastWriter = await(m_backend->agencyAnalytics(request));
    QVERIFY(byLastWriter.ok());
    QCOMPARE(byLastWriter.value().attribution, analytics::Attribution::LastWriter);
    QCOMPARE(byLastWriter.value().chatters.first().attributedCents(), 0);
}

void TestRemoteBackend::anotherAccountCannotTouchAnImport()
{
    signUp(*m_backend, QStringLiteral("owner@example.com"));
    ServerApi owner(*m_api, m_url, &m_backend->session());
    const Result<QJsonObject> opened
        = await(owner.call("POST", QStringLiteral("/api/imports"), {{QStringLiteral("kind"), QStringLiteral("fans")}}));
    QVERIFY(opened.ok());
    const QString id = opened.value().value(QStringLiteral("importId")).toString();
    QVERIFY(await(owner.call("POST", QStringLiteral("/api/imports/%1/rows").arg(id),
                             {{QStringLiteral("rows"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Ana")}}}}}))
                .ok());

    auto intruder = makeBackend(m_url);
    signUp(*intruder, QStringLiteral("intruder@example.com"));
    ServerApi other(*m_api, m_url, &intruder->session());
    for (const char *path : {"/api/imports/%1/commit", "/api/imports/%1/rows"}) {
        const Result<QJsonObject> tried
            = await(other.call("POST", QString::fromLatin1(path).arg(id), {{QStringLiteral("rows"), QJsonArray{}}}));
        QCOMPARE(tried.error().code, ErrorCode::NotFound);
    }
    QVERIFY(await(intruder->fans()).value().isEmpty());
    QVERIFY(await(other.call("DELETE", QStringLiteral("/api/imports/%1").arg(id))).ok()); // deletes nothing of the owner's
    const Result<QJsonObject> committed = await(owner.call("POST", QStringLiteral("/api/imports/%1/commit").arg(id)));
    QVERIFY(committed.ok());
    QCOMPARE(committed.value().value(QStringLiteral("imported")).toInt(), 1);
    intruder->shutdown();
}

void TestRemoteBackend::aiToolsRunOnTheServer()
{
    signUp(*m_backend, QStringLiteral("ai@example.com"));
    AiTools tools(m_backend->createAiProvider());
    QVERIFY(!tools.provider().isOffline());
    QVERIFY(tools.provider().displayName().contains(QStringLiteral("127.0.0.1")));
    QVERIFY(await(tools.provider().testConnection()).ok());

    IdeaRequest request;
    request.platform = QStringLiteral("instagram");
    request.count = 3;
    const Result<QList<ContentIdea>> ideas = await(tools.contentIdeas(request));
    QVERIFY2(ideas.ok(), qPrintable(ideas.ok() ? QString() : ideas.error().message));
    QCOMPARE(ideas.value().size(), 3);

    CaptionRequest caption;
    caption.text = QStringLiteral("Sunset yoga on the beach");
    const Result<AiTools::Captions> captions = await(tools.captions(caption, {}));
    QVERIFY(captions.ok());
    QVERIFY(!captions.value().captions.isEmpty());

    QString streamed;
    const Result<QString> message = await(
        tools.draftMessageTemplate(QStringLiteral("thank new fans"), Profile(), [&streamed](const QString &chunk) { streamed += chunk; }));
    QVERIFY(message.ok());
    QCOMPARE(streamed, message.value());

    // Signed out, the server refuses: its tools are for its own accounts.
    QVERIFY(await(m_backend->signOut()).ok());
    const Result<QList<ContentIdea>> refused = await(tools.contentIdeas(request));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
}

void TestRemoteBackend::appCoreLetsTheServerChooseTheAiProvider()
{
    const QUrl url = m_url;
    AppCore core([url](ApiClient &api) { return std::make_unique<RemoteBackend>(api, url); }, std::make_unique<test::MemorySecretStore>(),
                 QDir::tempPath());
    QVERIFY(core.backendRunsAi());
    QVERIFY(!core.aiTools().provider().isOffline());
    // A provider chosen in Settings does not replace the server's.
    core.useAiProvider(AppSettings::AiProviderKind::Offline, {}, {}, {});
    QVERIFY(!core.aiTools().provider().isOffline());
}

QTEST_GUILESS_MAIN(TestRemoteBackend)
#include "tst_remotebackend.moc"

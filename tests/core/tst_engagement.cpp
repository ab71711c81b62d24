// How fans answered a creator's posts (issue 12): an export line's rules and,
// on SQLite and PostgreSQL, per-post sums that equal a brute force over
// random exports (later figures of a post and day replace earlier ones), the
// top posts and the posting heat map in the creator's time zone.
#include "agency/permissions.h"
#include "analytics/analyticsservice.h"
#include "analytics/engagement.h"
#include "bothdatabases.h"
#include "newcreator.h"
#include "storage/agencyrepository.h"
#include "storage/engagementrepository.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace huntaze;
using namespace huntaze::analytics;
using huntaze::test::await;
using huntaze::test::TempPostgres;

namespace {

const QTimeZone paris(QByteArrayLiteral("Europe/Paris"));

PostEngagement line(const QString &post, const QDateTime &postedAt, const QDate &day, qint64 likes, qint64 comments, qint64 views)
{
    PostEngagement engagement;
    engagement.post = post;
    engagement.postedAt = postedAt;
    engagement.day = day;
    engagement.likes = likes;
    engagement.comments = comments;
    engagement.views = views;
    return engagement;
}

} // namespace

class TestEngagement : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void badLinesAreRefusedByName_data();
    void badLinesAreRefusedByName();
    void aLineRoundTripsThroughJson();
    void postSumsEqualABruteForce_data();
    void postSumsEqualABruteForce();
    void anExportImportedTwiceChangesNothing_data() { drivers(); }
    void anExportImportedTwiceChangesNothing();
    void topPostsAndPostingHoursAreInTheCreatorsZone_data() { drivers(); }
    void topPostsAndPostingHoursAreInTheCreatorsZone();
    void theDashboardCarriesThemAndOnlyImportersAdd();

private:
    static void drivers() { test::BothDatabases::addDriverRows(); }
    SqlWorker &open(const QString &driver) { return *(m_worker = &m_databases.open(driver)); }
    agency::CreatorScope newMia();

    test::BothDatabases m_databases{QStringLiteral("engagement")};
    SqlWorker *m_worker = nullptr;
};

void TestEngagement::initTestCase()
{
    if (const QString problem = m_databases.start(); !problem.isEmpty())
        QFAIL(qPrintable(problem));
    QVERIFY(paris.isValid());
}

void TestEngagement::init()
{
    if (m_databases.missingPostgres())
        QSKIP("no PostgreSQL server on this machine");
}

void TestEngagement::cleanup()
{
    m_worker = nullptr;
    m_databases.reset();
}

// A creator of her own agency; the repository is given the Paris zone, the service reads hers (UTC until chosen).
agency::CreatorScope TestEngagement::newMia()
{
    return test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
}

void TestEngagement::badLinesAreRefusedByName_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    // A line posted on 1 March 2026 at 10:00 UTC, with `rest` added.
    const auto posted
        = [](const QString &rest) -> QString { return QStringLiteral(R"({"postedAt":"2026-03-01T10:00:00Z")") + rest + u'}'; };
    QTest::newRow("no post") << posted({}) << "post";
    QTest::newRow("a blank post") << posted(QStringLiteral(R"(,"post":"  ")")) << "post";
    QTest::newRow("a post as a number") << posted(QStringLiteral(R"(,"post":7)")) << "post";
    QTest::newRow("a NUL in the post") << posted(QStringLiteral(",\"post\":\"a\\u0000b\"")) << "post";
    QTest::newRow("no time") << R"({"post":"p1"})"
                             << "postedAt";
    QTest::newRow("a time without its offset") << R"({"post":"p1","postedAt":"2026-03-01T10:00:00"})"
                                               << "postedAt";
    QTest::newRow("a typo of a year") << R"({"post":"p1","postedAt":"20226-03-01T10:00:00Z"})"
                                      << "postedAt";
    QTest::newRow("a day that is not") << posted(QStringLiteral(R"(,"post":"p1","day":"2026-02-30")")) << "day";
    QTest::newRow("a day before the post") << posted(QStringLiteral(R"(,"post":"p1","day":"2026-02-20")")) << "day";
    QTest::newRow("negative likes") << posted(QStringLiteral(R"(,"post":"p1","likes":-1)")) << "likes";
    QTest::newRow("half a comment") << posted(QStringLiteral(R"(,"post":"p1","comments":1.5)")) << "comments";
    QTest::newRow("views 1e300") << posted(QStringLiteral(R"(,"post":"p1","views":1e300)")) << "views";
    QTest::newRow("views as text") << posted(QStringLiteral(R"(,"post":"p1","views":"12")")) << "views";
    QTest::newRow("a caption as a list") << posted(QStringLiteral(R"(,"post":"p1","caption":[])")) << "caption";
}

void TestEngagement::badLinesAreRefusedByName()
{
    QFETCH(QString, json);
    QFETCH(QString, field);
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    QVERIFY(!object.isEmpty());
    const Result<PostEngagement> parsed = PostEngagement::parse(object);
    QVERIFY2(!parsed.ok(), qPrintable(json));
    QCOMPARE(parsed.error().code, ErrorCode::Validation);
    QCOMPARE(parsed.error().field, field);
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestEngagement::aLineRoundTripsThroughJson()
{
    PostEngagement full
        = line(QStringLiteral("p1"), QDateTime(QDate(2026, 3, 1), QTime(18, 30), QTimeZone::utc()), QDate(2026, 3, 2), 120, 14, 3400);
    full.caption = QStringLiteral("Sunset #beach");
    QCOMPARE(PostEngagement::parse(full.toJson()).value(), full);
    const PostEngagement bare = line(QStringLiteral("p2"), QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc()), {}, 0, 0, 0);
    QCOMPARE(PostEngagement::parse(bare.toJson()).value(), bare);
    QCOMPARE(full.interactions(), 134);
}

void TestEngagement::postSumsEqualABruteForce_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<quint32>("seed");
    for (const char *driver : {"sqlite", "postgresql"}) {
        for (quint32 seed : {7u, 2026u})
            QTest::addRow("%s, seed %u", driver, seed) << QString::fromLatin1(driver) << seed;
    }
}

void TestEngagement::postSumsEqualABruteForce()
{
    QFETCH(QString, driver);
    QFETCH(quint32, seed);
    open(driver);
    const agency::CreatorScope scope = newMia();
    QRandomGenerator random(seed);
    // 40 posts over a month, each exported day by day several times with changing figures.
    QHash<QString, QDateTime> postedAt;
    for (int i = 0; i < 40; ++i)
        postedAt.insert(
            QStringLiteral("post-%1").arg(i),
            QDateTime(QDate(2026, 3, 1).addDays(random.bounded(30)), QTime(random.bounded(24), random.bounded(60)), QTimeZone::utc()));
    std::map<std::pair<QString, QDate>, std::array<qint64, 3>> latest; // the brute force: the last figures of each post and day
    for (int export_ = 0; export_ < 6; ++export_) {
        QList<PostEngagement> lines;
        for (int i = 0; i < 300; ++i) {
            const QString post = QStringLiteral("post-%1").arg(random.bounded(40));
            const QDate day = postedAt.value(post).date().addDays(random.bounded(5));
            lines.append(line(post, postedAt.value(post), day, random.bounded(500), random.bounded(50), random.bounded(20000)));
            latest[{post, day}] = {lines.last().likes, lines.last().comments, lines.last().views};
        }
        const Result<int> added = await(
            m_worker->run<int>([scope, lines](QSqlDatabase &db) { return EngagementRepository(db, scope, paris).addEngagement(lines); }));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().detail));
    }
    std::map<QString, std::array<qint64, 3>> expected;
    for (const auto &[key, figures] : latest) {
        for (int i = 0; i < 3; ++i)
            expected[key.first][i] += figures[i];
    }
    const Result<QList<TopPost>> posts = await(m_worker->run<QList<TopPost>>([scope](QSqlDatabase &db) {
        return EngagementRepository(db, scope, paris).topPosts(QDate(2026, 1, 1), QDate(2026, 12, 31), 1000);
    }));
    QVERIFY(posts.ok());
    QCOMPARE(posts.value().size(), static_cast<qsizetype>(expected.size()));
    for (const TopPost &post : posts.value()) {
        const std::array<qint64, 3> figures{post.likes, post.comments, post.views};
        QCOMPARE(figures, expected.at(post.post));
        QCOMPARE(post.postedAt, postedAt.value(post.post));
    }
    for (qsizetype i = 1; i < posts.value().size(); ++i)
        QVERIFY(posts.value().at(i - 1).interactions() >= posts.value().at(i).interactions());
}

void TestEngagement::anExportImportedTwiceChangesNothing()
{
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = newMia();
    const QDateTime noon(QDate(2026, 3, 2), QTime(12, 0), QTimeZone::utc());
    QList<PostEngagement> export_{line(QStringLiteral("p1"), noon, QDate(2026, 3, 2), 10, 2, 100),
                                  line(QStringLiteral("p1"), noon, QDate(2026, 3, 3), 5, 1, 50),
                                  line(QStringLiteral("p2"), noon.addSecs(3600), {}, 7, 0, 70)};
    export_[0].caption = QStringLiteral("First light");
    const auto add = [&](const QList<PostEngagement> &lines) {
        return await(m_worker->run<int>(
                         [scope, lines](QSqlDatabase &db) { return EngagementRepository(db, scope, paris).addEngagement(lines); }))
            .value();
    };
    const auto top = [&] {
        return await(m_worker->run<QList<TopPost>>([scope](QSqlDatabase &db) {
                   return EngagementRepository(db, scope, paris).topPosts(QDate(2026, 3, 1), QDate(2026, 3, 31), 10);
               }))
            .value();
    };
    QCOMPARE(add(export_), 3);
    QCOMPARE(add(export_), 0);
    QCOMPARE(top().first().likes, 15);
    // A fresher export: that day's figures replace the old ones, the others stay; a line without a caption keeps it.
    QList<PostEngagement> fresher{line(QStringLiteral("p1"), noon, QDate(2026, 3, 3), 9, 1, 80)};
    QCOMPARE(add(fresher), 1);
    const TopPost first = top().first();
    QCOMPARE(first.post, QStringLiteral("p1"));
    QCOMPARE(first.likes, 19);
    QCOMPARE(first.views, 180);
    QCOMPARE(first.caption, QStringLiteral("First light"));
}

void TestEngagement::topPostsAndPostingHoursAreInTheCreatorsZone()
{
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = newMia();
    // Monday 2 March 2026, 23:30 UTC is Tuesday 00:30 in Paris; Sunday 1 March 23:30 in Paris is still March.
    const QList<PostEngagement> lines{
        line(QStringLiteral("late"), QDateTime(QDate(2026, 3, 2), QTime(23, 30), QTimeZone::utc()), {}, 40, 10, 900),
        line(QStringLiteral("morning"), QDateTime(QDate(2026, 3, 3), QTime(8, 0), QTimeZone::utc()), {}, 20, 0, 5000),
        line(QStringLiteral("morning 2"), QDateTime(QDate(2026, 3, 3), QTime(8, 10), QTimeZone::utc()), {}, 10, 0, 100),
        line(QStringLiteral("february"), QDateTime(QDate(2026, 2, 28), QTime(22, 30), QTimeZone::utc()), {}, 99, 0, 0),
    };
    QCOMPARE(await(m_worker->run<int>([scope, lines](QSqlDatabase &db) {
                 return EngagementRepository(db, scope, paris).addEngagement(lines);
             })).value(),
             4);
    const QList<TopPost> top = await(m_worker->run<QList<TopPost>>([scope](QSqlDatabase &db) {
                                   return EngagementRepository(db, scope, paris).topPosts(QDate(2026, 3, 1), QDate(2026, 3, 31), 2);
                               })).value();
    QCOMPARE(top.size(), 2);
    QCOMPARE(top.at(0).post, QStringLiteral("late")); // 50 interactions; February's post (23:30 on the 28th in Paris) is not March's
    QCOMPARE(top.at(1).post, QStringLiteral("morning")); // 20 interactions and the most views
    const PostingHeatmap heatmap
        = postingHeatmap(await(m_worker->run<QList<PostingHour>>([scope](QSqlDatabase &db) {
                             return EngagementRepository(db, scope, paris).postingHours(QDate(2026, 3, 1), QDate(2026, 3, 31));
                         })).value());
    QCOMPARE(heatmap.posts[1][0], 1); // Tuesday 00:30 in Paris
    QCOMPARE(heatmap.interactions[1][0], 50);
    QCOMPARE(heatmap.posts[1][9], 2); // Tuesday 09:00 and 09:10 in Paris
    QCOMPARE(heatmap.average(1, 9), std::optional<double>(15));
    QCOMPARE(heatmap.average(0, 23), std::nullopt); // February's Saturday is another range
    QCOMPARE(heatmap.posts[5][23], 0);
}

void TestEngagement::theDashboardCarriesThemAndOnlyImportersAdd()
{
    open(QStringLiteral("sqlite"));
    const agency::CreatorScope scope = newMia();
    const agency::Membership owner = await(m_worker->run<agency::Membership>([scope](QSqlDatabase &db) {
                                         return AgencyRepository(db).membership(scope.agencyId, scope.userId);
                                     })).value();
    QList<PostEngagement> lines;
    for (int i = 0; i < 14; ++i)
        lines.append(
            line(QStringLiteral("p%1").arg(i), QDateTime(QDate(2026, 3, 1 + i), QTime(18, 0), QTimeZone::utc()), {}, i * 10, i, i * 100));
    const auto import = [&](const agency::Membership &member) {
        return await(
            m_worker->run<int>([member, lines](QSqlDatabase &db) { return AnalyticsService::importEngagement(db, member, 0, lines); }));
    };
    // Chatters import nothing; a role that may import data but not see earnings may import likes and views.
    agency::Membership chatter = owner;
    chatter.role = agency::Role::preset(agency::Preset::Chatter);
    QCOMPARE(import(chatter).error().code, ErrorCode::Forbidden);
    agency::Membership importer = owner;
    importer.role
        = agency::Role::custom(QStringLiteral("Importer"), {QStringLiteral("data.import")}, agency::DataScope::AllCreators).value();
    QCOMPARE(import(importer).value(), 14);
    QCOMPARE(import(owner).value(), 0);

    DashboardRequest request;
    request.range = {QDate(2026, 3, 1), QDate(2026, 3, 31)};
    const Result<Dashboard> dashboard = await(
        m_worker->run<Dashboard>([owner, request](QSqlDatabase &db) { return AnalyticsService::dashboard(db, owner, 0, request); }));
    QVERIFY(dashboard.ok());
    QCOMPARE(dashboard.value().topPosts.size(), Dashboard::topPostCount);
    QCOMPARE(dashboard.value().topPosts.first().post, QStringLiteral("p13"));
    QCOMPARE(dashboard.value().posting.posts[6][18], 2); // Sundays 1 and 8 March, 18:00 UTC (the creator's zone until chosen)
    // Through the remote backend's JSON, the same figures.
    const Dashboard back = Dashboard::fromJson(dashboard.value().toJson());
    QCOMPARE(back.topPosts, dashboard.value().topPosts);
    QCOMPARE(back.posting, dashboard.value().posting);
}

QTEST_GUILESS_MAIN(TestEngagement)
#include "tst_engagement.moc"

// The repositories run the same SQL on SQLite (the desktop) and PostgreSQL
// (huntaze-server): every test here runs once on each.
#include "newcreator.h"
#include "storage/accountrepository.h"
#include "storage/agencyrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/draftrepository.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "temppostgres.h"
#include "testutil.h"

#include <QJsonArray>

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>
#include <tuple>

using namespace huntaze;
using huntaze::test::await;
using huntaze::test::TempPostgres;

class TestSqlRepositories : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void migrationsReachTheLatestVersionOnce_data() { drivers(); }
    void migrationsReachTheLatestVersionOnce();
    void concurrentMigrationsDoNotCollide_data() { drivers(); }
    void concurrentMigrationsDoNotCollide();
    void upgradeMakesEachAccountTheOwnerOfAnAgencyOfOne_data() { drivers(); }
    void upgradeMakesEachAccountTheOwnerOfAnAgencyOfOne();
    void accountsAndSessionsRoundTrip_data() { drivers(); }
    void accountsAndSessionsRoundTrip();
    void creatorDataRoundTrips_data() { drivers(); }
    void creatorDataRoundTrips();
    void oneAccountNeverSeesAnothersRows_data() { drivers(); }
    void oneAccountNeverSeesAnothersRows();
    void aBadRowImportsNothing_data() { drivers(); }
    void aBadRowImportsNothing();
    void workerReconnectsAfterTheServerDropsIt();
    void postgresSessionsAreSetForShortQueries();

private:
    void drivers();
    DatabaseConfig configFor(const QString &driver);

    std::unique_ptr<TempPostgres> m_postgres;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqlWorker> m_worker;
    int m_databases = 0;
};

void TestSqlRepositories::initTestCase()
{
    m_postgres = std::make_unique<TempPostgres>();
    if (!m_postgres->isRunning() && TempPostgres::required())
        QFAIL(qPrintable(m_postgres->error()));
    if (!m_postgres->isRunning())
        qWarning("PostgreSQL rows will be skipped: %s", qPrintable(m_postgres->error()));
}

void TestSqlRepositories::drivers()
{
    QTest::addColumn<QString>("driver");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

DatabaseConfig TestSqlRepositories::configFor(const QString &driver)
{
    if (driver == QStringLiteral("sqlite"))
        return DatabaseConfig::sqlite(m_dir->filePath(QStringLiteral("test-%1.sqlite").arg(++m_databases)));
    return m_postgres->createDatabase(QStringLiteral("test_%1").arg(++m_databases));
}

void TestSqlRepositories::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    if (QTest::currentDataTag() && QByteArray(QTest::currentDataTag()) == "postgresql" && !m_postgres->isRunning())
        QSKIP("no PostgreSQL server on this machine");
}

void TestSqlRepositories::cleanup()
{
    m_worker.reset();
    m_dir.reset();
}

namespace {

Result<int> migrate(SqlWorker &worker)
{
    const QString directory = worker.config().migrationsDirectory();
    return await(worker.run<int>([directory](QSqlDatabase &db) { return Migrator(directory).migrate(db); }));
}

SqlWorker &openMigrated(std::unique_ptr<SqlWorker> &worker, const DatabaseConfig &config)
{
    worker = std::make_unique<SqlWorker>(config);
    const Result<int> migrated = migrate(*worker);
    if (!migrated.ok())
        qFatal("migration failed: %s", qPrintable(migrated.error().detail));
    return *worker;
}

} // namespace

void TestSqlRepositories::migrationsReachTheLatestVersionOnce()
{
    QFETCH(QString, driver);
    const DatabaseConfig config = configFor(driver);
    SqlWorker worker(config);
    const int latest = Migrator(config.migrationsDirectory()).latestVersion();
    QVERIFY(latest >= 2);
    const Result<int> first = migrate(worker);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().detail));
    QCOMPARE(first.value(), latest);
    const Result<int> again = migrate(worker);
    QVERIFY(again.ok());
    QCOMPARE(again.value(), latest);
    const Result<int> rows = await(worker.run<int>([](QSqlDatabase &db) -> Result<int> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) || !query.next())
            return Error(ErrorCode::Storage, {});
        return query.value(0).toInt();
    }));
    QCOMPARE(rows.value(), latest);
}

void TestSqlRepositories::concurrentMigrationsDoNotCollide()
{
    // Two server instances starting together against one empty database.
    QFETCH(QString, driver);
    const DatabaseConfig config = configFor(driver);
    SqlWorker first(config);
    SqlWorker second(config);
    const QString directory = config.migrationsDirectory();
    QFuture<Result<int>> a = first.run<int>([directory](QSqlDatabase &db) { return Migrator(directory).migrate(db); });
    QFuture<Result<int>> b = second.run<int>([directory](QSqlDatabase &db) { return Migrator(directory).migrate(db); });
    const Result<int> resultA = await(a);
    const Result<int> resultB = await(b);
    QVERIFY2(resultA.ok(), qPrintable(resultA.ok() ? QString() : resultA.error().detail));
    QVERIFY2(resultB.ok(), qPrintable(resultB.ok() ? QString() : resultB.error().detail));
    QCOMPARE(resultA.value(), Migrator(directory).latestVersion());
    QCOMPARE(resultB.value(), Migrator(directory).latestVersion());
}

namespace {

// The last schema before agencies (issue 10) on each database.
int versionBeforeAgencies(const DatabaseConfig &config)
{
    return config.driver == DatabaseConfig::Driver::Sqlite ? 5 : 3;
}

Result<void> execAll(QSqlDatabase &db, const QList<QPair<QString, QVariantList>> &statements)
{
    for (const auto &[sql, values] : statements) {
        QSqlQuery query(db);
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return storageError(sql, query.lastError());
    }
    return Result<void>::success();
}

} // namespace

void TestSqlRepositories::upgradeMakesEachAccountTheOwnerOfAnAgencyOfOne()
{
    QFETCH(QString, driver);
    const DatabaseConfig config = configFor(driver);
    m_worker = std::make_unique<SqlWorker>(config);
    const QString directory = config.migrationsDirectory();
    const int before = versionBeforeAgencies(config);
    QCOMPARE(await(m_worker->run<int>([directory, before](QSqlDatabase &db) { return Migrator(directory).migrate(db, before); })).value(),
             before);

    // Two accounts as the previous version stored them, each with a session and rows of every kind.
    const QByteArray miaToken = QByteArray::fromHex("01a0ff");
    const QString stamp = QStringLiteral("2026-05-01T10:00:00.000Z");
    QList<QPair<QString, QVariantList>> rows;
    for (const auto &[id, email, name] : {std::tuple{1, "mia@example.com", "Mia Rose"}, std::tuple{2, "zoe@example.com", ""}}) {
        const QString tag = QString::fromLatin1(email).section(u'@', 0, 0);
        rows.append({QStringLiteral("INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?)"),
                     {QString::fromLatin1(email), QString(QStringLiteral("$argon2id$") + tag), stamp}});
        rows.append({QStringLiteral(
                         "INSERT INTO profiles (user_id, display_name, niche, platforms, time_zone, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                     {id, QString::fromUtf8(name), QString(tag + QStringLiteral(" niche")), QStringLiteral("[\"onlyfans\"]"),
                      QStringLiteral("Europe/Paris"), stamp}});
        rows.append({QStringLiteral("INSERT INTO sessions (token_digest, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?)"),
                     {id == 1 ? miaToken : QByteArray::fromHex("02b0ff"), id, stamp, stamp}});
        rows.append({QStringLiteral("INSERT INTO fans (user_id, name, tags, total_spend) VALUES (?, ?, ?, ?)"),
                     {id, QString(tag + QStringLiteral("'s fan")), QStringLiteral("[\"vip\"]"), 12.5 * id}});
        rows.append({QStringLiteral("INSERT INTO offers (user_id, title, price, recipients, purchases) VALUES (?, ?, ?, ?, ?)"),
                     {id, QString(tag + QStringLiteral("'s offer")), 9.99, 100, 7}});
        rows.append({QStringLiteral("INSERT INTO posts (user_id, platform, caption, engagement) VALUES (?, ?, ?, ?)"),
                     {id, QStringLiteral("instagram"), QString(tag + QStringLiteral("'s post")), 40}});
        rows.append({QStringLiteral("INSERT INTO drafts (user_id, kind, title, body, created_at) VALUES (?, ?, ?, ?, ?)"),
                     {id, QStringLiteral("caption"), QStringLiteral("Title"), QString(tag + QStringLiteral("'s draft")), stamp}});
        rows.append({QStringLiteral("INSERT INTO creator_preferences (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)"),
                     {id, QStringLiteral("currency"), QStringLiteral("[\"EUR\"]"), stamp}});
    }
    QVERIFY(await(m_worker->run<void>([rows](QSqlDatabase &db) { return execAll(db, rows); })).ok());

    const Result<int> upgraded = await(m_worker->run<int>([directory](QSqlDatabase &db) { return Migrator(directory).migrate(db); }));
    QVERIFY2(upgraded.ok(), qPrintable(upgraded.ok() ? QString() : upgraded.error().detail));

    // Mia's session still works, and now acts as the owner of her own agency.
    const Result<User> mia
        = await(m_worker->run<User>([miaToken](QSqlDatabase &db) { return AccountRepository(db).userForSession(miaToken); }));
    QVERIFY2(mia.ok(), qPrintable(mia.ok() ? QString() : mia.error().detail));
    QCOMPARE(mia.value().email, QStringLiteral("mia@example.com"));
    QCOMPARE(mia.value().role, QStringLiteral("owner"));
    QCOMPARE(mia.value().agencyName, QStringLiteral("Mia Rose"));
    QCOMPARE(mia.value().creators.size(), 1);
    QCOMPARE(mia.value().profile.niche, QStringLiteral("mia niche"));
    QCOMPARE(mia.value().profile.platforms, QStringList{QStringLiteral("onlyfans")});
    const agency::CreatorScope miaScope{mia.value().agencyId, mia.value().creatorId, mia.value().id};

    // Zoe had no display name: her agency is named after her email.
    const auto zoeAgency = await(m_worker->run<QString>([](QSqlDatabase &db) -> Result<QString> {
        QSqlQuery query(db);
        if (!query.exec(
                QStringLiteral("SELECT a.name FROM agencies a JOIN members m ON m.agency_id = a.id JOIN users u ON u.id = m.user_id "
                               "WHERE u.email = 'zoe@example.com'"))
            || !query.next())
            return storageError(QStringLiteral("zoe"), query.lastError());
        return query.value(0).toString();
    }));
    QCOMPARE(zoeAgency.value(), QStringLiteral("zoe@example.com"));

    // Every row moved to its account's creator, and only there.
    const auto data = await(m_worker->run<QStringList>([miaScope](QSqlDatabase &db) -> Result<QStringList> {
        CreatorDataRepository repository(db, miaScope);
        const auto fans = repository.fans();
        const auto offers = repository.offers();
        const auto posts = repository.posts();
        const auto drafts = DraftRepository(db, miaScope, QDateTime::currentDateTimeUtc()).drafts();
        const auto currency = repository.preference(QStringLiteral("currency"));
        if (!fans.ok() || !offers.ok() || !posts.ok() || !drafts.ok() || !currency.ok())
            return Error{ErrorCode::Storage, QStringLiteral("read failed")};
        QStringList found;
        for (const Fan &fan : fans.value())
            found << fan.name << QString::number(fan.totalSpend) << fan.tags.join(u',');
        for (const Offer &offer : offers.value())
            found << offer.title;
        for (const Post &post : posts.value())
            found << post.caption;
        for (const Draft &draft : drafts.value())
            found << draft.body;
        found << currency.value().toString();
        return found;
    }));
    QVERIFY(data.ok());
    QCOMPARE(data.value(),
             (QStringList{QStringLiteral("mia's fan"), QStringLiteral("12.5"), QStringLiteral("vip"), QStringLiteral("mia's offer"),
                          QStringLiteral("mia's post"), QStringLiteral("mia's draft"), QStringLiteral("EUR")}));

    // New accounts after the upgrade get agencies and creators of their own (the id sequences moved on).
    const agency::CreatorScope ana = test::newCreator(*m_worker, QStringLiteral("ana@example.com"));
    QVERIFY(ana.agencyId > 2);
    QVERIFY(ana.creatorId > 2);
    QCOMPARE(await(m_worker->run<QList<Fan>>([ana](QSqlDatabase &db) { return CreatorDataRepository(db, ana).fans(); })).value().size(), 0);
}

void TestSqlRepositories::accountsAndSessionsRoundTrip()
{
    QFETCH(QString, driver);
    SqlWorker &worker = openMigrated(m_worker, configFor(driver));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const agency::CreatorScope mia = test::newCreator(worker, QStringLiteral("mia@example.com"));
    const qint64 id = mia.userId;

    const auto found = await(worker.run<AccountRepository::StoredAccount>(
        [](QSqlDatabase &db) { return AccountRepository(db).findByEmail(QStringLiteral("mia@example.com")); }));
    QVERIFY(found.ok());
    QCOMPARE(found.value().user.id, id);
    QCOMPARE(found.value().passwordHash, QByteArrayLiteral("$argon2id$stub"));
    QVERIFY(found.value().user.createdAt >= before);
    QVERIFY(found.value().user.createdAt <= QDateTime::currentDateTimeUtc().addSecs(1));

    const auto duplicate = await(worker.run<User>([](QSqlDatabase &db) {
        return AccountRepository(db).createUser(QStringLiteral("mia@example.com"), QByteArrayLiteral("x"), Profile());
    }));
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, ErrorCode::AlreadyExists);

    // Digests are binary: bytes that are not valid text must round-trip.
    const QByteArray digest = QByteArray::fromHex("00ff10a5c3e2000180");
    QVERIFY(await(worker.run<void>([digest, mia](QSqlDatabase &db) {
                return AccountRepository(db).createSession({digest, digest, {}, {}, {}}, mia.userId, mia.agencyId);
            })).ok());
    const auto sessionUser = await(worker.run<User>([digest](QSqlDatabase &db) { return AccountRepository(db).userForSession(digest); }));
    QVERIFY(sessionUser.ok());
    QCOMPARE(sessionUser.value().id, id);
    // A new account owns an agency of one, holding one creator with the sign-up profile.
    QCOMPARE(sessionUser.value().agencyId, mia.agencyId);
    QCOMPARE(sessionUser.value().role, QStringLiteral("owner"));
    QCOMPARE(sessionUser.value().creators.size(), 1);
    QCOMPARE(sessionUser.value().creatorId, mia.creatorId);
    QCOMPARE(sessionUser.value().profile.displayName, QStringLiteral("Mia"));
    QVERIFY(sessionUser.value().may(agency::Permission::DeleteAgency));

    Profile profile;
    profile.displayName = QStringLiteral("Mia Rose");
    profile.niche = QStringLiteral("fitness");
    profile.platforms = {QStringLiteral("instagram"), QStringLiteral("onlyfans")};
    profile.timeZone = QStringLiteral("Europe/Paris");
    QVERIFY(
        await(worker.run<void>([mia, profile](QSqlDatabase &db) { return AgencyRepository(db).updateCreatorProfile(mia, profile); })).ok());
    const auto updated = await(worker.run<User>([digest](QSqlDatabase &db) { return AccountRepository(db).userForSession(digest); }));
    QVERIFY(updated.ok());
    QCOMPARE(updated.value().profile, profile);
    QCOMPARE(updated.value().creators.value(0).profile, profile);

    QVERIFY(await(worker.run<void>([digest](QSqlDatabase &db) { return AccountRepository(db).deleteSession(digest); })).ok());
    const auto ended = await(worker.run<User>([digest](QSqlDatabase &db) { return AccountRepository(db).userForSession(digest); }));
    QVERIFY(!ended.ok());
    QCOMPARE(ended.error().code, ErrorCode::Unauthorized);
}

void TestSqlRepositories::creatorDataRoundTrips()
{
    QFETCH(QString, driver);
    SqlWorker &worker = openMigrated(m_worker, configFor(driver));
    const agency::CreatorScope id = test::newCreator(worker, QStringLiteral("mia@example.com"));

    const QList<Fan> fans{
        {0, QStringLiteral("Ana"), {QStringLiteral("vip"), QStringLiteral("é")}, 120.5, QStringLiteral("Beach set"), QDate(2026, 10, 1)},
        {0, QStringLiteral("Bo"), {}, 0, {}, QDate()}};
    const QList<Offer> offers{{0, QStringLiteral("PPV 1"), 9.99, 100, 12, QDate(2026, 9, 3)}, {0, {}, 25, 40, 0, QDate()}};
    const QList<Post> posts{{0, QStringLiteral("instagram"), QStringLiteral("Sunrise"), {QStringLiteral("gym")}, 340, QDate(2026, 8, 1)}};

    const auto imported = await(worker.run<int>([=](QSqlDatabase &db) -> Result<int> {
        CreatorDataRepository repository(db, id);
        Result<int> count = repository.insertFans(fans);
        if (!count.ok())
            return count;
        if (Result<int> more = repository.insertOffers(offers); !more.ok())
            return more;
        return repository.insertPosts(posts);
    }));
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().detail));

    const auto readFans = await(worker.run<QList<Fan>>([id](QSqlDatabase &db) { return CreatorDataRepository(db, id).fans(); }));
    QVERIFY(readFans.ok());
    QCOMPARE(readFans.value().size(), 2);
    Fan ana = readFans.value().at(0);
    QVERIFY(ana.id > 0);
    ana.id = 0;
    QCOMPARE(ana, fans.at(0));
    QVERIFY(!readFans.value().at(1).lastActive.isValid());

    const auto readOffers = await(worker.run<QList<Offer>>([id](QSqlDatabase &db) { return CreatorDataRepository(db, id).offers(); }));
    QVERIFY(readOffers.ok());
    QCOMPARE(readOffers.value().size(), 2);
    QCOMPARE(readOffers.value().at(1).price, 9.99);
    QCOMPARE(readOffers.value().at(1).purchases, 12);

    const auto readPosts = await(worker.run<QList<Post>>([id](QSqlDatabase &db) { return CreatorDataRepository(db, id).posts(); }));
    QVERIFY(readPosts.ok());
    Post post = readPosts.value().value(0);
    post.id = 0;
    QCOMPARE(post, posts.at(0));

    // A post draft with every field, and a message draft, round-trip on both databases.
    const QDateTime now(QDate(2026, 12, 2), QTime(9, 30), QTimeZone::utc());
    Draft postDraft;
    postDraft.kind = Draft::Kind::Post;
    postDraft.status = Draft::Status::Ready;
    postDraft.title = QStringLiteral("Beach set");
    postDraft.body = QStringLiteral("Sunrise workout 🌅");
    postDraft.notes = QStringLiteral("Bring the drone");
    postDraft.hashtags = {QStringLiteral("#fitness"), QStringLiteral("beach")};
    postDraft.platform = QStringLiteral("Instagram");
    postDraft.plannedAt = QDateTime(QDate(2026, 12, 5), QTime(8, 0), QTimeZone::utc());
    postDraft.media = {QStringLiteral("/home/mia/Pictures/beach 1.jpg")};
    Draft message;
    message.kind = Draft::Kind::Message;
    message.title = QStringLiteral("Welcome");
    message.body = QStringLiteral("Hi {{fan.first_name|babe}}");
    message.audience = QStringLiteral("regulars");
    qint64 lastVersion = 0;
    for (const Draft &draft : QList<Draft>{postDraft, message}) {
        const auto saved
            = await(worker.run<Draft>([id, draft, now](QSqlDatabase &db) { return DraftRepository(db, id, now).save(draft); }));
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().detail));
        QVERIFY(!QUuid::fromString(saved.value().id).isNull());
        QCOMPARE(saved.value().creatorId, id.creatorId);
        QCOMPARE(saved.value().authorId, id.userId);
        QCOMPARE(saved.value().createdAt, now);
        QCOMPARE(saved.value().updatedAt, now);
        Draft expected = validateDraft(draft).value();
        expected.id = saved.value().id;
        expected.creatorId = id.creatorId;
        expected.authorId = id.userId;
        expected.authorEmail = QStringLiteral("mia@example.com"); // named in lists
        expected.createdAt = expected.updatedAt = now;
        // Each write takes the agency's next version, for devices to pull.
        QVERIFY(saved.value().version > lastVersion);
        expected.version = lastVersion = saved.value().version;
        QCOMPARE(saved.value(), expected);
    }
    const auto drafts = await(worker.run<QList<Draft>>([id, now](QSqlDatabase &db) { return DraftRepository(db, id, now).drafts(); }));
    QVERIFY(drafts.ok());
    QCOMPARE(drafts.value().size(), 2);
    // Saved at the same instant, they come in no particular order: the post is found by its kind.
    const auto listedPost
        = std::find_if(drafts.value().cbegin(), drafts.value().cend(), [](const Draft &draft) { return draft.kind == Draft::Kind::Post; });
    QVERIFY(listedPost != drafts.value().cend());
    QCOMPARE(listedPost->hashtags, (QStringList{QStringLiteral("fitness"), QStringLiteral("beach")}));
    QCOMPARE(listedPost->platform, QStringLiteral("instagram"));
    QCOMPARE(listedPost->plannedAt, postDraft.plannedAt);

    const QJsonValue words = QJsonArray{QStringLiteral("meet up"), QStringLiteral("cashapp")};
    const auto preferences = await(worker.run<QJsonValue>([id, words](QSqlDatabase &db) -> Result<QJsonValue> {
        CreatorDataRepository repository(db, id);
        if (Result<void> set = repository.setPreference(QStringLiteral("restrictedWords"), QStringLiteral("first")); !set.ok())
            return set.error();
        if (Result<void> set = repository.setPreference(QStringLiteral("restrictedWords"), words); !set.ok())
            return set.error();
        return repository.preference(QStringLiteral("restrictedWords"));
    }));
    QVERIFY(preferences.ok());
    QCOMPARE(preferences.value(), words);
    const auto unset = await(
        worker.run<QJsonValue>([id](QSqlDatabase &db) { return CreatorDataRepository(db, id).preference(QStringLiteral("never")); }));
    QVERIFY(unset.ok());
    QVERIFY(unset.value().isUndefined());
}

void TestSqlRepositories::oneAccountNeverSeesAnothersRows()
{
    QFETCH(QString, driver);
    SqlWorker &worker = openMigrated(m_worker, configFor(driver));
    const agency::CreatorScope mia = test::newCreator(worker, QStringLiteral("mia@example.com"));
    const agency::CreatorScope zoe = test::newCreator(worker, QStringLiteral("zoe@example.com"));
    QVERIFY(await(worker.run<int>([mia](QSqlDatabase &db) {
                return CreatorDataRepository(db, mia).insertFans({{0, QStringLiteral("Ana"), {}, 10, {}, {}}});
            })).ok());
    Draft secret;
    secret.body = QStringLiteral("secret");
    const Result<Draft> kept = await(worker.run<Draft>(
        [mia, secret](QSqlDatabase &db) { return DraftRepository(db, mia, QDateTime::currentDateTimeUtc()).save(secret); }));
    QVERIFY(kept.ok());
    // Zoe can neither delete nor change Mia's draft by its id: saving under it
    // is refused (SQLite) or makes a draft of her own (PostgreSQL keys drafts by agency).
    Draft stolen = kept.value();
    stolen.body = QStringLiteral("mine now");
    QCOMPARE(await(worker.run<void>([zoe, stolen](QSqlDatabase &db) {
                 return DraftRepository(db, zoe, QDateTime::currentDateTimeUtc()).remove(stolen.id);
             }))
                 .error()
                 .code,
             ErrorCode::NotFound);
    (void)await(worker.run<Draft>(
        [zoe, stolen](QSqlDatabase &db) { return DraftRepository(db, zoe, QDateTime::currentDateTimeUtc()).save(stolen); }));
    QVERIFY(await(worker.run<void>([mia](QSqlDatabase &db) {
                return CreatorDataRepository(db, mia).setPreference(QStringLiteral("k"), true);
            })).ok());

    QCOMPARE(await(worker.run<QList<Fan>>([zoe](QSqlDatabase &db) { return CreatorDataRepository(db, zoe).fans(); })).value().size(), 0);
    const Result<QList<Draft>> zoes = await(
        worker.run<QList<Draft>>([zoe](QSqlDatabase &db) { return DraftRepository(db, zoe, QDateTime::currentDateTimeUtc()).drafts(); }));
    QVERIFY(zoes.ok());
    for (const Draft &hers : zoes.value())
        QCOMPARE(hers.body, QStringLiteral("mine now"));
    QCOMPARE(await(worker.run<QList<Draft>>(
                       [mia](QSqlDatabase &db) { return DraftRepository(db, mia, QDateTime::currentDateTimeUtc()).drafts(); }))
                 .value()
                 .first()
                 .body,
             QStringLiteral("secret"));
    QVERIFY(
        await(worker.run<QJsonValue>([zoe](QSqlDatabase &db) { return CreatorDataRepository(db, zoe).preference(QStringLiteral("k")); }))
            .value()
            .isUndefined());
    QCOMPARE(await(worker.run<QList<Fan>>([mia](QSqlDatabase &db) { return CreatorDataRepository(db, mia).fans(); })).value().size(), 1);
}

void TestSqlRepositories::aBadRowImportsNothing()
{
    QFETCH(QString, driver);
    SqlWorker &worker = openMigrated(m_worker, configFor(driver));
    const agency::CreatorScope id = test::newCreator(worker, QStringLiteral("mia@example.com"));
    // The domain's rules refuse more purchases than recipients before anything is written: the whole batch goes.
    const QList<Offer> offers{{0, QStringLiteral("fine"), 10, 50, 5, {}}, {0, QStringLiteral("impossible"), 10, 5, 50, {}}};
    const auto imported
        = await(worker.run<int>([id, offers](QSqlDatabase &db) { return CreatorDataRepository(db, id).insertOffers(offers); }));
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error().code, ErrorCode::Validation);
    QCOMPARE(imported.error().field, QStringLiteral("offers[1].purchases"));
    const auto stored = await(worker.run<QList<Offer>>([id](QSqlDatabase &db) { return CreatorDataRepository(db, id).offers(); }));
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().size(), 0);
}

void TestSqlRepositories::postgresSessionsAreSetForShortQueries()
{
    // JIT compiled the agency view's per-creator queries (about 50 ms each) for work of 30 ms;
    // notices ("already exists, skipping") would be a log line each; with 4 MB of work memory
    // a year of the agency view sorted its earnings days on disk.
    if (!m_postgres->isRunning())
        QSKIP("no PostgreSQL server on this machine");
    SqlWorker worker(configFor(QStringLiteral("postgresql")));
    const Result<QStringList> settings = await(worker.run<QStringList>([](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT current_setting('jit'), current_setting('client_min_messages'), "
                                       "current_setting('application_name'), current_setting('work_mem')"))
            || !query.next())
            return storageError(QStringLiteral("read settings"), query.lastError());
        return QStringList{query.value(0).toString(), query.value(1).toString(), query.value(2).toString(), query.value(3).toString()};
    }));
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().detail));
    QCOMPARE(settings.value(),
             (QStringList{QStringLiteral("off"), QStringLiteral("warning"), QStringLiteral("huntaze-server"), QStringLiteral("16MB")}));
}

void TestSqlRepositories::workerReconnectsAfterTheServerDropsIt()
{
    if (!m_postgres->isRunning())
        QSKIP("no PostgreSQL server on this machine");
    const DatabaseConfig config = configFor(QStringLiteral("postgresql"));
    SqlWorker &worker = openMigrated(m_worker, config);
    test::newCreator(worker, QStringLiteral("mia@example.com"));

    // What a PostgreSQL restart or failover does to open connections.
    SqlWorker admin(config);
    QVERIFY(await(admin.run<void>([database = config.databaseName](QSqlDatabase &db) -> Result<void> {
                QSqlQuery query(db);
                query.prepare(
                    QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"));
                query.addBindValue(database);
                if (!query.exec())
                    return storageError(QStringLiteral("terminate"), query.lastError());
                return Result<void>::success();
            })).ok());

    auto count = [&worker] {
        return await(worker.run<int>([](QSqlDatabase &db) -> Result<int> {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) || !query.next())
                return storageError(QStringLiteral("count users"), query.lastError());
            return query.value(0).toInt();
        }));
    };
    const Result<int> duringLoss = count();
    QVERIFY(!duringLoss.ok());
    QCOMPARE(duringLoss.error().code, ErrorCode::DatabaseUnavailable); // the server answers 503, not 500
    const Result<int> afterLoss = count();
    QVERIFY2(afterLoss.ok(), qPrintable(afterLoss.ok() ? QString() : afterLoss.error().detail));
    QCOMPARE(afterLoss.value(), 1);
}

QTEST_GUILESS_MAIN(TestSqlRepositories)
#include "tst_sqlrepositories.moc"

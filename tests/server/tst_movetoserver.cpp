// Moving the data kept on this computer to a huntaze-server (issue 13): every
// creator, their profile, preferences, fans, offers, posts, lines and drafts
// arrive, and the server works out the same figures; a move stopped half way
// goes on from where it stopped, adding nothing twice.
#include "backend/embeddedbackend.h"
#include "backend/movetoserver.h"
#include "backend/remotebackend.h"
#include "fakeclock.h"
#include "net/apiclient.h"
#include "net/apierrors.h"
#include "net/circuitbreakerregistry.h"
#include "runningserver.h"
#include "sync/syncengine.h"
#include "testutil.h"

#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace huntaze;
using test::await;

namespace {

const QString password = QStringLiteral("a long passphrase");

template <typename T> T valueOf(QFuture<Result<T>> future, const char *what)
{
    Result<T> result = await(future, 120000);
    if (!result.ok())
        qFatal("%s: %s %s", what, qPrintable(result.error().message), qPrintable(result.error().detail));
    return std::move(result).value();
}

void succeeded(QFuture<Result<void>> future, const char *what)
{
    const Result<void> result = await(future, 120000);
    if (!result.ok())
        qFatal("%s: %s %s", what, qPrintable(result.error().message), qPrintable(result.error().detail));
}

QStringList names(const QList<Fan> &fans)
{
    QStringList all;
    for (const Fan &fan : fans)
        all.append(fan.name + u'/' + QString::number(fan.totalSpend));
    all.sort();
    return all;
}

QStringList ids(const QList<Draft> &drafts)
{
    QStringList all;
    for (const Draft &draft : drafts)
        all.append(draft.id + u'/' + draft.title);
    all.sort();
    return all;
}

} // namespace

class TestMoveToServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everythingArrivesAndTheFiguresMatch();
    void aStoppedMoveGoesOnWithoutDuplicates();

private:
    // A computer with two creators' data: Mia (euros, a time zone of her own, a team log) and Zoe.
    struct Here {
        std::unique_ptr<EmbeddedBackend> backend;
        User owner;
        qint64 mia = 0;
        qint64 zoe = 0;
    };
    Here computerWithData(const QString &email);
    std::unique_ptr<RemoteBackend> server(const QString &replicas);
    // The figures of each creator here and there, side by side.
    void compareFigures(Here &here, RemoteBackend &there, const QList<qint64> &creatorsThere);

    test::RunningServer m_running;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    test::FakeClock m_clock;
    CircuitBreakerRegistry m_breakers{m_clock};
    ApiClient m_api{m_network, m_breakers};
};

void TestMoveToServer::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start());
}

TestMoveToServer::Here TestMoveToServer::computerWithData(const QString &email)
{
    Here here;
    here.backend = std::make_unique<EmbeddedBackend>(m_dir.filePath(email + QStringLiteral(".sqlite")),
                                                     PasswordHasher(PasswordHasher::minimumCost()));
    succeeded(here.backend->open(), "open");
    here.owner = valueOf(here.backend->signUp({email, password, QStringLiteral("Mia")}), "sign up here");
    here.mia = here.owner.creatorId;
    Profile zoe;
    zoe.displayName = QStringLiteral("Zoe");
    here.zoe = valueOf(here.backend->addCreator(zoe), "add Zoe").id;

    EmbeddedBackend &backend = *here.backend;
    backend.selectCreator(here.mia);
    Profile mia = valueOf(backend.currentUser(), "me").profile;
    mia.timeZone = QStringLiteral("Europe/Paris");
    mia.niche = QStringLiteral("Travel");
    valueOf(backend.updateProfile(mia), "profile");
    succeeded(backend.setCreatorPreference(QStringLiteral("currency"), QStringLiteral("EUR")), "currency");
    succeeded(backend.setCreatorPreference(QStringLiteral("restrictedWords"), QJsonArray{QStringLiteral("cash app")}), "words");
    QList<Fan> fans;
    for (const QString &name : {QStringLiteral("Ada"), QStringLiteral("Bo"), QStringLiteral("Cy")}) {
        Fan fan;
        fan.name = name;
        fan.totalSpend = name.size() * 10;
        fans.append(fan);
    }
    valueOf(backend.importFans(fans), "fans");
    Offer offer;
    offer.title = QStringLiteral("Sunset set");
    offer.price = 12;
    offer.sentOn = QDate(2026, 10, 3);
    valueOf(backend.importOffers({offer}), "offers");
    Post post;
    post.platform = QStringLiteral("instagram");
    post.caption = QStringLiteral("Lisbon light");
    post.hashtags = {QStringLiteral("travel")};
    post.postedOn = QDate(2026, 10, 4);
    valueOf(backend.importPosts({post}), "posts");
    QList<analytics::EarningEvent> earnings;
    const QDateTime start(QDate(2026, 9, 1), QTime(9, 30), Qt::UTC);
    for (int i = 0; i < 130; ++i) {
        const auto kind = i % 10 == 0 ? analytics::EarningKind::NewSubscription : analytics::EarningKind::Tip;
        earnings.append({start.addSecs(i * 11 * 3600), kind, 500 + i, 400 + i, QStringLiteral("EUR"), QStringLiteral("fan %1").arg(i % 17),
                         i % 7 == 0 ? QStringLiteral("ref-%1").arg(i) : QString(), i % 3 == 0 ? here.owner.id : 0});
    }
    valueOf(backend.importEarnings(earnings), "earnings");
    QList<analytics::MessageEvent> messages;
    for (int i = 0; i < 40; ++i) {
        const QDateTime at = start.addSecs(i * 20 * 3600);
        messages.append({at, true, QStringLiteral("fan %1").arg(i % 17), 0, 0, false, {}, {}});
        messages.append(
            {at.addSecs(300), false, QStringLiteral("fan %1").arg(i % 17), here.owner.id, i % 4 == 0 ? 900 : 0, i % 8 == 0, {}, {}});
    }
    valueOf(backend.importMessages(messages), "messages");
    QList<analytics::PostEngagement> engagement;
    for (int i = 0; i < 12; ++i)
        engagement.append({QStringLiteral("post-%1").arg(i % 4), start.addDays(i % 4), start.addDays(i % 4 + i / 4).date(), 10 + i, i,
                           100 * i, QStringLiteral("Caption %1").arg(i % 4)});
    valueOf(backend.importEngagement(engagement), "engagement");
    for (const QString &title : {QStringLiteral("Beach at dawn"), QStringLiteral("Welcome message")}) {
        Draft draft;
        draft.creatorId = here.mia;
        draft.title = title;
        valueOf(backend.saveDraft(draft), "draft");
    }

    backend.selectCreator(here.zoe);
    Fan zoesFan;
    zoesFan.name = QStringLiteral("Dee");
    valueOf(backend.importFans({zoesFan}), "Zoe's fans");
    QList<analytics::EarningEvent> zoes;
    for (int i = 0; i < 10; ++i)
        zoes.append({start.addDays(i), analytics::EarningKind::Tip, 1000, 800, QStringLiteral("USD"), QStringLiteral("dee"), {}, 0});
    valueOf(backend.importEarnings(zoes), "Zoe's earnings");
    Draft zoesDraft;
    zoesDraft.creatorId = here.zoe;
    zoesDraft.title = QStringLiteral("Zoe's first");
    valueOf(backend.saveDraft(zoesDraft), "Zoe's draft");
    backend.selectCreator(0);
    return here;
}

std::unique_ptr<RemoteBackend> TestMoveToServer::server(const QString &replicas)
{
    return std::make_unique<RemoteBackend>(m_api, m_running.url(), m_dir.filePath(replicas), m_clock);
}

void TestMoveToServer::compareFigures(Here &here, RemoteBackend &there, const QList<qint64> &creatorsThere)
{
    analytics::DashboardRequest autumn;
    autumn.range = {QDate(2026, 9, 1), QDate(2026, 11, 30)};
    autumn.granularity = analytics::Granularity::Week;
    for (int i = 0; i < 2; ++i) {
        here.backend->selectCreator(i == 0 ? here.mia : here.zoe);
        there.selectCreator(creatorsThere.at(i));
        const analytics::Dashboard local = valueOf(here.backend->dashboard(autumn), "dashboard here");
        const analytics::Dashboard remote = valueOf(there.dashboard(autumn), "dashboard there");
        QVERIFY(local.current.purchases > 0);
        QCOMPARE(remote.toJson(), local.toJson());
        QCOMPARE(names(valueOf(there.fans(), "fans there")), names(valueOf(here.backend->fans(), "fans here")));
        QCOMPARE(valueOf(there.offers(), "offers there").size(), valueOf(here.backend->offers(), "offers here").size());
        QCOMPARE(valueOf(there.posts(), "posts there").size(), valueOf(here.backend->posts(), "posts here").size());
        QCOMPARE(valueOf(there.creatorPreference(QStringLiteral("currency")), "currency there"),
                 valueOf(here.backend->creatorPreference(QStringLiteral("currency")), "currency here"));
    }
    here.backend->selectCreator(0);
    QCOMPARE(ids(valueOf(there.visibleDrafts(), "drafts there")), ids(valueOf(here.backend->visibleDrafts(), "drafts here")));
}

void TestMoveToServer::everythingArrivesAndTheFiguresMatch()
{
    Here here = computerWithData(QStringLiteral("mover@example.com"));
    std::unique_ptr<RemoteBackend> there = server(QStringLiteral("replicas-mover"));
    valueOf(there->signUp({QStringLiteral("mover@example.com"), password, QStringLiteral("Mia")}), "sign up there");

    MoveToServer move(*here.backend, *there, m_dir.filePath(QStringLiteral("moves/mover.json")));
    move.setLinesPerPage(50); // several pages of each kind
    QFuture<Result<MoveReport>> moving = move.run();
    const MoveReport report = valueOf(moving, "move");
    QCOMPARE(report.creators, 2);
    // 3 + 1 fans, an offer, a post, 130 + 10 statement lines, 80 messages, 12 post days, 3 drafts.
    QCOMPARE(report.rows, qint64(3 + 1 + 1 + 1 + 130 + 10 + 80 + 12 + 3));
    QCOMPARE(moving.progressValue(), moving.progressMaximum());
    QCOMPARE(there->syncEngine()->status().pending, 0);

    // Another device of the member sees it all: Mia in the member's own creator, Zoe beside her.
    std::unique_ptr<RemoteBackend> phone = server(QStringLiteral("replicas-mover-phone"));
    const User member = valueOf(phone->signIn(QStringLiteral("mover@example.com"), password, {}), "sign in on the phone");
    QCOMPARE(member.creators.size(), 2);
    QCOMPARE(member.creators.at(0).profile.displayName, QStringLiteral("Mia"));
    QCOMPARE(member.creators.at(0).profile.timeZone, QStringLiteral("Europe/Paris"));
    QCOMPARE(member.creators.at(1).profile.displayName, QStringLiteral("Zoe"));
    const QFuture<bool> synced = phone->syncEngine()->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(synced.isFinished(), 60000);
    compareFigures(here, *phone, {member.creators.at(0).id, member.creators.at(1).id});
    phone->shutdown();
    there->shutdown();
}

void TestMoveToServer::aStoppedMoveGoesOnWithoutDuplicates()
{
    Here here = computerWithData(QStringLiteral("stopped@example.com"));
    std::unique_ptr<RemoteBackend> there = server(QStringLiteral("replicas-stopped"));
    valueOf(there->signUp({QStringLiteral("stopped@example.com"), password, QStringLiteral("Mia")}), "sign up there");
    const QString journal = m_dir.filePath(QStringLiteral("moves/stopped.json"));
    {
        MoveToServer move(*here.backend, *there, journal);
        move.setLinesPerPage(20);
        QFuture<Result<MoveReport>> moving = move.run();
        // Stopped once some of Mia's statement lines went (fans, offers and posts go first).
        QFutureWatcher<Result<MoveReport>> watcher;
        connect(&watcher, &QFutureWatcherBase::progressValueChanged, &move, [&move](int value) {
            if (value >= 3 + 1 + 1 + 20)
                move.cancel();
        });
        watcher.setFuture(moving);
        const Result<MoveReport> stopped = await(moving, 120000);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY(moving.progressValue() < moving.progressMaximum());
    }
    // Moving again goes on: nothing twice, nothing missing, no third creator.
    MoveToServer again(*here.backend, *there, journal);
    again.setLinesPerPage(20);
    QFuture<Result<MoveReport>> moving = again.run();
    QCOMPARE(valueOf(moving, "move again").creators, 2);
    QCOMPARE(moving.progressValue(), moving.progressMaximum());
    const User member = valueOf(there->currentUser(), "me there");
    QCOMPARE(member.creators.size(), 2);
    compareFigures(here, *there, {member.creators.at(0).id, member.creators.at(1).id});
    there->shutdown();
}

QTEST_GUILESS_MAIN(TestMoveToServer)
#include "tst_movetoserver.moc"

// The agency's creators and chatters side by side (issue 12), on SQLite and
// PostgreSQL: earnings, shares and trends per creator, paid messages
// attributed to the member who sent them, reply-time percentiles, a
// chatter's own view without money, and nothing of another agency.
#include "analytics/agencyanalytics.h"
#include "analytics/analyticsservice.h"
#include "bothdatabases.h"
#include "newcreator.h"
#include "storage/analyticsrepository.h"
#include "storage/attributionrepository.h"
#include "storage/messagerepository.h"
#include "storage/shiftrepository.h"
#include "storage/sqlworker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace huntaze;
using namespace huntaze::analytics;
using huntaze::test::await;

namespace {

const QDateTime march(QDate(2026, 3, 2), QTime(12, 0), QTimeZone::utc());

QList<EarningEvent> tips(int count, const QString &prefix)
{
    QList<EarningEvent> events;
    for (int i = 0; i < count; ++i)
        events.append({march.addSecs(3600 * i), EarningKind::Tip, 1000, 1000, QStringLiteral("USD"), prefix + QString::number(i), {}, 0});
    return events;
}

// A fan writes, `member` answers after `wait` seconds with a paid message of `cents`, bought or not.
QList<MessageEvent> exchange(const QString &fan, qint64 member, const QDateTime &at, qint64 wait, qint64 cents, bool bought)
{
    return {{at, true, fan, 0, 0, false, {}, {}}, {at.addSecs(wait), false, fan, member, cents, bought, {}, {}}};
}

// `user` joins the agency as a chatter assigned to `creatorId`.
Result<agency::Membership> joinAsChatter(SqlWorker &worker, qint64 agencyId, qint64 user, qint64 creatorId)
{
    return await(worker.run<agency::Membership>([agencyId, user, creatorId](QSqlDatabase &db) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO members (agency_id, user_id, role, joined_at) VALUES (?, ?, 'chatter', ?)"));
        query.addBindValue(agencyId);
        query.addBindValue(user);
        query.addBindValue(QStringLiteral("2026-01-01T00:00:00Z"));
        if (!query.exec())
            return Result<agency::Membership>(Error(ErrorCode::Storage, query.lastError().text()));
        query.prepare(QStringLiteral("INSERT INTO member_creators (agency_id, user_id, creator_id) VALUES (?, ?, ?)"));
        query.addBindValue(agencyId);
        query.addBindValue(user);
        query.addBindValue(creatorId);
        if (!query.exec())
            return Result<agency::Membership>(Error(ErrorCode::Storage, query.lastError().text()));
        return AgencyRepository(db).membership(agencyId, user);
    }));
}

// Mia's agency with Lea and Sam as chatters assigned to her, and its owner's membership.
struct MiasTeam {
    agency::CreatorScope mia;
    agency::Membership owner;
    agency::Membership lea;
    agency::Membership sam;
};

MiasTeam miasTeam(SqlWorker &worker)
{
    MiasTeam team;
    team.mia = test::newCreator(worker, QStringLiteral("owner@example.com"));
    const agency::CreatorScope mia = team.mia;
    team.owner = await(worker.run<agency::Membership>([mia](QSqlDatabase &db) {
                     return AgencyRepository(db).membership(mia.agencyId, mia.userId);
                 })).value();
    for (const auto &[email, member] :
         {std::pair(QStringLiteral("lea@example.com"), &team.lea), std::pair(QStringLiteral("sam@example.com"), &team.sam)}) {
        const Result<agency::Membership> joined
            = joinAsChatter(worker, mia.agencyId, test::newCreator(worker, email).userId, mia.creatorId);
        if (!joined.ok())
            qFatal("joining failed: %s", qPrintable(joined.error().detail));
        *member = joined.value();
    }
    return team;
}

} // namespace

class TestAgencyAnalytics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void creatorsAndChattersSideBySide_data();
    void creatorsAndChattersSideBySide();
    void amountsInTwoCurrenciesNeverAddUp();
    void eachCreatorsRowIsTheirDashboards_data();
    void eachCreatorsRowIsTheirDashboards();
    void salesCreditedByTheAgencysRule_data();
    void salesCreditedByTheAgencysRule();
    void attributionRulesReadAndRefused_data();
    void attributionRulesReadAndRefused();
    void creditsFollowLaterShiftsAndImports_data();
    void creditsFollowLaterShiftsAndImports();
    void olderDatabasesWorkTheirCreditsOut_data();
    void olderDatabasesWorkTheirCreditsOut();

private:
    test::BothDatabases m_databases{QStringLiteral("agency_analytics")};
    SqlWorker *m_worker = nullptr;
};

void TestAgencyAnalytics::initTestCase()
{
    if (const QString problem = m_databases.start(); !problem.isEmpty())
        QFAIL(qPrintable(problem));
}

void TestAgencyAnalytics::init()
{
    if (m_databases.missingPostgres())
        QSKIP("no PostgreSQL server on this machine");
}

void TestAgencyAnalytics::cleanup()
{
    m_worker = nullptr;
    m_databases.reset();
}

void TestAgencyAnalytics::creatorsAndChattersSideBySide_data()
{
    test::BothDatabases::addDriverRows();
}

void TestAgencyAnalytics::creatorsAndChattersSideBySide()
{
    QFETCH(QString, driver);
    m_worker = &m_databases.open(driver);

    // Agency Alpha: Mia (its first creator) and Zoe; Lea chats for Zoe only. Agency Bravo: Bo.
    const agency::CreatorScope mia = test::newCreator(*m_worker, QStringLiteral("owner@example.com"));
    const agency::CreatorScope leasOwn = test::newCreator(*m_worker, QStringLiteral("lea@example.com"));
    const agency::CreatorScope bo = test::newCreator(*m_worker, QStringLiteral("bo@example.com"));
    const qint64 lea = leasOwn.userId;
    const Result<agency::Membership> owner = await(
        m_worker->run<agency::Membership>([mia](QSqlDatabase &db) { return AgencyRepository(db).membership(mia.agencyId, mia.userId); }));
    QVERIFY(owner.ok());
    const Result<Creator> zoeCreator = await(m_worker->run<Creator>([owner](QSqlDatabase &db) {
        Profile profile;
        profile.displayName = QStringLiteral("Zoe");
        return AgencyRepository(db).addCreator(owner.value(), profile);
    }));
    QVERIFY2(zoeCreator.ok(), qPrintable(zoeCreator.ok() ? QString() : zoeCreator.error().detail));
    const agency::CreatorScope zoe{mia.agencyId, zoeCreator.value().id, mia.userId};
    const Result<agency::Membership> chatter = joinAsChatter(*m_worker, mia.agencyId, lea, zoe.creatorId);
    QVERIFY2(chatter.ok(), qPrintable(chatter.ok() ? QString() : chatter.error().message));

    const auto store = [&](const agency::CreatorScope &scope, const QList<EarningEvent> &events, const QList<MessageEvent> &messages) {
        QVERIFY(await(m_worker->run<int>([scope, events](QSqlDatabase &db) {
                    return AnalyticsRepository(db, scope, QTimeZone::utc()).addEarnings(events);
                })).ok());
        QVERIFY(await(m_worker->run<int>([scope, messages](QSqlDatabase &db) {
                    return MessageRepository(db, scope, QTimeZone::utc()).addMessages(messages);
                })).ok());
    };
    store(mia, tips(10, QStringLiteral("mia fan ")), exchange(QStringLiteral("ana"), mia.userId, march, 120, 500, true));
    store(zoe, tips(30, QStringLiteral("zoe fan ")),
          exchange(QStringLiteral("cy"), lea, march, 60, 800, true) + exchange(QStringLiteral("di"), lea, march.addDays(1), 120, 800, true)
              + exchange(QStringLiteral("ed"), lea, march.addDays(2), 600, 800, false));
    store(bo, tips(50, QStringLiteral("bo fan ")), exchange(QStringLiteral("fi"), bo.userId, march, 30, 900, true));

    DashboardRequest request;
    request.range = {QDate(2026, 3, 1), QDate(2026, 3, 31)};
    const auto view = [&](const agency::Membership &member) {
        return await(
            m_worker->run<AgencyAnalytics>([member, request](QSqlDatabase &db) { return AnalyticsService::agency(db, member, request); }));
    };
    const Result<AgencyAnalytics> alpha = view(owner.value());
    QVERIFY2(alpha.ok(), qPrintable(alpha.ok() ? QString() : alpha.error().message + alpha.error().detail));
    const AgencyAnalytics &a = alpha.value();
    QCOMPARE(a.attribution, Attribution::Sender);
    QCOMPARE(a.creators.size(), 2); // never Bo
    QCOMPARE(a.creators.at(0).name, QStringLiteral("Zoe"));
    QCOMPARE(a.creators.at(0).currency, QStringLiteral("USD")); // the account currency until one is chosen
    QCOMPARE(a.creators.at(0).cents, 30000);
    QCOMPARE(a.creators.at(0).share, 0.75);
    QCOMPARE(a.creators.at(0).spenders, 30);
    QCOMPARE(a.creators.at(1).name, QStringLiteral("Mia"));
    QCOMPARE(a.creators.at(1).share, 0.25);
    qint64 trend = 0;
    for (qint64 week : a.creators.at(0).trend)
        trend += week;
    QCOMPARE(trend, 30000);
    // Chatters: Lea sold 2 of 3 paid messages, the owner 1 of 1; Bo's member is another agency's.
    QCOMPARE(a.chatters.size(), 2);
    QCOMPARE(a.chatters.at(0).memberId, lea);
    QCOMPARE(a.chatters.at(0).email, QStringLiteral("lea@example.com"));
    QCOMPARE(a.chatters.at(0).attributedCents(), 1600);
    QCOMPARE(a.chatters.at(0).totals.paidSent, 3);
    QCOMPARE(a.chatters.at(0).totals.replies.replies, 3);
    const std::optional<qint64> median = a.chatters.at(0).totals.replies.percentileSeconds(0.5);
    QVERIFY(median && *median >= 60 && *median <= 120); // the middle wait, 120 s, read within its bucket
    QCOMPARE(a.chatters.at(1).memberId, mia.userId);
    QCOMPARE(a.chatters.at(1).attributedCents(), 500);
    // By hour of the day: every exchange answered in the noon hour (UTC creators).
    QCOMPARE(a.chattersByHour.size(), 2);
    for (const ChatterRow &hour : a.chattersByHour) {
        QCOMPARE(hour.hour, 12);
        QCOMPARE(hour.totals.sent, hour.memberId == lea ? 3 : 1);
        QCOMPARE(hour.totals.boughtCents, 0);
    }
    QCOMPARE(a.chattersByCreator.size(), 2);
    QCOMPARE(a.chattersByCreator.at(0).creatorId, zoe.creatorId);
    QCOMPARE(AgencyAnalytics::fromJson(a.toJson()), a);

    // Lea's own view: her messages for Zoe, no money, nobody else's.
    const Result<AgencyAnalytics> hers = view(chatter.value());
    QVERIFY(hers.ok());
    QVERIFY(!hers.value().showsMoney);
    QVERIFY(hers.value().creators.isEmpty());
    QCOMPARE(hers.value().chatters.size(), 1);
    QCOMPARE(hers.value().chatters.first().memberId, lea);
    QCOMPARE(hers.value().chatters.first().totals.paidBought, 2);
    QCOMPARE(hers.value().chatters.first().attributedCents(), 0);
    QCOMPARE(hers.value().chattersByHour.size(), 1);
    QCOMPARE(hers.value().chattersByHour.first().memberId, lea);
    QVERIFY(!hers.value().toJson().contains(QStringLiteral("creators"))
            || hers.value().toJson().value(QStringLiteral("creators")).toArray().isEmpty());
}

void TestAgencyAnalytics::amountsInTwoCurrenciesNeverAddUp()
{
    // Ann and Bea are paid in dollars, Cleo in euros; member 7 chats for Ann and Cleo.
    DashboardRequest request;
    request.range = {QDate(2026, 3, 1), QDate(2026, 3, 31)};
    const auto figures = [](qint64 id, const QString &currency, qint64 cents, qint64 boughtCents) {
        CreatorFigures creator;
        creator.creatorId = id;
        creator.name = QString::number(id);
        creator.currency = currency;
        creator.days = {{QDate(2026, 3, 10), EarningKind::Tip, 1, cents, cents}};
        MessageTotals totals;
        totals.sent = 2;
        totals.paidSent = 1;
        totals.paidBought = boughtCents > 0 ? 1 : 0;
        totals.boughtCents = boughtCents;
        if (boughtCents > 0)
            creator.messageHours = {{14, 7, totals}};
        return creator;
    };
    const QHash<qint64, QString> emails{{7, QStringLiteral("sam@example.com")}};
    const AgencyAnalytics built
        = buildAgencyAnalytics(request,
                               {figures(1, QStringLiteral("USD"), 10000, 400), figures(2, QStringLiteral("USD"), 30000, 0),
                                figures(3, QStringLiteral("EUR"), 5000, 900)},
                               emails);

    QHash<qint64, std::pair<QString, double>> shares;
    for (const CreatorRow &row : built.creators)
        shares.insert(row.creatorId, {row.currency, row.share});
    QCOMPARE(shares.value(1), std::pair(QStringLiteral("USD"), 0.25));
    QCOMPARE(shares.value(2), std::pair(QStringLiteral("USD"), 0.75));
    QCOMPARE(shares.value(3), std::pair(QStringLiteral("EUR"), 1.0)); // alone in its currency

    // Sam's sales: one row in euros, one in dollars, never 1,300 of nothing.
    QCOMPARE(built.chatters.size(), 2);
    QCOMPARE(built.chatters.at(0).currency, QStringLiteral("EUR"));
    QCOMPARE(built.chatters.at(0).attributedCents(), 900);
    QCOMPARE(built.chatters.at(1).currency, QStringLiteral("USD"));
    QCOMPARE(built.chatters.at(1).attributedCents(), 400);
    QCOMPARE(AgencyAnalytics::fromJson(built.toJson()), built);

    // Sam's own view has no money, so one row over both creators.
    const AgencyAnalytics his = buildAgencyAnalytics(
        request, {figures(1, QStringLiteral("USD"), 10000, 400), figures(3, QStringLiteral("EUR"), 5000, 900)}, emails, 7);
    QCOMPARE(his.chatters.size(), 1);
    QCOMPARE(his.chatters.first().totals.sent, 4);
    QVERIFY(his.chatters.first().currency.isEmpty());
}

void TestAgencyAnalytics::eachCreatorsRowIsTheirDashboards_data()
{
    test::BothDatabases::addDriverRows();
}

void TestAgencyAnalytics::eachCreatorsRowIsTheirDashboards()
{
    // The agency view reads each figure for all its creators at once; each
    // row must still say what that creator's own dashboard says, wherever
    // their history lies against the range (which changes how spenders and
    // subscribers are counted).
    QFETCH(QString, driver);
    m_worker = &m_databases.open(driver);
    const agency::CreatorScope mia = test::newCreator(*m_worker, QStringLiteral("owner@example.com"));
    const Result<agency::Membership> owner = await(
        m_worker->run<agency::Membership>([mia](QSqlDatabase &db) { return AgencyRepository(db).membership(mia.agencyId, mia.userId); }));
    QVERIFY(owner.ok());
    struct History {
        QString name;
        QDate first;
        QDate last;
    };
    // Around March: Mia before, through and after it; Ann from within it on;
    // Bea up to within it; Cleo after it only; Dee never paid.
    const QList<History> histories{{QStringLiteral("Mia"), QDate(2026, 1, 5), QDate(2026, 5, 20)},
                                   {QStringLiteral("Ann"), QDate(2026, 3, 12), QDate(2026, 4, 30)},
                                   {QStringLiteral("Bea"), QDate(2025, 11, 1), QDate(2026, 3, 18)},
                                   {QStringLiteral("Cleo"), QDate(2026, 4, 10), QDate(2026, 6, 1)},
                                   {QStringLiteral("Dee"), {}, {}}};
    QRandomGenerator random(20261201);
    QList<qint64> creatorIds;
    for (const History &history : histories) {
        qint64 id = mia.creatorId;
        if (history.name != QLatin1String("Mia")) {
            const Result<Creator> added = await(m_worker->run<Creator>([owner, name = history.name](QSqlDatabase &db) {
                Profile profile;
                profile.displayName = name;
                return AgencyRepository(db).addCreator(owner.value(), profile);
            }));
            QVERIFY(added.ok());
            id = added.value().id;
        }
        creatorIds.append(id);
        if (!history.first.isValid())
            continue;
        // Fans who subscribe, renew, tip and let their subscription lapse, on random days of the history.
        QList<EarningEvent> events;
        const qint64 days = history.first.daysTo(history.last);
        for (int i = 0; i < 300; ++i) {
            const QDateTime at(history.first.addDays(random.bounded(days + 1)), QTime(random.bounded(24), 0), QTimeZone::utc());
            const QString fan = QStringLiteral("fan %1").arg(random.bounded(40));
            const std::array kinds{EarningKind::NewSubscription, EarningKind::Renewal, EarningKind::ExpiredSubscription, EarningKind::Tip};
            const EarningKind kind = kinds.at(random.bounded(static_cast<int>(kinds.size())));
            const qint64 cents = kind == EarningKind::ExpiredSubscription ? 0 : 100 * (1 + random.bounded(20));
            events.append({at, kind, cents, cents * 8 / 10, QStringLiteral("USD"), fan, QStringLiteral("line %1").arg(i), 0});
        }
        const agency::CreatorScope scope{mia.agencyId, id, mia.userId};
        const Result<int> added = await(m_worker->run<int>(
            [scope, events](QSqlDatabase &db) { return AnalyticsRepository(db, scope, QTimeZone::utc()).addEarnings(events); }));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().detail));
    }

    bool earnedBefore = false; // in some range's previous period
    for (const DateRange &range : {DateRange{QDate(2026, 3, 1), QDate(2026, 3, 31)}, DateRange{QDate(2026, 5, 1), QDate(2026, 7, 31)},
                                   DateRange{QDate(2025, 10, 1), QDate(2025, 12, 31)}}) {
        DashboardRequest request;
        request.range = range;
        request.granularity = Granularity::Week; // the dashboard's series by week is the row's sparkline
        const Result<AgencyAnalytics> agency = await(m_worker->run<AgencyAnalytics>(
            [owner, request](QSqlDatabase &db) { return AnalyticsService::agency(db, owner.value(), request); }));
        QVERIFY2(agency.ok(), qPrintable(agency.ok() ? QString() : agency.error().detail));
        QCOMPARE(agency.value().creators.size(), histories.size());
        for (const CreatorRow &row : agency.value().creators) {
            const Result<Dashboard> own = await(m_worker->run<Dashboard>([owner, request, creator = row.creatorId](QSqlDatabase &db) {
                return AnalyticsService::dashboard(db, owner.value(), creator, request);
            }));
            QVERIFY(own.ok());
            const QByteArray where = (row.name + QStringLiteral(" from ") + range.from.toString(Qt::ISODate)).toUtf8();
            QVERIFY2(row.cents == own.value().current.cents, where.constData());
            QVERIFY2(row.previousCents == own.value().previous.cents, where.constData());
            QVERIFY2(row.newSubscribers == own.value().current.newSubscribers, where.constData());
            QVERIFY2(row.spenders == own.value().spenders.current, where.constData());
            QVERIFY2(row.activeSubscribers == own.value().activeSubscribers.current, where.constData());
            QList<qint64> weekly(own.value().series.buckets.size(), 0);
            for (auto it = own.value().series.cents.cbegin(); it != own.value().series.cents.cend(); ++it) {
                for (qsizetype i = 0; i < weekly.size(); ++i)
                    weekly[i] += it.value().value(i);
            }
            QVERIFY2(row.trend == weekly, where.constData());
            QCOMPARE(row.currency, QStringLiteral("USD"));
        }
        // Someone paid and someone is subscribed in each range: the comparisons compared something.
        const auto &rows = agency.value().creators;
        earnedBefore = earnedBefore || std::any_of(rows.cbegin(), rows.cend(), [](const CreatorRow &row) { return row.previousCents > 0; });
        QVERIFY(std::any_of(rows.cbegin(), rows.cend(), [](const CreatorRow &row) {
            return std::count_if(row.trend.cbegin(), row.trend.cend(), [](qint64 cents) { return cents > 0; }) > 1;
        }));
        QVERIFY(std::any_of(rows.cbegin(), rows.cend(), [](const CreatorRow &row) { return row.spenders > 0; }));
        QVERIFY(std::any_of(rows.cbegin(), rows.cend(), [](const CreatorRow &row) { return row.activeSubscribers > 0; }));
    }
    QVERIFY(earnedBefore);
}

void TestAgencyAnalytics::salesCreditedByTheAgencysRule_data()
{
    test::BothDatabases::addDriverRows();
}

void TestAgencyAnalytics::salesCreditedByTheAgencysRule()
{
    QFETCH(QString, driver);
    m_worker = &m_databases.open(driver);
    const MiasTeam team = miasTeam(*m_worker);
    const agency::CreatorScope mia = team.mia;
    const qint64 lea = team.lea.userId;
    const qint64 sam = team.sam.userId;

    // March 2 (UTC): Lea on shift 10:00-14:00, Sam 12:00-16:00 (still open, last active at 16:00).
    const auto at = [](int hour, int minute = 0) { return QDateTime(QDate(2026, 3, 2), QTime(hour, minute), QTimeZone::utc()); };
    QVERIFY(await(m_worker->run<void>([&](QSqlDatabase &db) -> Result<void> {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("INSERT INTO shifts (agency_id, member_id, creator_id, clocked_in_at, clocked_out_at, "
                                             "last_activity_at) VALUES (?, ?, ?, ?, ?, ?)"));
                for (const auto &[member, start, end, open] :
                     {std::tuple(lea, at(10), at(14), false), std::tuple(sam, at(12), at(16), true),
                      // A shift of hers edited to overlap another: she counts once.
                      std::tuple(lea, at(10, 30), at(11, 30), false)}) {
                    query.addBindValue(mia.agencyId);
                    query.addBindValue(member);
                    query.addBindValue(mia.creatorId);
                    query.addBindValue(sqlTimestamp(start));
                    query.addBindValue(open ? QVariant(QMetaType::fromType<QString>()) : QVariant(sqlTimestamp(end)));
                    query.addBindValue(sqlTimestamp(end));
                    if (!query.exec())
                        return Error(ErrorCode::Storage, query.lastError().text());
                }
                return Result<void>::success();
            })).ok());
    // Chat sales: Ana tips $10 at 11:00 (Lea on shift), Ben $9.99 at 13:00 (both), Cy $20 at 15:00 (Sam),
    // Di $5 at 17:00 (nobody); a subscription at 11:30 is no chat sale.
    const QList<EarningEvent> sales{
        {at(11), EarningKind::Tip, 1000, 1000, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0},
        {at(13), EarningKind::PaidMessage, 999, 999, QStringLiteral("USD"), QStringLiteral("ben"), {}, 0},
        {at(15), EarningKind::Custom, 2000, 2000, QStringLiteral("USD"), QStringLiteral("cy"), {}, 0},
        {at(17), EarningKind::Tip, 500, 500, QStringLiteral("USD"), QStringLiteral("di"), {}, 0},
        {at(11, 30), EarningKind::NewSubscription, 1500, 1500, QStringLiteral("USD"), QStringLiteral("ana"), {}, 0},
    };
    // Who wrote last: Lea to Ana; Sam then Lea to Ben; Sam to Cy 41 days before (too long ago);
    // Sam to Di at 16:30; Ana's own later message changes nothing.
    const QList<MessageEvent> log{
        {at(10, 30), false, QStringLiteral("ana"), lea, 0, false, {}, {}},
        {at(10, 50), true, QStringLiteral("ana"), 0, 0, false, {}, {}},
        {at(12, 30), false, QStringLiteral("ben"), sam, 0, false, {}, {}},
        {at(12, 45), false, QStringLiteral("ben"), lea, 0, false, {}, {}},
        {at(15).addDays(-41), false, QStringLiteral("cy"), sam, 0, false, {}, {}},
        {at(16, 30), false, QStringLiteral("di"), sam, 0, false, {}, {}},
    };
    QVERIFY(await(m_worker->run<int>([mia, sales](QSqlDatabase &db) {
                return AnalyticsRepository(db, mia, QTimeZone::utc()).addEarnings(sales);
            })).ok());
    QVERIFY(await(m_worker->run<int>([mia, log](QSqlDatabase &db) {
                return MessageRepository(db, mia, QTimeZone::utc()).addMessages(log);
            })).ok());

    DashboardRequest request;
    request.range = {QDate(2026, 3, 1), QDate(2026, 3, 31)};
    const auto viewBy = [&](Attribution rule, const agency::Membership &member) {
        const Result<void> set = await(
            m_worker->run<void>([&team, rule](QSqlDatabase &db) { return AnalyticsService::setAttribution(db, team.owner, rule); }));
        if (!set.ok())
            qFatal("setting the rule failed: %s", qPrintable(set.error().detail));
        return await(
            m_worker->run<AgencyAnalytics>([member, request](QSqlDatabase &db) { return AnalyticsService::agency(db, member, request); }));
    };
    const auto credited = [](const AgencyAnalytics &view) {
        QHash<qint64, qint64> byMember;
        for (const ChatterRow &row : view.chatters)
            byMember.insert(row.memberId, row.attributedCents());
        return byMember;
    };

    const Result<AgencyAnalytics> onShift = viewBy(Attribution::Shift, team.owner);
    QVERIFY2(onShift.ok(), qPrintable(onShift.ok() ? QString() : onShift.error().detail));
    QCOMPARE(onShift.value().attribution, Attribution::Shift);
    // Ben's 999 split: a cent more to the first member, so the parts add up.
    const qint64 leaBen = lea < sam ? 500 : 499;
    QCOMPARE(credited(onShift.value()), (QHash<qint64, qint64>{{lea, 1000 + leaBen}, {sam, 2000 + 999 - leaBen}}));
    QCOMPARE(onShift.value().uncredited.value(QStringLiteral("USD")), 500);
    QCOMPARE(AgencyAnalytics::fromJson(onShift.value().toJson()), onShift.value());

    const Result<AgencyAnalytics> lastWriter = viewBy(Attribution::LastWriter, team.owner);
    QVERIFY(lastWriter.ok());
    QCOMPARE(credited(lastWriter.value()), (QHash<qint64, qint64>{{lea, 1000 + 999}, {sam, 500}}));
    QCOMPARE(lastWriter.value().uncredited.value(QStringLiteral("USD")), 2000); // Cy: Sam wrote too long before

    // Gross amounts follow the request.
    request.amount = Amount::Gross;
    QCOMPARE(credited(viewBy(Attribution::LastWriter, team.owner).value()).value(sam), 500);
    request.amount = Amount::Net;

    // The sender rule: no paid message was bought, so nobody is credited.
    const Result<AgencyAnalytics> bySender = viewBy(Attribution::Sender, team.owner);
    QVERIFY(bySender.ok());
    QCOMPARE(credited(bySender.value()), (QHash<qint64, qint64>{{lea, 0}, {sam, 0}}));
    QVERIFY(bySender.value().uncredited.isEmpty());

    // Lea's own view under the shift rule: her messages, no money, nobody's sales.
    const Result<AgencyAnalytics> hers = viewBy(Attribution::Shift, team.lea);
    QVERIFY(hers.ok());
    QCOMPARE(hers.value().chatters.size(), 1);
    QCOMPARE(hers.value().chatters.first().attributedCents(), 0);
    QVERIFY(hers.value().uncredited.isEmpty());
    // And she may not change the rule.
    const Result<void> refused = await(m_worker->run<void>(
        [member = team.lea](QSqlDatabase &db) { return AnalyticsService::setAttribution(db, member, Attribution::Sender); }));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Forbidden);
}

void TestAgencyAnalytics::attributionRulesReadAndRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("rule"); // empty: refused on "rule"
    QTest::newRow("sender") << QByteArray(R"({"rule":"sender"})") << QStringLiteral("sender");
    QTest::newRow("shift") << QByteArray(R"({"rule":"shift"})") << QStringLiteral("shift");
    QTest::newRow("last writer") << QByteArray(R"({"rule":"last_writer"})") << QStringLiteral("last_writer");
    QTest::newRow("unknown") << QByteArray(R"({"rule":"first_writer"})") << QString();
    QTest::newRow("case") << QByteArray(R"({"rule":"Shift"})") << QString();
    QTest::newRow("number") << QByteArray(R"({"rule":1})") << QString();
    QTest::newRow("missing") << QByteArray(R"({})") << QString();
    QTest::newRow("long") << (QByteArray(R"({"rule":")") + QByteArray(5000, 'x') + QByteArray(R"("})")) << QString();
}

void TestAgencyAnalytics::attributionRulesReadAndRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, rule);
    const Result<Attribution> parsed = parseAttribution(QJsonDocument::fromJson(body).object());
    if (rule.isEmpty()) {
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().field, QStringLiteral("rule"));
    } else {
        QVERIFY(parsed.ok());
        QCOMPARE(attributionId(parsed.value()), rule);
    }
}

void TestAgencyAnalytics::creditsFollowLaterShiftsAndImports_data()
{
    test::BothDatabases::addDriverRows();
}

// The credits are kept by day; every later shift, sale or message that
// changes them shows in the next view (by hand), and a view read from the
// stored days equals one worked out from scratch.
void TestAgencyAnalytics::creditsFollowLaterShiftsAndImports()
{
    QFETCH(QString, driver);
    m_worker = &m_databases.open(driver);
    const MiasTeam team = miasTeam(*m_worker);
    const agency::CreatorScope mia = team.mia;
    const qint64 lea = team.lea.userId;
    const qint64 sam = team.sam.userId;

    const auto at = [](int hour, int minute) { return QDateTime(QDate(2026, 3, 2), QTime(hour, minute), QTimeZone::utc()); };
    const auto shift = [&](const agency::Membership &member, const QDateTime &now, const char *what) {
        const Result<Shift> done = await(m_worker->run<Shift>([member, now, what, mia](QSqlDatabase &db) {
            ShiftRepository shifts(db, now);
            if (qstrcmp(what, "in") == 0)
                return shifts.clockIn(member, mia.creatorId);
            if (qstrcmp(what, "out") == 0)
                return shifts.clockOut(member);
            return shifts.recordActivity(member);
        }));
        if (!done.ok())
            qFatal("shift step failed: %s", qPrintable(done.error().detail));
    };
    const auto sell = [&](QList<EarningEvent> sales) {
        QVERIFY(await(m_worker->run<int>([mia, sales](QSqlDatabase &db) {
                    return AnalyticsRepository(db, mia, QTimeZone::utc()).addEarnings(sales);
                })).ok());
    };
    const auto write = [&](QList<MessageEvent> log) {
        QVERIFY(await(m_worker->run<int>([mia, log](QSqlDatabase &db) {
                    return MessageRepository(db, mia, QTimeZone::utc()).addMessages(log);
                })).ok());
    };
    DashboardRequest request;
    request.range = {QDate(2026, 3, 1), QDate(2026, 3, 31)};
    struct Credits {
        QHash<qint64, qint64> byMember;
        qint64 nobody = 0;
        bool operator==(const Credits &) const = default;
    };
    const auto view = [&](Attribution rule) {
        const Result<void> set = await(
            m_worker->run<void>([&team, rule](QSqlDatabase &db) { return AnalyticsService::setAttribution(db, team.owner, rule); }));
        if (!set.ok())
            qFatal("setting the rule failed: %s", qPrintable(set.error().detail));
        const Result<AgencyAnalytics> seen = await(m_worker->run<AgencyAnalytics>(
            [&team, request](QSqlDatabase &db) { return AnalyticsService::agency(db, team.owner, request); }));
        if (!seen.ok())
            qFatal("the agency view failed: %s", qPrintable(seen.error().detail));
        Credits credits;
        for (const ChatterRow &row : seen.value().chatters) {
            if (row.attributedCents() != 0)
                credits.byMember.insert(row.memberId, row.attributedCents());
        }
        credits.nobody = seen.value().uncredited.value(QStringLiteral("USD"));
        return credits;
    };
    // Every day marked stale: the next view works everything out from the events.
    const auto fromScratch = [&](Attribution rule) {
        const Result<void> marked = await(m_worker->run<void>([mia](QSqlDatabase &db) -> Result<void> {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("DELETE FROM sale_credits")))
                return Error(ErrorCode::Storage, query.lastError().text());
            QSet<QDate> days;
            for (QDate day(2026, 3, 1); day <= QDate(2026, 3, 31); day = day.addDays(1))
                days.insert(day);
            return AttributionRepository(db).salesAdded(mia, days);
        }));
        if (!marked.ok())
            qFatal("marking failed: %s", qPrintable(marked.error().detail));
        return view(rule);
    };
    const auto staleLeft = [&] {
        return await(m_worker->run<qint64>([](QSqlDatabase &db) -> Result<qint64> {
                   QSqlQuery query(db);
                   if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM sale_credits_stale WHERE rule = 'shift' "
                                                  "AND day >= '2026-03-01' AND day <= '2026-03-31'"))
                       || !query.next())
                       return Error(ErrorCode::Storage, query.lastError().text());
                   return query.value(0).toLongLong();
               }))
            .value();
    };
    const auto sale = [](const QDateTime &when, qint64 cents, const QString &fan) {
        return EarningEvent{when, EarningKind::Tip, cents, cents, QStringLiteral("USD"), fan, {}, 0};
    };

    // Lea works 10:00-10:25; Ana tips $10 at 10:10, Ben $20 at 10:40.
    shift(team.lea, at(10, 0), "in");
    shift(team.lea, at(10, 25), "activity");
    sell({sale(at(10, 10), 1000, QStringLiteral("ana")), sale(at(10, 40), 2000, QStringLiteral("ben"))});
    QCOMPARE(view(Attribution::Shift), (Credits{{{lea, 1000}}, 2000}));
    QCOMPARE(staleLeft(), 0); // the view kept what it worked out for its rule
    // Her shift reaches past Ben's tip.
    shift(team.lea, at(10, 50), "activity");
    QCOMPARE(view(Attribution::Shift), (Credits{{{lea, 3000}}, 0}));
    // Sam works 10:30-10:45: Ben's tip is shared.
    shift(team.sam, at(10, 30), "in");
    shift(team.sam, at(10, 45), "out");
    const qint64 leaHalf = 1000;
    QCOMPARE(view(Attribution::Shift), (Credits{{{lea, 1000 + leaHalf}, {sam, 1000}}, 0}));
    // Cy's $5 at 10:48, imported later: Lea's alone.
    sell({sale(at(10, 48), 500, QStringLiteral("cy"))});
    const Credits onShift{{{lea, 2500}, {sam, 1000}}, 0};
    QCOMPARE(view(Attribution::Shift), onShift);
    QCOMPARE(fromScratch(Attribution::Shift), onShift);

    // The last writer: nobody wrote yet; then Sam to Ana, and Lea to Ben, in two logs.
    QCOMPARE(view(Attribution::LastWriter), (Credits{{}, 3500}));
    write({{at(10, 5), false, QStringLiteral("ana"), sam, 0, false, {}, {}}});
    QCOMPARE(view(Attribution::LastWriter), (Credits{{{sam, 1000}}, 2500}));
    write({{at(10, 35), false, QStringLiteral("ben"), lea, 0, false, {}, {}}});
    const Credits lastWriter{{{sam, 1000}, {lea, 2000}}, 500};
    QCOMPARE(view(Attribution::LastWriter), lastWriter);
    QCOMPARE(fromScratch(Attribution::LastWriter), lastWriter);
    // And the other rule's days were kept apart.
    QCOMPARE(view(Attribution::Shift), onShift);
}

void TestAgencyAnalytics::olderDatabasesWorkTheirCreditsOut_data()
{
    test::BothDatabases::addDriverRows();
}

// A database from before the credits (SQLite 0017, PostgreSQL 0027) gets
// every day with chat sales to work out, for both rules, and no other day.
void TestAgencyAnalytics::olderDatabasesWorkTheirCreditsOut()
{
    QFETCH(QString, driver);
    m_worker = &m_databases.open(driver, driver == QLatin1String("sqlite") ? 17 : 27);
    const agency::CreatorScope mia = test::newCreator(*m_worker, QStringLiteral("owner@example.com"));
    QVERIFY(await(m_worker->run<void>([mia](QSqlDatabase &db) -> Result<void> {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("INSERT INTO earning_days (agency_id, creator_id, day, kind, events, gross_cents, "
                                             "net_cents) VALUES (?, ?, ?, ?, 1, 100, 80)"));
                for (const auto &[day, kind] : {std::pair("2026-03-02", "tip"), std::pair("2026-03-02", "subscription_new"),
                                                std::pair("2026-03-03", "subscription_new"), std::pair("2026-03-04", "custom")}) {
                    query.addBindValue(mia.agencyId);
                    query.addBindValue(mia.creatorId);
                    query.addBindValue(QString::fromLatin1(day));
                    query.addBindValue(QString::fromLatin1(kind));
                    if (!query.exec())
                        return Error(ErrorCode::Storage, query.lastError().text());
                }
                return Result<void>::success();
            })).ok());
    m_databases.migrate();
    const Result<QStringList> stale = await(m_worker->run<QStringList>([](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT rule, day FROM sale_credits_stale ORDER BY rule, day")))
            return Error(ErrorCode::Storage, query.lastError().text());
        QStringList rows;
        while (query.next())
            rows.append(query.value(0).toString() + u' ' + dateFromSql(query.value(1)).toString(Qt::ISODate));
        return rows;
    }));
    QVERIFY(stale.ok());
    QCOMPARE(stale.value(),
             (QStringList{QStringLiteral("last_writer 2026-03-02"), QStringLiteral("last_writer 2026-03-04"),
                          QStringLiteral("shift 2026-03-02"), QStringLiteral("shift 2026-03-04")}));
}

QTEST_GUILESS_MAIN(TestAgencyAnalytics)
#include "tst_agencyanalytics.moc"

// The agency's creators and chatters side by side (issue 12), on SQLite and
// PostgreSQL: earnings, shares and trends per creator, paid messages
// attributed to the member who sent them, reply-time percentiles, a
// chatter's own view without money, and nothing of another agency.
#include "analytics/agencyanalytics.h"
#include "analytics/analyticsservice.h"
#include "bothdatabases.h"
#include "newcreator.h"
#include "storage/analyticsrepository.h"
#include "storage/messagerepository.h"

#include <QJsonArray>
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
    const Result<agency::Membership> chatter = await(m_worker->run<agency::Membership>([mia, zoe, lea](QSqlDatabase &db) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO members (agency_id, user_id, role, joined_at) VALUES (?, ?, 'chatter', ?)"));
        query.addBindValue(mia.agencyId);
        query.addBindValue(lea);
        query.addBindValue(QStringLiteral("2026-01-01T00:00:00Z"));
        if (!query.exec())
            return Result<agency::Membership>(Error(ErrorCode::Storage, query.lastError().text()));
        query.prepare(QStringLiteral("INSERT INTO member_creators (agency_id, user_id, creator_id) VALUES (?, ?, ?)"));
        query.addBindValue(mia.agencyId);
        query.addBindValue(lea);
        query.addBindValue(zoe.creatorId);
        if (!query.exec())
            return Result<agency::Membership>(Error(ErrorCode::Storage, query.lastError().text()));
        return AgencyRepository(db).membership(mia.agencyId, lea);
    }));
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
    QCOMPARE(a.attribution, QStringLiteral("sender"));
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
            creator.messageDays = {{QDate(2026, 3, 10), 7, totals}};
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

QTEST_GUILESS_MAIN(TestAgencyAnalytics)
#include "tst_agencyanalytics.moc"

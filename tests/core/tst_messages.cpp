// The team's message logs (issue 12): a log line's rules, how long a fan
// waited for each answer, percentiles read from buckets, and, on SQLite and
// PostgreSQL, daily roll-ups per team member that equal a brute force over
// random conversations imported out of order, in overlapping pieces.
#include "analytics/analyticsservice.h"
#include "analytics/messages.h"
#include "bothdatabases.h"
#include "newcreator.h"
#include "storage/messagerepository.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

using namespace huntaze;
using namespace huntaze::analytics;
using huntaze::test::await;
using huntaze::test::TempPostgres;

namespace {

const QTimeZone paris(QByteArrayLiteral("Europe/Paris"));
const QDateTime noon(QDate(2026, 3, 2), QTime(12, 0), QTimeZone::utc());

MessageEvent fanSays(const QDateTime &at, const QString &fan = QStringLiteral("ana"))
{
    MessageEvent message;
    message.sentAt = at;
    message.fromFan = true;
    message.fan = fan;
    return message;
}

MessageEvent teamSays(const QDateTime &at, qint64 member = 1, const QString &fan = QStringLiteral("ana"))
{
    MessageEvent message;
    message.sentAt = at;
    message.fan = fan;
    message.memberId = member;
    return message;
}

// A message at a random minute of the ten days from 2026-03-25 (minutes, so
// several fall on one instant; Paris changes to summer time on the 29th and
// the month ends), from or to one of 25 fans.
MessageEvent randomMessage(QRandomGenerator &random)
{
    const QDateTime at = QDateTime(QDate(2026, 3, 25), QTime(0, 0), QTimeZone::utc()).addSecs(60 * random.bounded(10 * 24 * 60));
    const QString fan = QStringLiteral("fan%1").arg(random.bounded(25));
    if (random.bounded(2))
        return fanSays(at, fan);
    MessageEvent message = teamSays(at, random.bounded(4), fan);
    if (random.bounded(4) == 0) {
        message.priceCents = random.bounded(100, 5000);
        message.bought = random.bounded(3) == 0;
    }
    if (random.bounded(3) == 0)
        message.reference = QStringLiteral("m-%1").arg(random.generate64());
    return message;
}

} // namespace

class TestMessages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void badLinesAreRefusedByName_data();
    void badLinesAreRefusedByName();
    void aLineRoundTripsThroughJson();
    void repliesAreTimedFromTheFirstUnansweredMessage();
    void percentilesComeFromBuckets_data();
    void percentilesComeFromBuckets();
    void rollupsEqualABruteForce_data();
    void rollupsEqualABruteForce();
    void anOlderDatabaseGetsItsHours_data() { drivers(); }
    void anOlderDatabaseGetsItsHours();
    void aLogImportedTwiceAddsNothing_data() { drivers(); }
    void aLogImportedTwiceAddsNothing();
    void theDashboardShowsTheTeamsFigures();
    void aLogNamesTeamMembersByEmail_data() { drivers(); }
    void aLogNamesTeamMembersByEmail();

private:
    static void drivers() { test::BothDatabases::addDriverRows(); }
    SqlWorker &open(const QString &driver) { return *(m_worker = &m_databases.open(driver)); }

    test::BothDatabases m_databases{QStringLiteral("messages")};
    SqlWorker *m_worker = nullptr;
};

void TestMessages::initTestCase()
{
    if (const QString problem = m_databases.start(); !problem.isEmpty())
        QFAIL(qPrintable(problem));
    QVERIFY(paris.isValid());
}

void TestMessages::init()
{
    if (m_databases.missingPostgres())
        QSKIP("no PostgreSQL server on this machine");
}

void TestMessages::cleanup()
{
    m_worker = nullptr;
    m_databases.reset();
}

void TestMessages::badLinesAreRefusedByName_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("no offset") << R"({"sentAt":"2026-03-01T10:00:00","from":"fan","fan":"ana"})"
                               << "sentAt";
    QTest::newRow("not a time") << R"({"sentAt":"yesterday","from":"fan","fan":"ana"})"
                                << "sentAt";
    QTest::newRow("a typo of a year") << R"({"sentAt":"20226-03-01T10:00:00Z","from":"fan","fan":"ana"})"
                                      << "sentAt";
    QTest::newRow("nobody wrote it") << R"({"sentAt":"2026-03-01T10:00:00Z","fan":"ana"})"
                                     << "from";
    QTest::newRow("from whom") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"bot","fan":"ana"})"
                               << "from";
    QTest::newRow("no fan") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team"})"
                            << "fan";
    QTest::newRow("a blank fan") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"  "})"
                                 << "fan";
    QTest::newRow("a NUL in the fan") << "{\"sentAt\":\"2026-03-01T10:00:00Z\",\"from\":\"team\",\"fan\":\"a\\u0000b\"}"
                                      << "fan";
    QTest::newRow("a fan's message with a member") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"fan","fan":"ana","memberId":3})"
                                                   << "memberId";
    QTest::newRow("a fan's message with a member's email")
        << R"({"sentAt":"2026-03-01T10:00:00Z","from":"fan","fan":"ana","member":"lea@example.com"})"
        << "member";
    QTest::newRow("a member by id and by email")
        << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","memberId":3,"member":"lea@example.com"})"
        << "member";
    QTest::newRow("a member's name, not their email") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","member":"Lea"})"
                                                      << "member";
    QTest::newRow("a member's email as a number") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","member":3})"
                                                  << "member";
    QTest::newRow("a member that is not an id") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","memberId":1.5})"
                                                << "memberId";
    QTest::newRow("a fan's message with a price") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"fan","fan":"ana","price":5})"
                                                  << "price";
    QTest::newRow("a negative price") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","price":-5})"
                                      << "price";
    QTest::newRow("a huge price") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","price":1e300})"
                                  << "price";
    QTest::newRow("a price as text") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","price":"5"})"
                                     << "price";
    QTest::newRow("another currency") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","price":5,"currency":"EUR"})"
                                      << "currency";
    QTest::newRow("bought without a price") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","bought":true})"
                                            << "bought";
    QTest::newRow("bought as text") << R"({"sentAt":"2026-03-01T10:00:00Z","from":"team","fan":"ana","price":5,"bought":"yes"})"
                                    << "bought";
}

void TestMessages::badLinesAreRefusedByName()
{
    QFETCH(QString, json);
    QFETCH(QString, field);
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    QVERIFY(!object.isEmpty());
    const Result<MessageEvent> parsed = MessageEvent::parse(object, QStringLiteral("USD"));
    QVERIFY2(!parsed.ok(), qPrintable(json));
    QCOMPARE(parsed.error().code, ErrorCode::Validation);
    QCOMPARE(parsed.error().field, field);
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestMessages::aLineRoundTripsThroughJson()
{
    MessageEvent paid = teamSays(noon.addMSecs(250), 7);
    paid.priceCents = 1299;
    paid.bought = true;
    paid.reference = QStringLiteral("m-1");
    const Result<MessageEvent> back = MessageEvent::parse(paid.toJson(), QStringLiteral("usd"));
    QVERIFY(back.ok());
    QCOMPARE(back.value(), paid);
    QCOMPARE(back.value().identity(), paid.identity());
    const MessageEvent hello = fanSays(noon);
    QCOMPARE(MessageEvent::parse(hello.toJson(), QStringLiteral("USD")).value(), hello);
    // A time with an offset is the same instant as in UTC.
    const Result<MessageEvent> offset
        = MessageEvent::parse(QJsonObject{{QStringLiteral("sentAt"), QStringLiteral("2026-03-02T13:00:00+01:00")},
                                          {QStringLiteral("from"), QStringLiteral("fan")},
                                          {QStringLiteral("fan"), QStringLiteral("ana")}},
                              QStringLiteral("USD"));
    QCOMPARE(offset.value().sentAt, noon);
    // A member named by email keeps it, normalised, until the import finds their id.
    MessageEvent byEmail = teamSays(noon, 0);
    byEmail.memberEmail = QStringLiteral("lea@example.com");
    const QJsonObject emailLine = byEmail.toJson();
    QCOMPARE(emailLine.value(QStringLiteral("member")).toString(), QStringLiteral("lea@example.com"));
    QCOMPARE(MessageEvent::parse(emailLine, QStringLiteral("USD")).value(), byEmail);
    QJsonObject shouted = emailLine;
    shouted.insert(QStringLiteral("member"), QStringLiteral(" Lea@Example.COM "));
    QCOMPARE(MessageEvent::parse(shouted, QStringLiteral("USD")).value().memberEmail, QStringLiteral("lea@example.com"));
    // Whoever wrote it is part of what a line says.
    QVERIFY(fanSays(noon).identity() != teamSays(noon, 0).identity());
}

void TestMessages::repliesAreTimedFromTheFirstUnansweredMessage()
{
    const QList<MessageEvent> conversation{
        teamSays(noon), // the team writes first: answers nothing
        fanSays(noon.addSecs(60)),
        fanSays(noon.addSecs(120)), // still waiting since the first
        teamSays(noon.addSecs(300)), // waited 240 s
        teamSays(noon.addSecs(400)), // a second message: answers nothing
        fanSays(noon.addSecs(500)),
        teamSays(noon.addSecs(500)), // at the same instant: the fan's came first, waited 0 s
        fanSays(noon.addSecs(900)), // unanswered so far
    };
    QCOMPARE(replyWaits(conversation, std::nullopt),
             (QList<std::optional<qint64>>{std::nullopt, std::nullopt, std::nullopt, 240, std::nullopt, std::nullopt, 0, std::nullopt}));
    // Already waiting before the first of them.
    QCOMPARE(replyWaits({teamSays(noon)}, noon.addSecs(-90)), (QList<std::optional<qint64>>{90}));
    QVERIFY(comesBefore(fanSays(noon), teamSays(noon)));
    QVERIFY(!comesBefore(teamSays(noon), fanSays(noon)));
}

void TestMessages::percentilesComeFromBuckets_data()
{
    QTest::addColumn<QList<qint64>>("waits");
    QTest::addColumn<qint64>("median");
    QTest::addColumn<qint64>("p90");
    QTest::addColumn<qint64>("average");
    // Ten replies within 15 s: the bucket 0-15 s, read by interpolation.
    QTest::newRow("all quick") << QList<qint64>(10, 10) << qint64(8) << qint64(14) << qint64(10);
    // Nine quick ones, one after two hours: the median stays quick, the 90th reaches the bucket of 15-30 s.
    QTest::newRow("one slow") << (QList<qint64>(9, 20) << 7200) << qint64(23) << qint64(30) << qint64(738);
    // Half within a minute, half after a day: the median at the top of the minute's bucket.
    QTest::newRow("two groups") << (QList<qint64>(5, 50) << QList<qint64>(5, 90'000)) << qint64(60) << qint64(501'120) << qint64(45'025);
}

void TestMessages::percentilesComeFromBuckets()
{
    QFETCH(QList<qint64>, waits);
    QFETCH(qint64, median);
    QFETCH(qint64, p90);
    QFETCH(qint64, average);
    ReplyTimes times;
    for (qint64 wait : waits)
        times.add(wait);
    QCOMPARE(times.replies, waits.size());
    QCOMPARE(times.percentileSeconds(0.5), std::optional<qint64>(median));
    QCOMPARE(times.percentileSeconds(0.9), std::optional<qint64>(p90));
    QCOMPARE(times.averageSeconds(), std::optional<qint64>(average));
    // Taking every reply back leaves nothing.
    for (qint64 wait : waits)
        times.remove(wait);
    QCOMPARE(times, ReplyTimes{});
    QCOMPARE(times.percentileSeconds(0.5), std::nullopt);
    QCOMPARE(replyBucketOf(0), 0);
    QCOMPARE(replyBucketOf(15), 0);
    QCOMPARE(replyBucketOf(16), 1);
    QCOMPARE(replyBucketOf(10'000'000), replyBucketCount - 1);
}

void TestMessages::rollupsEqualABruteForce_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<quint32>("seed");
    for (const char *driver : {"sqlite", "postgresql"}) {
        for (quint32 seed : {3u, 41u}) {
            QTest::addRow("%s, seed %u", driver, seed) << QString::fromLatin1(driver) << seed;
        }
    }
}

void TestMessages::rollupsEqualABruteForce()
{
    QFETCH(QString, driver);
    QFETCH(quint32, seed);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    QRandomGenerator random(seed);
    QList<MessageEvent> messages;
    for (int i = 0; i < 1500; ++i)
        messages.append(randomMessage(random));
    // Logs arrive in any order and overlap: five pieces, shuffled, one imported twice.
    std::shuffle(messages.begin(), messages.end(), std::mt19937(seed));
    const QList<QList<MessageEvent>> logs{messages.mid(0, 400), messages.mid(300, 400), messages.mid(700, 300), messages.mid(700, 300),
                                          messages.mid(1000)};
    for (const QList<MessageEvent> &log : logs) {
        const Result<int> added
            = await(m_worker->run<int>([scope, log](QSqlDatabase &db) { return MessageRepository(db, scope, paris).addMessages(log); }));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().detail));
    }

    // The brute force: every distinct message, each fan's conversation in order, timed from the start.
    std::map<QByteArray, MessageEvent> distinct;
    for (const MessageEvent &message : messages)
        distinct.emplace(message.identity(), message);
    std::map<QString, QList<MessageEvent>> conversations;
    for (const auto &[key, message] : distinct)
        conversations[message.fan].append(message);
    std::map<std::pair<qint64, qint64>, MessageTotals> expected;
    // By Paris day, hour of the day and member, for the hours of any range.
    std::map<std::tuple<QDate, int, qint64>, MessageTotals> byDayAndHour;
    for (auto &[fan, conversation] : conversations) {
        std::sort(conversation.begin(), conversation.end(), comesBefore);
        const QList<std::optional<qint64>> waits = replyWaits(conversation, std::nullopt);
        for (qsizetype i = 0; i < conversation.size(); ++i) {
            const MessageEvent &message = conversation.at(i);
            const QDateTime local = message.sentAt.toTimeZone(paris);
            for (MessageTotals *sum : {&expected[{local.date().toJulianDay(), message.memberId}],
                                       &byDayAndHour[{local.date(), local.time().hour(), message.memberId}]}) {
                if (message.fromFan) {
                    ++sum->fromFans;
                    continue;
                }
                ++sum->sent;
                sum->paidSent += message.isPaid() ? 1 : 0;
                sum->paidBought += message.bought ? 1 : 0;
                sum->boughtCents += message.bought ? message.priceCents : 0;
                if (waits.at(i))
                    sum->replies.add(*waits.at(i));
            }
        }
    }
    const Result<QList<MessageDay>> days = await(m_worker->run<QList<MessageDay>>(
        [scope](QSqlDatabase &db) { return MessageRepository(db, scope, paris).messageDays(QDate(2026, 3, 1), QDate(2026, 4, 30)); }));
    QVERIFY(days.ok());
    std::map<std::pair<qint64, qint64>, MessageTotals> got;
    for (const MessageDay &day : days.value()) {
        if (day.totals != MessageTotals{})
            got[{day.day.toJulianDay(), day.memberId}] = day.totals;
    }
    QCOMPARE(got.size(), expected.size());
    for (const auto &[key, totals] : expected) {
        const QString where = QStringLiteral("%1, member %2").arg(QDate::fromJulianDay(key.first).toString(Qt::ISODate)).arg(key.second);
        QVERIFY2(got.count(key) == 1, qPrintable(where));
        QVERIFY2(got.at(key) == totals,
                 qPrintable(where
                            + QStringLiteral(": %1 replies, %2 s stored; %3, %4 s by brute force")
                                  .arg(got.at(key).replies.replies)
                                  .arg(got.at(key).replies.seconds)
                                  .arg(totals.replies.replies)
                                  .arg(totals.replies.seconds)));
    }
    // By hour of the day: the same messages, the same figures, buckets and
    // all, for ranges of whole months (their own roll-up), parts of months
    // (the hours) and both.
    for (const auto &[from, to] : {std::pair{QDate(2026, 3, 1), QDate(2026, 4, 30)}, std::pair{QDate(2026, 3, 27), QDate(2026, 4, 2)},
                                   std::pair{QDate(2026, 3, 1), QDate(2026, 4, 2)}, std::pair{QDate(2026, 3, 27), QDate(2026, 4, 30)},
                                   std::pair{QDate(2026, 3, 1), QDate(2026, 3, 31)}, std::pair{QDate(2026, 3, 31), QDate(2026, 4, 1)}}) {
        const QString range = from.toString(Qt::ISODate) + QStringLiteral(" to ") + to.toString(Qt::ISODate);
        std::map<std::pair<int, qint64>, MessageTotals> expectedHours;
        for (const auto &[key, totals] : byDayAndHour) {
            if (std::get<0>(key) >= from && std::get<0>(key) <= to)
                expectedHours[{std::get<1>(key), std::get<2>(key)}] += totals;
        }
        const Result<QList<MessageHour>> hours = await(m_worker->run<QList<MessageHour>>(
            [scope, from, to](QSqlDatabase &db) { return MessageRepository(db, scope, paris).messageHours(from, to); }));
        QVERIFY2(hours.ok(), qPrintable(range));
        std::map<std::pair<int, qint64>, MessageTotals> gotHours;
        for (const MessageHour &hour : hours.value()) {
            if (hour.totals != MessageTotals{})
                gotHours[{hour.hour, hour.memberId}] = hour.totals;
        }
        QVERIFY2(expectedHours.size() > 24, qPrintable(range));
        QVERIFY2(gotHours == expectedHours, qPrintable(range));
    }
}

void TestMessages::anOlderDatabaseGetsItsHours()
{
    // A file (or server) of the version before the roll-up by hour: its
    // messages are counted by hour when it migrates, as an import counts them.
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    QRandomGenerator random(7);
    QList<MessageEvent> messages;
    for (int i = 0; i < 600; ++i)
        messages.append(randomMessage(random));
    QVERIFY(await(m_worker->run<int>([scope, messages](QSqlDatabase &db) {
                return MessageRepository(db, scope, paris).addMessages(messages);
            })).ok());
    const auto readHours = [&] {
        return await(m_worker->run<QList<MessageHour>>([scope](QSqlDatabase &db) {
                   return MessageRepository(db, scope, paris).messageHours(QDate(2026, 3, 1), QDate(2026, 4, 30));
               }))
            .value();
    };
    const QList<MessageHour> imported = readHours();
    QVERIFY(!imported.isEmpty());
    const QString columns = QStringLiteral("agency_id, creator_id, event_key, sent_at, local_day, local_hour, from_fan, fan, member_id, "
                                           "price_cents, bought, reference, reply_seconds");
    const Result<QList<QVariantList>> rows
        = await(m_worker->run<QList<QVariantList>>([columns](QSqlDatabase &db) -> Result<QList<QVariantList>> {
              QSqlQuery query(db);
              if (!query.exec(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM message_events")))
                  return Error{ErrorCode::Storage, query.lastError().text(), {}, {}};
              QList<QVariantList> read;
              while (query.next()) {
                  QVariantList row;
                  for (int i = 0; i < 13; ++i)
                      row.append(query.value(i));
                  row[3] = sqlTimestamp(dateTimeFromSql(row[3]));
                  row[4] = dateFromSql(row[4]).toString(Qt::ISODate);
                  read.append(row);
              }
              return read;
          }));
    QVERIFY(rows.ok());

    // The same messages in a database of the version before (SQLite 0016, PostgreSQL 0026), then migrated.
    m_worker = &m_databases.open(driver, driver == QLatin1String("sqlite") ? 16 : 26);
    QCOMPARE(test::newCreator(*m_worker, QStringLiteral("mia@example.com")).creatorId, scope.creatorId);
    const Result<bool> copied = await(m_worker->run<bool>([&rows, &columns](QSqlDatabase &db) -> Result<bool> {
        if (Result<void> made
            = makeMonthPartitions(db, QStringLiteral("message_events"), QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC),
                                  QDateTime(QDate(2026, 5, 31), QTime(0, 0), Qt::UTC));
            !made.ok())
            return made.error();
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO message_events (") + columns
                       + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariantList &row : rows.value()) {
            for (const QVariant &value : row)
                insert.addBindValue(value);
            if (!insert.exec())
                return Error{ErrorCode::Storage, insert.lastError().text(), {}, {}};
        }
        return true;
    }));
    QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
    m_databases.migrate();
    QCOMPARE(readHours(), imported);
}

void TestMessages::aLogImportedTwiceAddsNothing()
{
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    MessageEvent paid = teamSays(noon.addSecs(600), 2);
    paid.priceCents = 1500;
    paid.bought = true;
    const QList<MessageEvent> log{fanSays(noon), paid, fanSays(noon.addSecs(700))};
    const auto add = [&](const QList<MessageEvent> &lines) {
        return await(
                   m_worker->run<int>([scope, lines](QSqlDatabase &db) { return MessageRepository(db, scope, paris).addMessages(lines); }))
            .value();
    };
    QCOMPARE(add(log), 3);
    QCOMPARE(add(log), 0);
    // An earlier message of that conversation arrives later: the reply is re-timed from it.
    QCOMPARE(add({fanSays(noon.addSecs(-300))}), 1);
    const Result<QList<MessageDay>> days = await(m_worker->run<QList<MessageDay>>(
        [scope](QSqlDatabase &db) { return MessageRepository(db, scope, paris).messageDays(noon.date(), noon.date()); }));
    QVERIFY(days.ok());
    QCOMPARE(days.value().size(), 2);
    const MessageDay &fans = days.value().at(0);
    QCOMPARE(fans.memberId, 0);
    QCOMPARE(fans.totals.fromFans, 3);
    const MessageDay &member = days.value().at(1);
    QCOMPARE(member.memberId, 2);
    QCOMPARE(member.totals.sent, 1);
    QCOMPARE(member.totals.paidBought, 1);
    QCOMPARE(member.totals.boughtCents, 1500);
    QCOMPARE(member.totals.replies.replies, 1);
    QCOMPARE(member.totals.replies.seconds, 900);
}

void TestMessages::theDashboardShowsTheTeamsFigures()
{
    open(QStringLiteral("sqlite"));
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    const agency::Membership owner = await(m_worker->run<agency::Membership>([scope](QSqlDatabase &db) {
                                         return AgencyRepository(db).membership(scope.agencyId, scope.userId);
                                     })).value();
    QList<MessageEvent> log;
    for (int i = 0; i < 4; ++i) {
        const QDateTime at = noon.addDays(i);
        log.append(fanSays(at));
        MessageEvent answer = teamSays(at.addSecs(120 * (i + 1)));
        answer.priceCents = 500;
        answer.bought = i % 2 == 0;
        log.append(answer);
    }
    QCOMPARE(
        await(m_worker->run<int>([owner, log](QSqlDatabase &db) { return AnalyticsService::importMessages(db, owner, 0, log); })).value(),
        8);
    DashboardRequest request;
    request.range = {QDate(2026, 3, 4), QDate(2026, 3, 5)};
    const Result<Dashboard> dashboard = await(
        m_worker->run<Dashboard>([owner, request](QSqlDatabase &db) { return AnalyticsService::dashboard(db, owner, 0, request); }));
    QVERIFY(dashboard.ok());
    QCOMPARE(dashboard.value().messages.paidSent, 2);
    QCOMPARE(dashboard.value().messages.purchaseRate(), std::optional<double>(0.5));
    QCOMPARE(dashboard.value().messages.replies.averageSeconds(), std::optional<qint64>(420)); // 360 s and 480 s
    QCOMPARE(dashboard.value().previousMessages.replies.averageSeconds(), std::optional<qint64>(180)); // 120 s and 240 s
    // Through the remote backend's JSON, the same figures.
    const Dashboard back = Dashboard::fromJson(dashboard.value().toJson());
    QCOMPARE(back.messages, dashboard.value().messages);
    QCOMPARE(back.previousMessages, dashboard.value().previousMessages);
    // A chatter may not import the team's logs (nor see the figures, which carry money).
    agency::Membership chatter = owner;
    chatter.role = agency::Role::preset(agency::Preset::Chatter);
    const Result<int> refused
        = await(m_worker->run<int>([chatter, log](QSqlDatabase &db) { return AnalyticsService::importMessages(db, chatter, 0, log); }));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Forbidden);
}

void TestMessages::aLogNamesTeamMembersByEmail()
{
    QFETCH(QString, driver);
    open(driver);
    const agency::CreatorScope scope = test::newCreator(*m_worker, QStringLiteral("mia@example.com"));
    const agency::Membership owner = await(m_worker->run<agency::Membership>([scope](QSqlDatabase &db) {
                                         return AgencyRepository(db).membership(scope.agencyId, scope.userId);
                                     })).value();
    const auto import = [&](const QList<MessageEvent> &log) {
        return await(m_worker->run<int>([owner, log](QSqlDatabase &db) { return AnalyticsService::importMessages(db, owner, 0, log); }));
    };
    MessageEvent byEmail = teamSays(noon.addSecs(300), 0);
    byEmail.memberEmail = QStringLiteral("mia@example.com");

    // Someone who is not in the agency, by email or by id: refused, nothing stored.
    MessageEvent stranger = teamSays(noon.addSecs(400), 0);
    stranger.memberEmail = QStringLiteral("lea@example.com");
    const Result<int> unknownEmail = import({fanSays(noon), byEmail, stranger});
    QVERIFY(!unknownEmail.ok());
    QCOMPARE(unknownEmail.error().field, QStringLiteral("member"));
    QVERIFY2(unknownEmail.error().message.contains(QStringLiteral("lea@example.com")), qPrintable(unknownEmail.error().message));
    const Result<int> unknownId = import({fanSays(noon), teamSays(noon.addSecs(60), scope.userId + 1000)});
    QVERIFY(!unknownId.ok());
    QCOMPARE(unknownId.error().field, QStringLiteral("memberId"));
    const auto days = [&] {
        return await(m_worker->run<QList<MessageDay>>(
                         [scope](QSqlDatabase &db) { return MessageRepository(db, scope, paris).messageDays(noon.date(), noon.date()); }))
            .value();
    };
    QVERIFY(days().isEmpty());

    // The agency's member, by email: their id; the same log again adds nothing.
    QCOMPARE(import({fanSays(noon), byEmail}).value(), 2);
    const QList<MessageDay> stored = days();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(1).memberId, scope.userId);
    QCOMPARE(stored.at(1).totals.replies.seconds, 300);
    QCOMPARE(import({fanSays(noon), byEmail}).value(), 0);
    QCOMPARE(import({teamSays(noon.addSecs(300), scope.userId)}).value(), 0); // the same message by id
}

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"

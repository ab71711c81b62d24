#include "importing/creatorcsv.h"
#include "importing/csvreader.h"
#include "importing/demodata.h"
#include "importing/mappedcsv.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace huntaze;
using namespace Qt::StringLiterals;

using Rows = QList<QStringList>;
Q_DECLARE_METATYPE(Rows)

class TestCsvImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reads_data();
    void reads();
    void recordsKnowTheirLine();
    void malformedQuotesNameTheLine_data();
    void malformedQuotesNameTheLine();
    void fansFromExport();
    void badFanRowsRefuseTheWholeFile();
    void offersAreChecked_data();
    void offersAreChecked();
    void missingColumnsAreNamed();
    void readsFileOnWorkerWithProgress();
    void cancellingStopsTheRead();
    void demoDataIsPlausible();
    void postsWithEngagement();
    void statementColumnsAreGuessed();
    void demoYearIsPlausible();
    void demoConversationsArePlausible();
    void demoEngagementIsPlausible();
    void statementsRead_data();
    void statementsRead();
    void badStatementLinesAreListedByLine_data();
    void badStatementLinesAreListedByLine();
    void theSameStatementTwiceHasTheSameLines();
    void messageLogsRead_data();
    void messageLogsRead();
    void badMessageLinesAreListedByLine_data();
    void badMessageLinesAreListedByLine();
    void aLogWithoutItsColumnsIsRefused();
    void engagementExportsRead_data();
    void engagementExportsRead();
    void badEngagementLinesAreListedByLine_data();
    void badEngagementLinesAreListedByLine();
};

void TestCsvImport::reads_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<Rows>("rows");
    QTest::newRow("simple") << QByteArray("a,b\n1,2\n") << Rows{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}};
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << Rows{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}};
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << Rows{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}};
    QTest::newRow("quoted comma") << QByteArray("name,tags\n\"Doe, Jane\",vip\n")
                                  << Rows{{u"name"_s, u"tags"_s}, {u"Doe, Jane"_s, u"vip"_s}};
    QTest::newRow("doubled quotes") << QByteArray("say\n\"she said \"\"hi\"\"\"\n") << Rows{{u"say"_s}, {u"she said \"hi\""_s}};
    QTest::newRow("newline in quotes") << QByteArray("note\n\"line one\nline two\"\n") << Rows{{u"note"_s}, {u"line one\nline two"_s}};
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBFname\nMia\n") << Rows{{u"name"_s}, {u"Mia"_s}};
    QTest::newRow("blank lines skipped") << QByteArray("a\n\n1\n\n") << Rows{{u"a"_s}, {u"1"_s}};
    QTest::newRow("empty fields kept") << QByteArray("a,b,c\n,,x\n") << Rows{{u"a"_s, u"b"_s, u"c"_s}, {u""_s, u""_s, u"x"_s}};
    QTest::newRow("UTF-8") << QByteArray("name\nChloé 💋\n") << Rows{{u"name"_s}, {QString::fromUtf8("Chloé 💋")}};
}

void TestCsvImport::reads()
{
    QFETCH(QByteArray, csv);
    QFETCH(Rows, rows);
    const Result<QList<CsvRecord>> records = CsvReader::read(csv);
    QVERIFY2(records.ok(), qPrintable(records.ok() ? QString() : records.error().message));
    Rows actual;
    for (const CsvRecord &record : records.value())
        actual.append(record.fields);
    QCOMPARE(actual, rows);
}

void TestCsvImport::recordsKnowTheirLine()
{
    const auto records = CsvReader::read("name,note\nMia,\"two\nlines\"\n\nLeo,x\n").value();
    QCOMPARE(records.size(), 3);
    QCOMPARE(records.at(0).line, 1);
    QCOMPARE(records.at(1).line, 2);
    QCOMPARE(records.at(2).line, 5);
}

void TestCsvImport::malformedQuotesNameTheLine_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<int>("line");
    QTest::newRow("text after closing quote") << QByteArray("a,b\n1,2\n\"x\"y,3\n") << 3;
    QTest::newRow("never closed") << QByteArray("a\n1\n\"open\n2\n") << 3;
}

void TestCsvImport::malformedQuotesNameTheLine()
{
    QFETCH(QByteArray, csv);
    QFETCH(int, line);
    const Result<QList<CsvRecord>> records = CsvReader::read(csv);
    QVERIFY(!records.ok());
    QCOMPARE(records.error().position, line);
    QVERIFY2(records.error().message.startsWith(QStringLiteral("Line %1:").arg(line)), qPrintable(records.error().message));
}

void TestCsvImport::fansFromExport()
{
    const QByteArray csv = "Name,Tags,Total Spend,Last Purchase,Last Active,Notes\n"
                           "Mia Rose,vip; night-owl,$120.50,Beach set,2026-11-01,ignored\n"
                           "\"Leo, the Tall\",,0,,,\n";
    const Result<QList<Fan>> fans = creatorcsv::fansFrom(CsvReader::read(csv).value());
    QVERIFY(fans.ok());
    QCOMPARE(fans.value().size(), 2);
    const Fan &mia = fans.value().first();
    QCOMPARE(mia.name, QStringLiteral("Mia Rose"));
    QCOMPARE(mia.firstName(), QStringLiteral("Mia"));
    QCOMPARE(mia.tags, (QStringList{QStringLiteral("vip"), QStringLiteral("night-owl")}));
    QCOMPARE(mia.totalSpend, 120.5);
    QCOMPARE(mia.lastPurchase, QStringLiteral("Beach set"));
    QCOMPARE(mia.lastActive, QDate(2026, 11, 1));
    QCOMPARE(fans.value().at(1).name, QStringLiteral("Leo, the Tall"));
    QVERIFY(!fans.value().at(1).lastActive.isValid());
}

void TestCsvImport::badFanRowsRefuseTheWholeFile()
{
    const QByteArray csv = "name,total_spend,last_active\n"
                           "Mia,10,2026-01-01\n"
                           ",5,\n"
                           "Leo,lots,2026-13-45\n";
    const Result<QList<Fan>> fans = creatorcsv::fansFrom(CsvReader::read(csv).value());
    QVERIFY(!fans.ok());
    const QString message = fans.error().message;
    QVERIFY(message.startsWith(QStringLiteral("Nothing was imported.")));
    QVERIFY2(message.contains(QStringLiteral("Line 3: name: The name is empty.")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("Line 4: total_spend \"lots\" is not an amount")));
    QVERIFY(message.contains(QStringLiteral("Line 4: last_active \"2026-13-45\" is not a date")));
    QVERIFY(!message.contains(QStringLiteral("Line 2")));
}

void TestCsvImport::offersAreChecked_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("problem");
    QTest::newRow("valid") << QByteArray("Set,9.99,100,12,2026-02-01") << QString();
    QTest::newRow("comma decimal") << QByteArray("Set,\"9,99\",100,12,") << QString();
    QTest::newRow("zero price") << QByteArray("Set,0,100,12,") << QStringLiteral("price: An amount is above 0");
    QTest::newRow("fraction of a cent") << QByteArray("Set,0.001,100,12,") << QStringLiteral("price: An amount is above 0");
    QTest::newRow("price too large") << QByteArray("Set,1e300,100,12,") << QStringLiteral("price: An amount is above 0");
    QTest::newRow("price not a number") << QByteArray("Set,nan,100,12,") << QStringLiteral("price \"nan\" is not an amount");
    QTest::newRow("recipients over the limit") << QByteArray("Set,5,2000000000,0,")
                                               << QStringLiteral("recipients: Enter a whole number from 0 to 1000000000.");
    QTest::newRow("NUL in title") << QByteArray("Se\0t,5,10,0,", 12) << QStringLiteral("title: This text contains a character");
    QTest::newRow("negative recipients") << QByteArray("Set,5,-3,0,") << QStringLiteral("recipients \"-3\" is not a whole number");
    QTest::newRow("fractional purchases") << QByteArray("Set,5,10,2.5,") << QStringLiteral("purchases \"2.5\" is not a whole number");
    QTest::newRow("more buyers than recipients")
        << QByteArray("Set,5,10,11,") << QStringLiteral("purchases: Purchases must be between 0 and the number of recipients (10).");
}

void TestCsvImport::offersAreChecked()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, problem);
    const Result<QList<Offer>> offers = creatorcsv::offersFrom(CsvReader::read("title,price,recipients,purchases,sent_on\n" + row).value());
    QCOMPARE(offers.ok(), problem.isEmpty());
    if (problem.isEmpty())
        QCOMPARE(offers.value().first().price, 9.99);
    else
        QVERIFY2(offers.error().message.contains(QStringLiteral("Line 2: ") + problem), qPrintable(offers.error().message));
}

void TestCsvImport::missingColumnsAreNamed()
{
    const Result<QList<Offer>> offers = creatorcsv::offersFrom(CsvReader::read("title,cost\nSet,5\n").value());
    QVERIFY(!offers.ok());
    QVERIFY2(offers.error().message.contains(QStringLiteral("missing: price, recipients, purchases")), qPrintable(offers.error().message));
    QVERIFY(!creatorcsv::fansFrom({}).ok());
}

void TestCsvImport::readsFileOnWorkerWithProgress()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("fans.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name,total_spend\n");
    for (int i = 0; i < 5000; ++i)
        file.write(QStringLiteral("Fan %1,%2\n").arg(i).arg(i % 50).toUtf8());
    file.close();

    QFuture<Result<QList<Fan>>> reading = creatorcsv::readFans(file.fileName());
    const Result<QList<Fan>> fans = test::await(reading);
    QVERIFY(fans.ok());
    QCOMPARE(fans.value().size(), 5000);
    QCOMPARE(reading.progressValue(), 100);

    const Result<QList<Fan>> missing = test::await(creatorcsv::readFans(dir.filePath(QStringLiteral("nope.csv"))));
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void TestCsvImport::cancellingStopsTheRead()
{
    QByteArray big = "name\n";
    for (int i = 0; i < 200000; ++i)
        big += "Fan\n";
    int calls = 0;
    const Result<QList<CsvRecord>> records = CsvReader::read(big, [&calls](double) { return ++calls < 10; });
    QVERIFY(!records.ok());
    QCOMPARE(records.error().code, ErrorCode::Cancelled);
    QCOMPARE(calls, 10);
}

void TestCsvImport::demoDataIsPlausible()
{
    const QList<Fan> fans = demodata::fans();
    QCOMPARE(fans.size(), 40);
    QCOMPARE(demodata::fans(), fans); // deterministic
    QVERIFY(std::any_of(fans.begin(), fans.end(), [](const Fan &fan) { return fan.tags.contains(QStringLiteral("vip")); }));
    const QList<Offer> offers = demodata::offers();
    QVERIFY(offers.size() >= 20);
    for (const Offer &offer : offers)
        QVERIFY(offer.purchases <= offer.recipients && offer.price > 0);
}

void TestCsvImport::postsWithEngagement()
{
    const QByteArray csv = "caption,hashtags,likes,comments,shares,platform,posted_on\n"
                           "Sunrise run,#Fitness #beach,120,30,5,Instagram,2026-10-01\n"
                           "Gym day,gym;fitness,80,,,,\n";
    const Result<QList<Post>> posts = creatorcsv::postsFrom(CsvReader::read(csv).value());
    QVERIFY(posts.ok());
    QCOMPARE(posts.value().first().engagement, 155);
    QCOMPARE(posts.value().first().hashtags, (QStringList{QStringLiteral("fitness"), QStringLiteral("beach")}));
    QCOMPARE(posts.value().first().platform, QStringLiteral("instagram"));
    QCOMPARE(posts.value().at(1).hashtags, (QStringList{QStringLiteral("gym"), QStringLiteral("fitness")}));
    QCOMPARE(posts.value().at(1).engagement, 80);

    const Result<QList<Post>> bad = creatorcsv::postsFrom(CsvReader::read("hashtags,engagement\n#a,lots\n").value());
    QVERIFY(bad.error().message.contains(QStringLiteral("Line 2: engagement \"lots\" is not a whole number.")));
    QCOMPARE(demodata::posts().size(), 30);
}

void TestCsvImport::demoYearIsPlausible()
{
    const QTimeZone paris(QByteArrayLiteral("Europe/Paris"));
    const QDate last(2026, 11, 30);
    const QList<analytics::EarningEvent> year = demodata::earnings(last, paris, QStringLiteral("EUR"));
    QCOMPARE(demodata::earnings(last, paris, QStringLiteral("EUR")), year); // the same every time
    QVERIFY2(year.size() > 5000 && year.size() < 60000, qPrintable(QString::number(year.size())));
    QHash<QString, qint64> spend;
    QMap<int, qint64> newByMonth;
    qint64 evening = 0, night = 0;
    for (const analytics::EarningEvent &event : year) {
        // Every line passes the rules the import applies.
        const Result<analytics::EarningEvent> parsed = analytics::EarningEvent::parse(event.toJson(), QStringLiteral("EUR"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        const QDateTime local = event.occurredAt.toTimeZone(paris);
        QVERIFY(local.date() >= last.addDays(-364) && local.date() <= last);
        if (!event.fan.isEmpty())
            spend[event.fan] += event.grossCents;
        if (event.kind == analytics::EarningKind::NewSubscription)
            newByMonth[local.date().month()] += 1;
        const int hour = local.time().hour();
        evening += hour >= 18 && hour <= 22 ? 1 : 0;
        night += hour >= 2 && hour <= 6 ? 1 : 0;
    }
    // A few whales spend most: the top tenth of paying fans brings well over a third.
    QList<qint64> spends = spend.values();
    std::sort(spends.begin(), spends.end(), std::greater<>());
    const qint64 total = std::accumulate(spends.cbegin(), spends.cend(), qint64(0));
    const qint64 top = std::accumulate(spends.cbegin(), spends.cbegin() + spends.size() / 10, qint64(0));
    QVERIFY2(top * 100 / total > 35, qPrintable(QStringLiteral("%1%").arg(top * 100 / total)));
    QVERIFY(newByMonth.value(1) > newByMonth.value(7)); // winter above summer
    QVERIFY(evening > 4 * night);
}

void TestCsvImport::demoConversationsArePlausible()
{
    const QTimeZone paris(QByteArrayLiteral("Europe/Paris"));
    const QDate last(2026, 11, 30);
    const QList<analytics::EarningEvent> year = demodata::earnings(last, paris, QStringLiteral("EUR"));
    const QList<analytics::MessageEvent> log = demodata::messages(year, {7, 9}, last, paris);
    QCOMPARE(demodata::messages(year, {7, 9}, last, paris), log); // the same every time
    QVERIFY2(log.size() > 500, qPrintable(QString::number(log.size())));
    // Each paid message bought is one of the statement's, sent to that fan before they paid.
    QMultiHash<QString, qint64> paidMessages;
    for (const analytics::EarningEvent &event : year) {
        if (event.kind == analytics::EarningKind::PaidMessage)
            paidMessages.insert(event.fan, event.grossCents);
    }
    qint64 bought = 0;
    QHash<qint64, QList<qint64>> waits;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const analytics::MessageEvent &message = log.at(i);
        // Every line passes the rules the backends apply.
        const Result<analytics::MessageEvent> parsed = analytics::MessageEvent::parse(message.toJson(), QStringLiteral("EUR"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QVERIFY(message.sentAt.toTimeZone(paris).date() <= last);
        if (message.fromFan)
            continue;
        QVERIFY(i > 0 && log.at(i - 1).fromFan && log.at(i - 1).fan == message.fan); // an answer to the fan
        waits[message.memberId].append(log.at(i - 1).sentAt.secsTo(message.sentAt));
        if (message.bought) {
            ++bought;
            QVERIFY(paidMessages.contains(message.fan, message.priceCents));
        }
        // The first member works the day shift.
        const int hour = log.at(i - 1).sentAt.toTimeZone(paris).time().hour();
        QCOMPARE(message.memberId, hour >= 8 && hour < 16 ? 7 : 9);
    }
    QVERIFY(bought > 50);
    // The day shift answers faster.
    for (QList<qint64> &member : waits)
        std::sort(member.begin(), member.end());
    QVERIFY(waits.value(7).at(waits.value(7).size() / 2) < waits.value(9).at(waits.value(9).size() / 2));
    // One member answers everything.
    for (const analytics::MessageEvent &message : demodata::messages(year, {3}, last, paris))
        QVERIFY(message.fromFan || message.memberId == 3);
}

void TestCsvImport::demoEngagementIsPlausible()
{
    const QTimeZone paris(QByteArrayLiteral("Europe/Paris"));
    const QDate last(2026, 6, 30);
    const QList<analytics::PostEngagement> lines = demodata::engagement(last, paris);
    QCOMPARE(demodata::engagement(last, paris), lines); // the same every time
    QHash<QString, qint64> interactions;
    QHash<QString, int> hourOf;
    for (const analytics::PostEngagement &line : lines) {
        // Every line passes the rules the backends apply, and never speaks of a day to come.
        QVERIFY(analytics::PostEngagement::parse(line.toJson()).ok());
        QVERIFY(line.day <= last && line.day >= line.postedAt.toTimeZone(paris).date());
        interactions[line.post] += line.interactions();
        hourOf[line.post] = line.postedAt.toTimeZone(paris).time().hour();
    }
    QVERIFY2(interactions.size() > 60 && interactions.size() < 90, qPrintable(QString::number(interactions.size())));
    // Evening posts draw more than morning ones, on average.
    qint64 evening = 0, morning = 0;
    int evenings = 0, mornings = 0;
    for (auto it = interactions.cbegin(); it != interactions.cend(); ++it) {
        if (hourOf.value(it.key()) >= 20) {
            evening += it.value();
            ++evenings;
        } else if (hourOf.value(it.key()) < 12) {
            morning += it.value();
            ++mornings;
        }
    }
    QVERIFY(evenings > 0 && mornings > 0);
    QVERIFY(evening / evenings > morning / mornings);
}

void TestCsvImport::statementColumnsAreGuessed()
{
    using creatorcsv::MappedFile;
    const creatorcsv::ColumnChoice columns
        = creatorcsv::guessColumns(MappedFile::Statement,
                                   {QStringLiteral("Transaction ID"), QStringLiteral("Date/Time"), QStringLiteral("Category"),
                                    QStringLiteral("Amount"), QStringLiteral("Net"), QStringLiteral("Username"), QStringLiteral("Notes")});
    QCOMPARE(columns.column(QStringLiteral("reference")), 0);
    QCOMPARE(columns.column(QStringLiteral("occurredAt")), 1);
    QCOMPARE(columns.column(QStringLiteral("kind")), 2);
    QCOMPARE(columns.column(QStringLiteral("gross")), 3);
    QCOMPARE(columns.column(QStringLiteral("net")), 4);
    QCOMPARE(columns.column(QStringLiteral("fan")), 5);
    QCOMPARE(columns.column(QStringLiteral("currency")), -1);
    QVERIFY(columns.missing(MappedFile::Statement).isEmpty());
    QCOMPARE(creatorcsv::guessColumns(MappedFile::Statement, {QStringLiteral("when"), QStringLiteral("what")})
                 .missing(MappedFile::Statement)
                 .size(),
             3);
}

void TestCsvImport::statementsRead_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("firstInstant"); // UTC
    QTest::addColumn<qint64>("firstGross");
    QTest::addColumn<QString>("firstFan");
    QTest::addColumn<int>("lines");
    QTest::newRow("plain") << QByteArray(
        "date,type,gross,net,fan\n2026-03-01T18:30:00Z,tip,12.50,10.00,Ana\n2026-03-02T09:00:00Z,renewal,9.99,7.99,Bo\n")
                           << QByteArray("UTC") << QStringLiteral("2026-03-01T18:30:00.000Z") << qint64(1250) << QStringLiteral("Ana") << 2;
    QTest::newRow("BOM and CRLF") << QByteArray("\xEF\xBB\xBF"
                                                "Date,Type,Amount\r\n2026-03-01 18:30,Tip,$5\r\n")
                                  << QByteArray("UTC") << QStringLiteral("2026-03-01T18:30:00.000Z") << qint64(500) << QString() << 1;
    QTest::newRow("quoted commas") << QByteArray("date,type,amount,user\n2026-03-01 18:30,tip,\"1,50\",\"Smith, Ana\"\n")
                                   << QByteArray("UTC") << QStringLiteral("2026-03-01T18:30:00.000Z") << qint64(150)
                                   << QStringLiteral("Smith, Ana") << 1;
    QTest::newRow("a file in Paris time") << QByteArray("date,type,amount\n2026-03-01 18:30,tip,5\n") << QByteArray("Europe/Paris")
                                          << QStringLiteral("2026-03-01T17:30:00.000Z") << qint64(500) << QString() << 1;
    QTest::newRow("Paris in summer") << QByteArray("date,type,amount\n2026-07-01 18:30,tip,5\n") << QByteArray("Europe/Paris")
                                     << QStringLiteral("2026-07-01T16:30:00.000Z") << qint64(500) << QString() << 1;
    QTest::newRow("an offset wins over the file's zone")
        << QByteArray("date,type,amount\n2026-03-01T18:30:00-05:00,tip,5\n") << QByteArray("Europe/Paris")
        << QStringLiteral("2026-03-01T23:30:00.000Z") << qint64(500) << QString() << 1;
    QTest::newRow("platform words") << QByteArray(
        "date,type,amount\n2026-03-01,Recurring subscription,9.99\n2026-03-01,PPV,3\n2026-03-01,Expired,\n")
                                    << QByteArray("UTC") << QStringLiteral("2026-03-01T00:00:00.000Z") << qint64(999) << QString() << 3;
}

void TestCsvImport::statementsRead()
{
    QFETCH(QByteArray, csv);
    QFETCH(QByteArray, zone);
    QFETCH(QString, firstInstant);
    QFETCH(qint64, firstGross);
    QFETCH(QString, firstFan);
    QFETCH(int, lines);
    const QList<CsvRecord> records = CsvReader::read(csv).value();
    creatorcsv::FileOptions options;
    options.zone = QTimeZone(zone);
    const Result<QList<analytics::EarningEvent>> events
        = creatorcsv::earningsFrom(records, creatorcsv::guessColumns(creatorcsv::MappedFile::Statement, records.first().fields), options);
    QVERIFY2(events.ok(), qPrintable(events.ok() ? QString() : events.error().message));
    QCOMPARE(events.value().size(), lines);
    const analytics::EarningEvent &first = events.value().first();
    QCOMPARE(first.occurredAt.toString(Qt::ISODateWithMs), firstInstant);
    QCOMPARE(first.grossCents, firstGross);
    QCOMPARE(first.fan, firstFan);
    QCOMPARE(first.currency, QStringLiteral("USD"));
}

void TestCsvImport::badStatementLinesAreListedByLine_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("a bad date") << QByteArray("date,type,amount\n2026-03-01,tip,5\nyesterday,tip,5\n")
                                << QStringList{QStringLiteral("Line 3: date \"yesterday\" is not a date and time")};
    QTest::newRow("a day that is not") << QByteArray("date,type,amount\n2026-02-30 10:00,tip,5\n")
                                       << QStringList{QStringLiteral("Line 2: date")};
    QTest::newRow("another currency") << QByteArray("date,type,amount,currency\n2026-03-01,tip,5,EUR\n")
                                      << QStringList{QStringLiteral("Line 2: currency:")};
    QTest::newRow("an unknown kind") << QByteArray("date,type,amount\n2026-03-01,refund,5\n")
                                     << QStringList{QStringLiteral("Line 2: type \"refund\" is not a kind of earning")};
    QTest::newRow("not an amount") << QByteArray("date,type,amount\n2026-03-01,tip,five\n")
                                   << QStringList{QStringLiteral("Line 2: amount \"five\" is not an amount")};
    QTest::newRow("net above gross") << QByteArray("date,type,amount,net\n2026-03-01,tip,5,6\n")
                                     << QStringList{QStringLiteral("Line 2: net:")};
    QTest::newRow("a tip of nothing") << QByteArray("date,type,amount\n2026-03-01,tip,0\n")
                                      << QStringList{QStringLiteral("Line 2: amount:")};
    QTest::newRow("several, each by its line") << QByteArray("date,type,amount\nnope,tip,5\n2026-03-01,tip,5\n2026-03-01,gift,5\n")
                                               << QStringList{QStringLiteral("Line 2:"), QStringLiteral("Line 4:")};
}

void TestCsvImport::badStatementLinesAreListedByLine()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, expected);
    const QList<CsvRecord> records = CsvReader::read(csv).value();
    const Result<QList<analytics::EarningEvent>> events
        = creatorcsv::earningsFrom(records, creatorcsv::guessColumns(creatorcsv::MappedFile::Statement, records.first().fields), {});
    QVERIFY(!events.ok());
    QVERIFY(events.error().message.startsWith(QStringLiteral("Nothing was imported.")));
    for (const QString &part : expected)
        QVERIFY2(events.error().message.contains(part), qPrintable(events.error().message));
}

void TestCsvImport::theSameStatementTwiceHasTheSameLines()
{
    // What makes a re-import add nothing: each line keeps its identity across reads.
    const QByteArray csv("date,type,amount,user\n2026-03-01 18:30,tip,5,Ana\n2026-03-01 18:30,tip,5,Bo\n");
    const QList<CsvRecord> records = CsvReader::read(csv).value();
    const creatorcsv::ColumnChoice columns = creatorcsv::guessColumns(creatorcsv::MappedFile::Statement, records.first().fields);
    const QList<analytics::EarningEvent> once = creatorcsv::earningsFrom(records, columns, {}).value();
    const QList<analytics::EarningEvent> twice = creatorcsv::earningsFrom(CsvReader::read(csv).value(), columns, {}).value();
    QCOMPARE(once.size(), 2);
    QCOMPARE(once.at(0).identity(), twice.at(0).identity());
    QVERIFY(once.at(0).identity() != once.at(1).identity());
}

void TestCsvImport::messageLogsRead_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("lastInstant"); // UTC
    QTest::addColumn<bool>("lastFromFan");
    QTest::addColumn<QString>("lastMember");
    QTest::addColumn<qint64>("lastPrice");
    QTest::addColumn<bool>("lastBought");
    QTest::addColumn<int>("lines");
    QTest::newRow("our own words") << QByteArray("sent_at,from,fan,member,price,bought\n"
                                                 "2026-03-01T18:30:00Z,fan,Ana,,,\n"
                                                 "2026-03-01T18:34:00Z,team,Ana,lea@example.com,12.50,yes\n")
                                   << QByteArray("UTC") << QStringLiteral("2026-03-01T18:34:00.000Z") << false
                                   << QStringLiteral("lea@example.com") << qint64(1250) << true << 2;
    QTest::newRow("a chat tool's words, BOM, CRLF and Paris time")
        << QByteArray("\xEF\xBB\xBF"
                      "Date,Direction,Fan Username,Chatter,PPV Price,Unlocked\r\n"
                      "2026-03-01 18:30,Received,ana,lea@example.com,0,\r\n"
                      "2026-03-01 18:31,Sent,ana,lea@example.com,\"1,50\",No\r\n")
        << QByteArray("Europe/Paris") << QStringLiteral("2026-03-01T17:31:00.000Z") << false << QStringLiteral("lea@example.com")
        << qint64(150) << false << 2;
    QTest::newRow("a fan's line repeats the chatter")
        << QByteArray("date,direction,fan,chatter\n2026-03-01 18:30,in,ana,lea@example.com\n") << QByteArray("UTC")
        << QStringLiteral("2026-03-01T18:30:00.000Z") << true << QString() << qint64(0) << false << 1;
    QTest::newRow("free messages, no member") << QByteArray("time,from,user\n2026-03-01 18:30,out,ana\n2026-03-01 18:40,creator,bo\n")
                                              << QByteArray("UTC") << QStringLiteral("2026-03-01T18:40:00.000Z") << false << QString()
                                              << qint64(0) << false << 2;
}

void TestCsvImport::messageLogsRead()
{
    QFETCH(QByteArray, csv);
    QFETCH(QByteArray, zone);
    QFETCH(QString, lastInstant);
    QFETCH(bool, lastFromFan);
    QFETCH(QString, lastMember);
    QFETCH(qint64, lastPrice);
    QFETCH(bool, lastBought);
    QFETCH(int, lines);
    const QList<CsvRecord> records = CsvReader::read(csv).value();
    creatorcsv::FileOptions options;
    options.zone = QTimeZone(zone);
    const Result<QList<analytics::MessageEvent>> messages
        = creatorcsv::messagesFrom(records, creatorcsv::guessColumns(creatorcsv::MappedFile::MessageLog, records.first().fields), options);
    QVERIFY2(messages.ok(), qPrintable(messages.ok() ? QString() : messages.error().message));
    QCOMPARE(messages.value().size(), lines);
    const analytics::MessageEvent &last = messages.value().last();
    QCOMPARE(last.sentAt.toString(Qt::ISODateWithMs), lastInstant);
    QCOMPARE(last.fromFan, lastFromFan);
    QCOMPARE(last.memberEmail, lastMember);
    QCOMPARE(last.priceCents, lastPrice);
    QCOMPARE(last.bought, lastBought);
}

void TestCsvImport::badMessageLinesAreListedByLine_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("who wrote it?") << QByteArray("date,direction,fan\n2026-03-01 18:30,in,ana\n2026-03-01 18:31,sideways,ana\n")
                                   << QStringList{QStringLiteral("Line 3: direction \"sideways\" does not say who wrote")};
    QTest::newRow("a bad date") << QByteArray("date,from,fan\nsoon,fan,ana\n")
                                << QStringList{QStringLiteral("Line 2: date \"soon\" is not a date and time")};
    QTest::newRow("no fan") << QByteArray("date,from,fan\n2026-03-01 18:30,fan,\n") << QStringList{QStringLiteral("Line 2: fan:")};
    QTest::newRow("a price the fan set") << QByteArray("date,from,fan,price\n2026-03-01 18:30,fan,ana,5\n")
                                         << QStringList{QStringLiteral("Line 2: price:")};
    QTest::newRow("bought for free") << QByteArray("date,from,fan,bought\n2026-03-01 18:30,team,ana,yes\n")
                                     << QStringList{QStringLiteral("Line 2: bought:")};
    QTest::newRow("bought, maybe") << QByteArray("date,from,fan,price,bought\n2026-03-01 18:30,team,ana,5,perhaps\n")
                                   << QStringList{QStringLiteral("Line 2: bought \"perhaps\" is not yes or no.")};
    QTest::newRow("not a price") << QByteArray("date,from,fan,price\n2026-03-01 18:30,team,ana,five\n")
                                 << QStringList{QStringLiteral("Line 2: price \"five\" is not an amount")};
    QTest::newRow("another currency") << QByteArray("date,from,fan,price,currency\n2026-03-01 18:30,team,ana,5,EUR\n")
                                      << QStringList{QStringLiteral("Line 2: currency:")};
    QTest::newRow("a member that is no email") << QByteArray("date,from,fan,chatter\n2026-03-01 18:30,team,ana,Lea\n")
                                               << QStringList{QStringLiteral("Line 2: chatter:")};
}

void TestCsvImport::badMessageLinesAreListedByLine()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, expected);
    const QList<CsvRecord> records = CsvReader::read(csv).value();
    const Result<QList<analytics::MessageEvent>> messages
        = creatorcsv::messagesFrom(records, creatorcsv::guessColumns(creatorcsv::MappedFile::MessageLog, records.first().fields), {});
    QVERIFY(!messages.ok());
    QVERIFY(messages.error().message.startsWith(QStringLiteral("Nothing was imported.")));
    for (const QString &part : expected)
        QVERIFY2(messages.error().message.contains(part), qPrintable(messages.error().message));
}

void TestCsvImport::aLogWithoutItsColumnsIsRefused()
{
    const QList<CsvRecord> records = CsvReader::read("when,text\n2026-03-01,hello\n").value();
    const creatorcsv::ColumnChoice columns = creatorcsv::guessColumns(creatorcsv::MappedFile::MessageLog, records.first().fields);
    QCOMPARE(columns.missing(creatorcsv::MappedFile::MessageLog),
             (QStringList{QStringLiteral("Date and time"), QStringLiteral("Written by (fan or team)"), QStringLiteral("Fan")}));
    const Result<QList<analytics::MessageEvent>> messages = creatorcsv::messagesFrom(records, columns, {});
    QVERIFY(!messages.ok());
    QCOMPARE(messages.error().message, QStringLiteral("Choose the column of: Date and time, Written by (fan or team), Fan."));
}

void TestCsvImport::engagementExportsRead_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("lastPost");
    QTest::addColumn<QString>("lastPostedAt"); // UTC
    QTest::addColumn<QDate>("lastDay");
    QTest::addColumn<qint64>("lastInteractions");
    QTest::addColumn<qint64>("lastViews");
    QTest::addColumn<int>("lines");
    QTest::newRow("one line per post") << QByteArray("post,posted_at,likes,comments,views,caption\n"
                                                     "p1,2026-03-01T18:30:00Z,120,14,3400,Sunset\n"
                                                     "p2,2026-03-02T09:00:00Z,\"1,204\",3,\"12,500\",\"Coffee, then gym\"\n")
                                       << QByteArray("UTC") << QStringLiteral("p2") << QStringLiteral("2026-03-02T09:00:00.000Z") << QDate()
                                       << qint64(1207) << qint64(12500) << 2;
    // "Date" is the day of the figures when another column says when each post went up.
    QTest::newRow("a platform's daily export in Paris time, BOM, CRLF")
        << QByteArray("\xEF\xBB\xBF"
                      "Date,Post ID,Published,Reactions,Replies,Impressions\r\n"
                      "2026-03-02,abc,2026-03-01 20:00,10,1,100\r\n"
                      "2026-03-03,abc,2026-03-01 20:00,4,0,40\r\n")
        << QByteArray("Europe/Paris") << QStringLiteral("abc") << QStringLiteral("2026-03-01T19:00:00.000Z") << QDate(2026, 3, 3)
        << qint64(4) << qint64(40) << 2;
    QTest::newRow("no counts at all") << QByteArray("post,posted_at\np1,2026-03-01 18:30\n") << QByteArray("UTC") << QStringLiteral("p1")
                                      << QStringLiteral("2026-03-01T18:30:00.000Z") << QDate() << qint64(0) << qint64(0) << 1;
}

void TestCsvImport::engagementExportsRead()
{
    QFETCH(QByteArray, csv);
    QFETCH(QByteArray, zone);
    QFETCH(QString, lastPost);
    QFETCH(QString, lastPostedAt);
    QFETCH(QDate, lastDay);
    QFETCH(qint64, lastInteractions);
    QFETCH(qint64, lastViews);
    QFETCH(int, lines);
    const QList<CsvRecord> records = CsvReader::read(csv).value();
    const creatorcsv::ColumnChoice columns = creatorcsv::guessColumns(creatorcsv::MappedFile::Engagement, records.first().fields);
    creatorcsv::FileOptions options;
    options.zone = QTimeZone(zone);
    const Result<QList<analytics::PostEngagement>> engagement = creatorcsv::engagementFrom(records, columns, options);
    QVERIFY2(engagement.ok(), qPrintable(engagement.ok() ? QString() : engagement.error().message));
    QCOMPARE(engagement.value().size(), lines);
    const analytics::PostEngagement &last = engagement.value().last();
    QCOMPARE(last.post, lastPost);
    QCOMPARE(last.postedAt.toString(Qt::ISODateWithMs), lastPostedAt);
    QCOMPARE(last.day, lastDay);
    QCOMPARE(last.interactions(), lastInteractions);
    QCOMPARE(last.views, lastViews);
}

void TestCsvImport::badEngagementLinesAreListedByLine_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("likes in words") << QByteArray("post,posted_at,likes\np1,2026-03-01 18:30,many\n")
                                    << QStringList{QStringLiteral("Line 2: likes \"many\" is not a whole number.")};
    QTest::newRow("negative views") << QByteArray("post,posted_at,views\np1,2026-03-01 18:30,-5\n")
                                    << QStringList{QStringLiteral("Line 2: views \"-5\" is not a whole number.")};
    QTest::newRow("a bad day") << QByteArray("post,posted_at,day\np1,2026-03-01 18:30,tomorrow\n")
                               << QStringList{QStringLiteral("Line 2: day \"tomorrow\" is not a date like 2026-03-01.")};
    QTest::newRow("a day before the post") << QByteArray("post,posted_at,day\np1,2026-03-01 18:30,2026-01-01\n")
                                           << QStringList{QStringLiteral("Line 2: day:")};
    QTest::newRow("no post") << QByteArray("post,posted_at\n,2026-03-01 18:30\np2,2026-03-01 18:30\n")
                             << QStringList{QStringLiteral("Line 2: post:")};
    QTest::newRow("no time") << QByteArray("post,posted_at\np1,last week\n")
                             << QStringList{QStringLiteral("Line 2: posted_at \"last week\" is not a date and time")};
}

void TestCsvImport::badEngagementLinesAreListedByLine()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, expected);
    const QList<CsvRecord> records = CsvReader::read(csv).value();
    const Result<QList<analytics::PostEngagement>> engagement
        = creatorcsv::engagementFrom(records, creatorcsv::guessColumns(creatorcsv::MappedFile::Engagement, records.first().fields), {});
    QVERIFY(!engagement.ok());
    QVERIFY(engagement.error().message.startsWith(QStringLiteral("Nothing was imported.")));
    for (const QString &part : expected)
        QVERIFY2(engagement.error().message.contains(part), qPrintable(engagement.error().message));
}

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csvimport.moc"

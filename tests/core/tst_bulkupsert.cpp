// BulkUpsert and BulkUpdate on SQLite and PostgreSQL (where the rows travel by COPY): every
// value arrives as written, whatever characters frame COPY's text; the
// conflict clause decides as it would row by row (the first of two rows with
// one key stands); a refused row fails the run and, with its transaction,
// writes nothing; the connection stays usable after; and an update reaches
// the rows of its keys and no other.
#include "bothdatabases.h"
#include "storage/bulkupsert.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace huntaze;
using huntaze::test::await;

namespace {

using Rows = QList<QVariantList>;

QStringList probeColumns()
{
    return {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("note"), QStringLiteral("data"), QStringLiteral("amount")};
}

const QString doNothing = QStringLiteral("ON CONFLICT DO NOTHING");

} // namespace

class TestBulkUpsert : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void valuesArriveAsWritten_data();
    void valuesArriveAsWritten();
    void theFirstOfTwoRowsWithOneKeyStands_data() { test::BothDatabases::addDriverRows(); }
    void theFirstOfTwoRowsWithOneKeyStands();
    void anUpdateClauseAddsToTheRowThere_data() { test::BothDatabases::addDriverRows(); }
    void anUpdateClauseAddsToTheRowThere();
    void aRefusedRowFailsTheRunAndWritesNothing_data() { test::BothDatabases::addDriverRows(); }
    void aRefusedRowFailsTheRunAndWritesNothing();
    void anUpdateReachesTheRowsOfItsKeysOnly_data() { test::BothDatabases::addDriverRows(); }
    void anUpdateReachesTheRowsOfItsKeysOnly();

private:
    void openProbe(const QString &driver);
    // Runs `rows` through a BulkUpsert of the probe table in one transaction.
    Result<Rows> upsert(const Rows &rows, const QString &conflict, const QString &returning = {});
    Rows probeRows();

    test::BothDatabases m_databases{QStringLiteral("bulk_upsert")};
    SqlWorker *m_worker = nullptr;
};

void TestBulkUpsert::initTestCase()
{
    if (const QString problem = m_databases.start(); !problem.isEmpty())
        QFAIL(qPrintable(problem));
}

void TestBulkUpsert::init()
{
    if (m_databases.missingPostgres())
        QSKIP("PostgreSQL is not installed here");
}

void TestBulkUpsert::cleanup()
{
    m_worker = nullptr;
    m_databases.reset();
}

void TestBulkUpsert::openProbe(const QString &driver)
{
    m_worker = &m_databases.open(driver);
    const bool postgres = driver == QLatin1String("postgresql");
    QVERIFY(await(m_worker->run<void>([postgres](QSqlDatabase &db) -> Result<void> {
                QSqlQuery query(db);
                if (!query.exec(QStringLiteral("CREATE TABLE probe (id bigint PRIMARY KEY, label text NOT NULL, note text, data %1, "
                                               "amount bigint NOT NULL CHECK (amount > -1000000000000000000 OR id < 0))")
                                    .arg(postgres ? QStringLiteral("bytea") : QStringLiteral("blob"))))
                    return storageError(QStringLiteral("make the probe table"), query.lastError());
                return Result<void>::success();
            })).ok());
}

Result<Rows> TestBulkUpsert::upsert(const Rows &rows, const QString &conflict, const QString &returning)
{
    return await(m_worker->run<Rows>([&](QSqlDatabase &db) -> Result<Rows> {
        Transaction transaction(db);
        if (Result<void> started = transaction.started(); !started.ok())
            return started.error();
        BulkUpsert bulk(db, QStringLiteral("probe"), probeColumns(), conflict);
        for (const QVariantList &row : rows)
            bulk.append(row);
        Result<Rows> written = bulk.run(QStringLiteral("write the probe"), returning);
        if (!written.ok())
            return written.error();
        if (Result<void> committed = transaction.commit(); !committed.ok())
            return committed.error();
        return written;
    }));
}

Rows TestBulkUpsert::probeRows()
{
    const Result<Rows> rows = await(m_worker->run<Rows>([](QSqlDatabase &db) -> Result<Rows> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT id, label, note, data, amount FROM probe ORDER BY id")))
            return storageError(QStringLiteral("read the probe"), query.lastError());
        Rows rows;
        while (query.next()) {
            rows.append({query.value(0).toLongLong(), query.value(1).toString(),
                         query.value(2).isNull() ? QVariant() : QVariant(query.value(2).toString()),
                         query.value(3).isNull() ? QVariant() : QVariant(query.value(3).toByteArray()), query.value(4).toLongLong()});
        }
        return rows;
    }));
    return rows.ok() ? rows.value() : Rows{};
}

void TestBulkUpsert::valuesArriveAsWritten_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qint64>("amount");
    const struct {
        const char *name;
        QString label;
        QByteArray data;
        qint64 amount;
    } cases[] = {
        {"plain", QStringLiteral("tip"), QByteArrayLiteral("\x01\x02"), 1500},
        {"COPY's framing in text", QStringLiteral("a\tb\nc\rd\\e"), QByteArrayLiteral("x"), 0},
        {"COPY's null marker as text", QStringLiteral("\\N"), QByteArrayLiteral("\\N"), -1},
        {"quotes and commas", QStringLiteral("\"it's\", she said;"), QByteArray(), 7},
        {"accents and emoji", QStringLiteral("Zoë 💋 ünïcödé"), QByteArrayLiteral("\xff\xfe"), 42},
        {"empty text", QStringLiteral(""), QByteArrayLiteral(""), 1},
        {"bytes COPY frames with", QStringLiteral("bytes"), QByteArray("\0\t\n\\\x7f", 5), 2},
        {"largest amount", QStringLiteral("max"), QByteArrayLiteral("m"), std::numeric_limits<qint64>::max()},
        {"smallest amount", QStringLiteral("min"), QByteArrayLiteral("m"), std::numeric_limits<qint64>::min() + 1},
        {"a long text", QString(100'000, QLatin1Char('x')), QByteArray(100'000, 'y'), 3},
    };
    for (const char *driver : {"sqlite", "postgresql"}) {
        for (const auto &value : cases)
            QTest::addRow("%s: %s", driver, value.name) << QString::fromLatin1(driver) << value.label << value.data << value.amount;
    }
}

void TestBulkUpsert::valuesArriveAsWritten()
{
    QFETCH(QString, driver);
    QFETCH(QString, label);
    QFETCH(QByteArray, data);
    QFETCH(qint64, amount);
    openProbe(driver);
    // The smallest amount passes the CHECK only for a negative id.
    const qint64 id = amount == std::numeric_limits<qint64>::min() + 1 ? -2 : 2;
    const QVariant note = label.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(label + QStringLiteral(" (note)"));
    const QVariant bytes = data.isNull() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(data);
    const Result<Rows> written = upsert({{1, QStringLiteral("before"), QVariant(QMetaType(QMetaType::QString)), QVariant(), 0},
                                         {id, label, note, bytes, amount},
                                         {3, QStringLiteral("after"), QStringLiteral("n"), QByteArrayLiteral("z"), 9}},
                                        doNothing);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().detail));
    Rows expected{{1, QStringLiteral("before"), QVariant(), QVariant(), 0},
                  {id, label, note.isNull() ? QVariant() : note, data.isNull() ? QVariant() : QVariant(data), amount},
                  {3, QStringLiteral("after"), QStringLiteral("n"), QByteArrayLiteral("z"), 9}};
    if (id < 0)
        std::rotate(expected.begin(), expected.begin() + 1, expected.begin() + 2);
    QCOMPARE(probeRows(), expected);
}

void TestBulkUpsert::theFirstOfTwoRowsWithOneKeyStands()
{
    QFETCH(QString, driver);
    openProbe(driver);
    const QString returning = QStringLiteral("id, label");
    Result<Rows> written = upsert({{1, QStringLiteral("one"), QVariant(), QVariant(), 10}}, doNothing, returning);
    QVERIFY(written.ok());
    QCOMPARE(written.value(), (Rows{{1, QStringLiteral("one")}}));
    // Row 1 is there already; row 2 comes twice: the first stands, and only what was written comes back.
    written = upsert({{2, QStringLiteral("two"), QVariant(), QVariant(), 20},
                      {1, QStringLiteral("one again"), QVariant(), QVariant(), 11},
                      {2, QStringLiteral("two again"), QVariant(), QVariant(), 21},
                      {3, QStringLiteral("three"), QVariant(), QVariant(), 30}},
                     doNothing, returning);
    QVERIFY(written.ok());
    QCOMPARE(written.value(), (Rows{{2, QStringLiteral("two")}, {3, QStringLiteral("three")}}));
    QCOMPARE(probeRows(),
             (Rows{{1, QStringLiteral("one"), QVariant(), QVariant(), 10},
                   {2, QStringLiteral("two"), QVariant(), QVariant(), 20},
                   {3, QStringLiteral("three"), QVariant(), QVariant(), 30}}));
}

void TestBulkUpsert::anUpdateClauseAddsToTheRowThere()
{
    QFETCH(QString, driver);
    openProbe(driver);
    const QString addAmounts = QStringLiteral("ON CONFLICT (id) DO UPDATE SET amount = probe.amount + excluded.amount");
    QVERIFY(upsert({{1, QStringLiteral("a"), QVariant(), QVariant(), 10}, {2, QStringLiteral("b"), QVariant(), QVariant(), 20}}, addAmounts)
                .ok());
    // Two runs in one transaction: the second finds the first's rows.
    const Result<void> twice = await(m_worker->run<void>([&](QSqlDatabase &db) -> Result<void> {
        Transaction transaction(db);
        BulkUpsert bulk(db, QStringLiteral("probe"), probeColumns(), addAmounts);
        for (int run = 0; run < 2; ++run) {
            bulk.append({2, QStringLiteral("b"), QVariant(), QVariant(), 5});
            bulk.append({3, QStringLiteral("c"), QVariant(), QVariant(), 1});
            if (Result<Rows> written = bulk.run(QStringLiteral("write the probe")); !written.ok())
                return written.error();
        }
        return transaction.commit();
    }));
    QVERIFY2(twice.ok(), qPrintable(twice.ok() ? QString() : twice.error().detail));
    QCOMPARE(probeRows(),
             (Rows{{1, QStringLiteral("a"), QVariant(), QVariant(), 10},
                   {2, QStringLiteral("b"), QVariant(), QVariant(), 30},
                   {3, QStringLiteral("c"), QVariant(), QVariant(), 2}}));
}

void TestBulkUpsert::aRefusedRowFailsTheRunAndWritesNothing()
{
    QFETCH(QString, driver);
    openProbe(driver);
    QVERIFY(upsert({{1, QStringLiteral("kept"), QVariant(), QVariant(), 1}}, doNothing).ok());
    const qint64 refusedAmount = std::numeric_limits<qint64>::min() + 1; // the CHECK refuses it for a positive id
    const Result<Rows> refused = upsert(
        {{2, QStringLiteral("fine"), QVariant(), QVariant(), 2}, {3, QStringLiteral("refused"), QVariant(), QVariant(), refusedAmount}},
        doNothing);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Storage);
    QVERIFY2(refused.error().detail.contains(QLatin1String("write the probe")), qPrintable(refused.error().detail));
    // A text column given no text is refused too, and outside a transaction leaves no half-run behind.
    const Result<Rows> noLabel = await(m_worker->run<Rows>([](QSqlDatabase &db) {
        BulkUpsert bulk(db, QStringLiteral("probe"), probeColumns(), doNothing);
        bulk.append({4, QVariant(QMetaType(QMetaType::QString)), QVariant(), QVariant(), 4});
        return bulk.run(QStringLiteral("write the probe"));
    }));
    QVERIFY(!noLabel.ok());
    // The connection goes on: the next run writes.
    QVERIFY(upsert({{5, QStringLiteral("after"), QVariant(), QVariant(), 5}}, doNothing).ok());
    QCOMPARE(probeRows(),
             (Rows{{1, QStringLiteral("kept"), QVariant(), QVariant(), 1}, {5, QStringLiteral("after"), QVariant(), QVariant(), 5}}));
}

void TestBulkUpsert::anUpdateReachesTheRowsOfItsKeysOnly()
{
    QFETCH(QString, driver);
    openProbe(driver);
    QVERIFY(upsert({{1, QStringLiteral("a"), QStringLiteral("kept"), QVariant(), 10},
                    {2, QStringLiteral("b"), QStringLiteral("old"), QVariant(), 20},
                    {3, QStringLiteral("c"), QStringLiteral("old"), QVariant(), 30}},
                   doNothing)
                .ok());
    const Result<void> updated = await(m_worker->run<void>([](QSqlDatabase &db) -> Result<void> {
        Transaction transaction(db);
        BulkUpdate update(db, QStringLiteral("probe"), {QStringLiteral("id"), QStringLiteral("label")},
                          {QStringLiteral("note"), QStringLiteral("amount")});
        update.append({2, QStringLiteral("b"), QVariant(QMetaType(QMetaType::QString)), 21}); // a NULL is a value too
        update.append({3, QStringLiteral("c"), QStringLiteral("tab\there"), 31});
        update.append({3, QStringLiteral("not c"), QStringLiteral("no such row"), 99}); // half the key matches: nothing
        update.append({4, QStringLiteral("d"), QStringLiteral("no such row"), 99});
        if (Result<void> run = update.run(QStringLiteral("update the probe")); !run.ok())
            return run;
        return transaction.commit();
    }));
    QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().detail));
    QCOMPARE(probeRows(),
             (Rows{{1, QStringLiteral("a"), QStringLiteral("kept"), QVariant(), 10},
                   {2, QStringLiteral("b"), QVariant(), QVariant(), 21},
                   {3, QStringLiteral("c"), QStringLiteral("tab\there"), QVariant(), 31}}));
}

QTEST_GUILESS_MAIN(TestBulkUpsert)
#include "tst_bulkupsert.moc"

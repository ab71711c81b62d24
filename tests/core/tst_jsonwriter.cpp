#include "common/jsonwriter.h"
#include "domain/fan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace huntaze;

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stringsReadBackAsWritten_data();
    void stringsReadBackAsWritten();
    void numbersAreWrittenAsQtWritesThem_data();
    void numbersAreWrittenAsQtWritesThem();
    void nestingPutsCommasWhereTheyBelong();
    void fansAreWrittenAsTheirJsonObject_data();
    void fansAreWrittenAsTheirJsonObject();
};

void TestJsonWriter::stringsReadBackAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QStringLiteral("Mia Rose");
    QTest::newRow("empty") << QString();
    QTest::newRow("quotes and backslashes") << QStringLiteral(R"(she said "hi" \ bye\)");
    QTest::newRow("control characters") << QStringLiteral("a\tb\nc\rd\be\ff") + QChar(0x01) + QChar(0x1f);
    QTest::newRow("accents") << QStringLiteral("Zoé, crème brûlée");
    QTest::newRow("emoji (a surrogate pair)") << QString::fromUtf8("\xF0\x9F\x94\xA5 hot");
    QTest::newRow("formula-looking") << QStringLiteral("=HYPERLINK(\"x\")");
    QTest::newRow("slash and DEL") << QStringLiteral("a/b") + QChar(0x7f);
}

void TestJsonWriter::stringsReadBackAsWritten()
{
    QFETCH(QString, text);
    JsonWriter out;
    out.beginObject().key(QLatin1String("text")).value(text).endObject();
    const QByteArray written = out.take();
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(written, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.object().value(QStringLiteral("text")).toString(), text);
    // Byte for byte what Qt writes: a client cannot tell the two apart.
    QCOMPARE(written, QJsonDocument(QJsonObject{{QStringLiteral("text"), text}}).toJson(QJsonDocument::Compact));
}

void TestJsonWriter::numbersAreWrittenAsQtWritesThem_data()
{
    QTest::addColumn<double>("number");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("whole") << 120.0;
    QTest::newRow("cents") << 19.99;
    QTest::newRow("a billion and a cent") << 1'000'000'000.01;
    QTest::newRow("tenth") << 0.1;
    QTest::newRow("negative") << -42.5;
    QTest::newRow("tiny") << 1e-300;
    QTest::newRow("huge") << 1e300;
}

void TestJsonWriter::numbersAreWrittenAsQtWritesThem()
{
    QFETCH(double, number);
    JsonWriter out;
    out.beginObject().key(QLatin1String("n")).value(number).endObject();
    const QByteArray written = out.take();
    QCOMPARE(written, QJsonDocument(QJsonObject{{QStringLiteral("n"), number}}).toJson(QJsonDocument::Compact));
    QCOMPARE(QJsonDocument::fromJson(written).object().value(QStringLiteral("n")).toDouble(), number);
}

void TestJsonWriter::nestingPutsCommasWhereTheyBelong()
{
    JsonWriter out;
    out.beginObject();
    out.key(QLatin1String("list")).beginArray().value(qint64(1)).value(true).null().beginObject().endObject().beginArray().endArray();
    out.endArray();
    out.key(QLatin1String("big")).value(std::numeric_limits<qint64>::max());
    out.key(QLatin1String("nan")).value(std::numeric_limits<double>::quiet_NaN());
    out.endObject();
    QCOMPARE(out.take(), QByteArray(R"({"list":[1,true,null,{},[]],"big":9223372036854775807,"nan":null})"));
}

void TestJsonWriter::fansAreWrittenAsTheirJsonObject_data()
{
    QTest::addColumn<Fan>("fan");
    QTest::addColumn<bool>("earnings");
    Fan full;
    full.id = 7;
    full.name = QStringLiteral("Zoé \"Z\" Martin");
    full.tags = {QStringLiteral("vip"), QStringLiteral("whale")};
    full.totalSpend = 1234.56;
    full.lastPurchase = QStringLiteral("Beach set");
    full.lastActive = QDate(2026, 11, 3);
    QTest::newRow("everything") << full << true;
    QTest::newRow("without earnings") << full << false;
    Fan bare;
    bare.id = 8;
    bare.name = QStringLiteral("New");
    QTest::newRow("no tags, never active") << bare << true;
}

void TestJsonWriter::fansAreWrittenAsTheirJsonObject()
{
    QFETCH(Fan, fan);
    QFETCH(bool, earnings);
    JsonWriter out;
    fan.writeJson(out, earnings);
    QJsonObject expected = fan.toJson();
    if (!earnings) {
        expected.remove(QStringLiteral("totalSpend"));
        expected.remove(QStringLiteral("lastPurchase"));
    }
    QCOMPARE(QJsonDocument::fromJson(out.take()).object(), expected);
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"

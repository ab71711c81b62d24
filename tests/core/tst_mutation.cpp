// The mutations a device pushes (issue 13): what a client may send, and which
// of a pushed batch the server applies so that a retried, duplicated or
// reordered request changes nothing twice and a gap changes nothing at all.
#include "sync/mutation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using huntaze::sync::Mutation;
using huntaze::sync::planPush;
using huntaze::sync::PushPlan;

namespace {

const QString draftId = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");

Mutation put(qint64 id)
{
    Mutation mutation;
    mutation.id = id;
    mutation.entity = QStringLiteral("draft");
    mutation.entityId = draftId;
    mutation.baseVersion = 7;
    mutation.payload = {{QStringLiteral("text"), QStringLiteral("Sunset")}};
    mutation.base = {{QStringLiteral("text"), QStringLiteral("Sunrise")}};
    return mutation;
}

QList<qint64> idsOf(const QList<Mutation> &mutations)
{
    QList<qint64> ids;
    for (const Mutation &mutation : mutations)
        ids.append(mutation.id);
    return ids;
}

} // namespace

class TestMutation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aMutationRoundTrips();
    void whatAClientMayNotSend_data();
    void whatAClientMayNotSend();
    void eachMutationAppliesOnceInOrder_data();
    void eachMutationAppliesOnceInOrder();
};

void TestMutation::aMutationRoundTrips()
{
    const Mutation edit = put(3);
    QCOMPARE(Mutation::parse(edit.toJson()).value(), edit);
    Mutation removal = put(4);
    removal.op = Mutation::Op::Delete;
    removal.payload = {};
    removal.base = {};
    QCOMPARE(Mutation::parse(removal.toJson()).value(), removal);
    // A UUID in braces or capitals is the same row.
    QJsonObject braced = edit.toJson();
    braced.insert(QStringLiteral("entityId"), QStringLiteral("{0F8FAD5B-D9CB-469F-A165-70867728950E}"));
    QCOMPARE(Mutation::parse(braced).value().entityId, draftId);
}

void TestMutation::whatAClientMayNotSend_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field");

    const QJsonObject good = put(3).toJson();
    const auto with = [&good](const char *key, const QJsonValue &value) {
        QJsonObject json = good;
        json.insert(QLatin1String(key), value);
        return QJsonValue(json);
    };
    const auto without = [&good](const char *key) {
        QJsonObject json = good;
        json.remove(QLatin1String(key));
        return QJsonValue(json);
    };
    QTest::newRow("not an object") << QJsonValue(QJsonArray{1, 2}) << QString();
    QTest::newRow("no id") << without("id") << QStringLiteral("id");
    QTest::newRow("id zero") << with("id", 0) << QStringLiteral("id");
    QTest::newRow("id negative") << with("id", -1) << QStringLiteral("id");
    QTest::newRow("id fractional") << with("id", 1.5) << QStringLiteral("id");
    QTest::newRow("id huge") << with("id", 1e300) << QStringLiteral("id");
    QTest::newRow("id as text") << with("id", QStringLiteral("3")) << QStringLiteral("id");
    QTest::newRow("unknown entity") << with("entity", QStringLiteral("fan")) << QStringLiteral("entity");
    QTest::newRow("entity missing") << without("entity") << QStringLiteral("entity");
    QTest::newRow("entity id not a UUID") << with("entityId", QStringLiteral("42")) << QStringLiteral("entityId");
    QTest::newRow("entity id with NUL") << with("entityId", QString(draftId).replace(4, 1, QChar(u'\0'))) << QStringLiteral("entityId");
    QTest::newRow("entity id very long") << with("entityId", QString(100'000, u'a')) << QStringLiteral("entityId");
    QTest::newRow("entity id a number") << with("entityId", 12) << QStringLiteral("entityId");
    QTest::newRow("base version negative") << with("baseVersion", -5) << QStringLiteral("baseVersion");
    QTest::newRow("base version tiny") << with("baseVersion", 1e-300) << QStringLiteral("baseVersion");
    QTest::newRow("unknown op") << with("op", QStringLiteral("merge")) << QStringLiteral("op");
    QTest::newRow("op missing") << without("op") << QStringLiteral("op");
    QTest::newRow("payload not an object") << with("payload", QStringLiteral("text")) << QStringLiteral("payload");
    QTest::newRow("payload too large") << with("payload", QJsonObject{{QStringLiteral("text"), QString(70'000, u'x')}})
                                       << QStringLiteral("payload");
    QTest::newRow("base not an object") << with("base", QJsonArray{}) << QStringLiteral("base");
}

void TestMutation::whatAClientMayNotSend()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);
    const huntaze::Result<Mutation> parsed = Mutation::parse(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, field);
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestMutation::eachMutationAppliesOnceInOrder_data()
{
    QTest::addColumn<qint64>("last");
    QTest::addColumn<QList<qint64>>("sent");
    QTest::addColumn<QList<qint64>>("applied");
    QTest::addColumn<qint64>("expected"); // 0: no gap

    QTest::newRow("the next ones") << qint64(4) << QList<qint64>{5, 6, 7} << QList<qint64>{5, 6, 7} << qint64(0);
    QTest::newRow("a first push") << qint64(0) << QList<qint64>{1, 2} << QList<qint64>{1, 2} << qint64(0);
    QTest::newRow("a retry of what was applied") << qint64(7) << QList<qint64>{5, 6, 7} << QList<qint64>{} << qint64(0);
    QTest::newRow("a retry that goes further") << qint64(6) << QList<qint64>{5, 6, 7, 8} << QList<qint64>{7, 8} << qint64(0);
    QTest::newRow("a mutation sent twice") << qint64(4) << QList<qint64>{5, 5, 6} << QList<qint64>{5, 6} << qint64(0);
    QTest::newRow("a gap before any") << qint64(4) << QList<qint64>{6, 7} << QList<qint64>{} << qint64(5);
    QTest::newRow("a gap after some: none applied") << qint64(4) << QList<qint64>{5, 7} << QList<qint64>{} << qint64(5);
    QTest::newRow("out of order") << qint64(4) << QList<qint64>{6, 5} << QList<qint64>{} << qint64(5);
    QTest::newRow("nothing sent") << qint64(4) << QList<qint64>{} << QList<qint64>{} << qint64(0);
}

void TestMutation::eachMutationAppliesOnceInOrder()
{
    QFETCH(qint64, last);
    QFETCH(QList<qint64>, sent);
    QFETCH(QList<qint64>, applied);
    QFETCH(qint64, expected);
    QList<Mutation> batch;
    for (const qint64 id : sent)
        batch.append(put(id));
    const PushPlan plan = planPush(last, batch);
    QCOMPARE(idsOf(plan.toApply), applied);
    QCOMPARE(plan.expected.value_or(0), expected);
}

QTEST_GUILESS_MAIN(TestMutation)
#include "tst_mutation.moc"

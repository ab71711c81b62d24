// What a pushed mutation does to the server's row (issue 13): an edit of the
// version the device had applies, a later one merges or is kept as a
// conflict beside the server's row, an edit against a delete brings the row
// back, and a delete of a row changed meanwhile keeps it. Nothing is dropped.
#include "sync/resolution.h"

#include <QJsonDocument>
#include <QTest>

using huntaze::sync::Mutation;
using huntaze::sync::Resolution;
using huntaze::sync::resolve;
using huntaze::sync::ServerRow;
using Outcome = huntaze::sync::Resolution::Outcome;

Q_DECLARE_METATYPE(std::optional<ServerRow>)

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

Mutation put(qint64 baseVersion, const char *base, const char *payload)
{
    Mutation mutation;
    mutation.id = 1;
    mutation.entity = QStringLiteral("draft");
    mutation.entityId = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    mutation.baseVersion = baseVersion;
    mutation.base = object(base);
    mutation.payload = object(payload);
    return mutation;
}

Mutation removal(qint64 baseVersion, const char *base = "{}")
{
    Mutation mutation = put(baseVersion, base, "{}");
    mutation.op = Mutation::Op::Delete;
    return mutation;
}

} // namespace

class TestResolution : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aMutationMeetsTheServersRow_data();
    void aMutationMeetsTheServersRow();
};

void TestResolution::aMutationMeetsTheServersRow_data()
{
    QTest::addColumn<std::optional<ServerRow>>("current");
    QTest::addColumn<Mutation>("mutation");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<bool>("deleted");
    QTest::addColumn<QStringList>("conflicting");

    const ServerRow seen{object(R"({"title": "Beach", "text": "Sunrise workout"})"), 7, false};
    const ServerRow changed{object(R"({"title": "Beach day", "text": "Sunset workout"})"), 9, false};
    const ServerRow gone{object(R"({"title": "Beach day", "text": "Sunset workout"})"), 9, true};

    QTest::newRow("new on the device") << std::optional<ServerRow>() << put(0, "{}", R"({"title": "Gym", "text": "Leg day"})")
                                       << int(Outcome::Applied) << object(R"({"title": "Gym", "text": "Leg day"})") << false
                                       << QStringList();
    QTest::newRow("an edit of the version the device had")
        << std::optional(seen) << put(7, R"({"text": "Sunrise workout"})", R"({"text": "Sunrise run"})") << int(Outcome::Applied)
        << object(R"({"title": "Beach", "text": "Sunrise run"})") << false << QStringList();
    QTest::newRow("an edit after another, the same title")
        << std::optional(changed) << put(7, R"({"title": "Beach"})", R"({"title": "Beach!"})") << int(Outcome::Conflict) << changed.fields
        << false << QStringList{QStringLiteral("title")};
    QTest::newRow("an edit after another, merged")
        << std::optional(ServerRow{object(R"({"title": "Beach day", "text": "Sunrise workout"})"), 9, false})
        << put(7, R"({"text": "Sunrise workout"})", R"({"text": "Sunrise run"})") << int(Outcome::Merged)
        << object(R"({"title": "Beach day", "text": "Sunrise run"})") << false << QStringList();
    QTest::newRow("an edit after another, same words: a conflict")
        << std::optional(changed) << put(7, R"({"text": "Sunrise workout"})", R"({"text": "Dawn workout"})") << int(Outcome::Conflict)
        << changed.fields << false << QStringList{QStringLiteral("text")};
    QTest::newRow("an edit against a delete") << std::optional(gone) << put(9, R"({"title": "Beach day"})", R"({"title": "Beach party"})")
                                              << int(Outcome::Restored) << object(R"({"title": "Beach party", "text": "Sunset workout"})")
                                              << false << QStringList();
    QTest::newRow("an old edit against a delete, the edit wins")
        << std::optional(gone) << put(7, R"({"text": "Sunrise workout"})", R"({"text": "Dawn workout"})") << int(Outcome::Restored)
        << object(R"({"title": "Beach day", "text": "Dawn workout"})") << false << QStringList();
    QTest::newRow("a delete of the version the device had")
        << std::optional(seen) << removal(7) << int(Outcome::Applied) << seen.fields << true << QStringList();
    QTest::newRow("a delete of a row changed meanwhile")
        << std::optional(changed) << removal(7) << int(Outcome::KeptEdited) << changed.fields << false << QStringList();
    QTest::newRow("a delete of a row changed meanwhile, the device's fields before")
        << std::optional(changed) << removal(7, R"({"title": "Beach", "text": "Sunrise workout"})") << int(Outcome::KeptEdited)
        << changed.fields << false << QStringList();
    QTest::newRow("a delete of the device's own later version (made or edited offline)")
        << std::optional(changed) << removal(7, R"({"title": "Beach day", "text": "Sunset workout"})") << int(Outcome::Applied)
        << changed.fields << true << QStringList();
    QTest::newRow("a delete of a row already deleted")
        << std::optional(gone) << removal(7) << int(Outcome::Unchanged) << gone.fields << true << QStringList();
    QTest::newRow("a delete of a row the server never had")
        << std::optional<ServerRow>() << removal(0) << int(Outcome::Unchanged) << QJsonObject() << false << QStringList();
}

void TestResolution::aMutationMeetsTheServersRow()
{
    QFETCH(std::optional<ServerRow>, current);
    QFETCH(Mutation, mutation);
    QFETCH(int, outcome);
    QFETCH(QJsonObject, fields);
    QFETCH(bool, deleted);
    QFETCH(QStringList, conflicting);
    const Resolution resolution = resolve(current, mutation);
    QCOMPARE(int(resolution.outcome), outcome);
    QCOMPARE(resolution.row.fields, fields);
    QCOMPARE(resolution.row.deleted, deleted);
    QCOMPARE(resolution.conflicting, conflicting);
}

QTEST_GUILESS_MAIN(TestResolution)
#include "tst_resolution.moc"

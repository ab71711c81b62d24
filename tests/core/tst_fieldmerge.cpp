// Merging a device's edit of a draft into the server's copy, field by field
// (issue 13): what only one side changed is taken, text changed both ways
// merges word by word, lists keep both sides' additions and removals, and
// anything else changed both ways is a conflict that keeps both versions.
#include "sync/fieldmerge.h"

#include <QJsonDocument>
#include <QTest>

using huntaze::sync::FieldMerge;
using huntaze::sync::mergeFields;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestFieldMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsMergeFieldByField_data();
    void editsMergeFieldByField();
};

void TestFieldMerge::editsMergeFieldByField_data()
{
    QTest::addColumn<QJsonObject>("base");
    QTest::addColumn<QJsonObject>("server");
    QTest::addColumn<QJsonObject>("mine");
    QTest::addColumn<bool>("clean");
    QTest::addColumn<QJsonObject>("merged");
    QTest::addColumn<QStringList>("conflicting");

    const QJsonObject base = object(R"({"title": "Beach", "text": "Sunrise workout on the beach", "status": "draft",
                                        "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})");
    QTest::newRow("nobody else changed it") << base << base << object(R"({"status": "ready"})") << true
                                            << object(R"({"title": "Beach", "text": "Sunrise workout on the beach", "status": "ready",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})")
                                            << QStringList();
    QTest::newRow("different fields") << base << object(R"({"title": "Beach day", "text": "Sunrise workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})")
                                      << object(R"({"plannedAt": "2026-12-06T08:00:00Z"})") << true
                                      << object(R"({"title": "Beach day", "text": "Sunrise workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-06T08:00:00Z", "hashtags": ["fitness", "beach"]})")
                                      << QStringList();
    QTest::newRow("a field sent unchanged keeps the server's")
        << base << object(R"({"title": "Beach day", "text": "Sunrise workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})")
        << object(R"({"title": "Beach", "status": "ready"})") << true
        << object(R"({"title": "Beach day", "text": "Sunrise workout on the beach", "status": "ready",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})")
        << QStringList();
    QTest::newRow("the same change on both") << base << object(R"({"title": "Beach", "text": "Sunrise workout on the beach",
                                                                  "status": "ready", "plannedAt": "2026-12-05T08:00:00Z",
                                                                  "hashtags": ["fitness", "beach"]})")
                                             << object(R"({"status": "ready"})") << true
                                             << object(R"({"title": "Beach", "text": "Sunrise workout on the beach",
                                                           "status": "ready", "plannedAt": "2026-12-05T08:00:00Z",
                                                           "hashtags": ["fitness", "beach"]})")
                                             << QStringList();
    QTest::newRow("text edited both ways, different words")
        << base << object(R"({"title": "Beach", "text": "Sunset workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})")
        << object(R"({"text": "Sunrise workout on the lake"})") << true
        << object(R"({"title": "Beach", "text": "Sunset workout on the lake", "status": "draft",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})")
        << QStringList();
    QTest::newRow("text edited both ways, the same word")
        << base << object(R"({"title": "Beach", "text": "Sunset workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach"]})")
        << object(R"({"text": "Dawn workout on the beach"})") << false << QJsonObject() << QStringList{QStringLiteral("text")};
    QTest::newRow("a time changed both ways") << base
                                              << object(R"({"title": "Beach", "text": "Sunrise workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-07T08:00:00Z", "hashtags": ["fitness", "beach"]})")
                                              << object(R"({"plannedAt": "2026-12-06T08:00:00Z", "title": "Beach!"})") << false
                                              << QJsonObject() << QStringList{QStringLiteral("plannedAt")};
    QTest::newRow("hashtags added and removed on both sides")
        << base << object(R"({"title": "Beach", "text": "Sunrise workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["fitness", "beach", "summer"]})")
        << object(R"({"hashtags": ["beach", "morning"]})") << true
        << object(R"({"title": "Beach", "text": "Sunrise workout on the beach", "status": "draft",
                      "plannedAt": "2026-12-05T08:00:00Z", "hashtags": ["beach", "summer", "morning"]})")
        << QStringList();
    QTest::newRow("a field the server never had")
        << object(R"({"title": "Beach"})") << object(R"({"title": "Beach day"})") << object(R"({"notes": "bring the drone"})") << true
        << object(R"({"title": "Beach day", "notes": "bring the drone"})") << QStringList();
    QTest::newRow("text both sides began from nothing")
        << object(R"({"title": "Beach"})") << object(R"({"title": "Beach", "notes": "drone"})") << object(R"({"notes": "tripod"})") << false
        << QJsonObject() << QStringList{QStringLiteral("notes")};
}

void TestFieldMerge::editsMergeFieldByField()
{
    QFETCH(QJsonObject, base);
    QFETCH(QJsonObject, server);
    QFETCH(QJsonObject, mine);
    QFETCH(bool, clean);
    QFETCH(QJsonObject, merged);
    QFETCH(QStringList, conflicting);
    const FieldMerge merge = mergeFields(base, server, mine);
    QCOMPARE(merge.clean, clean);
    QCOMPARE(merge.merged, merged);
    QCOMPARE(merge.conflicting, conflicting);
}

QTEST_GUILESS_MAIN(TestFieldMerge)
#include "tst_fieldmerge.moc"

#include "ai/hashtagranker.h"

#include <QTest>

using namespace huntaze;

namespace {
Post post(int engagement, const QStringList &tags)
{
    Post p;
    p.engagement = engagement;
    p.hashtags = tags;
    return p;
}
QStringList tagsOf(const QList<RankedHashtag> &ranked)
{
    QStringList tags;
    for (const RankedHashtag &tag : ranked)
        tags.append(tag.tag);
    return tags;
}
} // namespace

class TestHashtagRanker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void withoutHistoryKeepsSuggestedOrder();
    void historyOrdersByEngagement();
    void oneLuckyPostDoesNotWin();
    void strongTagsFromHistoryJoin();
    void limitAndCleanup();
};

void TestHashtagRanker::withoutHistoryKeepsSuggestedOrder()
{
    const auto ranked = rankHashtags({QStringLiteral("fitness"), QStringLiteral("#Beach"), QStringLiteral("fitness")}, {}, 10);
    QCOMPARE(tagsOf(ranked), (QStringList{QStringLiteral("fitness"), QStringLiteral("beach")}));
    QVERIFY(!ranked.first().fromHistory);
}

void TestHashtagRanker::historyOrdersByEngagement()
{
    const QList<Post> history{post(900, {QStringLiteral("bts")}), post(880, {QStringLiteral("bts")}), post(100, {QStringLiteral("tbt")}),
                              post(120, {QStringLiteral("tbt")}), post(400, {QStringLiteral("gym")}), post(420, {QStringLiteral("gym")})};
    const auto ranked
        = rankHashtags({QStringLiteral("tbt"), QStringLiteral("gym"), QStringLiteral("newtag"), QStringLiteral("bts")}, history, 10);
    QCOMPARE(tagsOf(ranked), (QStringList{QStringLiteral("bts"), QStringLiteral("gym"), QStringLiteral("tbt"), QStringLiteral("newtag")}));
    QCOMPARE(ranked.first().uses, 2);
    QCOMPARE(ranked.first().averageEngagement, 890.0);
    QVERIFY(ranked.first().fromHistory);
    QVERIFY(!ranked.last().fromHistory);
}

void TestHashtagRanker::oneLuckyPostDoesNotWin()
{
    // One post at twice the steady average is not yet evidence against ten steady ones.
    QList<Post> history{post(1200, {QStringLiteral("lucky")})};
    for (int i = 0; i < 10; ++i)
        history.append(post(600, {QStringLiteral("steady")}));
    for (int i = 0; i < 10; ++i)
        history.append(post(100, {QStringLiteral("other")}));
    const auto ranked = rankHashtags({QStringLiteral("lucky"), QStringLiteral("steady")}, history, 10);
    QCOMPARE(ranked.first().tag, QStringLiteral("steady"));
}

void TestHashtagRanker::strongTagsFromHistoryJoin()
{
    const QList<Post> history{post(900, {QStringLiteral("bts")}), post(950, {QStringLiteral("bts")}), post(100, {QStringLiteral("weak")}),
                              post(90, {QStringLiteral("weak")})};
    const auto ranked = rankHashtags({QStringLiteral("fresh")}, history, 10);
    QCOMPARE(tagsOf(ranked), (QStringList{QStringLiteral("bts"), QStringLiteral("fresh")}));
}

void TestHashtagRanker::limitAndCleanup()
{
    QCOMPARE(rankHashtags({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, {}, 2).size(), 2);
    QVERIFY(rankHashtags({QStringLiteral("#"), QString()}, {}, 5).isEmpty());
}

QTEST_GUILESS_MAIN(TestHashtagRanker)
#include "tst_hashtagranker.moc"

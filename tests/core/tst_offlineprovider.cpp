#include "ai/contenttools.h"
#include "ai/messagetemplate.h"
#include "ai/offlineprovider.h"
#include "testutil.h"

#include <QSet>
#include <QTest>

using namespace huntaze;

namespace {
IdeaRequest fitnessRequest()
{
    IdeaRequest request;
    request.profile.displayName = QStringLiteral("Mia");
    request.profile.niche = QStringLiteral("Fitness coaching");
    request.profile.audience = QStringLiteral("Busy parents who train at home, early risers");
    request.profile.tone = QStringLiteral("Playful");
    request.platform = QStringLiteral("onlyfans");
    request.count = 5;
    return request;
}
} // namespace

class TestOfflineProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameRequestSameIdeas();
    void ideasRespectPlatformLimits_data();
    void ideasRespectPlatformLimits();
    void provenPurchasesAndThemeRankFirst();
    void formatsAreVaried();
    void restrictedWordsNeverComeOut();
    void templatesForGoalsAreValid_data();
    void templatesForGoalsAreValid();
    void fitCaption_data();
    void fitCaption();
    void cleanHashtags();
    void duplicatesAreRemoved();
    void providerAnswersOffline();
    void frenchToneWordsCount();
};

void TestOfflineProvider::sameRequestSameIdeas()
{
    const IdeaRequest request = fitnessRequest();
    QCOMPARE(OfflineProvider::generateIdeas(request), OfflineProvider::generateIdeas(request));
    IdeaRequest other = request;
    other.theme = QStringLiteral("Halloween");
    QVERIFY(OfflineProvider::generateIdeas(other) != OfflineProvider::generateIdeas(request));
}

void TestOfflineProvider::ideasRespectPlatformLimits_data()
{
    QTest::addColumn<QString>("platform");
    QTest::addColumn<int>("count");
    for (const QString &platform : platforms::all())
        QTest::newRow(qPrintable(platform)) << platform << 6;
}

void TestOfflineProvider::ideasRespectPlatformLimits()
{
    QFETCH(QString, platform);
    QFETCH(int, count);
    IdeaRequest request = fitnessRequest();
    request.platform = platform;
    request.count = count;
    const QList<ContentIdea> ideas
        = contenttools::finish(OfflineProvider::generateIdeas(request), platform, count, RestrictedWords::platformDefaults());
    QCOMPARE(ideas.size(), count);
    const PlatformRules rules = PlatformRules::of(platform);
    for (const ContentIdea &idea : ideas) {
        QVERIFY(!idea.title.isEmpty() && !idea.description.isEmpty() && !idea.caption.isEmpty());
        QVERIFY2(idea.caption.size() <= rules.captionLimit, qPrintable(idea.caption));
        QVERIFY(idea.hashtags.size() <= rules.hashtagLimit);
        QCOMPARE(idea.platform, platform);
        for (const QString &tag : idea.hashtags)
            QVERIFY2(!tag.startsWith(u'#') && !tag.contains(u' ') && tag == tag.toLower(), qPrintable(tag));
    }
}

void TestOfflineProvider::provenPurchasesAndThemeRankFirst()
{
    IdeaRequest request = fitnessRequest();
    request.popularPurchases = {QStringLiteral("Beach photo set"), QStringLiteral("Yoga stretching video")};
    const QList<ContentIdea> ideas = OfflineProvider::generateIdeas(request);
    QVERIFY(ideas.first().title.contains(QStringLiteral("beach"), Qt::CaseInsensitive)
            || ideas.first().title.contains(QStringLiteral("yoga"), Qt::CaseInsensitive));

    request.theme = QStringLiteral("Halloween");
    const QList<ContentIdea> themed = contenttools::finish(OfflineProvider::generateIdeas(request), request.platform, 5, {});
    const auto mentionsTheme = std::count_if(themed.begin(), themed.end(), [](const ContentIdea &idea) {
        return QString(idea.title + idea.description + idea.caption).contains(QStringLiteral("halloween"), Qt::CaseInsensitive);
    });
    QVERIFY2(mentionsTheme >= 2, qPrintable(QString::number(mentionsTheme)));
}

void TestOfflineProvider::formatsAreVaried()
{
    const QList<ContentIdea> ideas
        = contenttools::finish(OfflineProvider::generateIdeas(fitnessRequest()), QStringLiteral("onlyfans"), 5, {});
    QSet<QString> formats;
    for (const ContentIdea &idea : ideas)
        formats.insert(idea.format);
    QCOMPARE(formats.size(), 5);
}

void TestOfflineProvider::restrictedWordsNeverComeOut()
{
    IdeaRequest request = fitnessRequest();
    request.count = 8;
    RestrictedWords restricted;
    restricted.add(QStringLiteral("fitness"), QStringLiteral("test"));
    restricted.add(QStringLiteral("newpost"), QStringLiteral("test"));
    const QList<ContentIdea> ideas = contenttools::finish(OfflineProvider::generateIdeas(request), request.platform, 8, restricted);
    for (const ContentIdea &idea : ideas) {
        QVERIFY(restricted.allows(QString(idea.title + u' ' + idea.description + u' ' + idea.caption)));
        QVERIFY(!idea.hashtags.contains(QStringLiteral("fitness")));
        QVERIFY(!idea.hashtags.contains(QStringLiteral("newpost")));
    }
}

void TestOfflineProvider::templatesForGoalsAreValid_data()
{
    QTest::addColumn<QString>("goal");
    QTest::addColumn<QString>("expectedField");
    QTest::newRow("re-engage") << QStringLiteral("Re-engage fans inactive 30 days") << QStringLiteral("fan.days_inactive");
    QTest::newRow("thank") << QStringLiteral("Thank my top spenders") << QStringLiteral("fan.is_top_spender");
    QTest::newRow("launch") << QStringLiteral("Tease the new set launching Friday") << QStringLiteral("fan.last_purchase");
    QTest::newRow("birthday") << QStringLiteral("Birthday wishes") << QStringLiteral("fan.first_name");
    QTest::newRow("anything else") << QStringLiteral("Ask about their favourite colour") << QStringLiteral("creator.name");
}

void TestOfflineProvider::templatesForGoalsAreValid()
{
    QFETCH(QString, goal);
    QFETCH(QString, expectedField);
    Profile profile;
    profile.tone = QStringLiteral("Flirty");
    const QString text = OfflineProvider::generateTemplate(goal, profile);
    const Result<MessageTemplate> parsed = MessageTemplate::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(text));
    QVERIFY2(parsed.value().usedVariables().contains(expectedField), qPrintable(text));
    QVERIFY(RestrictedWords::platformDefaults().allows(text));
}

void TestOfflineProvider::fitCaption_data()
{
    QTest::addColumn<QString>("caption");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fits") << QStringLiteral("Short and sweet") << 280 << QStringLiteral("Short and sweet");
    QTest::newRow("cut at a word") << QStringLiteral("One two three four five") << 14 << QString::fromUtf8("One two three…");
    QTest::newRow("no dangling comma") << QStringLiteral("Hello there, friend of mine") << 14 << QString::fromUtf8("Hello there…");
    QTest::newRow("one long word") << QStringLiteral("Supercalifragilistic") << 10 << QString::fromUtf8("Supercali…");
}

void TestOfflineProvider::fitCaption()
{
    QFETCH(QString, caption);
    QFETCH(int, limit);
    QFETCH(QString, expected);
    const QString fitted = contenttools::fitCaption(caption, limit);
    QCOMPARE(fitted, expected);
    QVERIFY(fitted.size() <= limit);
}

void TestOfflineProvider::cleanHashtags()
{
    const QStringList cleaned
        = contenttools::cleanHashtags({QStringLiteral("#Fitness"), QStringLiteral("fitness"), QStringLiteral(" home workout "),
                                       QStringLiteral("##Venmo"), QStringLiteral("#"), QStringLiteral("gym"), QStringLiteral("extra")},
                                      3, RestrictedWords::platformDefaults());
    QCOMPARE(cleaned, (QStringList{QStringLiteral("fitness"), QStringLiteral("homeworkout"), QStringLiteral("gym")}));
}

void TestOfflineProvider::duplicatesAreRemoved()
{
    ContentIdea a;
    a.title = QStringLiteral("Beach day!");
    a.description = QStringLiteral("x");
    a.caption = QStringLiteral("c");
    ContentIdea b = a;
    b.title = QStringLiteral("beach   DAY");
    ContentIdea c = a;
    c.title = QStringLiteral("Gym day");
    const QList<ContentIdea> kept = contenttools::finish({a, b, c}, QStringLiteral("x"), 10, {});
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept.at(1).title, QStringLiteral("Gym day"));
}

void TestOfflineProvider::providerAnswersOffline()
{
    OfflineProvider provider;
    QVERIFY(provider.isOffline());
    QVERIFY(test::await(provider.testConnection()).ok());
    QString streamed;
    const Result<QString> text = test::await(
        provider.draftMessageTemplate(QStringLiteral("re-engage"), Profile(), [&streamed](const QString &chunk) { streamed += chunk; }));
    QCOMPARE(streamed, text.value());
    QCOMPARE(test::await(provider.contentIdeas(fitnessRequest())).value(), OfflineProvider::generateIdeas(fitnessRequest()));
}

void TestOfflineProvider::frenchToneWordsCount()
{
    Profile french;
    french.tone = QString::fromUtf8("Charmeur");
    Profile english;
    english.tone = QStringLiteral("Flirty");
    QCOMPARE(OfflineProvider::generateTemplate(QStringLiteral("re-engage"), french),
             OfflineProvider::generateTemplate(QStringLiteral("re-engage"), english));
    QVERIFY(
        OfflineProvider::generateTemplate(QStringLiteral("re-engage"), french).startsWith(QStringLiteral("Hey {{fan.first_name|babe}}")));
}

QTEST_GUILESS_MAIN(TestOfflineProvider)
#include "tst_offlineprovider.moc"

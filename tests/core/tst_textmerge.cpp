// The three-way merge of a text field edited on two devices (issue 13):
// edits to different words or lines merge, edits to the same words do not,
// and a merged text is exactly the base with both edits, whatever it holds.
#include "sync/textmerge.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

using huntaze::sync::mergeText;

class TestTextMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsMergeUnlessTheyOverlap_data();
    void editsMergeUnlessTheyOverlap();
    void editsOfDifferentWordsAlwaysMerge_data();
    void editsOfDifferentWordsAlwaysMerge();
};

void TestTextMerge::editsMergeUnlessTheyOverlap_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("ours");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<bool>("clean");
    QTest::addColumn<QString>("merged");

    const QString caption = QStringLiteral("Sunrise workout on the beach #fitness");
    QTest::newRow("nobody changed it") << caption << caption << caption << true << caption;
    QTest::newRow("only ours changed") << caption << QStringLiteral("Sunset workout on the beach #fitness") << caption << true
                                       << QStringLiteral("Sunset workout on the beach #fitness");
    QTest::newRow("only theirs changed") << caption << caption << QStringLiteral("Sunrise yoga on the beach #fitness") << true
                                         << QStringLiteral("Sunrise yoga on the beach #fitness");
    QTest::newRow("the same edit on both") << caption << QStringLiteral("Sunrise run on the beach #fitness")
                                           << QStringLiteral("Sunrise run on the beach #fitness") << true
                                           << QStringLiteral("Sunrise run on the beach #fitness");
    QTest::newRow("different words of one line")
        << caption << QStringLiteral("Sunset workout on the beach #fitness") << QStringLiteral("Sunrise workout on the beach #gym") << true
        << QStringLiteral("Sunset workout on the beach #gym");
    QTest::newRow("neighbouring words") << caption << QStringLiteral("Sunrise run on the beach #fitness")
                                        << QStringLiteral("Sunrise workout at the beach #fitness") << true
                                        << QStringLiteral("Sunrise run at the beach #fitness");
    QTest::newRow("the same word, two ways") << caption << QStringLiteral("Sunset workout on the beach #fitness")
                                             << QStringLiteral("Dawn workout on the beach #fitness") << false << QString();
    QTest::newRow("both add at the end") << caption << caption + QStringLiteral(" #summer") << caption + QStringLiteral(" #beach") << false
                                         << QString();
    QTest::newRow("a deletion and an edit elsewhere")
        << QStringLiteral("Line one.\nLine two.\nLine three.\nLine four.") << QStringLiteral("Line one.\nLine three.\nLine four.")
        << QStringLiteral("Line one.\nLine two.\nLine three.\nLine 4.") << true << QStringLiteral("Line one.\nLine three.\nLine 4.");
    QTest::newRow("a deletion across an edit") << QStringLiteral("Keep this and that") << QStringLiteral("Keep that")
                                               << QStringLiteral("Keep this or that") << false << QString();
    QTest::newRow("emoji and accents") << QStringLiteral("Café 🌅 ce matin, à bientôt") << QStringLiteral("Café 🌞 ce matin, à bientôt")
                                       << QStringLiteral("Café 🌅 ce matin, à demain") << true
                                       << QStringLiteral("Café 🌞 ce matin, à demain");
    QTest::newRow("backslashes and escapes kept")
        << QStringLiteral("Path C:\\new\\n and \\\\ here") << QStringLiteral("Path C:\\new\\n and \\\\ there")
        << QStringLiteral("Route C:\\new\\n and \\\\ here") << true << QStringLiteral("Route C:\\new\\n and \\\\ there");
    QTest::newRow("Windows line breaks kept") << QStringLiteral("Hello fans,\r\nnew set tonight.\r\nSee you")
                                              << QStringLiteral("Hi fans,\r\nnew set tonight.\r\nSee you")
                                              << QStringLiteral("Hello fans,\r\nnew set tonight.\r\nSee you soon") << true
                                              << QStringLiteral("Hi fans,\r\nnew set tonight.\r\nSee you soon");
    QTest::newRow("spacing changed beside a word") << QStringLiteral("one two three") << QStringLiteral("one  two three")
                                                   << QStringLiteral("one two four") << true << QStringLiteral("one  two four");
    QTest::newRow("from nothing, two texts") << QString() << QStringLiteral("Hello") << QStringLiteral("Bonjour") << false << QString();
    QTest::newRow("emptied on one side, edited on the other")
        << QStringLiteral("Old caption") << QString() << QStringLiteral("New caption") << false << QString();
}

void TestTextMerge::editsMergeUnlessTheyOverlap()
{
    QFETCH(QString, base);
    QFETCH(QString, ours);
    QFETCH(QString, theirs);
    QFETCH(bool, clean);
    QFETCH(QString, merged);
    const huntaze::sync::TextMerge merge = mergeText(base, ours, theirs);
    QCOMPARE(merge.clean, clean);
    if (clean)
        QCOMPARE(merge.merged, merged);
    // The merge does not depend on which side is whose.
    const huntaze::sync::TextMerge swapped = mergeText(base, theirs, ours);
    QCOMPARE(swapped.clean, clean);
    if (clean)
        QCOMPARE(swapped.merged, merged);
}

void TestTextMerge::editsOfDifferentWordsAlwaysMerge_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 40; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

void TestTextMerge::editsOfDifferentWordsAlwaysMerge()
{
    // A random text, one word changed on each side, at least one untouched word apart.
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    static const QStringList vocabulary{QStringLiteral("sun"), QStringLiteral("beach"), QStringLiteral("#fit"), QStringLiteral("🌅"),
                                        QStringLiteral("été"), QStringLiteral("a\\b"),  QStringLiteral("new"),  QStringLiteral("set")};
    static const QStringList spaces{QStringLiteral(" "), QStringLiteral("  "), QStringLiteral("\n"), QStringLiteral("\r\n"),
                                    QStringLiteral(" \t")};
    const int count = random.bounded(4, 40);
    QStringList words;
    QStringList gaps;
    for (int i = 0; i < count; ++i) {
        words.append(vocabulary.at(random.bounded(static_cast<int>(vocabulary.size()))));
        gaps.append(spaces.at(random.bounded(static_cast<int>(spaces.size()))));
    }
    const auto text = [&](const QStringList &with) {
        QString joined;
        for (int i = 0; i < count; ++i)
            joined += with.at(i) + (i + 1 < count ? gaps.at(i) : QString());
        return joined;
    };
    const int ourWord = random.bounded(count - 2);
    const int theirWord = random.bounded(ourWord + 2, count);
    QStringList ourWords = words, theirWords = words, bothWords = words;
    ourWords[ourWord] = bothWords[ourWord] = QStringLiteral("OURS%1").arg(seed);
    theirWords[theirWord] = bothWords[theirWord] = QStringLiteral("THEIRS%1").arg(seed);
    const huntaze::sync::TextMerge merge = mergeText(text(words), text(ourWords), text(theirWords));
    QVERIFY2(merge.clean, qPrintable(text(words)));
    QCOMPARE(merge.merged, text(bothWords));
}

QTEST_GUILESS_MAIN(TestTextMerge)
#include "tst_textmerge.moc"

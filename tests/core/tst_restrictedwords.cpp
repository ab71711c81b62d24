#include "ai/restrictedwords.h"

#include <QTest>

using namespace huntaze;

class TestRestrictedWords : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults_data();
    void defaults();
    void reportsPositionsAndReasons();
    void creatorListAddsAndRemoves();
};

void TestRestrictedWords::defaults_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("flagged");
    QTest::newRow("clean") << QStringLiteral("New beach set is live, unlock it now!") << QStringList{};
    QTest::newRow("minor") << QStringLiteral("Dressed like a schoolgirl today") << QStringList{QStringLiteral("schoolgirl")};
    QTest::newRow("case and accents") << QString::fromUtf8("Pay me on PÁYPAL babe") << QStringList{QStringLiteral("paypal")};
    QTest::newRow("whole words only") << QStringLiteral("A minority of my fans love teenage-mutant cosplay? No: teenager.")
                                      << QStringList{QStringLiteral("teenager")};
    QTest::newRow("phrase across spaces") << QStringLiteral("Send it by cash   app") << QStringList{QStringLiteral("cash app")};
    QTest::newRow("hyphenated variants") << QStringLiteral("non consent and nonconsent and non-consent")
                                         << QStringList{QStringLiteral("non-consent"), QStringLiteral("non-consent"),
                                                        QStringLiteral("non-consent")};
    QTest::newRow("two terms") << QStringLiteral("venmo or zelle") << QStringList{QStringLiteral("venmo"), QStringLiteral("zelle")};
}

void TestRestrictedWords::defaults()
{
    QFETCH(QString, text);
    QFETCH(QStringList, flagged);
    const RestrictedWords words = RestrictedWords::platformDefaults();
    QStringList found;
    for (const auto &violation : words.check(text))
        found.append(violation.term);
    QCOMPARE(found, flagged);
    QCOMPARE(words.allows(text), flagged.isEmpty());
}

void TestRestrictedWords::reportsPositionsAndReasons()
{
    const RestrictedWords words = RestrictedWords::platformDefaults();
    const QString text = QString::fromUtf8("Été sale! Pay via Venmo.");
    const auto violations = words.check(text);
    QCOMPARE(violations.size(), 1);
    QCOMPARE(text.mid(violations.first().start, violations.first().length), QStringLiteral("Venmo"));
    QVERIFY(violations.first().reason.contains(QStringLiteral("Off-platform payment")));
}

void TestRestrictedWords::creatorListAddsAndRemoves()
{
    RestrictedWords words;
    QVERIFY(words.allows(QStringLiteral("my ex is watching")));
    words.add(QStringLiteral("  my   ex "), QStringLiteral("Personal"));
    QCOMPARE(words.terms().size(), 1);
    QCOMPARE(words.terms().first().term, QStringLiteral("my ex"));
    QVERIFY(!words.allows(QStringLiteral("My Ex is watching")));
    words.add(QStringLiteral("MY EX"), QStringLiteral("Updated reason"));
    QCOMPARE(words.terms().size(), 1);
    QCOMPARE(words.check(QStringLiteral("my ex")).first().reason, QStringLiteral("Updated reason"));
    words.remove(QStringLiteral("my ex"));
    QVERIFY(words.terms().isEmpty());
    QVERIFY(words.allows(QStringLiteral("my ex is watching")));
}

QTEST_GUILESS_MAIN(TestRestrictedWords)
#include "tst_restrictedwords.moc"

#include "ai/fanmessagecontext.h"
#include "ai/messagetemplate.h"
#include "settings/translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everySourceStringIsTranslated_data();
    void everySourceStringIsTranslated();
    void frenchIsCompiledIn();
    void frenchStartersAreValidTemplates();
    void englishPluralsAreCompiledIn();
};

void TestTranslations::everySourceStringIsTranslated_data()
{
    QTest::addColumn<QString>("tsName");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("extraOptions");
    QTest::addColumn<int>("minimumStrings");
    QTest::newRow("French, every string") << QStringLiteral("huntaze_fr.ts") << QStringLiteral("fr_FR") << QStringList{} << 150;
    QTest::newRow("English, plural forms") << QStringLiteral("huntaze_en.ts") << QStringLiteral("en")
                                           << QStringList{QStringLiteral("-pluralonly")} << 5;
}

// Re-extracts every tr() string from the sources into a copy of the
// translation: a string added to the code but not translated shows up as unfinished.
void TestTranslations::everySourceStringIsTranslated()
{
    QFETCH(QString, tsName);
    QFETCH(QString, language);
    QFETCH(QStringList, extraOptions);
    QFETCH(int, minimumStrings);
    QTemporaryDir dir;
    const QString copy = dir.filePath(tsName);
    QVERIFY(QFile::copy(QStringLiteral(HUNTAZE_SOURCE_DIR "/translations/") + tsName, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(HUNTAZE_LUPDATE),
                  extraOptions
                      + QStringList{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                                    QStringLiteral(HUNTAZE_SOURCE_DIR "/core"), QStringLiteral(HUNTAZE_SOURCE_DIR "/ui"),
                                    QStringLiteral(HUNTAZE_SOURCE_DIR "/app"), QStringLiteral("-ts"), copy});
    QVERIFY(lupdate.waitForFinished(120000));
    const QByteArray output = lupdate.readAll();
    QVERIFY2(lupdate.exitCode() == 0, output.constData());
    QVERIFY2(!output.contains("lacks Q_OBJECT"), "a tr() outside a QObject class: use QCoreApplication::translate");

    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString ts = QString::fromUtf8(file.readAll());
    QVERIFY(ts.contains(QStringLiteral("language=\"%1\"").arg(language)));

    static const QRegularExpression message(QStringLiteral(R"re(<source>(.*?)</source>.*?<translation( type="(\w+)")?[^>]*>)re"),
                                            QRegularExpression::DotMatchesEverythingOption);
    QStringList untranslated;
    int count = 0;
    for (auto it = message.globalMatch(ts); it.hasNext();) {
        const auto match = it.next();
        ++count;
        if (!match.captured(3).isEmpty())
            untranslated.append(match.captured(1));
    }
    QVERIFY2(count >= minimumStrings, "lupdate found suspiciously few strings");
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(QStringLiteral("%1 strings lack a translation (run the update_translations target, then "
                                       "translate in Linguist):\n  ")
                            .arg(untranslated.size())
                        + untranslated.join(QStringLiteral("\n  "))));
}

void TestTranslations::frenchIsCompiledIn()
{
    QVERIFY(huntaze::installTranslations(QStringLiteral("fr_FR")));
    QCOMPARE(QCoreApplication::translate("huntaze::ui::SignInPage", "Sign in"), QStringLiteral("Se connecter"));
    QCOMPARE(QCoreApplication::translate("huntaze::credentials", "Use at least %n characters for your password.", nullptr, 10),
             QStringLiteral("Utilisez au moins 10 caractères pour votre mot de passe."));
}

void TestTranslations::frenchStartersAreValidTemplates()
{
    QVERIFY(huntaze::installTranslations(QStringLiteral("fr_FR")));
    const auto starters = huntaze::messageStarters();
    QVERIFY(starters.first().title.startsWith(QStringLiteral("Relancer")));
    // A translator must keep every {{field}} intact: the French text must parse with the same fields.
    for (const auto &starter : starters) {
        const auto parsed = huntaze::MessageTemplate::parse(starter.body);
        QVERIFY2(parsed.ok(), qPrintable(starter.title + QStringLiteral(": ") + (parsed.ok() ? QString() : parsed.error().message)));
    }
}

void TestTranslations::englishPluralsAreCompiledIn()
{
    QVERIFY(huntaze::installTranslations(QStringLiteral("en_US")));
    QCOMPARE(QCoreApplication::translate("huntaze::ui::CredentialsForm", "At least %n characters", nullptr, 1),
             QStringLiteral("At least 1 character"));
    QCOMPARE(QCoreApplication::translate("huntaze::ui::CredentialsForm", "At least %n characters", nullptr, 10),
             QStringLiteral("At least 10 characters"));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"

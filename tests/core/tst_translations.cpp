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
    void frenchCoversEverySourceString();
    void frenchIsCompiledIn();
};

// Re-extracts every tr() string from the sources into a copy of the French
// file: a string added to the code but not translated shows up as unfinished.
void TestTranslations::frenchCoversEverySourceString()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("huntaze_fr.ts"));
    QVERIFY(QFile::copy(QStringLiteral(HUNTAZE_SOURCE_DIR "/translations/huntaze_fr.ts"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(HUNTAZE_LUPDATE),
                  {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                   QStringLiteral(HUNTAZE_SOURCE_DIR "/core"), QStringLiteral(HUNTAZE_SOURCE_DIR "/ui"),
                   QStringLiteral(HUNTAZE_SOURCE_DIR "/app"), QStringLiteral("-ts"), copy});
    QVERIFY(lupdate.waitForFinished(120000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString ts = QString::fromUtf8(file.readAll());
    QVERIFY(ts.contains(QStringLiteral("language=\"fr_FR\"")));

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
    QVERIFY2(count > 100, "lupdate found suspiciously few strings");
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(QStringLiteral("%1 strings lack a French translation (run the update_translations target, then "
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

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"

#include "domain/credentials.h"
#include "domain/profile.h"

#include <QTest>

using namespace huntaze;

class TestCredentials : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void email_data();
    void email();
    void password_data();
    void password();
    void profileValidation_data();
    void profileValidation();
    void profileNormalisesPlatforms();
};

void TestCredentials::email_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("plain") << QStringLiteral("ana@example.com") << true << QStringLiteral("ana@example.com");
    QTest::newRow("trimmed and lowered") << QStringLiteral("  Ana.B@Example.COM ") << true << QStringLiteral("ana.b@example.com");
    QTest::newRow("plus tag") << QStringLiteral("ana+fans@example.co.uk") << true << QStringLiteral("ana+fans@example.co.uk");
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("no at") << QStringLiteral("ana.example.com") << false << QString();
    QTest::newRow("two ats") << QStringLiteral("ana@b@example.com") << false << QString();
    QTest::newRow("no dot in domain") << QStringLiteral("ana@localhost") << false << QString();
    QTest::newRow("space inside") << QStringLiteral("ana b@example.com") << false << QString();
    QTest::newRow("empty label") << QStringLiteral("ana@example..com") << false << QString();
    QTest::newRow("too long") << QString(250, u'a') + QStringLiteral("@example.com") << false << QString();
}

void TestCredentials::email()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    QFETCH(QString, normalized);
    const Result<QString> result = credentials::validateEmail(input);
    QCOMPARE(result.ok(), valid);
    if (valid) {
        QCOMPARE(result.value(), normalized);
    } else {
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QCOMPARE(result.error().field, QStringLiteral("email"));
        QVERIFY(!result.error().message.isEmpty());
    }
}

void TestCredentials::password_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("valid");
    QTest::newRow("nine characters") << QStringLiteral("123456789") << false;
    QTest::newRow("ten characters") << QStringLiteral("1234567890") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("only spaces") << QString(12, u' ') << false;
    // Ten user-perceived characters outside the BMP are 20 UTF-16 units: count code points.
    QTest::newRow("nine emoji") << QString::fromUtf8("😀😀😀😀😀😀😀😀😀") << false;
    QTest::newRow("ten emoji") << QString::fromUtf8("😀😀😀😀😀😀😀😀😀😀") << true;
    QTest::newRow("accented") << QString::fromUtf8("éèàùçôîûëï") << true;
    QTest::newRow("at the cap") << QString(credentials::maxPasswordLength, u'x') << true;
    QTest::newRow("over the cap") << QString(credentials::maxPasswordLength + 1, u'x') << false;
}

void TestCredentials::password()
{
    QFETCH(QString, password);
    QFETCH(bool, valid);
    const Result<void> result = credentials::validatePassword(password);
    QCOMPARE(result.ok(), valid);
    if (!valid)
        QCOMPARE(result.error().field, QStringLiteral("password"));
}

void TestCredentials::profileValidation_data()
{
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QStringList>("platforms");
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<QString>("badField");
    QTest::newRow("valid") << QStringLiteral("Mia") << QStringList{QStringLiteral("onlyfans")} << QStringLiteral("Europe/Paris")
                           << QString();
    QTest::newRow("no time zone is fine") << QStringLiteral("Mia") << QStringList{} << QString() << QString();
    QTest::newRow("blank name") << QStringLiteral("   ") << QStringList{} << QString() << QStringLiteral("displayName");
    QTest::newRow("long name") << QString(Profile::maxDisplayNameLength + 1, u'a') << QStringList{} << QString()
                               << QStringLiteral("displayName");
    QTest::newRow("unknown platform") << QStringLiteral("Mia") << QStringList{QStringLiteral("myspace")} << QString()
                                      << QStringLiteral("platforms");
    QTest::newRow("unknown zone") << QStringLiteral("Mia") << QStringList{} << QStringLiteral("Mars/Olympus") << QStringLiteral("timeZone");
}

void TestCredentials::profileValidation()
{
    QFETCH(QString, displayName);
    QFETCH(QStringList, platforms);
    QFETCH(QString, timeZone);
    QFETCH(QString, badField);
    Profile profile;
    profile.displayName = displayName;
    profile.platforms = platforms;
    profile.timeZone = timeZone;
    const Result<Profile> result = validateProfile(profile);
    QCOMPARE(result.ok(), badField.isEmpty());
    if (!result.ok())
        QCOMPARE(result.error().field, badField);
}

void TestCredentials::profileNormalisesPlatforms()
{
    Profile profile;
    profile.displayName = QStringLiteral("  Mia   Rose ");
    profile.platforms = {QStringLiteral("x"), QStringLiteral("fansly"), QStringLiteral("x")};
    const Result<Profile> result = validateProfile(profile);
    QVERIFY(result.ok());
    QCOMPARE(result.value().displayName, QStringLiteral("Mia Rose"));
    QCOMPARE(result.value().platforms, (QStringList{QStringLiteral("fansly"), QStringLiteral("x")}));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"

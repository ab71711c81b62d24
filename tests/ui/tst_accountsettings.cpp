// Settings → Account (issue 11): changing the password through the real
// widgets, on this computer's data.
#include "desktopfixture.h"
#include "layout/sidebar.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"
#include "widgets/messagelabel.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

namespace {
const QString email = QStringLiteral("mia@example.com");
const QString oldPassword = QStringLiteral("a long passphrase");
const QString newPassword = QStringLiteral("an even longer passphrase");
} // namespace

class TestAccountSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void passwordIsChanged();
    void signingOutEverywhereSignsOutHereToo();
    void mistakesAreNamedAndChangeNothing_data();
    void mistakesAreNamedAndChangeNothing();

private:
    SettingsPage *page();
    void fill(const QString &current, const QString &next, const QString &again);

    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestAccountSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestAccountSettings::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp(email, oldPassword);
}

void TestAccountSettings::cleanup()
{
    m_app.reset();
}

SettingsPage *TestAccountSettings::page()
{
    m_app->window().showPage(pageids::settings);
    return qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings));
}

void TestAccountSettings::fill(const QString &current, const QString &next, const QString &again)
{
    SettingsPage *settings = page();
    for (QLineEdit *edit : {settings->currentPasswordEdit(), settings->newPasswordEdit(), settings->confirmPasswordEdit()})
        edit->clear();
    QTest::keyClicks(settings->currentPasswordEdit(), current);
    QTest::keyClicks(settings->newPasswordEdit(), next);
    QTest::keyClicks(settings->confirmPasswordEdit(), again);
}

void TestAccountSettings::passwordIsChanged()
{
    SettingsPage *settings = page();
    QVERIFY(settings->currentPasswordEdit()->isVisible());
    QCOMPARE(settings->newPasswordEdit()->echoMode(), QLineEdit::Password);
    QSignalSpy changed(settings, &SettingsPage::passwordChanged);
    fill(oldPassword, newPassword, newPassword);
    QTest::keyClick(settings->confirmPasswordEdit(), Qt::Key_Return); // the keyboard is enough
    QVERIFY(changed.wait());
    QCOMPARE(changed.first().first().toBool(), true);
    QVERIFY(settings->currentPasswordEdit()->text().isEmpty()); // no password left on screen
    QVERIFY(m_app->core().users().isSignedIn());

    Backend &backend = m_app->core().backend();
    QVERIFY(test::await(backend.signOut()).ok());
    QCOMPARE(test::await(backend.signIn(email, oldPassword)).error().code, ErrorCode::InvalidCredentials);
    QVERIFY(test::await(backend.signIn(email, newPassword)).ok());
}

void TestAccountSettings::signingOutEverywhereSignsOutHereToo()
{
    const QString token = m_app->core().backend().sessionToken();
    SettingsPage *settings = page();
    auto *button = settings->findChild<QPushButton *>(QStringLiteral("signOutEverywhere"));
    QVERIFY(test::waitUntilLaidOut(button));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!m_app->core().users().isSignedIn());
    QVERIFY(m_app->window().sidebar()->pageIds().contains(pageids::signIn));
    QCOMPARE(test::await(m_app->core().backend().restoreSession(token)).error().code, ErrorCode::Unauthorized);
}

void TestAccountSettings::mistakesAreNamedAndChangeNothing_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("next");
    QTest::addColumn<QString>("again");
    QTest::addColumn<QString>("focused"); // the field the cursor goes back to
    QTest::newRow("wrong current password") << QStringLiteral("not my password") << newPassword << newPassword
                                            << QStringLiteral("currentPassword");
    QTest::newRow("the two differ") << oldPassword << newPassword << QStringLiteral("an even longer passphras")
                                    << QStringLiteral("confirmPassword");
    QTest::newRow("too short") << oldPassword << QStringLiteral("short") << QStringLiteral("short") << QStringLiteral("newPassword");
}

void TestAccountSettings::mistakesAreNamedAndChangeNothing()
{
    QFETCH(QString, current);
    QFETCH(QString, next);
    QFETCH(QString, again);
    QFETCH(QString, focused);
    SettingsPage *settings = page();
    QSignalSpy changed(settings, &SettingsPage::passwordChanged);
    fill(current, next, again);
    auto *button = settings->findChild<QPushButton *>(QStringLiteral("changePassword"));
    QVERIFY(test::waitUntilLaidOut(button));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toBool(), false);
    QVERIFY(!settings->findChild<MessageLabel *>(QStringLiteral("passwordStatus"))->text().isEmpty());
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), focused);

    Backend &backend = m_app->core().backend();
    QVERIFY(test::await(backend.signOut()).ok());
    QVERIFY(test::await(backend.signIn(email, oldPassword)).ok());
}

QTEST_MAIN(TestAccountSettings)
#include "tst_accountsettings.moc"

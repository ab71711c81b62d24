// The desktop's Team page against a real huntaze-server (issue 10): an owner
// invites a chatter and removes them; a chatter's desktop shows only what a
// chatter may use.
#include "backend/remotebackend.h"
#include "desktopfixture.h"
#include "layout/header.h"
#include "layout/sidebar.h"
#include "pages/fanspage.h"
#include "pages/messagespage.h"
#include "pages/pageids.h"
#include "pages/performancepage.h"
#include "pages/resetpasswordpage.h"
#include "pages/shiftspage.h"
#include "pages/signinpage.h"
#include "pages/signuppage.h"
#include "pages/teampage.h"
#include "runningserver.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"
#include "widgets/card.h"
#include "widgets/credentialsform.h"

#include "widgets/apikeyscard.h"
#include "widgets/messagelabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;
using huntaze::test::Answer;

namespace {
const QString password = QStringLiteral("a long passphrase");
}

class TestTeamDesktop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void ownerInvitesAndRemovesAChatter();
    void aChatterSeesOnlyWhatChattersUse();
    void ownerInvitesWithACustomRole();
    void ownerDeletesTheAgencyAndIsSignedOut();
    void ownerMakesUsesAndRevokesAnApiKey();
    void ownerGivesAForgetfulMemberAResetCode();

private:
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, const QString &token = {});
    QString signUpWithCode(const QString &email, const QString &code);
    TeamPage *teamPage();

    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestTeamDesktop::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
    HUNTAZE_REQUIRE_SERVER(m_running.start());
}

void TestTeamDesktop::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->useServer(m_running.url());
    m_app->start();
}

void TestTeamDesktop::cleanup()
{
    m_app.reset();
}

Answer TestTeamDesktop::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token)
{
    return test::send(m_network, QUrl(m_running.url().toString() + path), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QString TestTeamDesktop::signUpWithCode(const QString &email, const QString &code)
{
    const Answer answer
        = call("POST", QStringLiteral("/api/auth/sign-up"),
               {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}, {QStringLiteral("invitation"), code}});
    if (answer.status != 201)
        qFatal("sign-up with the code failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

void TestTeamDesktop::ownerDeletesTheAgencyAndIsSignedOut()
{
    m_app->signUp(QStringLiteral("closing-owner@example.com"));
    TeamPage *team = teamPage();
    QVERIFY(team->deleteAgencyButton()->isVisible());
    const QString name = m_app->core().users().user()->agencyName;
    QSignalSpy deleted(team, &TeamPage::agencyDeleted);
    team->deleteAgency(QStringLiteral("not its name"));
    QTRY_VERIFY(team->findChild<QPushButton *>(QStringLiteral("deleteAgency"))->isEnabled());
    QCOMPARE(deleted.count(), 0);
    QVERIFY(m_app->core().users().isSignedIn());

    team->deleteAgency(name);
    QTRY_COMPARE(deleted.count(), 1);
    // Signed out, and the login can no longer open the agency.
    QTRY_VERIFY(!m_app->core().users().isSignedIn());
    QTRY_COMPARE(m_app->window().currentPageId(), pageids::signIn);
    const Answer again = call("POST", QStringLiteral("/api/auth/sign-in"),
                              {{QStringLiteral("email"), QStringLiteral("closing-owner@example.com")},
                               {QStringLiteral("password"), QStringLiteral("a long passphrase")}});
    QCOMPARE(again.status, 401);
}

void TestTeamDesktop::ownerMakesUsesAndRevokesAnApiKey()
{
    m_app->signUp(QStringLiteral("keys-desk-owner@example.com"));
    TeamPage *team = teamPage();
    ApiKeysCard *keys = team->apiKeysCard();
    QVERIFY(keys->isVisible());
    QVERIFY(test::waitUntilLaidOut(keys->makeButton()));
    // Nothing chosen: said at once, nothing made.
    QTest::keyClicks(keys->nameEdit(), QStringLiteral("Weekly report"));
    QTest::mouseClick(keys->makeButton(), Qt::LeftButton);
    QVERIFY(keys->findChild<MessageLabel *>()->text().contains(QStringLiteral("Choose what the key may do")));
    keys->scopeBox(QStringLiteral("read"))->setChecked(true);
    keys->expiryBox()->setCurrentIndex(keys->expiryBox()->findData(90));
    QSignalSpy shown(keys, &ApiKeysCard::secretShown);
    QTest::mouseClick(keys->makeButton(), Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 1);
    const QString secret = shown.first().first().toString();
    QVERIFY(secret.startsWith(QLatin1String("hzk_")));
    QCOMPARE(keys->secretField()->text(), secret);
    QVERIFY(keys->nameEdit()->text().isEmpty());
    QTRY_COMPARE(keys->table()->rowCount(), 1);
    QCOMPARE(keys->table()->item(0, 0)->text(), QStringLiteral("Weekly report"));
    QCOMPARE(keys->table()->item(0, 1)->text(), secret.left(12) + QStringLiteral("…"));
    QVERIFY(keys->table()->item(0, 5)->text().startsWith(QStringLiteral("Works until")));
    // The script uses it; then the owner revokes it and it stops at once.
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, secret).status, 200);
    keys->table()->selectRow(0);
    QVERIFY(keys->revokeButton()->isEnabled());
    keys->revokeSelected();
    QTRY_COMPARE(keys->table()->item(0, 5)->text(), QStringLiteral("Revoked"));
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, secret).status, 401);
}

void TestTeamDesktop::ownerGivesAForgetfulMemberAResetCode()
{
    m_app->signUp(QStringLiteral("reset-desk-owner@example.com"));
    TeamPage *team = teamPage();
    team->roleBox()->setCurrentIndex(team->roleBox()->findData(QStringLiteral("admin")));
    QSignalSpy invited(team, &TeamPage::invitationShown);
    auto *inviteButton = team->findChild<QPushButton *>(QStringLiteral("invite"));
    QVERIFY(test::waitUntilLaidOut(inviteButton));
    QTest::mouseClick(inviteButton, Qt::LeftButton);
    QTRY_COMPARE(invited.count(), 1);
    signUpWithCode(QStringLiteral("reset-desk-admin@example.com"), team->codeField()->text());
    team->activate();
    QTRY_COMPARE(team->table()->rowCount(), 2);
    for (int row = 0; row < team->table()->rowCount(); ++row) {
        if (team->table()->item(row, 0)->text() == QLatin1String("reset-desk-admin@example.com"))
            team->table()->selectRow(row);
    }
    QVERIFY(team->resetPasswordButton()->isEnabled());
    QSignalSpy shown(team, &TeamPage::resetCodeShown);
    QVERIFY(test::waitUntilLaidOut(team->resetPasswordButton()));
    QTest::mouseClick(team->resetPasswordButton(), Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 1);
    const QString code = shown.first().first().toString();
    QCOMPARE(team->codeField()->text(), code);
    QVERIFY(team->codeField()->isVisible());
    // The member, on this computer: signed out, "Forgot your password?", the code and a new password.
    QVERIFY(test::await(m_app->core().sessions().signOut()).ok());
    QTRY_COMPARE(m_app->window().currentPageId(), pageids::signIn);
    auto *signIn = qobject_cast<SignInPage *>(m_app->window().page(pageids::signIn));
    QVERIFY(test::waitUntilLaidOut(signIn->resetCodeLink()));
    QTest::mouseClick(signIn->resetCodeLink(), Qt::LeftButton);
    QTRY_COMPARE(m_app->window().currentPageId(), pageids::resetPassword);
    auto *reset = qobject_cast<ResetPasswordPage *>(m_app->window().page(pageids::resetPassword));
    QVERIFY(reset->codeEdit()->hasFocus());
    const QList<QLineEdit *> order = reset->form()->fieldsInOrder();
    QCOMPARE(order,
             (QList<QLineEdit *>{reset->codeEdit(), reset->form()->emailEdit(), reset->form()->passwordEdit(), reset->confirmEdit()}));
    QCOMPARE(reset->form()->passwordEdit()->accessibleName(), QStringLiteral("New password"));

    // A mistyped code is refused on its field, and nothing changes.
    QTest::keyClicks(reset->codeEdit(), QStringLiteral("HZ-0000-0000-0000-0000-0000"));
    QTest::keyClicks(reset->form()->emailEdit(), QStringLiteral("reset-desk-admin@example.com"));
    QTest::keyClicks(reset->form()->passwordEdit(), QStringLiteral("a new long passphrase"));
    QTest::keyClicks(reset->confirmEdit(), QStringLiteral("a new long passphrase"));
    QTest::keyClick(reset->confirmEdit(), Qt::Key_Return);
    auto *error = reset->findChild<MessageLabel *>(QStringLiteral("formError"));
    QTRY_VERIFY(error->isVisible() && !error->text().isEmpty());
    QVERIFY2(error->text().contains(QLatin1String("reset code")), qPrintable(error->text()));
    QTRY_VERIFY(reset->codeEdit()->hasFocus());
    QVERIFY(!m_app->core().users().isSignedIn());

    // Two new passwords that differ are caught before anything is sent.
    reset->codeEdit()->setText(code.toLower()); // typed as it sounds: still the code
    reset->confirmEdit()->setText(QStringLiteral("another long passphrase"));
    reset->primaryAction()->trigger();
    QTRY_VERIFY(reset->confirmEdit()->hasFocus());
    QVERIFY(!m_app->core().users().isSignedIn());

    reset->confirmEdit()->setText(QStringLiteral("a new long passphrase"));
    reset->primaryAction()->trigger();
    QTRY_VERIFY(m_app->core().users().isSignedIn());
    QCOMPARE(m_app->core().users().user()->email, QStringLiteral("reset-desk-admin@example.com"));
    QTRY_VERIFY(m_app->window().currentPageId() != pageids::resetPassword);
    QVERIFY(reset->codeEdit()->text().isEmpty() && reset->form()->passwordEdit()->text().isEmpty());
    // The old password is gone; the code works once.
    QCOMPARE(call("POST", QStringLiteral("/api/auth/sign-in"),
                  {{QStringLiteral("email"), QStringLiteral("reset-desk-admin@example.com")}, {QStringLiteral("password"), password}})
                 .status,
             401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/reset-password"),
                  {{QStringLiteral("email"), QStringLiteral("reset-desk-admin@example.com")},
                   {QStringLiteral("code"), code},
                   {QStringLiteral("newPassword"), QStringLiteral("a third long passphrase")}})
                 .status,
             400);
}

TeamPage *TestTeamDesktop::teamPage()
{
    m_app->window().showPage(pageids::team);
    return qobject_cast<TeamPage *>(m_app->window().page(pageids::team));
}

void TestTeamDesktop::ownerInvitesAndRemovesAChatter()
{
    m_app->signUp(QStringLiteral("team-owner@example.com"));
    QVERIFY(m_app->window().sidebar()->pageIds().contains(pageids::team));
    TeamPage *team = teamPage();
    QTRY_COMPARE(team->table()->rowCount(), 1); // the owner alone
    QVERIFY(team->primaryAction()->isEnabled());

    // A chatter for the owner's creator: the code is shown to copy.
    team->roleBox()->setCurrentIndex(team->roleBox()->findData(QStringLiteral("chatter")));
    QCOMPARE(team->creatorChoice()->count(), 1);
    team->creatorChoice()->item(0)->setCheckState(Qt::Checked);
    QSignalSpy shown(team, &TeamPage::invitationShown);
    auto *inviteButton = team->findChild<QPushButton *>(QStringLiteral("invite"));
    QVERIFY(test::waitUntilLaidOut(inviteButton));
    QTest::mouseClick(inviteButton, Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 1);
    const QString code = team->codeField()->text();
    QVERIFY(code.startsWith(QStringLiteral("HZ-")));
    QVERIFY(team->codeField()->isVisible());

    // The invitee joins with it; the page lists them with their creator.
    const QString chatterToken = signUpWithCode(QStringLiteral("team-chatter@example.com"), code);
    team->activate();
    QTRY_COMPARE(team->table()->rowCount(), 2);
    int chatterRow = -1;
    for (int row = 0; row < team->table()->rowCount(); ++row) {
        if (team->table()->item(row, 0)->text() == QLatin1String("team-chatter@example.com"))
            chatterRow = row;
    }
    QVERIFY(chatterRow >= 0);
    QCOMPARE(team->table()->item(chatterRow, 1)->text(), QStringLiteral("Chatter"));
    QCOMPARE(team->table()->item(chatterRow, 2)->text(), QStringLiteral("Mia Rose"));
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, chatterToken).status, 200);

    // Their sessions end (a lost phone): they stay on the list.
    team->table()->selectRow(chatterRow);
    QVERIFY(test::waitUntilLaidOut(team->endSessionsButton()));
    QTest::mouseClick(team->endSessionsButton(), Qt::LeftButton);
    QTRY_COMPARE(call("GET", QStringLiteral("/api/fans"), {}, chatterToken).status, 401);
    QCOMPARE(team->table()->rowCount(), 2);
    const QString chatterAgain
        = call("POST", QStringLiteral("/api/auth/sign-in"),
               {{QStringLiteral("email"), QStringLiteral("team-chatter@example.com")}, {QStringLiteral("password"), password}})
              .json.value(QStringLiteral("token"))
              .toString();
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, chatterAgain).status, 200);

    // Removed: gone from the list, and their session ends at once.
    QTRY_COMPARE(team->table()->rowCount(), 2);
    for (int row = 0; row < team->table()->rowCount(); ++row) {
        if (team->table()->item(row, 0)->text() == QLatin1String("team-chatter@example.com"))
            chatterRow = row;
    }
    team->table()->selectRow(chatterRow);
    QVERIFY(team->removeButton()->isEnabled());
    team->removeSelected();
    QTRY_COMPARE(team->table()->rowCount(), 1);
    QCOMPARE(call("GET", QStringLiteral("/api/fans"), {}, chatterAgain).status, 401);
    m_app->saveScreenshot(QStringLiteral("team"));
}

void TestTeamDesktop::aChatterSeesOnlyWhatChattersUse()
{
    // An owner (over HTTP) invites a chatter, who signs up with the code and then uses the desktop.
    const Answer owner = call("POST", QStringLiteral("/api/auth/sign-up"),
                              {{QStringLiteral("email"), QStringLiteral("agency-owner@example.com")},
                               {QStringLiteral("password"), password},
                               {QStringLiteral("displayName"), QStringLiteral("Nova Star")}});
    QCOMPARE(owner.status, 201);
    const QString ownerToken = owner.json.value(QStringLiteral("token")).toString();
    const qint64 creator = owner.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("creatorId")).toInteger();
    const Answer invitation
        = call("POST", QStringLiteral("/api/agency/invitations"),
               {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{creator}}}, ownerToken);
    QCOMPARE(invitation.status, 201);

    // The chatter creates their account on the desktop, typing the code they were given.
    m_app->window().showPage(pageids::signUp);
    auto *signUp = qobject_cast<SignUpPage *>(m_app->window().page(pageids::signUp));
    QVERIFY(signUp->invitationEdit()->isVisible());
    QVERIFY(signUp->findChild<QLabel *>(QStringLiteral("intro"))->text().contains(QStringLiteral("server")));
    QTest::keyClicks(signUp->form()->emailEdit(), QStringLiteral("desk-chatter@example.com"));
    QTest::keyClicks(signUp->form()->passwordEdit(), password);
    QTest::keyClicks(signUp->confirmEdit(), password);
    QTest::keyClicks(signUp->invitationEdit(), invitation.json.value(QStringLiteral("code")).toString().toLower());
    QTest::keyClick(signUp->invitationEdit(), Qt::Key_Return);
    QTRY_VERIFY(m_app->core().users().isSignedIn());
    QCOMPARE(m_app->core().users().user()->role, QStringLiteral("chatter"));

    const QStringList pages = m_app->window().sidebar()->pageIds();
    for (const QString &hidden :
         {pageids::pricing, pageids::team, pageids::creators, pageids::dashboard, pageids::profile, pageids::activity})
        QVERIFY2(!pages.contains(hidden), qPrintable(hidden));
    for (const QString &shown :
         {pageids::fans, pageids::messages, pageids::captions, pageids::ideas, pageids::shifts, pageids::performance, pageids::settings})
        QVERIFY2(pages.contains(shown), qPrintable(shown));
    // They land on the first page they may use, and their data loads without a refusal.
    QTRY_COMPARE(m_app->window().currentPageId(), pages.first());
    QCOMPARE(m_app->core().users().user()->profile.displayName, QStringLiteral("Nova Star"));
    QVERIFY(!m_app->window().sidebar()->creatorSwitcher()->isVisible()); // one creator: no switcher
    // No earnings anywhere: the Fans page shows neither spending nor offers.
    m_app->window().showPage(pageids::fans);
    auto *fans = qobject_cast<FansPage *>(m_app->window().page(pageids::fans));
    QVERIFY(fans->fansTable()->isColumnHidden(2));
    QVERIFY(fans->fansTable()->isColumnHidden(3));
    QVERIFY(!fans->offersTable()->isVisible());
    // Nor the actions their role lacks: no import, no export; drafts they keep.
    QVERIFY(!fans->primaryAction()->isVisible());
    QVERIFY(!m_app->window().header()->primaryButton()->isVisible());
    m_app->window().showPage(pageids::messages);
    auto *messages = qobject_cast<MessagesPage *>(m_app->window().page(pageids::messages));
    QVERIFY(messages->primaryAction()->isVisible()); // copying messages to send them is their job
    QVERIFY(messages->secondaryActions().at(0)->isVisible()); // save as draft
    QVERIFY(!messages->secondaryActions().at(1)->isVisible()); // export
    // Performance: the server answers with their own messages, and no money.
    m_app->window().showPage(pageids::performance);
    auto *performance = qobject_cast<PerformancePage *>(m_app->window().page(pageids::performance));
    QTRY_VERIFY(m_app->core().agencyAnalytics().analytics().has_value());
    QVERIFY(!m_app->core().agencyAnalytics().analytics()->showsMoney);
    QVERIFY(!performance->creatorsCard()->isVisible());
    QCOMPARE(performance->teamCard()->isVisible(), true);

    // They clock in on the Shifts page; planning is for managers; the owner sees the shift.
    m_app->window().showPage(pageids::shifts);
    auto *shifts = qobject_cast<ShiftsPage *>(m_app->window().page(pageids::shifts));
    QVERIFY(test::waitUntilLaidOut(shifts->clockButton()));
    QVERIFY(!shifts->addSlotButton()->isVisible());
    QCOMPARE(shifts->clockButton()->text(), QStringLiteral("Clock in for Nova Star"));
    QTest::mouseClick(shifts->clockButton(), Qt::LeftButton);
    QTRY_VERIFY(m_app->core().shifts().current().has_value());
    QCOMPARE(m_app->core().shifts().current()->creatorId, creator);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QJsonArray hours = call("GET",
                                  QStringLiteral("/api/shifts/hours?from=%1&to=%2")
                                      .arg(now.addDays(-1).toString(Qt::ISODate), now.addDays(1).toString(Qt::ISODate)),
                                  {}, ownerToken)
                                 .json.value(QStringLiteral("rows"))
                                 .toArray();
    QCOMPARE(hours.size(), 1);
    QCOMPARE(hours.first().toObject().value(QStringLiteral("memberEmail")).toString(), QStringLiteral("desk-chatter@example.com"));
    QCOMPARE(hours.first().toObject().value(QStringLiteral("shifts")).toInt(), 1);
}

void TestTeamDesktop::ownerInvitesWithACustomRole()
{
    m_app->signUp(QStringLiteral("custom-owner@example.com"));
    // The owner makes the role on the Team page: a name, what it allows, its creators.
    TeamPage *team = teamPage();
    QVERIFY(team->makeRoleButton()->isVisible());
    QVERIFY(test::waitUntilLaidOut(team->makeRoleButton()));
    QTest::mouseClick(team->makeRoleButton(), Qt::LeftButton); // nothing ticked: refused, nothing made
    QTest::keyClicks(team->roleNameEdit(), QStringLiteral("Analyst"));
    team->roleScopeBox()->setCurrentIndex(team->roleScopeBox()->findData(QStringLiteral("all")));
    for (const QString &id : {QStringLiteral("dashboard.view"), QStringLiteral("earnings.view")}) {
        for (int row = 0; row < team->permissionChoice()->count(); ++row) {
            if (team->permissionChoice()->item(row)->data(Qt::UserRole).toString() == id)
                team->permissionChoice()->item(row)->setCheckState(Qt::Checked);
        }
    }
    QTest::mouseClick(team->makeRoleButton(), Qt::LeftButton);
    // Once made, it is offered next to the presets, and chosen.
    QTRY_COMPARE(team->roleBox()->currentText(), QStringLiteral("Analyst (custom role)"));
    QVERIFY(team->roleNameEdit()->text().isEmpty());
    const QJsonArray roles = call("GET", QStringLiteral("/api/agency/roles"), {},
                                  dynamic_cast<RemoteBackend &>(m_app->core().backend()).session().accessToken())
                                 .json.value(QStringLiteral("roles"))
                                 .toArray();
    QCOMPARE(roles.size(), 1); // the click with nothing ticked made none
    QSignalSpy shown(team, &TeamPage::invitationShown);
    auto *inviteButton = team->findChild<QPushButton *>(QStringLiteral("invite"));
    QVERIFY(test::waitUntilLaidOut(inviteButton));
    QTest::mouseClick(inviteButton, Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 1);
    const QString token = signUpWithCode(QStringLiteral("analyst@example.com"), team->codeField()->text());
    const QJsonObject role = call("GET", QStringLiteral("/api/me"), {}, token)
                                 .json.value(QStringLiteral("user"))
                                 .toObject()
                                 .value(QStringLiteral("role"))
                                 .toObject();
    QCOMPARE(role.value(QStringLiteral("name")).toString(), QStringLiteral("Analyst"));
    QCOMPARE(role.value(QStringLiteral("permissions")).toArray(),
             (QJsonArray{QStringLiteral("dashboard.view"), QStringLiteral("earnings.view")}));
}

QTEST_MAIN(TestTeamDesktop)
#include "tst_teamdesktop.moc"

#include "memorysecretstore.h"
#include "scriptedbackend.h"
#include "state/sessionmanager.h"
#include "testutil.h"

#include <QSignalSpy>
#include <QTest>

using namespace huntaze;
using huntaze::test::await;
using huntaze::test::MemorySecretStore;
using huntaze::test::ScriptedBackend;

namespace {
User mia()
{
    User user;
    user.id = 1;
    user.email = QStringLiteral("mia@example.com");
    user.profile.displayName = QStringLiteral("Mia");
    return user;
}
} // namespace

class TestSessionManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signInRemembersToken();
    void failedSignInRemembersNothing();
    void restoreWithRememberedToken();
    void restoreWithNothingRemembered();
    void restoreWithStaleTokenForgetsIt();
    void signOutForgetsToken();
    void worksWithoutKeychain();
};

void TestSessionManager::signInRemembersToken()
{
    ScriptedBackend backend;
    MemorySecretStore secrets;
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);

    auto signingIn = sessions.signIn(QStringLiteral("mia@example.com"), QStringLiteral("long enough password"));
    QVERIFY(users.isLoading());
    backend.answer(mia(), QStringLiteral("secret-token"));
    QVERIFY(await(signingIn).ok());
    QTRY_VERIFY(users.isSignedIn());
    QCOMPARE(users.user()->email, QStringLiteral("mia@example.com"));
    QTRY_COMPARE(secrets.secrets().value(sessions.secretKey()), QStringLiteral("secret-token"));
    QVERIFY(sessions.secretKey().contains(backend.identity()));
    QVERIFY(sessions.keychainWarning().isEmpty());
}

void TestSessionManager::failedSignInRemembersNothing()
{
    ScriptedBackend backend;
    MemorySecretStore secrets;
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);
    auto signingIn = sessions.signIn(QStringLiteral("mia@example.com"), QStringLiteral("wrong password"));
    backend.answer(Error{ErrorCode::InvalidCredentials, QStringLiteral("The email or password is incorrect."), {}, {}});
    QCOMPARE(await(signingIn).error().code, ErrorCode::InvalidCredentials);
    QTRY_VERIFY(!users.isLoading());
    QVERIFY(!users.isSignedIn());
    QCOMPARE(users.error(), QStringLiteral("The email or password is incorrect."));
    QVERIFY(secrets.secrets().isEmpty());
}

void TestSessionManager::restoreWithRememberedToken()
{
    ScriptedBackend backend;
    MemorySecretStore secrets;
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);
    QVERIFY(await(secrets.write(sessions.secretKey(), QStringLiteral("remembered"))).ok());

    QSignalSpy restoring(&sessions, &SessionManager::restoringChanged);
    auto restored = sessions.restore();
    QVERIFY(sessions.isRestoring());
    QTRY_COMPARE(backend.pendingCalls(), 1);
    QCOMPARE(backend.calls().last(), QStringLiteral("restoreSession"));
    backend.answer(mia(), QStringLiteral("remembered"));
    QVERIFY(await(restored));
    QVERIFY(users.isSignedIn());
    QVERIFY(!sessions.isRestoring());
    QCOMPARE(restoring.count(), 2);
}

void TestSessionManager::restoreWithNothingRemembered()
{
    ScriptedBackend backend;
    MemorySecretStore secrets;
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);
    QVERIFY(!await(sessions.restore()));
    QVERIFY(!backend.calls().contains(QStringLiteral("restoreSession")));
    QVERIFY(!users.isSignedIn());
    QVERIFY(sessions.keychainWarning().isEmpty());
}

void TestSessionManager::restoreWithStaleTokenForgetsIt()
{
    ScriptedBackend backend;
    MemorySecretStore secrets;
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);
    QVERIFY(await(secrets.write(sessions.secretKey(), QStringLiteral("expired"))).ok());
    auto restored = sessions.restore();
    QTRY_COMPARE(backend.pendingCalls(), 1);
    backend.answer(Error{ErrorCode::Unauthorized, QStringLiteral("Your session has ended."), {}, {}});
    QVERIFY(!await(restored));
    QVERIFY(!users.isSignedIn());
    QVERIFY2(users.error().isEmpty(), "an expired session is not an error to show");
    QTRY_VERIFY(!secrets.secrets().contains(sessions.secretKey()));
}

void TestSessionManager::signOutForgetsToken()
{
    ScriptedBackend backend;
    MemorySecretStore secrets;
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);
    auto signingIn = sessions.signIn(QStringLiteral("mia@example.com"), QStringLiteral("long enough password"));
    backend.answer(mia());
    QVERIFY(await(signingIn).ok());
    QTRY_VERIFY(!secrets.secrets().isEmpty());

    QSignalSpy signedOut(&sessions, &SessionManager::signedOut);
    auto ending = sessions.signOut();
    QVERIFY(!users.isSignedIn());
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(await(ending).ok());
    QVERIFY(backend.calls().contains(QStringLiteral("signOut")));
    QTRY_VERIFY(secrets.secrets().isEmpty());
}

void TestSessionManager::worksWithoutKeychain()
{
    ScriptedBackend backend;
    MemorySecretStore secrets;
    secrets.setUnavailable(true);
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);
    QSignalSpy warnings(&sessions, &SessionManager::keychainWarningChanged);

    QVERIFY(!await(sessions.restore()));
    QCOMPARE(warnings.count(), 1);
    QVERIFY(sessions.keychainWarning().contains(QStringLiteral("will not remember")));

    auto signingIn = sessions.signIn(QStringLiteral("mia@example.com"), QStringLiteral("long enough password"));
    backend.answer(mia());
    QVERIFY(await(signingIn).ok());
    QTRY_VERIFY(users.isSignedIn());
    QVERIFY(!sessions.keychainWarning().isEmpty());
    QVERIFY(users.error().isEmpty());
}

QTEST_GUILESS_MAIN(TestSessionManager)
#include "tst_sessionmanager.moc"

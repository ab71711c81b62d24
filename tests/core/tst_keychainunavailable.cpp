// A system without a session bus (a bare server, a broken desktop session):
// QtKeychain cannot reach any keychain. CTest runs this with a bus address
// that leads nowhere; the app must carry on and say it will not remember you.

#include "auth/keychainsecretstore.h"
#include "backend/embeddedbackend.h"
#include "state/sessionmanager.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace huntaze;
using huntaze::test::await;

class TestKeychainUnavailable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storeReportsUnavailable();
    void signInStillWorksAndWarns();
};

void TestKeychainUnavailable::storeReportsUnavailable()
{
    KeychainSecretStore store(QStringLiteral("huntaze-test"));
    const Result<void> written = await(store.write(QStringLiteral("key"), QStringLiteral("secret")));
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::KeychainUnavailable);
    const Result<QString> read = await(store.read(QStringLiteral("key")));
    QVERIFY(!read.ok());
    QVERIFY(read.error().code != ErrorCode::NotFound);
}

void TestKeychainUnavailable::signInStillWorksAndWarns()
{
    QTemporaryDir dir;
    EmbeddedBackend backend(dir.filePath(QStringLiteral("huntaze.sqlite")), PasswordHasher(PasswordHasher::minimumCost()));
    KeychainSecretStore secrets(QStringLiteral("huntaze-test"));
    UserStore users(backend);
    SessionManager sessions(backend, secrets, users);
    QVERIFY(await(backend.open()).ok());

    QVERIFY(!await(sessions.restore()));
    QVERIFY(!sessions.keychainWarning().isEmpty());
    QVERIFY(
        await(sessions.signUp({QStringLiteral("mia@example.com"), QStringLiteral("long enough password"), QStringLiteral("Mia")})).ok());
    QTRY_VERIFY(users.isSignedIn());
    QVERIFY(sessions.keychainWarning().contains(QStringLiteral("will not remember")));
    backend.shutdown();
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"

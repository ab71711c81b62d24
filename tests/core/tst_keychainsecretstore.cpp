// Runs against a real Secret Service: CTest starts it inside a private D-Bus
// session with gnome-keyring (scripts/with-keyring.sh).

#include "auth/keychainsecretstore.h"
#include "backend/embeddedbackend.h"
#include "state/sessionmanager.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace huntaze;
using huntaze::test::await;

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void writeReadRemove_data();
    void writeReadRemove();
    void readingMissingKeyIsNotFound();
    void removingMissingKeySucceeds();
    void overwriteReplaces();
    void sessionSurvivesRestartAndSignOutForgetsIt();

private:
    // The stored secret, or "<code>" when reading fails: safe to poll while a write is still on its way.
    static QString readOrCode(SecretStore &store, const QString &key)
    {
        const Result<QString> read = await(store.read(key));
        return read.ok() ? read.value() : QStringLiteral("<%1>").arg(static_cast<int>(read.error().code));
    }
    static QString uniqueKey() { return QStringLiteral("test/") + QUuid::createUuid().toString(QUuid::WithoutBraces); }
};

void TestKeychainSecretStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("no D-Bus session: run this test through CTest (scripts/with-keyring.sh)");
}

void TestKeychainSecretStore::writeReadRemove_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("token") << QStringLiteral("Zm9vYmFyYmF6cXV4LXNlc3Npb24tdG9rZW4");
    QTest::newRow("unicode") << QString::fromUtf8("mot de passe été 🔑");
    QTest::newRow("long") << QString(4000, u'k');
}

void TestKeychainSecretStore::writeReadRemove()
{
    QFETCH(QString, secret);
    KeychainSecretStore store(QStringLiteral("huntaze-test"));
    const QString key = uniqueKey();
    const Result<void> written = await(store.write(key, secret));
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().detail));
    QCOMPARE(await(store.read(key)).value(), secret);
    QVERIFY(await(store.remove(key)).ok());
    QCOMPARE(await(store.read(key)).error().code, ErrorCode::NotFound);
}

void TestKeychainSecretStore::readingMissingKeyIsNotFound()
{
    KeychainSecretStore store(QStringLiteral("huntaze-test"));
    const Result<QString> read = await(store.read(uniqueKey()));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::NotFound);
}

void TestKeychainSecretStore::removingMissingKeySucceeds()
{
    KeychainSecretStore store(QStringLiteral("huntaze-test"));
    QVERIFY(await(store.remove(uniqueKey())).ok());
}

void TestKeychainSecretStore::overwriteReplaces()
{
    KeychainSecretStore store(QStringLiteral("huntaze-test"));
    const QString key = uniqueKey();
    QVERIFY(await(store.write(key, QStringLiteral("first"))).ok());
    QVERIFY(await(store.write(key, QStringLiteral("second"))).ok());
    QCOMPARE(await(store.read(key)).value(), QStringLiteral("second"));
    QVERIFY(await(store.remove(key)).ok());
}

void TestKeychainSecretStore::sessionSurvivesRestartAndSignOutForgetsIt()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("huntaze.sqlite"));
    QString token;
    {
        EmbeddedBackend backend(database, PasswordHasher(PasswordHasher::minimumCost()));
        KeychainSecretStore secrets(QStringLiteral("huntaze-test"));
        UserStore users(backend);
        SessionManager sessions(backend, secrets, users);
        QVERIFY(await(backend.open()).ok());
        QVERIFY(await(sessions.signUp({QStringLiteral("mia@example.com"), QStringLiteral("long enough password"), QStringLiteral("Mia")}))
                    .ok());
        token = backend.sessionToken();
        QTRY_COMPARE(readOrCode(secrets, sessions.secretKey()), token);
        QVERIFY(sessions.keychainWarning().isEmpty());
        backend.shutdown();
    }
    {
        EmbeddedBackend backend(database, PasswordHasher(PasswordHasher::minimumCost()));
        KeychainSecretStore secrets(QStringLiteral("huntaze-test"));
        UserStore users(backend);
        SessionManager sessions(backend, secrets, users);
        QVERIFY(await(backend.open()).ok());
        QVERIFY(await(sessions.restore()));
        QCOMPARE(users.user()->email, QStringLiteral("mia@example.com"));
        QCOMPARE(backend.sessionToken(), token);

        QVERIFY(await(sessions.signOut()).ok());
        QTRY_COMPARE(readOrCode(secrets, sessions.secretKey()), QStringLiteral("<%1>").arg(static_cast<int>(ErrorCode::NotFound)));
        backend.shutdown();
    }
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"

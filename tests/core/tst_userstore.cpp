#include "scriptedbackend.h"
#include "state/userstore.h"
#include "testutil.h"

#include <QSignalSpy>
#include <QTest>

using namespace huntaze;
using huntaze::test::ScriptedBackend;

namespace {
User sampleUser(const QString &name = QStringLiteral("Mia"))
{
    User user;
    user.id = 7;
    user.email = QStringLiteral("mia@example.com");
    user.profile.displayName = name;
    return user;
}
} // namespace

class TestUserStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsSignedOut();
    void setAndClearUser();
    void setSameUserDoesNotNotify();
    void updateProfileSuccess();
    void updateProfileFailureKeepsUser_data();
    void updateProfileFailureKeepsUser();
    void newOperationClearsOldError();
    void overlappingOperationsStayLoadingUntilAllFinish();
};

void TestUserStore::startsSignedOut()
{
    ScriptedBackend backend;
    UserStore store(backend);
    QVERIFY(!store.user());
    QVERIFY(!store.isSignedIn());
    QVERIFY(!store.isLoading());
    QVERIFY(store.error().isEmpty());
}

void TestUserStore::setAndClearUser()
{
    ScriptedBackend backend;
    UserStore store(backend);
    QSignalSpy changed(&store, &UserStore::userChanged);
    store.setUser(sampleUser());
    QCOMPARE(changed.count(), 1);
    QVERIFY(store.isSignedIn());
    QCOMPARE(store.property("signedIn").toBool(), true);
    store.clearUser();
    QCOMPARE(changed.count(), 2);
    QVERIFY(!store.isSignedIn());
    store.clearUser();
    QCOMPARE(changed.count(), 2);
}

void TestUserStore::setSameUserDoesNotNotify()
{
    ScriptedBackend backend;
    UserStore store(backend);
    store.setUser(sampleUser());
    QSignalSpy changed(&store, &UserStore::userChanged);
    store.setUser(sampleUser());
    QCOMPARE(changed.count(), 0);
    store.setUser(sampleUser(QStringLiteral("Mia Rose")));
    QCOMPARE(changed.count(), 1);
}

void TestUserStore::updateProfileSuccess()
{
    ScriptedBackend backend;
    UserStore store(backend);
    store.setUser(sampleUser());
    QSignalSpy loading(&store, &UserStore::isLoadingChanged);
    QSignalSpy changed(&store, &UserStore::userChanged);
    QSignalSpy saved(&store, &UserStore::profileSaved);

    Profile profile = sampleUser().profile;
    profile.niche = QStringLiteral("Fitness");
    auto future = store.updateProfile(profile);
    QCOMPARE(backend.lastProfile(), profile);
    QVERIFY(store.isLoading());
    QCOMPARE(loading.count(), 1);
    QCOMPARE(store.user()->profile.niche, QString()); // unchanged until the backend answers

    User updated = sampleUser();
    updated.profile = profile;
    backend.answer(updated);
    QVERIFY(huntaze::test::await(future).ok());
    QTRY_VERIFY(!store.isLoading());
    QCOMPARE(loading.count(), 2);
    QCOMPARE(loading.at(1).at(0).toBool(), false);
    QCOMPARE(store.user()->profile.niche, QStringLiteral("Fitness"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(saved.count(), 1);
    QVERIFY(store.error().isEmpty());
}

void TestUserStore::updateProfileFailureKeepsUser_data()
{
    QTest::addColumn<int>("code");
    QTest::newRow("validation") << static_cast<int>(ErrorCode::Validation);
    QTest::newRow("storage") << static_cast<int>(ErrorCode::Storage);
    QTest::newRow("session ended") << static_cast<int>(ErrorCode::Unauthorized);
}

void TestUserStore::updateProfileFailureKeepsUser()
{
    QFETCH(int, code);
    ScriptedBackend backend;
    UserStore store(backend);
    store.setUser(sampleUser());
    QSignalSpy changed(&store, &UserStore::userChanged);
    QSignalSpy errors(&store, &UserStore::errorChanged);
    QSignalSpy saved(&store, &UserStore::profileSaved);

    Profile profile = sampleUser().profile;
    profile.displayName = QStringLiteral("Changed");
    auto future = store.updateProfile(profile);
    backend.answer(Error{static_cast<ErrorCode>(code), QStringLiteral("Could not save."), {}, {}});
    QVERIFY(!huntaze::test::await(future).ok());
    QTRY_VERIFY(!store.isLoading());
    QCOMPARE(store.error(), QStringLiteral("Could not save."));
    QCOMPARE(store.lastError()->code, static_cast<ErrorCode>(code));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(store.user()->profile.displayName, QStringLiteral("Mia"));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(saved.count(), 0);
}

void TestUserStore::newOperationClearsOldError()
{
    ScriptedBackend backend;
    UserStore store(backend);
    store.setUser(sampleUser());
    store.updateProfile(sampleUser().profile);
    backend.answer(Error{ErrorCode::Storage, QStringLiteral("Disk full."), {}, {}});
    QTRY_COMPARE(store.error(), QStringLiteral("Disk full."));

    QSignalSpy errors(&store, &UserStore::errorChanged);
    store.updateProfile(sampleUser().profile);
    QCOMPARE(errors.count(), 1);
    QVERIFY(store.error().isEmpty());
    backend.answer(sampleUser());
    QTRY_VERIFY(!store.isLoading());
    QVERIFY(store.error().isEmpty());
}

void TestUserStore::overlappingOperationsStayLoadingUntilAllFinish()
{
    ScriptedBackend backend;
    UserStore store(backend);
    store.setUser(sampleUser());
    QSignalSpy loading(&store, &UserStore::isLoadingChanged);
    const QFuture<Result<User>> first = store.updateProfile(sampleUser().profile);
    store.updateProfile(sampleUser().profile);
    QCOMPARE(loading.count(), 1);
    QSignalSpy saved(&store, &UserStore::profileSaved);
    backend.answer(sampleUser());
    QTRY_COMPARE(saved.count(), 1); // the store has handled the first answer...
    QVERIFY(store.isLoading()); // ...and still waits for the second
    backend.answer(sampleUser());
    QTRY_VERIFY(!store.isLoading());
    QCOMPARE(loading.count(), 2);
}

QTEST_GUILESS_MAIN(TestUserStore)
#include "tst_userstore.moc"

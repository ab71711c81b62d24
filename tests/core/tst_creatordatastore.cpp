// The creator's lists as the pages see them, with answers that arrive late
// or out of order (as they do from a server): a list only ever shows the
// signed-in account's newest answer. Answers are held and released by the
// test (ScriptedBackend), never waited for.
#include "agency/permissions.h"
#include "scriptedbackend.h"
#include "state/creatordatastore.h"
#include "state/userstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace huntaze;
using huntaze::test::ScriptedBackend;

namespace {

User account(qint64 id, const QString &name)
{
    User user;
    user.id = id;
    user.email = name.toLower() + QStringLiteral("@example.com");
    user.profile.displayName = name;
    user.role = QStringLiteral("owner");
    user.permissions = agency::Role::preset(agency::Preset::Owner).permissionIds();
    user.creatorId = id * 100;
    user.creators = {Creator{user.creatorId, user.profile}};
    return user;
}

QList<Fan> fansNamed(const QStringList &names)
{
    QList<Fan> fans;
    for (const QString &name : names)
        fans.append(Fan{0, name, {}, 1, {}, {}});
    return fans;
}

QStringList namesOf(const QList<Fan> &fans)
{
    QStringList names;
    for (const Fan &fan : fans)
        names.append(fan.name);
    return names;
}

} // namespace

class TestCreatorDataStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void loadsWhenSomeoneSignsIn();
    void answersArrivingAfterSignOutAreDropped();
    void anotherAccountsLateAnswersNeverShow();
    void outOfOrderAnswersKeepTheNewest();
    void aDraftSavedBeforeSignOutDoesNotReappear();
    void anotherCreatorsLateAnswersNeverShow();
    void aChatterLoadsNoEarnings();

private:
    std::unique_ptr<ScriptedBackend> m_backend;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<CreatorDataStore> m_store;
};

void TestCreatorDataStore::init()
{
    m_backend = std::make_unique<ScriptedBackend>();
    m_users = std::make_unique<UserStore>(*m_backend);
    m_store = std::make_unique<CreatorDataStore>(*m_backend, *m_users);
}

void TestCreatorDataStore::cleanup()
{
    m_backend->releaseAllHeld();
    m_store.reset();
    m_users.reset();
    m_backend.reset();
}

void TestCreatorDataStore::loadsWhenSomeoneSignsIn()
{
    m_backend->setFans(fansNamed({QStringLiteral("Ana")}));
    m_backend->holdCreatorData(true);
    QSignalSpy loading(m_store.get(), &CreatorDataStore::isLoadingChanged);
    m_users->setUser(account(1, QStringLiteral("Mia")));
    QVERIFY(m_store->isLoading());
    QCOMPARE(m_backend->heldAnswers(), 6); // fans, offers, drafts, posts, restricted words, currency
    m_backend->releaseAllHeld();
    QTRY_VERIFY(!m_store->isLoading());
    QCOMPARE(namesOf(m_store->fans()), QStringList{QStringLiteral("Ana")});
    QCOMPARE(loading.count(), 2);
}

void TestCreatorDataStore::answersArrivingAfterSignOutAreDropped()
{
    m_backend->setFans(fansNamed({QStringLiteral("Mia's fan")}));
    m_backend->holdCreatorData(true);
    m_users->setUser(account(1, QStringLiteral("Mia")));
    m_users->clearUser(); // signs out while the lists load
    QVERIFY(m_store->fans().isEmpty());
    QSignalSpy changed(m_store.get(), &CreatorDataStore::fansChanged);
    m_backend->releaseAllHeld();
    QTRY_VERIFY(!m_store->isLoading());
    QVERIFY2(m_store->fans().isEmpty(), qPrintable(namesOf(m_store->fans()).join(u',')));
    QCOMPARE(changed.count(), 0);
}

void TestCreatorDataStore::anotherAccountsLateAnswersNeverShow()
{
    m_backend->holdCreatorData(true);
    m_backend->setFans(fansNamed({QStringLiteral("Mia's fan")}));
    m_users->setUser(account(1, QStringLiteral("Mia")));
    const int miasLoads = m_backend->heldAnswers();
    m_users->clearUser();
    m_backend->setFans(fansNamed({QStringLiteral("Zoe's fan")}));
    m_users->setUser(account(2, QStringLiteral("Zoe")));
    // Zoe's answers first, then Mia's stragglers.
    for (int i = miasLoads; i < m_backend->heldAnswers(); ++i)
        m_backend->releaseHeld(i);
    QTRY_COMPARE(namesOf(m_store->fans()), QStringList{QStringLiteral("Zoe's fan")});
    for (int i = 0; i < miasLoads; ++i)
        m_backend->releaseHeld(i);
    QTRY_VERIFY(!m_store->isLoading());
    QCOMPARE(namesOf(m_store->fans()), QStringList{QStringLiteral("Zoe's fan")});
}

void TestCreatorDataStore::anotherCreatorsLateAnswersNeverShow()
{
    User mia = account(1, QStringLiteral("Mia"));
    mia.creators.append(Creator{777, {}});
    m_backend->holdCreatorData(true);
    m_backend->setFans(fansNamed({QStringLiteral("first creator's fan")}));
    m_users->setUser(mia);
    const int firstCreatorsLoads = m_backend->heldAnswers();
    // The member switches to their other creator while the first one's lists load.
    mia.creatorId = 777;
    m_backend->setFans(fansNamed({QStringLiteral("second creator's fan")}));
    m_users->setUser(mia);
    QVERIFY(m_store->fans().isEmpty());
    for (int i = firstCreatorsLoads; i < m_backend->heldAnswers(); ++i)
        m_backend->releaseHeld(i);
    QTRY_COMPARE(namesOf(m_store->fans()), QStringList{QStringLiteral("second creator's fan")});
    for (int i = 0; i < firstCreatorsLoads; ++i)
        m_backend->releaseHeld(i);
    QTRY_VERIFY(!m_store->isLoading());
    QCOMPARE(namesOf(m_store->fans()), QStringList{QStringLiteral("second creator's fan")});
}

void TestCreatorDataStore::aChatterLoadsNoEarnings()
{
    User chatter = account(3, QStringLiteral("Leo"));
    chatter.role = QStringLiteral("chatter");
    chatter.permissions = agency::Role::preset(agency::Preset::Chatter).permissionIds();
    QSignalSpy failed(m_store.get(), &CreatorDataStore::loadFailed);
    m_backend->holdCreatorData(true);
    m_users->setUser(chatter);
    // Fans, drafts, posts (for captions and ideas), restricted words, currency: no offers,
    // which the server would refuse (403) and the store would report as a failure.
    QCOMPARE(m_backend->heldAnswers(), 5);
    m_backend->releaseAllHeld();
    QTRY_VERIFY(!m_store->isLoading());
    QCOMPARE(failed.count(), 0);
    QVERIFY(m_store->offers().isEmpty());
}

void TestCreatorDataStore::outOfOrderAnswersKeepTheNewest()
{
    m_users->setUser(account(1, QStringLiteral("Mia"))); // answered at once: nothing held yet
    m_backend->holdCreatorData(true);
    m_backend->setFans(fansNamed({QStringLiteral("old")}));
    m_store->reload();
    const int firstReload = m_backend->heldAnswers();
    m_backend->setFans(fansNamed({QStringLiteral("old"), QStringLiteral("new")}));
    m_store->reload();
    m_backend->releaseAllHeld(); // newest first: the older answer arrives last
    QTRY_VERIFY(!m_store->isLoading());
    QCOMPARE(namesOf(m_store->fans()), (QStringList{QStringLiteral("old"), QStringLiteral("new")}));
    QVERIFY(firstReload > 0);
}

void TestCreatorDataStore::aDraftSavedBeforeSignOutDoesNotReappear()
{
    m_users->setUser(account(1, QStringLiteral("Mia")));
    // The save's answer is delivered after the sign-out: it must not land in the signed-out lists.
    Draft idea;
    idea.body = QStringLiteral("Mia's idea");
    QFuture<Result<Draft>> saving = m_store->saveDraft(idea);
    m_users->clearUser();
    QSignalSpy changed(m_store.get(), &CreatorDataStore::draftsChanged);
    QTRY_VERIFY(saving.isFinished());
    QCoreApplication::processEvents(); // the store's handler of that answer runs here
    QVERIFY(m_store->drafts().isEmpty());
    QCOMPARE(changed.count(), 0);
}

QTEST_GUILESS_MAIN(TestCreatorDataStore)
#include "tst_creatordatastore.moc"

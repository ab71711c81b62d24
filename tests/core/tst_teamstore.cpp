#include "scriptedbackend.h"
#include "state/teamstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace huntaze;

namespace {

// The team calls of a server, answered when the test says.
class HeldTeamBackend : public test::ScriptedBackend
{
public:
    QFuture<Result<QList<CustomRole>>> customRoles() override
    {
        auto promise = std::make_shared<QPromise<Result<QList<CustomRole>>>>();
        promise->start();
        m_roles.push_back(promise);
        return promise->future();
    }
    QFuture<Result<QList<TeamMember>>> teamMembers() override { return readyFuture<QList<TeamMember>>(QList<TeamMember>{}); }

    void answerRoles(int call, const QList<CustomRole> &roles)
    {
        m_roles.at(call)->addResult(roles);
        m_roles.at(call)->finish();
    }

private:
    std::vector<std::shared_ptr<QPromise<Result<QList<CustomRole>>>>> m_roles;
};

} // namespace

class TestTeamStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aStaleListOfRolesDoesNotTakeBackANewOne();
};

void TestTeamStore::aStaleListOfRolesDoesNotTakeBackANewOne()
{
    // The page reads the roles when shown; a role is made; the list is read
    // again. The first read, made before the role existed, answers last.
    HeldTeamBackend backend;
    TeamStore store(backend);
    QSignalSpy changed(&store, &TeamStore::customRolesChanged);
    store.reload();
    store.reload();
    const QList<CustomRole> made{{7, QStringLiteral("Analyst")}};
    backend.answerRoles(1, made);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(store.customRoles(), made);

    backend.answerRoles(0, {});
    QCoreApplication::processEvents();
    QCOMPARE(store.customRoles(), made);
    QCOMPARE(changed.count(), 1);
}

QTEST_GUILESS_MAIN(TestTeamStore)
#include "tst_teamstore.moc"

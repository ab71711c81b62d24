// The agency's roles (issue 10): what each preset may do, custom roles, who
// may manage whom, and which creators a member sees.
#include "agency/permissions.h"

#include <QTest>

using namespace huntaze;
using namespace huntaze::agency;

Q_DECLARE_METATYPE(huntaze::agency::Preset)
Q_DECLARE_METATYPE(huntaze::agency::Permission)
Q_DECLARE_METATYPE(huntaze::agency::DataScope)

class TestPermissions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void presetMatrix_data();
    void presetMatrix();
    void idsAreStableAndRoundTrip();
    void customRolesAreChecked_data();
    void customRolesAreChecked();
    void whoManagesWhom_data();
    void whoManagesWhom();
    void scopeDecidesWhichCreators_data();
    void scopeDecidesWhichCreators();
};

void TestPermissions::presetMatrix_data()
{
    QTest::addColumn<Preset>("preset");
    QTest::addColumn<Permission>("permission");
    QTest::addColumn<bool>("allowed");
    const QSet<Permission> chatter{Permission::ViewFans,    Permission::WriteFanMessages, Permission::ManageDrafts,
                                   Permission::UseCaptions, Permission::UseIdeas,         Permission::ClockIn};
    const QSet<Permission> creatorDenied{Permission::ManageCreators, Permission::ManageMembers, Permission::ManageRoles,
                                         Permission::ManageApiKeys,  Permission::ManageShifts,  Permission::ClockIn,
                                         Permission::DeleteAgency};
    for (const Permission permission : allPermissions()) {
        const QByteArray id = permissionId(permission).toLatin1();
        QTest::newRow(QByteArray("owner " + id).constData()) << Preset::Owner << permission << true;
        QTest::newRow(QByteArray("admin " + id).constData()) << Preset::Admin << permission << (permission != Permission::DeleteAgency);
        QTest::newRow(QByteArray("chatter " + id).constData()) << Preset::Chatter << permission << chatter.contains(permission);
        QTest::newRow(QByteArray("creator " + id).constData()) << Preset::Creator << permission << !creatorDenied.contains(permission);
    }
}

void TestPermissions::presetMatrix()
{
    QFETCH(Preset, preset);
    QFETCH(Permission, permission);
    QFETCH(bool, allowed);
    QCOMPARE(Role::preset(preset).allows(permission), allowed);
}

void TestPermissions::idsAreStableAndRoundTrip()
{
    // Stored with custom roles: a renamed id would silently drop a permission.
    QCOMPARE(permissionId(Permission::ViewEarnings), QStringLiteral("earnings.view"));
    QCOMPARE(permissionId(Permission::WriteFanMessages), QStringLiteral("messages.write"));
    QSet<QString> seen;
    for (const Permission permission : allPermissions()) {
        const QString id = permissionId(permission);
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
        QCOMPARE(permissionFromId(id), std::optional<Permission>(permission));
        QVERIFY(!describe(permission).isEmpty());
    }
    QVERIFY(!permissionFromId(QStringLiteral("fans.delete")));
}

void TestPermissions::customRolesAreChecked_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("permissions");
    QTest::addColumn<QString>("errorField");
    QTest::newRow("a night chatter") << QStringLiteral("Night chatter") << QStringList{QStringLiteral("messages.write")} << QString();
    QTest::newRow("no name") << QStringLiteral("  ") << QStringList{} << QStringLiteral("name");
    QTest::newRow("unknown permission") << QStringLiteral("X") << QStringList{QStringLiteral("fans.delete")}
                                        << QStringLiteral("permissions");
    QTest::newRow("owner-only permission") << QStringLiteral("X") << QStringList{QStringLiteral("agency.delete")}
                                           << QStringLiteral("permissions");
}

void TestPermissions::customRolesAreChecked()
{
    QFETCH(QString, name);
    QFETCH(QStringList, permissions);
    QFETCH(QString, errorField);
    const Result<Role> role = Role::custom(name, permissions, DataScope::AssignedCreators);
    QCOMPARE(role.ok(), errorField.isEmpty());
    if (!role.ok()) {
        QCOMPARE(role.error().field, errorField);
        return;
    }
    QCOMPARE(role.value().permissionIds(), permissions);
    QVERIFY(role.value().allows(Permission::WriteFanMessages));
    QVERIFY(!role.value().allows(Permission::ViewEarnings));
}

void TestPermissions::whoManagesWhom_data()
{
    QTest::addColumn<Preset>("actor");
    QTest::addColumn<Preset>("target");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("owner manages an owner") << Preset::Owner << Preset::Owner << true;
    QTest::newRow("owner manages an admin") << Preset::Owner << Preset::Admin << true;
    QTest::newRow("admin manages a chatter") << Preset::Admin << Preset::Chatter << true;
    QTest::newRow("admin manages an admin") << Preset::Admin << Preset::Admin << true;
    QTest::newRow("admin cannot touch an owner") << Preset::Admin << Preset::Owner << false;
    QTest::newRow("chatter manages nobody") << Preset::Chatter << Preset::Chatter << false;
    QTest::newRow("creator manages nobody") << Preset::Creator << Preset::Chatter << false;
}

void TestPermissions::whoManagesWhom()
{
    QFETCH(Preset, actor);
    QFETCH(Preset, target);
    QFETCH(bool, allowed);
    QCOMPARE(Role::preset(actor).canManage(Role::preset(target)), allowed);
}

void TestPermissions::scopeDecidesWhichCreators_data()
{
    QTest::addColumn<Preset>("preset");
    QTest::addColumn<qint64>("creator");
    QTest::addColumn<bool>("visible");
    // Assigned: creators 1 and 2; own creator: 3.
    QTest::newRow("admin, any creator") << Preset::Admin << qint64(7) << true;
    QTest::newRow("chatter, assigned") << Preset::Chatter << qint64(2) << true;
    QTest::newRow("chatter, not assigned") << Preset::Chatter << qint64(3) << false;
    QTest::newRow("creator, own") << Preset::Creator << qint64(3) << true;
    QTest::newRow("creator, another") << Preset::Creator << qint64(1) << false;
}

void TestPermissions::scopeDecidesWhichCreators()
{
    QFETCH(Preset, preset);
    QFETCH(qint64, creator);
    QFETCH(bool, visible);
    QCOMPARE(Role::preset(preset).canSeeCreator(creator, {1, 2}, 3), visible);
}

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"

#pragma once

#include "common/result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// What a member of an agency may do (issue 10): one check, used by the server
// to refuse (403) and mirrored by the desktop to hide what a member may not use.
namespace huntaze::agency {

// Per page and per action, as agency tools grant them. The ids (permissionId)
// are stored with custom roles and sent over the API: never renumber or rename.
enum class Permission {
    ViewDashboard,
    ViewFans,
    ImportData,
    ExportData,
    ViewEarnings, // offers, prices and what fans spent
    UsePricing,
    WriteFanMessages,
    UseCaptions,
    UseIdeas,
    ManageDrafts,
    EditCreatorProfile,
    ManageCreators, // add and archive creators
    ManageMembers, // invite, remove, assign creators
    ManageRoles,
    ManageApiKeys,
    ViewAuditLog,
    ManageShifts,
    ClockIn,
    DeleteAgency,
};

// Which creators a member's permissions apply to.
enum class DataScope {
    AllCreators,
    AssignedCreators, // chatters: the creators assigned to them
    OwnCreator, // a creator's login: their own profile
};

enum class Preset { Owner, Admin, Chatter, Creator, Custom };

QList<Permission> allPermissions();
QString permissionId(Permission permission); // "fans.view"
std::optional<Permission> permissionFromId(const QString &id);
// For the Team page: "See earnings".
QString describe(Permission permission);

class Role
{
public:
    static Role preset(Preset preset);
    // A role an owner made: a name, permissions by id, a scope. Unknown ids and
    // owner-only permissions (deleting the agency) are refused, naming them.
    static Result<Role> custom(const QString &name, const QStringList &permissionIds, DataScope scope);

    Preset preset() const { return m_preset; }
    QString name() const { return m_name; }
    DataScope scope() const { return m_scope; }
    bool allows(Permission permission) const { return m_permissions.contains(permission); }
    QStringList permissionIds() const;

    // Whether a member with this role may change or remove a member with
    // `target`'s role: owners anyone, admins anyone but owners, others nobody.
    bool canManage(const Role &target) const;
    // Whether the member may see this creator's rows at all.
    bool canSeeCreator(qint64 creatorId, const QSet<qint64> &assignedCreators, qint64 ownCreator) const;

private:
    Preset m_preset = Preset::Custom;
    QString m_name;
    DataScope m_scope = DataScope::AssignedCreators;
    QSet<Permission> m_permissions;
};

} // namespace huntaze::agency

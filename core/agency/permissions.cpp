#include "permissions.h"

#include <QCoreApplication>

namespace huntaze::agency {

namespace {

struct Known {
    Permission permission;
    const char *id;
    const char *description;
};

constexpr Known known[] = {
    {Permission::ViewDashboard, "dashboard.view", QT_TRANSLATE_NOOP("huntaze::agency", "See the dashboard")},
    {Permission::ViewFans, "fans.view", QT_TRANSLATE_NOOP("huntaze::agency", "See fans")},
    {Permission::ImportData, "data.import", QT_TRANSLATE_NOOP("huntaze::agency", "Import fans, offers and posts")},
    {Permission::ExportData, "data.export", QT_TRANSLATE_NOOP("huntaze::agency", "Export data")},
    {Permission::ViewEarnings, "earnings.view", QT_TRANSLATE_NOOP("huntaze::agency", "See earnings, offers and spending")},
    {Permission::UsePricing, "pricing.use", QT_TRANSLATE_NOOP("huntaze::agency", "Use the pricing optimiser")},
    {Permission::WriteFanMessages, "messages.write", QT_TRANSLATE_NOOP("huntaze::agency", "Write fan messages")},
    {Permission::UseCaptions, "captions.use", QT_TRANSLATE_NOOP("huntaze::agency", "Write captions and hashtags")},
    {Permission::UseIdeas, "ideas.use", QT_TRANSLATE_NOOP("huntaze::agency", "Get content ideas")},
    {Permission::ManageDrafts, "drafts.manage", QT_TRANSLATE_NOOP("huntaze::agency", "Keep and edit drafts")},
    {Permission::EditCreatorProfile, "creators.edit", QT_TRANSLATE_NOOP("huntaze::agency", "Edit a creator's profile")},
    {Permission::ManageCreators, "creators.manage", QT_TRANSLATE_NOOP("huntaze::agency", "Add and archive creators")},
    {Permission::ManageMembers, "members.manage", QT_TRANSLATE_NOOP("huntaze::agency", "Invite, assign and remove members")},
    {Permission::ManageRoles, "roles.manage", QT_TRANSLATE_NOOP("huntaze::agency", "Make and change roles")},
    {Permission::ManageApiKeys, "apikeys.manage", QT_TRANSLATE_NOOP("huntaze::agency", "Manage API keys")},
    {Permission::ViewAuditLog, "audit.view", QT_TRANSLATE_NOOP("huntaze::agency", "See the audit log")},
    {Permission::ManageShifts, "shifts.manage", QT_TRANSLATE_NOOP("huntaze::agency", "Plan shifts and see hours")},
    {Permission::ClockIn, "shifts.clock", QT_TRANSLATE_NOOP("huntaze::agency", "Clock in and out")},
    {Permission::DeleteAgency, "agency.delete", QT_TRANSLATE_NOOP("huntaze::agency", "Delete the agency")},
};

const Known &entry(Permission permission)
{
    for (const Known &candidate : known) {
        if (candidate.permission == permission)
            return candidate;
    }
    Q_UNREACHABLE();
}

} // namespace

QList<Permission> allPermissions()
{
    QList<Permission> all;
    for (const Known &candidate : known)
        all.append(candidate.permission);
    return all;
}

QString permissionId(Permission permission)
{
    return QString::fromLatin1(entry(permission).id);
}

std::optional<Permission> permissionFromId(const QString &id)
{
    for (const Known &candidate : known) {
        if (id == QLatin1String(candidate.id))
            return candidate.permission;
    }
    return std::nullopt;
}

QString describe(Permission permission)
{
    return QCoreApplication::translate("huntaze::agency", entry(permission).description);
}

Role Role::preset(Preset preset)
{
    Role role;
    role.m_preset = preset;
    const QList<Permission> all = allPermissions();
    switch (preset) {
    case Preset::Owner:
        role.m_name = QCoreApplication::translate("huntaze::agency", "Owner");
        role.m_scope = DataScope::AllCreators;
        role.m_permissions = QSet<Permission>(all.begin(), all.end());
        break;
    case Preset::Admin:
        role.m_name = QCoreApplication::translate("huntaze::agency", "Admin");
        role.m_scope = DataScope::AllCreators;
        role.m_permissions = QSet<Permission>(all.begin(), all.end());
        role.m_permissions.remove(Permission::DeleteAgency);
        break;
    case Preset::Chatter:
        // Chatters write to fans; agencies keep earnings and the team from them.
        role.m_name = QCoreApplication::translate("huntaze::agency", "Chatter");
        role.m_scope = DataScope::AssignedCreators;
        role.m_permissions = {Permission::ViewFans,    Permission::WriteFanMessages, Permission::ManageDrafts,
                              Permission::UseCaptions, Permission::UseIdeas,         Permission::ClockIn};
        break;
    case Preset::Creator:
        // A creator sees everything about their own profile, including what was written in their name.
        role.m_name = QCoreApplication::translate("huntaze::agency", "Creator");
        role.m_scope = DataScope::OwnCreator;
        role.m_permissions
            = {Permission::ViewDashboard, Permission::ViewFans,     Permission::ImportData,         Permission::ExportData,
               Permission::ViewEarnings,  Permission::UsePricing,   Permission::WriteFanMessages,   Permission::UseCaptions,
               Permission::UseIdeas,      Permission::ManageDrafts, Permission::EditCreatorProfile, Permission::ViewAuditLog};
        break;
    case Preset::Custom: break;
    }
    return role;
}

Result<Role> Role::custom(const QString &name, const QStringList &permissionIds, DataScope scope)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty() || trimmed.size() > 60)
        return Error::validation(QStringLiteral("name"),
                                 QCoreApplication::translate("huntaze::agency", "Give the role a name of 1 to 60 characters."));
    Role role;
    role.m_name = trimmed;
    role.m_scope = scope;
    for (const QString &id : permissionIds) {
        const std::optional<Permission> permission = permissionFromId(id);
        if (!permission)
            return Error::validation(QStringLiteral("permissions"),
                                     QCoreApplication::translate("huntaze::agency", "\"%1\" is not a permission.").arg(id));
        if (*permission == Permission::DeleteAgency)
            return Error::validation(QStringLiteral("permissions"),
                                     QCoreApplication::translate("huntaze::agency", "Only owners can delete the agency."));
        role.m_permissions.insert(*permission);
    }
    return role;
}

QStringList Role::permissionIds() const
{
    QStringList ids;
    for (const Permission permission : allPermissions()) {
        if (m_permissions.contains(permission))
            ids.append(permissionId(permission));
    }
    return ids;
}

bool Role::canManage(const Role &target) const
{
    if (m_preset == Preset::Owner)
        return true;
    return allows(Permission::ManageMembers) && target.m_preset != Preset::Owner;
}

bool Role::canSeeCreator(qint64 creatorId, const QSet<qint64> &assignedCreators, qint64 ownCreator) const
{
    switch (m_scope) {
    case DataScope::AllCreators: return true;
    case DataScope::AssignedCreators: return assignedCreators.contains(creatorId);
    case DataScope::OwnCreator: return creatorId == ownCreator;
    }
    return false;
}

} // namespace huntaze::agency

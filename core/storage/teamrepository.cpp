#include "teamrepository.h"

#include "agency/invitationcode.h"
#include "agency/shifts.h"
#include "storage/agencyrepository.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

using agency::MemberGrant;
using agency::Membership;
using agency::Preset;
using agency::Role;

namespace {

QString idsToJson(const QList<qint64> &ids)
{
    QJsonArray array;
    for (const qint64 id : ids)
        array.append(id);
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<qint64> idsFromJson(const QString &json)
{
    QList<qint64> ids;
    for (const QJsonValue &value : QJsonDocument::fromJson(json.toUtf8()).array())
        ids.append(value.toInteger());
    return ids;
}

QVariant idOrNull(qint64 id)
{
    return id != 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

Error invitationProblem(const QString &message)
{
    return Error::validation(QStringLiteral("invitation"), message);
}

Error memberNotFound()
{
    return Error{ErrorCode::NotFound,
                 QCoreApplication::translate("huntaze::TeamRepository", "This person is not a member of the agency."),
                 {},
                 QStringLiteral("member")};
}

} // namespace

Result<QList<TeamMember>> TeamRepository::members(const Membership &viewer)
{
    if (Result<void> allowed = viewer.require({agency::Permission::ManageMembers}); !allowed.ok())
        return allowed.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT m.user_id, u.email, m.role, m.custom_role_id, m.own_creator_id, m.joined_at, r.name, "
                                 "(SELECT MAX(s.last_used_at) FROM sessions s WHERE s.agency_id = m.agency_id AND s.user_id = m.user_id) "
                                 "FROM members m JOIN users u ON u.id = m.user_id "
                                 "LEFT JOIN custom_roles r ON r.agency_id = m.agency_id AND r.id = m.custom_role_id "
                                 "WHERE m.agency_id = ? ORDER BY m.joined_at, m.user_id"));
    query.addBindValue(viewer.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("list members"), query.lastError());
    QList<TeamMember> members;
    while (query.next()) {
        TeamMember member;
        member.userId = query.value(0).toLongLong();
        member.email = query.value(1).toString();
        member.role = query.value(2).toString();
        member.customRoleId = query.value(3).toLongLong();
        member.ownCreator = query.value(4).toLongLong();
        member.joinedAt = dateTimeFromSql(query.value(5));
        const std::optional<Preset> preset = agency::presetFromId(member.role);
        member.roleName = preset && *preset != Preset::Custom ? Role::preset(*preset).name() : query.value(6).toString();
        if (!query.value(7).isNull())
            member.lastActive = dateTimeFromSql(query.value(7));
        members.append(member);
    }
    query.finish();
    query.prepare(QStringLiteral("SELECT user_id, creator_id FROM member_creators WHERE agency_id = ? ORDER BY creator_id"));
    query.addBindValue(viewer.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("list assignments"), query.lastError());
    while (query.next()) {
        for (TeamMember &member : members) {
            if (member.userId == query.value(0).toLongLong())
                member.creators.append(query.value(1).toLongLong());
        }
    }
    return members;
}

Result<Role> TeamRepository::roleOf(qint64 agencyId, const MemberGrant &grant)
{
    if (grant.preset != Preset::Custom)
        return Role::preset(grant.preset);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT name, permissions, scope FROM custom_roles WHERE agency_id = ? AND id = ?"));
    query.addBindValue(agencyId);
    query.addBindValue(grant.customRoleId);
    if (!query.exec())
        return storageError(QStringLiteral("read custom role"), query.lastError());
    if (!query.next())
        return Error::validation(QStringLiteral("customRole"),
                                 QCoreApplication::translate("huntaze::TeamRepository", "This agency has no such custom role."));
    QStringList permissions;
    for (const QJsonValue &id : QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array())
        permissions.append(id.toString());
    return Role::custom(query.value(0).toString(), permissions,
                        agency::scopeFromId(query.value(2).toString()).value_or(agency::DataScope::AssignedCreators));
}

Result<std::optional<Membership>> TeamRepository::currentMember(qint64 agencyId, qint64 userId)
{
    Result<Membership> member = AgencyRepository(m_db).membership(agencyId, userId);
    if (member.ok())
        return std::optional<Membership>(member.value());
    if (member.error().code == ErrorCode::Unauthorized)
        return std::optional<Membership>();
    return member.error();
}

Result<void> TeamRepository::checkCreators(const Membership &manager, const MemberGrant &grant)
{
    const Result<QList<Creator>> visible = AgencyRepository(m_db).visibleCreators(manager);
    if (!visible.ok())
        return visible.error();
    auto known = [&visible](qint64 id) {
        return std::any_of(visible.value().cbegin(), visible.value().cend(), [id](const Creator &creator) { return creator.id == id; });
    };
    for (qsizetype i = 0; i < grant.creators.size(); ++i) {
        if (!known(grant.creators.at(i)))
            return Error::validation(
                QStringLiteral("creators[%1]").arg(i),
                QCoreApplication::translate("huntaze::TeamRepository", "Creator %1 is not one you manage.").arg(grant.creators.at(i)));
    }
    if (grant.ownCreator != 0 && !known(grant.ownCreator))
        return Error::validation(
            QStringLiteral("creator"),
            QCoreApplication::translate("huntaze::TeamRepository", "Creator %1 is not one you manage.").arg(grant.ownCreator));
    return Result<void>::success();
}

Result<NewInvitation> TeamRepository::invite(const Membership &manager, const MemberGrant &grant, int validDays)
{
    const Result<Role> role = roleOf(manager.agencyId, grant);
    if (!role.ok())
        return role.error();
    if (Result<void> allowed = agency::checkGrant(manager, role.value(), std::nullopt); !allowed.ok())
        return allowed.error();
    if (Result<void> creators = checkCreators(manager, grant); !creators.ok())
        return creators.error();
    NewInvitation invitation{agency::invitationcode::generate(), {}};
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO invitations (agency_id, code_digest, role, custom_role_id, own_creator_id, creators, invited_by, "
                       "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, now(), now() + make_interval(days => ?)) "
                       "RETURNING expires_at"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(agency::invitationcode::digest(invitation.code));
    query.addBindValue(agency::presetId(grant.preset));
    query.addBindValue(idOrNull(grant.customRoleId));
    query.addBindValue(idOrNull(grant.ownCreator));
    query.addBindValue(idsToJson(grant.creators));
    query.addBindValue(manager.userId);
    query.addBindValue(validDays);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("create invitation"), query.lastError());
    invitation.expiresAt = dateTimeFromSql(query.value(0));
    if (Result<void> logged = AuditRepository(m_db).record(manager.agencyId, manager.userId, 0, audit::invited, grant.toJson());
        !logged.ok())
        return logged.error();
    return invitation;
}

Result<qint64> TeamRepository::redeem(const QString &typedCode, qint64 userId)
{
    const QString code = agency::invitationcode::normalise(typedCode);
    const Error unknown = invitationProblem(
        QCoreApplication::translate("huntaze::TeamRepository", "This invitation code is not valid. Check it, or ask for a new one."));
    if (code.isEmpty())
        return unknown;
    QSqlQuery query(m_db);
    if (m_db.driverName() == QLatin1String("QPSQL")) {
        // Row-level security shows an agency's invitations only inside it: the
        // code's digest tells which agency (and nothing else), then we enter it.
        query.prepare(QStringLiteral("SELECT huntaze_invitation_agency(?)"));
        query.addBindValue(agency::invitationcode::digest(code));
        if (!query.exec() || !query.next())
            return storageError(QStringLiteral("find invitation"), query.lastError());
        if (query.value(0).isNull())
            return unknown;
        const qint64 agencyId = query.value(0).toLongLong();
        query.finish();
        if (Result<void> entered = AgencyRepository(m_db).enterAs(userId, agencyId); !entered.ok())
            return entered.error();
    }
    // FOR UPDATE: two people redeeming one code at once cannot both join.
    query.prepare(
        QStringLiteral("SELECT agency_id, role, custom_role_id, own_creator_id, creators, used_at IS NOT NULL, expires_at <= now() "
                       "FROM invitations WHERE code_digest = ? FOR UPDATE"));
    query.addBindValue(agency::invitationcode::digest(code));
    if (!query.exec())
        return storageError(QStringLiteral("find invitation"), query.lastError());
    if (!query.next())
        return unknown;
    if (query.value(5).toBool())
        return invitationProblem(
            QCoreApplication::translate("huntaze::TeamRepository", "This invitation code was already used. Ask for a new one."));
    if (query.value(6).toBool())
        return invitationProblem(
            QCoreApplication::translate("huntaze::TeamRepository", "This invitation code has expired. Ask for a new one."));
    const qint64 agencyId = query.value(0).toLongLong();
    const QString role = query.value(1).toString();
    const qint64 customRole = query.value(2).toLongLong();
    const qint64 ownCreator = query.value(3).toLongLong();
    const QList<qint64> creators = idsFromJson(query.value(4).toString());
    query.finish();

    const Result<std::optional<Membership>> existing = currentMember(agencyId, userId);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return Error{
            ErrorCode::AlreadyExists,
            QCoreApplication::translate("huntaze::TeamRepository", "You are already a member of this agency. Sign in without the code."),
            {},
            QStringLiteral("invitation")};
    query.prepare(QStringLiteral("INSERT INTO members (agency_id, user_id, role, custom_role_id, own_creator_id, joined_at) "
                                 "VALUES (?, ?, ?, ?, ?, now())"));
    query.addBindValue(agencyId);
    query.addBindValue(userId);
    query.addBindValue(role);
    query.addBindValue(idOrNull(customRole));
    query.addBindValue(idOrNull(ownCreator));
    if (!query.exec())
        return storageError(QStringLiteral("join agency"), query.lastError());
    if (Result<void> assigned = assign(agencyId, userId, creators); !assigned.ok())
        return assigned.error();
    query.prepare(QStringLiteral("UPDATE invitations SET used_at = now(), used_by = ? WHERE code_digest = ?"));
    query.addBindValue(userId);
    query.addBindValue(agency::invitationcode::digest(code));
    if (!query.exec())
        return storageError(QStringLiteral("use invitation"), query.lastError());
    return agencyId;
}

QString TeamRepository::emailOf(qint64 userId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT email FROM users WHERE id = ?"));
    query.addBindValue(userId);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

Result<void> TeamRepository::assign(qint64 agencyId, qint64 userId, const QList<qint64> &creators)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM member_creators WHERE agency_id = ? AND user_id = ?"));
    query.addBindValue(agencyId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("clear assignments"), query.lastError());
    query.prepare(QStringLiteral("INSERT INTO member_creators (agency_id, user_id, creator_id) VALUES (?, ?, ?)"));
    for (const qint64 creator : creators) {
        query.addBindValue(agencyId);
        query.addBindValue(userId);
        query.addBindValue(creator);
        if (!query.exec())
            return storageError(QStringLiteral("assign creator"), query.lastError());
    }
    return Result<void>::success();
}

Result<void> TeamRepository::keepsAnOwner(qint64 agencyId, qint64 leavingOwner)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM members WHERE agency_id = ? AND role = 'owner' AND user_id <> ?"));
    query.addBindValue(agencyId);
    query.addBindValue(leavingOwner);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("count owners"), query.lastError());
    if (query.value(0).toLongLong() == 0)
        return Error::validation(
            QStringLiteral("role"),
            QCoreApplication::translate("huntaze::TeamRepository", "An agency always keeps one owner: make someone else owner first."));
    return Result<void>::success();
}

Result<void> TeamRepository::changeMember(const Membership &manager, qint64 userId, const MemberGrant &grant)
{
    const Result<std::optional<Membership>> current = currentMember(manager.agencyId, userId);
    if (!current.ok())
        return current.error();
    if (!current.value())
        return memberNotFound();
    const Result<Role> role = roleOf(manager.agencyId, grant);
    if (!role.ok())
        return role.error();
    if (Result<void> allowed = agency::checkGrant(manager, role.value(), current.value()->role); !allowed.ok())
        return allowed;
    if (Result<void> creators = checkCreators(manager, grant); !creators.ok())
        return creators;
    if (current.value()->role.preset() == Preset::Owner && grant.preset != Preset::Owner) {
        if (Result<void> owner = keepsAnOwner(manager.agencyId, userId); !owner.ok())
            return owner;
    }
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started;
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("UPDATE members SET role = ?, custom_role_id = ?, own_creator_id = ? WHERE agency_id = ? AND user_id = ?"));
    query.addBindValue(agency::presetId(grant.preset));
    query.addBindValue(idOrNull(grant.customRoleId));
    query.addBindValue(idOrNull(grant.ownCreator));
    query.addBindValue(manager.agencyId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("change member"), query.lastError());
    if (Result<void> assigned = assign(manager.agencyId, userId, grant.creators); !assigned.ok())
        return assigned;
    QJsonObject detail = grant.toJson();
    detail.insert(QStringLiteral("member"), emailOf(userId));
    if (Result<void> logged = AuditRepository(m_db).record(manager.agencyId, manager.userId, 0, audit::memberChanged, detail); !logged.ok())
        return logged;
    return transaction.commit();
}

Result<Membership> TeamRepository::manageableMember(const Membership &manager, qint64 userId)
{
    const Result<std::optional<Membership>> current = currentMember(manager.agencyId, userId);
    if (!current.ok())
        return current.error();
    if (!current.value())
        return memberNotFound();
    if (Result<void> allowed = agency::checkGrant(manager, current.value()->role, current.value()->role); !allowed.ok())
        return allowed.error();
    return *current.value();
}

Result<void> TeamRepository::removeMember(const Membership &manager, qint64 userId)
{
    const Result<Membership> current = manageableMember(manager, userId);
    if (!current.ok())
        return current.error();
    if (current.value().role.preset() == Preset::Owner) {
        if (Result<void> owner = keepsAnOwner(manager.agencyId, userId); !owner.ok())
            return owner;
    }
    QSqlQuery query(m_db);
    // Their planned shifts go; an open shift ends at their last activity
    // (the hours they worked stay, to be paid).
    query.prepare(QStringLiteral("DELETE FROM shift_slots WHERE agency_id = ? AND member_id = ?"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("remove member's schedule"), query.lastError());
    query.prepare(QStringLiteral("UPDATE shifts SET clocked_out_at = last_activity_at, ended_by = ? "
                                 "WHERE agency_id = ? AND member_id = ? AND clocked_out_at IS NULL"));
    query.addBindValue(shifts::endedByRemoval);
    query.addBindValue(manager.agencyId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("end removed member's shift"), query.lastError());
    // Sessions, assignments and open imports go with the membership (ON DELETE CASCADE).
    query.prepare(QStringLiteral("DELETE FROM members WHERE agency_id = ? AND user_id = ?"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("remove member"), query.lastError());
    return AuditRepository(m_db).record(manager.agencyId, manager.userId, 0, audit::memberRemoved,
                                        {{QStringLiteral("member"), emailOf(userId)}});
}

Result<void> TeamRepository::endSessions(const Membership &manager, qint64 userId)
{
    if (const Result<Membership> current = manageableMember(manager, userId); !current.ok())
        return current.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM sessions WHERE agency_id = ? AND user_id = ?"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("end member's sessions"), query.lastError());
    return AuditRepository(m_db).record(manager.agencyId, manager.userId, 0, audit::sessionsEnded,
                                        {{QStringLiteral("member"), emailOf(userId)}});
}

Result<QList<CustomRole>> TeamRepository::customRoles(const Membership &viewer)
{
    if (Result<void> allowed = viewer.require({agency::Permission::ManageMembers, agency::Permission::ManageRoles}); !allowed.ok())
        return allowed.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, name FROM custom_roles WHERE agency_id = ? ORDER BY name"));
    query.addBindValue(viewer.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("list custom roles"), query.lastError());
    QList<CustomRole> roles;
    while (query.next())
        roles.append(CustomRole{query.value(0).toLongLong(), query.value(1).toString()});
    return roles;
}

Result<qint64> TeamRepository::createCustomRole(const Membership &manager, const Role &role)
{
    if (Result<void> allowed = manager.require({agency::Permission::ManageRoles}); !allowed.ok())
        return allowed.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO custom_roles (agency_id, name, permissions, scope) VALUES (?, ?, ?, ?) RETURNING id"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(role.name());
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(role.permissionIds())).toJson(QJsonDocument::Compact)));
    query.addBindValue(agency::scopeId(role.scope()));
    if (!query.exec() || !query.next()) {
        if (isUniqueViolation(query.lastError()))
            return Error{ErrorCode::AlreadyExists,
                         QCoreApplication::translate("huntaze::TeamRepository", "This agency already has a role with this name."),
                         {},
                         QStringLiteral("name")};
        return storageError(QStringLiteral("create custom role"), query.lastError());
    }
    const qint64 id = query.value(0).toLongLong();
    if (Result<void> logged = AuditRepository(m_db).record(
            manager.agencyId, manager.userId, 0, audit::roleCreated,
            {{QStringLiteral("name"), role.name()}, {QStringLiteral("permissions"), QJsonArray::fromStringList(role.permissionIds())}});
        !logged.ok())
        return logged.error();
    return id;
}

} // namespace huntaze

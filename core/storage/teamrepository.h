#pragma once

#include "agency/membership.h"
#include "agency/team.h"
#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

namespace huntaze {

// The team of an agency: members, their roles and assigned creators,
// invitations and custom roles. Every change is checked against the manager's
// own membership (agency::checkGrant) before anything is written; at least
// one owner always remains. Invitations need PostgreSQL (huntaze-server).
class TeamRepository
{
public:
    explicit TeamRepository(QSqlDatabase &db) : m_db(db) {}

    Result<QList<TeamMember>> members(const agency::Membership &viewer);
    Result<NewInvitation> invite(const agency::Membership &manager, const agency::MemberGrant &grant, int validDays);
    // Inside the caller's transaction: makes `userId` a member as the
    // invitation says and uses it up. Returns the agency joined.
    Result<qint64> redeem(const QString &typedCode, qint64 userId);
    Result<void> changeMember(const agency::Membership &manager, qint64 userId, const agency::MemberGrant &grant);
    // Their sessions in this agency end with the membership.
    Result<void> removeMember(const agency::Membership &manager, qint64 userId);
    // Ends every session `userId` has in the agency (they stay a member and
    // sign in again); the same rights as changing their role.
    Result<void> endSessions(const agency::Membership &manager, qint64 userId);
    Result<qint64> createCustomRole(const agency::Membership &manager, const agency::Role &role);
    // The agency's custom roles, for whoever manages members.
    Result<QList<CustomRole>> customRoles(const agency::Membership &viewer);
    // `userId`'s membership when `manager` may change it (checkGrant); NotFound or Forbidden otherwise.
    Result<agency::Membership> manageableMember(const agency::Membership &manager, qint64 userId);
    QString emailOf(qint64 userId);

private:
    Result<agency::Role> roleOf(qint64 agencyId, const agency::MemberGrant &grant);
    Result<std::optional<agency::Membership>> currentMember(qint64 agencyId, qint64 userId);
    Result<void> checkCreators(const agency::Membership &manager, const agency::MemberGrant &grant);
    Result<void> assign(qint64 agencyId, qint64 userId, const QList<qint64> &creators);
    Result<void> keepsAnOwner(qint64 agencyId, qint64 leavingOwner);

    QSqlDatabase &m_db;
};

} // namespace huntaze

#include "teamstore.h"

#include "common/async.h"

namespace huntaze {

TeamStore::TeamStore(Backend &backend, QObject *parent) : QObject(parent), m_backend(backend)
{}

void TeamStore::reload()
{
    const quint64 rolesTicket = ++m_newestRoles;
    onFinished(m_backend.customRoles(), this, [this, rolesTicket](const Result<QList<CustomRole>> &roles) {
        // An older answer arriving last (two reads in flight, on two
        // connections) must not take back a role just made.
        if (rolesTicket != m_newestRoles || !roles.ok() || roles.value() == m_roles)
            return; // nothing new (a failure shows with the members)
        m_roles = roles.value();
        Q_EMIT customRolesChanged();
    });
    const quint64 ticket = ++m_newest;
    onFinished(m_backend.teamMembers(), this, [this, ticket](const Result<QList<TeamMember>> &members) {
        if (ticket != m_newest)
            return; // a newer list is on its way
        if (!members.ok()) {
            Q_EMIT loadFailed(members.error().message);
            return;
        }
        m_members = members.value();
        Q_EMIT membersChanged();
    });
}

template <typename T> QFuture<Result<T>> TeamStore::reloadAfter(QFuture<Result<T>> change)
{
    onFinished(change, this, [this](const Result<T> &changed) {
        if (changed.ok())
            reload();
    });
    return change;
}

QFuture<Result<NewInvitation>> TeamStore::invite(const agency::MemberGrant &grant)
{
    return m_backend.invite(grant);
}

QFuture<Result<void>> TeamStore::changeMember(qint64 userId, const agency::MemberGrant &grant)
{
    return reloadAfter(m_backend.changeMember(userId, grant));
}

QFuture<Result<void>> TeamStore::removeMember(qint64 userId)
{
    return reloadAfter(m_backend.removeMember(userId));
}

QFuture<Result<void>> TeamStore::endSessions(qint64 userId)
{
    return reloadAfter(m_backend.endMemberSessions(userId)); // their "last active" changes
}

QFuture<Result<void>> TeamStore::deleteAgency(const QString &typedName)
{
    return m_backend.deleteAgency(typedName);
}

QFuture<Result<qint64>> TeamStore::createRole(const agency::Role &role)
{
    return reloadAfter(m_backend.createCustomRole(role));
}

} // namespace huntaze

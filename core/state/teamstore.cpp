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

QFuture<Result<NewInvitation>> TeamStore::issuePasswordReset(qint64 userId)
{
    return m_backend.issuePasswordReset(userId);
}

QFuture<Result<void>> TeamStore::deleteAgency(const QString &typedName)
{
    return m_backend.deleteAgency(typedName);
}

void TeamStore::reloadApiKeys()
{
    const quint64 ticket = ++m_newestKeys;
    onFinished(m_backend.apiKeys(), this, [this, ticket](const Result<QList<agency::ApiKey>> &keys) {
        if (ticket != m_newestKeys || !keys.ok())
            return; // a newer list is on its way, or the page says why with the members
        m_keys = keys.value();
        Q_EMIT apiKeysChanged();
    });
}

QFuture<Result<Backend::MadeApiKey>> TeamStore::createApiKey(const agency::NewApiKey &key)
{
    QFuture<Result<Backend::MadeApiKey>> made = m_backend.createApiKey(key);
    onFinished(made, this, [this](const Result<Backend::MadeApiKey> &result) {
        if (result.ok())
            reloadApiKeys();
    });
    return made;
}

QFuture<Result<void>> TeamStore::revokeApiKey(qint64 keyId)
{
    QFuture<Result<void>> revoked = m_backend.revokeApiKey(keyId);
    onFinished(revoked, this, [this](const Result<void> &result) {
        if (result.ok())
            reloadApiKeys();
    });
    return revoked;
}

QFuture<Result<qint64>> TeamStore::createRole(const agency::Role &role)
{
    return reloadAfter(m_backend.createCustomRole(role));
}

} // namespace huntaze

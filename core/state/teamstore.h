#pragma once

#include "agency/membership.h"
#include "agency/team.h"
#include "backend/backend.h"

#include <QFuture>
#include <QObject>

namespace huntaze {

// The agency's members as the Team page shows them: listed, invited, changed
// and removed through the backend (a server: the embedded backend has one
// local owner and no team), the list read again after each change.
class TeamStore : public QObject
{
    Q_OBJECT
public:
    explicit TeamStore(Backend &backend, QObject *parent = nullptr);

    bool isAvailable() const { return m_backend.hasTeam(); }
    const QList<TeamMember> &members() const { return m_members; }
    const QList<CustomRole> &customRoles() const { return m_roles; }
    const QList<agency::ApiKey> &apiKeys() const { return m_keys; }

    void reload();
    QFuture<Result<NewInvitation>> invite(const agency::MemberGrant &grant);
    QFuture<Result<void>> changeMember(qint64 userId, const agency::MemberGrant &grant);
    QFuture<Result<void>> removeMember(qint64 userId);
    QFuture<Result<void>> endSessions(qint64 userId);
    QFuture<Result<NewInvitation>> issuePasswordReset(qint64 userId);
    QFuture<Result<qint64>> createRole(const agency::Role &role);
    QFuture<Result<void>> deleteAgency(const QString &typedName);
    // API keys (owners and admins): read on reloadApiKeys, and again after each change.
    void reloadApiKeys();
    QFuture<Result<Backend::MadeApiKey>> createApiKey(const agency::NewApiKey &key);
    QFuture<Result<void>> revokeApiKey(qint64 keyId);

Q_SIGNALS:
    void membersChanged();
    void customRolesChanged();
    void apiKeysChanged();
    void loadFailed(const QString &message);

private:
    template <typename T> QFuture<Result<T>> reloadAfter(QFuture<Result<T>> change);

    Backend &m_backend;
    QList<TeamMember> m_members;
    QList<CustomRole> m_roles;
    QList<agency::ApiKey> m_keys;
    quint64 m_newestKeys = 0;
    quint64 m_newest = 0;
    quint64 m_newestRoles = 0;
};

} // namespace huntaze

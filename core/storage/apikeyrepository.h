#pragma once

#include "agency/apikeys.h"
#include "agency/membership.h"
#include "common/result.h"

#include <QSqlDatabase>

namespace huntaze {

// An agency's API keys in PostgreSQL (a server's; the desktop's own database
// has none). Runs on the connection's thread, inside the caller's transaction.
class ApiKeyRepository
{
public:
    explicit ApiKeyRepository(QSqlDatabase &db) : m_db(db) {}

    struct Made {
        agency::ApiKey key;
        QString secret; // shown once, never stored
    };
    // By a member allowed to manage keys; audited.
    Result<Made> create(const agency::Membership &maker, const agency::NewApiKey &key, const QDateTime &now);
    Result<QList<agency::ApiKey>> list(qint64 agencyId);
    // At once: the next request with it is refused. NotFound for another agency's key or a made-up id.
    Result<void> revoke(const agency::Membership &revoker, qint64 keyId, const QDateTime &now);

    // The key's agency entered as the member it acts as: all creators, its
    // scopes' permissions. Unauthorized when unknown, revoked or expired by `now`.
    Result<agency::Membership> enter(const QString &secret, const QDateTime &now);

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze

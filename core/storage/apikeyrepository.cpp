#include "apikeyrepository.h"

#include "agency/audit.h"
#include "auth/sessiontoken.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {

Error keyRefused(const QString &detail)
{
    return Error{ErrorCode::Unauthorized,
                 QCoreApplication::translate("huntaze::ApiKeyRepository",
                                             "This API key is not valid: it was revoked, it expired, or it never existed."),
                 detail,
                 {}};
}

} // namespace

Result<ApiKeyRepository::Made> ApiKeyRepository::create(const agency::Membership &maker, const agency::NewApiKey &key, const QDateTime &now)
{
    if (Result<void> allowed = maker.require({agency::Permission::ManageApiKeys}); !allowed.ok())
        return allowed.error();
    Made made;
    made.secret = agency::apikey::generate();
    made.key.name = key.name;
    made.key.prefix = agency::apikey::prefixOf(made.secret);
    for (const agency::ApiScope scope : key.scopes)
        made.key.scopes.append(agency::apiScopeId(scope));
    made.key.createdBy = maker.userId;
    made.key.createdByEmail = maker.email;
    made.key.createdAt = now;
    made.key.expiresAt = key.expiresAt;
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO api_keys (agency_id, name, prefix, secret_digest, scopes, created_by, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id"));
    query.addBindValue(maker.agencyId);
    query.addBindValue(made.key.name);
    query.addBindValue(made.key.prefix);
    query.addBindValue(sessiontoken::digest(made.secret));
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(made.key.scopes)).toJson(QJsonDocument::Compact)));
    query.addBindValue(maker.userId);
    query.addBindValue(sqlTimestamp(now));
    query.addBindValue(sqlTimestampOrNull(key.expiresAt));
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("create API key"), query.lastError());
    made.key.id = query.value(0).toLongLong();
    query.finish();
    if (Result<void> logged = AuditRepository(m_db).record(maker.agencyId, maker.userId, 0, audit::apiKeyCreated,
                                                           {{QStringLiteral("keyId"), made.key.id},
                                                            {QStringLiteral("name"), made.key.name},
                                                            {QStringLiteral("scopes"), QJsonArray::fromStringList(made.key.scopes)}});
        !logged.ok())
        return logged.error();
    return made;
}

Result<QList<agency::ApiKey>> ApiKeyRepository::list(qint64 agencyId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT k.id, k.name, k.prefix, k.scopes, k.created_by, u.email, k.created_at, k.expires_at, "
                                 "k.last_used_at, k.revoked_at FROM api_keys k JOIN users u ON u.id = k.created_by "
                                 "WHERE k.agency_id = ? ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.id DESC"));
    query.addBindValue(agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("list API keys"), query.lastError());
    QList<agency::ApiKey> keys;
    while (query.next()) {
        agency::ApiKey key;
        key.id = query.value(0).toLongLong();
        key.name = query.value(1).toString();
        key.prefix = query.value(2).toString();
        for (const QJsonValue &scope : QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array())
            key.scopes.append(scope.toString());
        key.createdBy = query.value(4).toLongLong();
        key.createdByEmail = query.value(5).toString();
        key.createdAt = dateTimeFromSql(query.value(6));
        key.expiresAt = dateTimeFromSql(query.value(7));
        key.lastUsedAt = dateTimeFromSql(query.value(8));
        key.revokedAt = dateTimeFromSql(query.value(9));
        keys.append(key);
    }
    return keys;
}

Result<void> ApiKeyRepository::revoke(const agency::Membership &revoker, qint64 keyId, const QDateTime &now)
{
    if (Result<void> allowed = revoker.require({agency::Permission::ManageApiKeys}); !allowed.ok())
        return allowed;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE agency_id = ? AND id = ? RETURNING name"));
    query.addBindValue(sqlTimestamp(now));
    query.addBindValue(revoker.agencyId);
    query.addBindValue(keyId);
    if (!query.exec())
        return storageError(QStringLiteral("revoke API key"), query.lastError());
    if (!query.next())
        return Error{ErrorCode::NotFound, QCoreApplication::translate("huntaze::ApiKeyRepository", "There is no such API key."), {}, {}};
    const QString name = query.value(0).toString();
    query.finish();
    return AuditRepository(m_db).record(revoker.agencyId, revoker.userId, 0, audit::apiKeyRevoked,
                                        {{QStringLiteral("keyId"), keyId}, {QStringLiteral("name"), name}});
}

Result<agency::Membership> ApiKeyRepository::enter(const QString &secret, const QDateTime &now)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT agency_id, key_id, key_name, scopes, created_by, expires_at, agency_name FROM huntaze_enter_api_key(?)"));
    query.addBindValue(sessiontoken::digest(secret));
    if (!query.exec())
        return storageError(QStringLiteral("find API key"), query.lastError());
    if (!query.next())
        return keyRefused(QStringLiteral("unknown or revoked API key"));
    const QDateTime expiresAt = dateTimeFromSql(query.value(5));
    if (expiresAt.isValid() && expiresAt <= now)
        return keyRefused(QStringLiteral("API key expired"));
    agency::Membership member;
    member.agencyId = query.value(0).toLongLong();
    member.apiKeyId = query.value(1).toLongLong();
    member.userId = query.value(4).toLongLong();
    member.agencyName = query.value(6).toString();
    member.sessionExpiresAt = expiresAt;
    QList<agency::ApiScope> scopes;
    for (const QJsonValue &id : QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array()) {
        if (const std::optional<agency::ApiScope> scope = agency::apiScopeFromId(id.toString()))
            scopes.append(*scope);
    }
    member.role = agency::roleForApiScopes(scopes);
    query.finish();
    return member;
}

} // namespace huntaze

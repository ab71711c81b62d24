#pragma once

#include "agency/permissions.h"
#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace huntaze::agency {

// What an API key may do. Each scope grants a fixed set of permissions on all
// of the agency's creators; no scope reaches the team, roles, keys, shifts or
// anyone's sessions (those need a person signed in).
enum class ApiScope { Read, Write, Ai };

QString apiScopeId(ApiScope scope); // "read", "write", "ai"
std::optional<ApiScope> apiScopeFromId(const QString &id);
QStringList apiScopeIds();
QString describe(ApiScope scope); // for the Team page
// The role a key with these scopes acts with.
Role roleForApiScopes(const QList<ApiScope> &scopes);

// A key as its agency's owners and admins see it: never its secret.
struct ApiKey {
    qint64 id = 0;
    QString name;
    QString prefix; // its first characters, "hzk_Ab12Cd34"
    QStringList scopes; // scope ids
    qint64 createdBy = 0;
    QString createdByEmail;
    QDateTime createdAt;
    QDateTime expiresAt; // invalid: never
    QDateTime lastUsedAt; // invalid: never used
    QDateTime revokedAt; // invalid: works

    QJsonObject toJson() const;
    static ApiKey fromJson(const QJsonObject &json);
};

// A key to make, checked: a name (1-100 characters), at least one known
// scope, and an expiry after `now` if any.
struct NewApiKey {
    QString name;
    QList<ApiScope> scopes;
    QDateTime expiresAt;

    static Result<NewApiKey> parse(const QJsonObject &json, const QDateTime &now);
    QJsonObject toJson() const;
};

namespace apikey {
inline constexpr QLatin1StringView marker{"hzk_"};
// A new secret: "hzk_" and 256 random bits (base64url); shown once.
QString generate();
// Whether a Bearer token is an API key rather than a session's access token.
bool looksLikeKey(const QString &token);
QString prefixOf(const QString &key);
} // namespace apikey

} // namespace huntaze::agency

#include "apikeys.h"

#include "auth/sessiontoken.h"
#include "domain/rules.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze::agency {

namespace {

struct Known {
    ApiScope scope;
    const char *id;
    const char *description;
    QList<Permission> permissions;
};

const Known known[] = {
    {ApiScope::Read,
     "read",
     QT_TRANSLATE_NOOP("huntaze::agency", "Read data (fans, offers, posts, drafts, earnings)"),
     {Permission::ViewDashboard, Permission::ViewFans, Permission::ViewEarnings, Permission::ExportData}},
    {ApiScope::Write,
     "write",
     QT_TRANSLATE_NOOP("huntaze::agency", "Write data (imports, drafts, creator profiles)"),
     {Permission::ImportData, Permission::ManageDrafts, Permission::EditCreatorProfile}},
    {ApiScope::Ai,
     "ai",
     QT_TRANSLATE_NOOP("huntaze::agency", "Use the AI tools (ideas, captions, messages, pricing)"),
     {Permission::UseIdeas, Permission::UseCaptions, Permission::WriteFanMessages, Permission::UsePricing}},
};

const Known &entry(ApiScope scope)
{
    for (const Known &candidate : known) {
        if (candidate.scope == scope)
            return candidate;
    }
    Q_UNREACHABLE();
}

QJsonValue instant(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QDateTime instantFrom(const QJsonValue &value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODate) : QDateTime();
}

} // namespace

QString apiScopeId(ApiScope scope)
{
    return QString::fromLatin1(entry(scope).id);
}

std::optional<ApiScope> apiScopeFromId(const QString &id)
{
    for (const Known &candidate : known) {
        if (id == QLatin1String(candidate.id))
            return candidate.scope;
    }
    return std::nullopt;
}

QStringList apiScopeIds()
{
    QStringList ids;
    for (const Known &candidate : known)
        ids.append(QString::fromLatin1(candidate.id));
    return ids;
}

QString describe(ApiScope scope)
{
    return QCoreApplication::translate("huntaze::agency", entry(scope).description);
}

Role roleForApiScopes(const QList<ApiScope> &scopes)
{
    QStringList permissions;
    for (const ApiScope scope : scopes) {
        for (const Permission permission : entry(scope).permissions)
            permissions.append(permissionId(permission));
    }
    // Only known, non-owner permissions: custom() cannot refuse these.
    return Role::custom(QCoreApplication::translate("huntaze::agency", "API key"), permissions, DataScope::AllCreators).value();
}

QJsonObject ApiKey::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("prefix"), prefix},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
            {QStringLiteral("createdBy"), createdBy},
            {QStringLiteral("createdByEmail"), createdByEmail},
            {QStringLiteral("createdAt"), instant(createdAt)},
            {QStringLiteral("expiresAt"), instant(expiresAt)},
            {QStringLiteral("lastUsedAt"), instant(lastUsedAt)},
            {QStringLiteral("revokedAt"), instant(revokedAt)}};
}

ApiKey ApiKey::fromJson(const QJsonObject &json)
{
    ApiKey key;
    key.id = json.value(QStringLiteral("id")).toInteger();
    key.name = json.value(QStringLiteral("name")).toString();
    key.prefix = json.value(QStringLiteral("prefix")).toString();
    for (const QJsonValue &scope : json.value(QStringLiteral("scopes")).toArray())
        key.scopes.append(scope.toString());
    key.createdBy = json.value(QStringLiteral("createdBy")).toInteger();
    key.createdByEmail = json.value(QStringLiteral("createdByEmail")).toString();
    key.createdAt = instantFrom(json.value(QStringLiteral("createdAt")));
    key.expiresAt = instantFrom(json.value(QStringLiteral("expiresAt")));
    key.lastUsedAt = instantFrom(json.value(QStringLiteral("lastUsedAt")));
    key.revokedAt = instantFrom(json.value(QStringLiteral("revokedAt")));
    return key;
}

Result<NewApiKey> NewApiKey::parse(const QJsonObject &json, const QDateTime &now)
{
    NewApiKey key;
    const Result<QString> name = jsonfield::optionalString(json, QStringLiteral("name"), 100);
    if (!name.ok())
        return name.error();
    key.name = name.value().trimmed();
    if (key.name.isEmpty())
        return Error::validation(QStringLiteral("name"),
                                 QCoreApplication::translate("huntaze::agency", "Name the key after what will use it."));
    const QJsonValue scopes = json.value(QStringLiteral("scopes"));
    const QString scopeList = apiScopeIds().join(QStringLiteral(", "));
    if (!scopes.isArray() || scopes.toArray().isEmpty() || scopes.toArray().size() > 3)
        return Error::validation(
            QStringLiteral("scopes"),
            QCoreApplication::translate("huntaze::agency", "Choose what the key may do: one or more of %1.").arg(scopeList));
    for (const QJsonValue &id : scopes.toArray()) {
        const std::optional<ApiScope> scope = id.isString() ? apiScopeFromId(id.toString()) : std::nullopt;
        if (!scope)
            return Error::validation(QStringLiteral("scopes"),
                                     QCoreApplication::translate("huntaze::agency", "Unknown scope; the scopes are %1.").arg(scopeList));
        if (!key.scopes.contains(*scope))
            key.scopes.append(*scope);
    }
    const QJsonValue expires = json.value(QStringLiteral("expiresAt"));
    if (!expires.isUndefined() && !expires.isNull()) {
        key.expiresAt = expires.isString() ? QDateTime::fromString(expires.toString(), Qt::ISODateWithMs) : QDateTime();
        if (!key.expiresAt.isValid() || key.expiresAt.timeSpec() == Qt::LocalTime)
            return Error::validation(
                QStringLiteral("expiresAt"),
                QCoreApplication::translate("huntaze::agency",
                                            "\"expiresAt\" must be an ISO 8601 instant with its offset, like 2027-01-31T00:00:00Z."));
        if (key.expiresAt <= now)
            return Error::validation(QStringLiteral("expiresAt"),
                                     QCoreApplication::translate("huntaze::agency", "Choose an expiry in the future, or none."));
        key.expiresAt = key.expiresAt.toUTC();
    }
    return key;
}

QJsonObject NewApiKey::toJson() const
{
    QJsonArray ids;
    for (const ApiScope scope : scopes)
        ids.append(apiScopeId(scope));
    QJsonObject json{{QStringLiteral("name"), name}, {QStringLiteral("scopes"), ids}};
    if (expiresAt.isValid())
        json.insert(QStringLiteral("expiresAt"), expiresAt.toUTC().toString(Qt::ISODate));
    return json;
}

namespace apikey {

QString generate()
{
    return marker + sessiontoken::generate();
}

bool looksLikeKey(const QString &token)
{
    return token.startsWith(marker);
}

QString prefixOf(const QString &key)
{
    return key.left(marker.size() + 8);
}

} // namespace apikey

} // namespace huntaze::agency

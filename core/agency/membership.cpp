#include "membership.h"

#include "domain/rules.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze::agency {

namespace {

struct PresetName {
    Preset preset;
    const char *id;
};
constexpr PresetName presetNames[] = {
    {Preset::Owner, "owner"},     {Preset::Admin, "admin"},   {Preset::Chatter, "chatter"},
    {Preset::Creator, "creator"}, {Preset::Custom, "custom"},
};

struct ScopeName {
    DataScope scope;
    const char *id;
};
constexpr ScopeName scopeNames[] = {
    {DataScope::AllCreators, "all"},
    {DataScope::AssignedCreators, "assigned"},
    {DataScope::OwnCreator, "own"},
};

} // namespace

QString presetId(Preset preset)
{
    for (const PresetName &name : presetNames) {
        if (name.preset == preset)
            return QString::fromLatin1(name.id);
    }
    Q_UNREACHABLE();
}

std::optional<Preset> presetFromId(const QString &id)
{
    for (const PresetName &name : presetNames) {
        if (id == QLatin1String(name.id))
            return name.preset;
    }
    return std::nullopt;
}

QString scopeId(DataScope scope)
{
    for (const ScopeName &name : scopeNames) {
        if (name.scope == scope)
            return QString::fromLatin1(name.id);
    }
    Q_UNREACHABLE();
}

std::optional<DataScope> scopeFromId(const QString &id)
{
    for (const ScopeName &name : scopeNames) {
        if (id == QLatin1String(name.id))
            return name.scope;
    }
    return std::nullopt;
}

Result<void> Membership::require(const QList<Permission> &anyOf) const
{
    for (const Permission permission : anyOf) {
        if (role.allows(permission))
            return Result<void>::success();
    }
    Q_ASSERT(anyOf.size() > 0);
    return Error{ErrorCode::Forbidden,
                 QCoreApplication::translate("huntaze::agency", "Your role (%1) does not include this: %2.")
                     .arg(role.name(), describe(anyOf.first())),
                 permissionId(anyOf.first()),
                 {}};
}

Result<MemberGrant> MemberGrant::parse(const QJsonObject &json)
{
    const Result<QString> role = jsonfield::requiredString(json, QStringLiteral("role"), 20);
    if (!role.ok())
        return role.error();
    const std::optional<Preset> preset = presetFromId(role.value());
    if (!preset)
        return Error::validation(
            QStringLiteral("role"),
            QCoreApplication::translate("huntaze::agency", "\"role\" must be owner, admin, chatter, creator or custom."));
    MemberGrant grant;
    grant.preset = *preset;
    constexpr qint64 maxId = Q_INT64_C(1) << 53; // what a JSON number holds exactly
    const Result<qint64> custom = jsonfield::optionalWholeNumber(json, QStringLiteral("customRole"), 1, maxId, 0);
    const Result<qint64> own = jsonfield::optionalWholeNumber(json, QStringLiteral("creator"), 1, maxId, 0);
    for (const Result<qint64> *field : {&custom, &own}) {
        if (!field->ok())
            return field->error();
    }
    grant.customRoleId = custom.value();
    grant.ownCreator = own.value();
    if (json.contains(QStringLiteral("creators"))) {
        const Result<QJsonArray> creators = jsonfield::requiredArray(json, QStringLiteral("creators"), 1000);
        if (!creators.ok())
            return creators.error();
        for (qsizetype i = 0; i < creators.value().size(); ++i) {
            const QJsonValue id = creators.value().at(i);
            const QString field = QStringLiteral("creators[%1]").arg(i);
            if (!id.isDouble())
                return Error::validation(field,
                                         QCoreApplication::translate("huntaze::agency", "A creator is given by its id (a whole number)."));
            const Result<qint64> whole = rules::wholeNumber(field, id.toDouble(), 1, maxId);
            if (!whole.ok())
                return whole.error();
            if (!grant.creators.contains(whole.value()))
                grant.creators.append(whole.value());
        }
    }
    if ((grant.preset == Preset::Custom) != (grant.customRoleId != 0))
        return Error::validation(QStringLiteral("customRole"),
                                 QCoreApplication::translate(
                                     "huntaze::agency", "A custom role is given by \"customRole\" (its id), with \"role\": \"custom\"."));
    if ((grant.preset == Preset::Creator) != (grant.ownCreator != 0))
        return Error::validation(
            QStringLiteral("creator"),
            QCoreApplication::translate("huntaze::agency", "A creator's login needs \"creator\": the id of their creator profile."));
    return grant;
}

QJsonObject MemberGrant::toJson() const
{
    QJsonObject json{{QStringLiteral("role"), presetId(preset)}};
    QJsonArray assigned;
    for (const qint64 id : creators)
        assigned.append(id);
    json.insert(QStringLiteral("creators"), assigned);
    if (customRoleId != 0)
        json.insert(QStringLiteral("customRole"), customRoleId);
    if (ownCreator != 0)
        json.insert(QStringLiteral("creator"), ownCreator);
    return json;
}

Result<void> checkGrant(const Membership &manager, const Role &granted, const std::optional<Role> &current)
{
    if (Result<void> allowed = manager.require({Permission::ManageMembers}); !allowed.ok())
        return allowed;
    if (manager.role.preset() == Preset::Owner)
        return Result<void>::success();
    const bool touchesOwner = granted.preset() == Preset::Owner || (current && current->preset() == Preset::Owner);
    if (touchesOwner)
        return Error{ErrorCode::Forbidden, QCoreApplication::translate("huntaze::agency", "Only an owner can make or change an owner."),
                     QStringLiteral("owner grant by non-owner"), QStringLiteral("role")};
    // Nobody hands out (or takes from someone) more than they hold themselves.
    for (const Role *role : {&granted, current ? &*current : nullptr}) {
        if (!role)
            continue;
        for (const Permission permission : allPermissions()) {
            if (role->allows(permission) && !manager.role.allows(permission))
                return Error{
                    ErrorCode::Forbidden,
                    QCoreApplication::translate("huntaze::agency", "You cannot give or change a role with more rights than yours (%1).")
                        .arg(describe(permission)),
                    QStringLiteral("grant beyond own rights"), QStringLiteral("role")};
        }
    }
    return Result<void>::success();
}

Error creatorNotVisible()
{
    return Error{ErrorCode::Forbidden,
                 QCoreApplication::translate("huntaze::agency", "You do not work with this creator. Ask an owner or admin of the agency."),
                 QStringLiteral("creator not visible to member"), QStringLiteral("creator")};
}

} // namespace huntaze::agency

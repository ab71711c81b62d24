#include "membership.h"

#include <QCoreApplication>

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

Result<void> Membership::require(std::initializer_list<Permission> anyOf) const
{
    for (const Permission permission : anyOf) {
        if (role.allows(permission))
            return Result<void>::success();
    }
    Q_ASSERT(anyOf.size() > 0);
    return Error{ErrorCode::Forbidden,
                 QCoreApplication::translate("huntaze::agency", "Your role (%1) does not include this: %2.")
                     .arg(role.name(), describe(*anyOf.begin())),
                 permissionId(*anyOf.begin()),
                 {}};
}

Error creatorNotVisible()
{
    return Error{ErrorCode::Forbidden,
                 QCoreApplication::translate("huntaze::agency", "You do not work with this creator. Ask an owner or admin of the agency."),
                 QStringLiteral("creator not visible to member"), QStringLiteral("creator")};
}

} // namespace huntaze::agency

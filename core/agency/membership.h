#pragma once

#include "agency/permissions.h"
#include "common/result.h"
#include "domain/creator.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>

#include <optional>

#include <initializer_list>

namespace huntaze::agency {

// Stable ids stored in members.role and sent over the API.
QString presetId(Preset preset); // "owner", "admin", "chatter", "creator", "custom"
std::optional<Preset> presetFromId(const QString &id);
QString scopeId(DataScope scope); // "all", "assigned", "own"
std::optional<DataScope> scopeFromId(const QString &id);

// Who is acting: one login inside one agency, with its role and data scope.
struct Membership {
    qint64 userId = 0;
    qint64 agencyId = 0;
    QString agencyName;
    Role role;
    QSet<qint64> assignedCreators; // for a scope of assigned creators
    qint64 ownCreator = 0; // for a creator's own login
    // When the look-up that found the member also found them (PostgreSQL's
    // huntaze_enter_session): the active creators they see, oldest first, and
    // their login. Saves a query per request.
    std::optional<QList<qint64>> activeCreators;
    // With their profiles, when asked for (the /api/me look-up).
    std::optional<QList<Creator>> creators;
    QString email;
    QDateTime createdAt;
    QDateTime sessionExpiresAt; // of the access token (or API key) it was found by; invalid: never
    qint64 apiKeyId = 0; // an API key acting for the agency (userId: who made it), not a person

    bool canSee(qint64 creatorId) const { return role.canSeeCreator(creatorId, assignedCreators, ownCreator); }
    // Forbidden, naming the role and what it lacks, unless the role allows
    // at least one of `anyOf`.
    Result<void> require(const QList<Permission> &anyOf) const;
};

// The rows one request works on: one creator of one agency, for one member.
struct CreatorScope {
    qint64 agencyId = 0;
    qint64 creatorId = 0;
    qint64 userId = 0; // who acts (drafts keep their author)
};

// A role given to a member, when inviting them or changing theirs: a preset
// (or a custom role by id), the creator profile a creator's login is, and the
// creators assigned to a member whose scope is "assigned".
struct MemberGrant {
    Preset preset = Preset::Chatter;
    qint64 customRoleId = 0; // Preset::Custom
    qint64 ownCreator = 0; // Preset::Creator
    QList<qint64> creators; // assigned creators

    // From a client: {"role": "chatter", "creators": [3, 4]},
    // {"role": "creator", "creator": 3}, {"role": "custom", "customRole": 2}.
    static Result<MemberGrant> parse(const QJsonObject &json);
    QJsonObject toJson() const;
};

// Whether `manager` may give `granted` (the role `grant` names) to someone
// whose current role is `current` (nothing for a new member): managing
// members is needed, and only owners make or touch owners.
Result<void> checkGrant(const Membership &manager, const Role &granted, const std::optional<Role> &current);

// The error for a creator the member may not see: the same whether it is
// another agency's, not assigned, or does not exist, so ids reveal nothing.
Error creatorNotVisible();

} // namespace huntaze::agency

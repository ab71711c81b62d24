#include "agencyrepository.h"

#include "domain/credentials.h"

#include "logging/logging.h"

#include "storage/auditrepository.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

namespace huntaze {

using agency::CreatorScope;
using agency::Membership;

namespace {

QString platformsToJson(const QStringList &platforms)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(platforms)).toJson(QJsonDocument::Compact));
}

QStringList stringsFromJson(const QString &json)
{
    QStringList strings;
    for (const auto &value : QJsonDocument::fromJson(json.toUtf8()).array())
        strings.append(value.toString());
    return strings;
}

const QString profileColumns = QStringLiteral("display_name, niche, audience, tone, platforms, time_zone");

// In the order of profileColumns.
void bindProfile(QSqlQuery &query, const Profile &profile)
{
    query.addBindValue(sqlText(profile.displayName));
    query.addBindValue(sqlText(profile.niche));
    query.addBindValue(sqlText(profile.audience));
    query.addBindValue(sqlText(profile.tone));
    query.addBindValue(platformsToJson(profile.platforms));
    query.addBindValue(sqlText(profile.timeZone));
}

Profile profileFrom(const QSqlQuery &row, int first)
{
    Profile profile;
    profile.displayName = row.value(first).toString();
    profile.niche = row.value(first + 1).toString();
    profile.audience = row.value(first + 2).toString();
    profile.tone = row.value(first + 3).toString();
    profile.platforms = stringsFromJson(row.value(first + 4).toString());
    profile.timeZone = row.value(first + 5).toString();
    return profile;
}

// A PostgreSQL array as text: "{3,7}".
QList<qint64> idsFromArray(const QString &array)
{
    QList<qint64> ids;
    for (const QString &id : QStringView(array).mid(1, qMax(qsizetype(0), array.size() - 2)).toString().split(u',', Qt::SkipEmptyParts))
        ids.append(id.toLongLong());
    return ids;
}

// What a membership is made of; `m` members, `a` agencies, `r` custom_roles.
const QString membershipColumns = QStringLiteral("m.user_id, m.agency_id, a.name, m.role, m.own_creator_id, r.name, r.permissions, r.scope "
                                                 "FROM members m JOIN agencies a ON a.id = m.agency_id "
                                                 "LEFT JOIN custom_roles r ON r.agency_id = m.agency_id AND r.id = m.custom_role_id ");

Error notAMember()
{
    return Error{ErrorCode::Unauthorized,
                 QCoreApplication::translate("huntaze::AgencyRepository",
                                             "You are no longer a member of this agency. Sign in again, or ask its owner."),
                 QStringLiteral("no membership"),
                 {}};
}

} // namespace

Result<qint64> AgencyRepository::createAgencyOfOne(qint64 userId, const QString &name, const Profile &profile, const QString &createdAt)
{
    QSqlQuery query(m_db);
    qint64 agencyId = 0;
    if (isPostgres()) {
        // The id first: row-level security lets the new rows in only once the
        // transaction acts inside that agency.
        if (!query.exec(QStringLiteral("SELECT nextval(pg_get_serial_sequence('agencies', 'id'))")) || !query.next())
            return storageError(QStringLiteral("reserve agency id"), query.lastError());
        agencyId = query.value(0).toLongLong();
        query.finish();
        if (Result<void> entered = enterAs(userId, agencyId, QStringLiteral("all")); !entered.ok())
            return entered.error();
        query.prepare(QStringLiteral("INSERT INTO agencies (id, name, created_at) VALUES (?, ?, ?)"));
        query.addBindValue(agencyId);
        query.addBindValue(sqlText(name));
        query.addBindValue(createdAt);
        if (!query.exec())
            return storageError(QStringLiteral("insert agency"), query.lastError());
    } else {
        query.prepare(QStringLiteral("INSERT INTO agencies (name, created_at) VALUES (?, ?) RETURNING id"));
        query.addBindValue(sqlText(name));
        query.addBindValue(createdAt);
        if (!query.exec() || !query.next())
            return storageError(QStringLiteral("insert agency"), query.lastError());
        agencyId = query.value(0).toLongLong();
        query.finish();
    }

    if (Result<qint64> creator = insertCreator(agencyId, profile, createdAt); !creator.ok())
        return creator.error();

    query.prepare(QStringLiteral("INSERT INTO members (agency_id, user_id, role, joined_at) VALUES (?, ?, 'owner', ?)"));
    query.addBindValue(agencyId);
    query.addBindValue(userId);
    query.addBindValue(createdAt);
    if (!query.exec())
        return storageError(QStringLiteral("insert owner"), query.lastError());
    return agencyId;
}

Result<qint64> AgencyRepository::insertCreator(qint64 agencyId, const Profile &profile, const QString &createdAt)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO creators (agency_id, ") + profileColumns
                  + QStringLiteral(", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(agencyId);
    bindProfile(query, profile);
    query.addBindValue(createdAt);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("insert creator"), query.lastError());
    return query.value(0).toLongLong();
}

Result<qint64> AgencyRepository::defaultAgencyOf(qint64 userId)
{
    if (Result<void> entered = enterAs(userId, 0); !entered.ok())
        return entered.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT agency_id FROM members WHERE user_id = ? ORDER BY joined_at, agency_id LIMIT 1"));
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("find agency"), query.lastError());
    if (!query.next())
        return notAMember();
    return query.value(0).toLongLong();
}

Result<Membership> AgencyRepository::membershipFrom(QSqlQuery &query, int assignedColumn)
{
    if (!query.next())
        return notAMember();
    Membership member;
    member.userId = query.value(0).toLongLong();
    member.agencyId = query.value(1).toLongLong();
    member.agencyName = query.value(2).toString();
    const std::optional<agency::Preset> preset = agency::presetFromId(query.value(3).toString());
    member.ownCreator = query.value(4).toLongLong();
    if (!preset)
        return storageError(QStringLiteral("read membership"), QSqlError(QStringLiteral("unknown role ") + query.value(3).toString()));
    if (*preset == agency::Preset::Custom) {
        const std::optional<agency::DataScope> scope = agency::scopeFromId(query.value(7).toString());
        Result<agency::Role> custom = agency::Role::custom(query.value(5).toString(), stringsFromJson(query.value(6).toString()),
                                                           scope.value_or(agency::DataScope::AssignedCreators));
        if (!custom.ok())
            return storageError(QStringLiteral("read custom role"), QSqlError(custom.error().message));
        member.role = custom.value();
    } else {
        member.role = agency::Role::preset(*preset);
    }
    if (assignedColumn >= 0) {
        for (const qint64 id : idsFromArray(query.value(assignedColumn).toString()))
            member.assignedCreators.insert(id);
        // huntaze_enter_session: the login and the active creators follow.
        member.email = query.value(assignedColumn + 1).toString();
        member.createdAt = dateTimeFromSql(query.value(assignedColumn + 2));
        member.activeCreators = idsFromArray(query.value(assignedColumn + 3).toString());
        if (!query.value(assignedColumn + 4).isNull()) {
            QList<Creator> creators;
            for (const QJsonValue &json : QJsonDocument::fromJson(query.value(assignedColumn + 4).toString().toUtf8()).array()) {
                const QJsonObject object = json.toObject();
                creators.append(Creator{object.value(QStringLiteral("id")).toInteger(), Profile::fromJson(object)});
            }
            member.creators = creators;
        }
        member.sessionExpiresAt = dateTimeFromSql(query.value(assignedColumn + 5));
        query.finish();
        return member;
    }
    query.finish();
    if (member.role.scope() == agency::DataScope::AssignedCreators) {
        QSqlQuery assigned(m_db);
        assigned.prepare(QStringLiteral("SELECT creator_id FROM member_creators WHERE agency_id = ? AND user_id = ?"));
        assigned.addBindValue(member.agencyId);
        assigned.addBindValue(member.userId);
        if (!assigned.exec())
            return storageError(QStringLiteral("read assigned creators"), assigned.lastError());
        while (assigned.next())
            member.assignedCreators.insert(assigned.value(0).toLongLong());
    }
    return member;
}

Result<Membership> AgencyRepository::membership(qint64 agencyId, qint64 userId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + membershipColumns + QStringLiteral("WHERE m.agency_id = ? AND m.user_id = ?"));
    query.addBindValue(agencyId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("read membership"), query.lastError());
    return membershipFrom(query);
}

Result<Membership> AgencyRepository::membershipForSession(const QByteArray &tokenDigest, bool touch, const QDateTime &now)
{
    QSqlQuery query(m_db);
    // On PostgreSQL nobody is known yet, so row-level security shows no row:
    // a function running as the tables' owner returns this one session's
    // member and enters as them, in one round trip (0008_enter_session.sql).
    if (isPostgres()) {
        query.prepare(QStringLiteral(
            "SELECT user_id, agency_id, agency_name, role, own_creator_id, custom_name, custom_permissions, "
            "custom_scope, assigned, email, created_at, active_creators, creators, expires_at FROM huntaze_enter_session(?, ?)"));
        query.addBindValue(tokenDigest);
        query.addBindValue(touch);
    } else {
        query.prepare(QStringLiteral("SELECT ") + membershipColumns
                      + QStringLiteral("JOIN sessions s ON s.agency_id = m.agency_id AND s.user_id = m.user_id WHERE s.token_digest = ?"));
        query.addBindValue(tokenDigest);
        if (touch) {
            // At most one write a minute per session: a server answering /api/me for
            // every window of every creator must not turn each read into a commit.
            QSqlQuery stamp(m_db);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            stamp.prepare(QStringLiteral("UPDATE sessions SET last_used_at = ? WHERE token_digest = ? AND last_used_at < ?"));
            stamp.addBindValue(sqlTimestamp(now));
            stamp.addBindValue(tokenDigest);
            stamp.addBindValue(sqlTimestamp(now.addSecs(-60)));
            if (!stamp.exec())
                return storageError(QStringLiteral("touch session"), stamp.lastError());
        }
    }
    if (!query.exec())
        return storageError(QStringLiteral("find session"), query.lastError());
    const Error ended{ErrorCode::Unauthorized,
                      QCoreApplication::translate("huntaze::AccountRepository", "Your session has ended. Please sign in again."),
                      {},
                      {}};
    Result<Membership> member = membershipFrom(query, isPostgres() ? 8 : -1);
    if (!member.ok() && member.error().code == ErrorCode::Unauthorized)
        return ended;
    if (!member.ok() || !now.isValid())
        return member;
    if (!isPostgres()) {
        QSqlQuery expiry(m_db);
        expiry.prepare(QStringLiteral("SELECT expires_at FROM sessions WHERE token_digest = ?"));
        expiry.addBindValue(tokenDigest);
        if (!expiry.exec() || !expiry.next())
            return storageError(QStringLiteral("read session expiry"), expiry.lastError());
        member.value().sessionExpiresAt = dateTimeFromSql(expiry.value(0));
    }
    // Expired access tokens are refreshed by the client (POST /api/auth/refresh).
    if (member.value().sessionExpiresAt.isValid() && member.value().sessionExpiresAt <= now)
        return Error{ErrorCode::Unauthorized,
                     QCoreApplication::translate("huntaze::AccountRepository", "Your session has expired. Please sign in again."),
                     QStringLiteral("access token expired"),
                     {}};
    return member;
}

Result<void> AgencyRepository::enter(const Membership &member)
{
    QString creators;
    switch (member.role.scope()) {
    case agency::DataScope::AllCreators: creators = QStringLiteral("all"); break;
    case agency::DataScope::AssignedCreators: {
        QStringList ids;
        for (const qint64 id : member.assignedCreators)
            ids.append(QString::number(id));
        creators = ids.join(u',');
        break;
    }
    case agency::DataScope::OwnCreator: creators = QString::number(member.ownCreator); break;
    }
    return enterAs(member.userId, member.agencyId, creators);
}

Result<void> AgencyRepository::enterAs(qint64 userId, qint64 agencyId, const QString &creators)
{
    if (!isPostgres())
        return Result<void>::success();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT set_config('huntaze.user_id', ?, true), set_config('huntaze.agency_id', ?, true), "
                                 "set_config('huntaze.creators', ?, true)"));
    query.addBindValue(QString::number(userId));
    query.addBindValue(agencyId != 0 ? QString::number(agencyId) : QString(QLatin1String("")));
    query.addBindValue(creators.isNull() ? QString(QLatin1String("")) : creators);
    if (!query.exec())
        return storageError(QStringLiteral("enter agency"), query.lastError());
    return Result<void>::success();
}

Result<QHash<QString, qint64>> AgencyRepository::memberIdsByEmail(qint64 agencyId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT u.email, m.user_id FROM members m JOIN users u ON u.id = m.user_id WHERE m.agency_id = ?"));
    query.addBindValue(agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("list member emails"), query.lastError());
    QHash<QString, qint64> members;
    while (query.next())
        members.insert(credentials::normalizeEmail(query.value(0).toString()), query.value(1).toLongLong());
    return members;
}

Result<QList<Creator>> AgencyRepository::visibleCreators(const Membership &member)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, ") + profileColumns
                  + QStringLiteral(" FROM creators WHERE agency_id = ? AND archived_at IS NULL ORDER BY id"));
    query.addBindValue(member.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("list creators"), query.lastError());
    QList<Creator> creators;
    while (query.next()) {
        Creator creator;
        creator.id = query.value(0).toLongLong();
        if (!member.canSee(creator.id))
            continue;
        creator.profile = profileFrom(query, 1);
        creators.append(creator);
    }
    return creators;
}

Result<CreatorScope> AgencyRepository::scopeFor(const Membership &member, qint64 creatorId)
{
    if (creatorId != 0 && !member.canSee(creatorId))
        return agency::creatorNotVisible();
    if (member.activeCreators) {
        const QList<qint64> &active = *member.activeCreators;
        if (creatorId == 0 && !active.isEmpty())
            return CreatorScope{member.agencyId, active.first(), member.userId};
        if (creatorId == 0 || !active.contains(creatorId))
            return agency::creatorNotVisible();
        return CreatorScope{member.agencyId, creatorId, member.userId};
    }
    QSqlQuery query(m_db);
    // The named creator if it is active; else the member's first one.
    if (creatorId != 0) {
        query.prepare(QStringLiteral("SELECT id FROM creators WHERE agency_id = ? AND id = ? AND archived_at IS NULL"));
        query.addBindValue(member.agencyId);
        query.addBindValue(creatorId);
        if (!query.exec())
            return storageError(QStringLiteral("find creator"), query.lastError());
        if (!query.next())
            return agency::creatorNotVisible();
        return CreatorScope{member.agencyId, creatorId, member.userId};
    }
    const Result<QList<Creator>> creators = visibleCreators(member);
    if (!creators.ok())
        return creators.error();
    if (creators.value().isEmpty())
        return agency::creatorNotVisible();
    return CreatorScope{member.agencyId, creators.value().first().id, member.userId};
}

Result<Creator> AgencyRepository::addCreator(const Membership &member, const Profile &profile)
{
    if (Result<void> allowed = member.require({agency::Permission::ManageCreators}); !allowed.ok())
        return allowed.error();
    const Result<qint64> id = insertCreator(member.agencyId, profile, sqlTimestamp(QDateTime::currentDateTimeUtc()));
    if (!id.ok())
        return id.error();
    if (Result<void> logged = AuditRepository(m_db).record(member.agencyId, member.userId, id.value(), audit::creatorAdded,
                                                           {{QStringLiteral("name"), profile.displayName}});
        !logged.ok())
        return logged.error();
    return Creator{id.value(), profile};
}

Result<void> AgencyRepository::archiveCreator(const Membership &member, qint64 creatorId)
{
    if (Result<void> allowed = member.require({agency::Permission::ManageCreators}); !allowed.ok())
        return allowed;
    if (!member.canSee(creatorId))
        return agency::creatorNotVisible();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE creators SET archived_at = ? WHERE agency_id = ? AND id = ? AND archived_at IS NULL"));
    query.addBindValue(sqlTimestamp(QDateTime::currentDateTimeUtc()));
    query.addBindValue(member.agencyId);
    query.addBindValue(creatorId);
    if (!query.exec())
        return storageError(QStringLiteral("archive creator"), query.lastError());
    if (query.numRowsAffected() != 1)
        return agency::creatorNotVisible();
    return AuditRepository(m_db).record(member.agencyId, member.userId, creatorId, audit::creatorArchived);
}

Result<void> AgencyRepository::deleteAgency(const Membership &owner, const QString &typedName)
{
    if (Result<void> allowed = owner.require({agency::Permission::DeleteAgency}); !allowed.ok())
        return allowed;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT name FROM agencies WHERE id = ?"));
    query.addBindValue(owner.agencyId);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("read agency"), query.lastError());
    const QString name = query.value(0).toString();
    if (typedName.trimmed() != name.trimmed())
        return Error::validation(
            QStringLiteral("confirm"),
            QCoreApplication::translate("huntaze::AgencyRepository", "Type the agency's name, %1, to delete it.").arg(name));
    query.finish();
    // Every row of the agency references it (ON DELETE CASCADE).
    query.prepare(QStringLiteral("DELETE FROM agencies WHERE id = ?"));
    query.addBindValue(owner.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("delete agency"), query.lastError());
    if (query.numRowsAffected() != 1)
        return storageError(QStringLiteral("delete agency"), QSqlError(QStringLiteral("no agency row deleted")));
    qCInfo(lcStorage).noquote() << "agency" << owner.agencyId << "deleted by its owner" << owner.userId;
    return Result<void>::success();
}

Result<Profile> AgencyRepository::profileOf(const CreatorScope &scope)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + profileColumns + QStringLiteral(" FROM creators WHERE agency_id = ? AND id = ?"));
    query.addBindValue(scope.agencyId);
    query.addBindValue(scope.creatorId);
    if (!query.exec())
        return storageError(QStringLiteral("read creator profile"), query.lastError());
    if (!query.next())
        return agency::creatorNotVisible();
    return profileFrom(query, 0);
}

Result<void> AgencyRepository::updateCreatorProfile(const CreatorScope &scope, const Profile &profile)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE creators SET display_name = ?, niche = ?, audience = ?, tone = ?, platforms = ?, "
                                 "time_zone = ?, updated_at = ? WHERE agency_id = ? AND id = ? AND archived_at IS NULL"));
    bindProfile(query, profile);
    query.addBindValue(sqlTimestamp(QDateTime::currentDateTimeUtc()));
    query.addBindValue(scope.agencyId);
    query.addBindValue(scope.creatorId);
    if (!query.exec())
        return storageError(QStringLiteral("update creator profile"), query.lastError());
    if (query.numRowsAffected() != 1)
        return agency::creatorNotVisible();
    return AuditRepository(m_db).record(scope.agencyId, scope.userId, scope.creatorId, audit::profileChanged);
}

Result<User> AgencyRepository::describe(User user, const Membership &member, qint64 creatorId)
{
    if (member.creators)
        return describeWithCreators(std::move(user), member, creatorId);
    const Result<QList<Creator>> creators = visibleCreators(member);
    if (!creators.ok())
        return creators.error();
    Membership withCreators = member;
    withCreators.creators = creators.value();
    return describeWithCreators(std::move(user), withCreators, creatorId);
}

User AgencyRepository::userOf(const Membership &member, qint64 creatorId)
{
    User user;
    user.id = member.userId;
    user.email = member.email;
    user.createdAt = member.createdAt;
    return describeWithCreators(user, member, creatorId);
}

User AgencyRepository::describeWithCreators(User user, const Membership &member, qint64 creatorId)
{
    Q_ASSERT(member.creators);
    user.agencyId = member.agencyId;
    user.agencyName = member.agencyName;
    user.role = agency::presetId(member.role.preset());
    user.roleName = member.role.name();
    user.permissions = member.role.permissionIds();
    user.creators = member.creators.value_or(QList<Creator>());
    user.creatorId = 0;
    user.profile = Profile();
    for (const Creator &creator : user.creators) {
        if (user.creatorId == 0 || creator.id == creatorId) {
            user.creatorId = creator.id;
            user.profile = creator.profile;
        }
    }
    return user;
}

} // namespace huntaze

#include "syncrepository.h"

#include "storage/creatorset.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {

const QString conflictColumns = QStringLiteral("id, draft_id, creator_id, COALESCE(author_id, 0), fields, conflicting, version, resolved");

DraftConflict conflictFrom(const QSqlQuery &query)
{
    DraftConflict conflict;
    conflict.id = query.value(0).toString();
    conflict.draftId = query.value(1).toString();
    conflict.creatorId = query.value(2).toLongLong();
    conflict.authorId = query.value(3).toLongLong();
    conflict.fields = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
    for (const QJsonValue &name : QJsonDocument::fromJson(query.value(5).toString().toUtf8()).array())
        conflict.conflicting.append(name.toString());
    conflict.version = query.value(6).toLongLong();
    conflict.resolved = query.value(7).toBool();
    return conflict;
}

} // namespace

QJsonObject SyncRejection::toJson() const
{
    return {{QStringLiteral("mutationId"), mutationId}, {QStringLiteral("entity"), entity},
            {QStringLiteral("entityId"), entityId},     {QStringLiteral("code"), code},
            {QStringLiteral("reason"), reason},         {QStringLiteral("version"), version}};
}

SyncRejection SyncRejection::fromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("mutationId")).toInteger(), json.value(QStringLiteral("entity")).toString(),
            json.value(QStringLiteral("entityId")).toString(),    json.value(QStringLiteral("code")).toString(),
            json.value(QStringLiteral("reason")).toString(),      json.value(QStringLiteral("version")).toInteger()};
}

Result<qint64> SyncRepository::nextVersion()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO sync_counters (agency_id, version) VALUES (?, 1) "
                                 "ON CONFLICT (agency_id) DO UPDATE SET version = sync_counters.version + 1 RETURNING version"));
    query.addBindValue(m_agencyId);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("take a sync version"), query.lastError());
    return query.value(0).toLongLong();
}

Result<qint64> SyncRepository::currentVersion()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT version FROM sync_counters WHERE agency_id = ?"));
    query.addBindValue(m_agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("read the sync version"), query.lastError());
    return query.next() ? query.value(0).toLongLong() : 0;
}

Result<qint64> SyncRepository::lockClient(const QString &clientId, qint64 userId, const QDateTime &now)
{
    QSqlQuery add(m_db);
    add.prepare(QStringLiteral("INSERT INTO sync_clients (agency_id, client_id, user_id, last_mutation_id, created_at) "
                               "VALUES (?, ?, ?, 0, ?) ON CONFLICT (agency_id, client_id) DO NOTHING"));
    add.addBindValue(m_agencyId);
    add.addBindValue(clientId);
    add.addBindValue(userId);
    add.addBindValue(sqlTimestamp(now));
    if (!add.exec())
        return storageError(QStringLiteral("register sync client"), add.lastError());
    QSqlQuery lock(m_db);
    // SQLite has one writer at a time already.
    lock.prepare(QStringLiteral("SELECT user_id, last_mutation_id FROM sync_clients WHERE agency_id = ? AND client_id = ?")
                 + (isPostgres() ? QStringLiteral(" FOR UPDATE") : QString()));
    lock.addBindValue(m_agencyId);
    lock.addBindValue(clientId);
    if (!lock.exec() || !lock.next())
        return storageError(QStringLiteral("lock sync client"), lock.lastError());
    if (lock.value(0).toLongLong() != userId)
        return Error{ErrorCode::Forbidden,
                     QCoreApplication::translate("huntaze::SyncRepository",
                                                 "This device's id belongs to another member. Sign in again on it to sync."),
                     {},
                     QStringLiteral("clientId")};
    return lock.value(1).toLongLong();
}

Result<void> SyncRepository::setLastMutation(const QString &clientId, qint64 mutationId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE sync_clients SET last_mutation_id = ? WHERE agency_id = ? AND client_id = ?"));
    query.addBindValue(mutationId);
    query.addBindValue(m_agencyId);
    query.addBindValue(clientId);
    if (!query.exec())
        return storageError(QStringLiteral("advance sync client"), query.lastError());
    return Result<void>::success();
}

Result<qint64> SyncRepository::lastMutation(const QString &clientId, qint64 userId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT last_mutation_id FROM sync_clients WHERE agency_id = ? AND client_id = ? AND user_id = ?"));
    query.addBindValue(m_agencyId);
    query.addBindValue(clientId);
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("read sync client"), query.lastError());
    return query.next() ? query.value(0).toLongLong() : 0;
}

Result<void> SyncRepository::reject(const QString &clientId, const SyncRejection &rejection, const QDateTime &now)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO sync_rejections (agency_id, client_id, mutation_id, entity, entity_id, code, reason, "
                                 "version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(m_agencyId);
    query.addBindValue(clientId);
    query.addBindValue(rejection.mutationId);
    query.addBindValue(sqlText(rejection.entity));
    query.addBindValue(sqlText(rejection.entityId));
    query.addBindValue(rejection.code);
    query.addBindValue(sqlText(rejection.reason));
    query.addBindValue(rejection.version);
    query.addBindValue(sqlTimestamp(now));
    if (!query.exec())
        return storageError(QStringLiteral("record sync rejection"), query.lastError());
    return Result<void>::success();
}

Result<QList<SyncRejection>> SyncRepository::rejectionsAfter(const QString &clientId, qint64 version)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT mutation_id, entity, entity_id, code, reason, version FROM sync_rejections "
                                 "WHERE agency_id = ? AND client_id = ? AND version > ? ORDER BY mutation_id"));
    query.addBindValue(m_agencyId);
    query.addBindValue(clientId);
    query.addBindValue(version);
    if (!query.exec())
        return storageError(QStringLiteral("list sync rejections"), query.lastError());
    QList<SyncRejection> rejections;
    while (query.next())
        rejections.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(), query.value(3).toString(),
                           query.value(4).toString(), query.value(5).toLongLong()});
    return rejections;
}

Result<void> SyncRepository::addConflict(const DraftConflict &conflict, const QDateTime &now)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO draft_conflicts (agency_id, id, draft_id, creator_id, author_id, fields, conflicting, "
                                 "version, resolved, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(m_agencyId);
    query.addBindValue(conflict.id);
    query.addBindValue(conflict.draftId);
    query.addBindValue(conflict.creatorId);
    query.addBindValue(conflict.authorId != 0 ? QVariant(conflict.authorId) : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(sqlJson(conflict.fields));
    query.addBindValue(sqlJson(conflict.conflicting));
    query.addBindValue(conflict.version);
    query.addBindValue(conflict.resolved);
    query.addBindValue(sqlTimestamp(now));
    if (!query.exec())
        return storageError(QStringLiteral("keep draft conflict"), query.lastError());
    return Result<void>::success();
}

Result<std::optional<DraftConflict>> SyncRepository::findConflict(const QString &id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + conflictColumns + QStringLiteral(" FROM draft_conflicts WHERE agency_id = ? AND id = ?"));
    query.addBindValue(m_agencyId);
    query.addBindValue(id);
    if (!query.exec())
        return storageError(QStringLiteral("find draft conflict"), query.lastError());
    if (!query.next())
        return std::optional<DraftConflict>();
    return std::optional<DraftConflict>(conflictFrom(query));
}

Result<void> SyncRepository::resolveConflict(const QString &id, qint64 version)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE draft_conflicts SET resolved = ?, version = ? WHERE agency_id = ? AND id = ?"));
    query.addBindValue(true);
    query.addBindValue(version);
    query.addBindValue(m_agencyId);
    query.addBindValue(id);
    if (!query.exec())
        return storageError(QStringLiteral("resolve draft conflict"), query.lastError());
    return Result<void>::success();
}

Result<QList<DraftConflict>> SyncRepository::conflictsAfter(const QList<qint64> &creatorIds, qint64 version)
{
    const CreatorSet creators{m_agencyId, creatorIds};
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + conflictColumns + QStringLiteral(" FROM draft_conflicts WHERE ") + creators.condition()
                  + QStringLiteral(" AND version > ? ORDER BY version"));
    creators.bind(query);
    query.addBindValue(version);
    if (!query.exec())
        return storageError(QStringLiteral("list draft conflicts"), query.lastError());
    QList<DraftConflict> conflicts;
    while (query.next())
        conflicts.append(conflictFrom(query));
    return conflicts;
}

} // namespace huntaze

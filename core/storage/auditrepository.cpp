#include "auditrepository.h"

#include "storage/agencyrepository.h"
#include "storage/sqlworker.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {
QVariant idOrNull(qint64 id)
{
    return id != 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}
} // namespace

Result<void> AuditRepository::record(qint64 agencyId, qint64 actorId, qint64 creatorId, const QString &action, const QJsonObject &detail)
{
    return recordAll(agencyId, actorId, {{creatorId, action, detail}});
}

Result<void> AuditRepository::recordAll(qint64 agencyId, qint64 actorId, const QList<Record> &records)
{
    const QString at = sqlTimestamp(QDateTime::currentDateTimeUtc());
    constexpr qsizetype perStatement = 100; // 700 values, far below either database's limit
    for (qsizetype first = 0; first < records.size(); first += perStatement) {
        const QList<Record> some = records.mid(first, perStatement);
        const QStringList rows(some.size(), QStringLiteral("(?, ?, ?, COALESCE((SELECT email FROM users WHERE id = ?), ''), ?, ?, ?)"));
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("INSERT INTO audit_log (agency_id, at, actor_id, actor_email, creator_id, action, detail) VALUES ")
                      + rows.join(u','));
        for (const Record &entry : some) {
            query.addBindValue(agencyId);
            query.addBindValue(at);
            query.addBindValue(idOrNull(actorId));
            query.addBindValue(actorId);
            query.addBindValue(idOrNull(entry.creatorId));
            query.addBindValue(entry.action);
            query.addBindValue(sqlJson(entry.detail));
        }
        if (!query.exec())
            return storageError(QStringLiteral("record audit entry"), query.lastError());
    }
    return Result<void>::success();
}

Result<void> AuditRepository::recordClientEvent(const agency::Membership &member, qint64 creatorId, const ClientEvent &event)
{
    if (Result<void> allowed = member.require({event.permission()}); !allowed.ok())
        return allowed;
    const Result<agency::CreatorScope> scope = AgencyRepository(m_db).scopeFor(member, creatorId);
    if (!scope.ok())
        return scope.error();
    QJsonObject detail = event.toJson();
    detail.remove(QStringLiteral("action"));
    return record(member.agencyId, member.userId, scope.value().creatorId, event.action, detail);
}

Result<QList<AuditEntry>> AuditRepository::entries(const agency::Membership &viewer, const AuditFilter &filter)
{
    if (Result<void> allowed = viewer.require({agency::Permission::ViewAuditLog}); !allowed.ok())
        return allowed.error();
    QString sql = QStringLiteral("SELECT id, at, actor_id, actor_email, creator_id, action, detail FROM audit_log WHERE agency_id = ?");
    QVariantList values{viewer.agencyId};
    // Members who do not see every creator read only the entries about theirs.
    const bool wholeAgency = viewer.role.scope() == agency::DataScope::AllCreators;
    if (!wholeAgency)
        sql += QStringLiteral(" AND creator_id IS NOT NULL");
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        values.append(filter.action);
    }
    if (filter.actorId != 0) {
        sql += QStringLiteral(" AND actor_id = ?");
        values.append(filter.actorId);
    }
    if (filter.creatorId != 0) {
        sql += QStringLiteral(" AND creator_id = ?");
        values.append(filter.creatorId);
    }
    if (filter.from.isValid()) {
        sql += QStringLiteral(" AND at >= ?");
        values.append(sqlTimestamp(filter.from));
    }
    if (filter.to.isValid()) {
        sql += QStringLiteral(" AND at < ?");
        values.append(sqlTimestamp(filter.to));
    }
    sql += QStringLiteral(" ORDER BY at DESC, id DESC LIMIT ?");
    values.append(filter.limit);
    QSqlQuery query(m_db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return storageError(QStringLiteral("list audit entries"), query.lastError());
    QList<AuditEntry> entries;
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.at = dateTimeFromSql(query.value(1));
        entry.actorId = query.value(2).toLongLong();
        entry.actorEmail = query.value(3).toString();
        entry.creatorId = query.value(4).toLongLong();
        if (!wholeAgency && !viewer.canSee(entry.creatorId))
            continue;
        entry.action = query.value(5).toString();
        entry.detail = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
        entries.append(entry);
    }
    return entries;
}

} // namespace huntaze

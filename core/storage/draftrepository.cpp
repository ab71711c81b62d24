#include "draftrepository.h"

#include "agency/audit.h"
#include "domain/rules.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace huntaze {

namespace {

QString jsonList(const QStringList &values)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QStringList listFrom(const QVariant &value)
{
    // SQLite keeps the list as text, PostgreSQL as jsonb (read as its text).
    QStringList values;
    for (const QJsonValue &item : QJsonDocument::fromJson(value.toString().toUtf8()).array())
        values.append(item.toString());
    return values;
}

const QString columns = QStringLiteral("id, creator_id, COALESCE(author_id, 0), kind, status, title, body, notes, hashtags, platform, "
                                       "planned_at, media, audience, created_at, updated_at, version");

Draft draftFrom(const QSqlQuery &query)
{
    Draft draft;
    draft.id = query.value(0).toString();
    draft.creatorId = query.value(1).toLongLong();
    draft.authorId = query.value(2).toLongLong();
    draft.kind = Draft::kindFrom(query.value(3).toString()).value_or(Draft::Kind::Post);
    draft.status = Draft::statusFrom(query.value(4).toString()).value_or(Draft::Status::Draft);
    draft.title = query.value(5).toString();
    draft.body = query.value(6).toString();
    draft.notes = query.value(7).toString();
    draft.hashtags = listFrom(query.value(8));
    draft.platform = query.value(9).toString();
    draft.plannedAt = query.value(10).isNull() ? QDateTime() : dateTimeFromSql(query.value(10));
    draft.media = listFrom(query.value(11));
    draft.audience = query.value(12).toString();
    draft.createdAt = dateTimeFromSql(query.value(13));
    draft.updatedAt = dateTimeFromSql(query.value(14));
    draft.version = query.value(15).toLongLong();
    return draft;
}

// The fields a save writes, in the order of the statements below.
void bindFields(QSqlQuery &query, const Draft &draft)
{
    query.addBindValue(Draft::kindName(draft.kind));
    query.addBindValue(Draft::statusName(draft.status));
    query.addBindValue(sqlText(draft.title));
    query.addBindValue(sqlText(draft.body));
    query.addBindValue(sqlText(draft.notes));
    query.addBindValue(jsonList(draft.hashtags));
    query.addBindValue(sqlText(draft.platform));
    query.addBindValue(sqlTimestampOrNull(draft.plannedAt));
    query.addBindValue(jsonList(draft.media));
    query.addBindValue(sqlText(draft.audience));
}

Error noSuchDraft()
{
    return Error{ErrorCode::NotFound, QCoreApplication::translate("huntaze::DraftRepository", "This draft no longer exists."), {}, {}};
}

} // namespace

Result<Draft> DraftRepository::save(const Draft &draft)
{
    const Result<Draft> valid = validateDraft(draft);
    if (!valid.ok())
        return valid.error();
    Draft saved = valid.value();
    if (saved.id.isEmpty()) {
        saved.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        return insert(saved);
    }
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE drafts SET kind = ?, status = ?, title = ?, body = ?, notes = ?, hashtags = ?, platform = ?, "
                                  "planned_at = ?, media = ?, audience = ?, updated_at = ? "
                                  "WHERE agency_id = ? AND creator_id = ? AND id = ? AND deleted = ? RETURNING ")
                   + columns);
    bindFields(update, saved);
    update.addBindValue(sqlTimestamp(m_now));
    update.addBindValue(m_scope.agencyId);
    update.addBindValue(m_scope.creatorId);
    update.addBindValue(saved.id);
    update.addBindValue(false);
    if (!update.exec())
        return storageError(QStringLiteral("save draft"), update.lastError());
    if (!update.next())
        return insert(saved); // an id made elsewhere (another device): a new draft
    return audited(draftFrom(update));
}

Result<Draft> DraftRepository::insert(Draft draft)
{
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO drafts (kind, status, title, body, notes, hashtags, platform, planned_at, media, audience, "
                                  "id, agency_id, creator_id, author_id, created_at, updated_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ")
                   + columns);
    bindFields(insert, draft);
    insert.addBindValue(draft.id);
    insert.addBindValue(m_scope.agencyId);
    insert.addBindValue(m_scope.creatorId);
    insert.addBindValue(m_scope.userId != 0 ? QVariant(m_scope.userId) : QVariant(QMetaType::fromType<qint64>()));
    insert.addBindValue(sqlTimestamp(m_now));
    insert.addBindValue(sqlTimestamp(m_now));
    if (!insert.exec() || !insert.next()) {
        if (isUniqueViolation(insert.lastError()))
            return Error{
                ErrorCode::AlreadyExists,
                QCoreApplication::translate("huntaze::DraftRepository", "A draft with this id exists already and cannot be saved."),
                insert.lastError().text(), QStringLiteral("id")};
        return storageError(QStringLiteral("add draft"), insert.lastError());
    }
    return audited(draftFrom(insert));
}

Result<Draft> DraftRepository::audited(const Draft &stored)
{
    if (Result<void> logged = AuditRepository(m_db).record(m_scope.agencyId, m_scope.userId, m_scope.creatorId, audit::draftSaved,
                                                           {{QStringLiteral("draft"), stored.id},
                                                            {QStringLiteral("kind"), Draft::kindName(stored.kind)},
                                                            {QStringLiteral("title"), stored.title}});
        !logged.ok())
        return logged.error();
    return stored;
}

Result<void> DraftRepository::remove(const QString &id)
{
    const std::optional<QString> uuid = rules::uuid(id);
    if (!uuid)
        return noSuchDraft();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE drafts SET deleted = ?, updated_at = ? WHERE agency_id = ? AND creator_id = ? AND id = ? "
                                 "AND deleted = ? RETURNING title"));
    query.addBindValue(true);
    query.addBindValue(sqlTimestamp(m_now));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(*uuid);
    query.addBindValue(false);
    if (!query.exec())
        return storageError(QStringLiteral("delete draft"), query.lastError());
    if (!query.next())
        return noSuchDraft();
    return AuditRepository(m_db).record(m_scope.agencyId, m_scope.userId, m_scope.creatorId, audit::draftDeleted,
                                        {{QStringLiteral("draft"), *uuid}, {QStringLiteral("title"), query.value(0).toString()}});
}

Result<QList<Draft>> DraftRepository::drafts()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + columns
                  + QStringLiteral(" FROM drafts WHERE agency_id = ? AND creator_id = ? AND deleted = ? ORDER BY updated_at DESC, id"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(false);
    if (!query.exec())
        return storageError(QStringLiteral("list drafts"), query.lastError());
    QList<Draft> drafts;
    while (query.next())
        drafts.append(draftFrom(query));
    return drafts;
}

} // namespace huntaze

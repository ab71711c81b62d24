#include "draftrepository.h"

#include "storage/batchedwrite.h"

#include "agency/audit.h"
#include "domain/rules.h"
#include "storage/agencyrepository.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"
#include "storage/syncrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace huntaze {

namespace {

QStringList listFrom(const QVariant &value)
{
    // SQLite keeps the list as text, PostgreSQL as jsonb (read as its text).
    QStringList values;
    for (const QJsonValue &item : QJsonDocument::fromJson(value.toString().toUtf8()).array())
        values.append(item.toString());
    return values;
}

// The author's address by a subquery rather than a join: the same list serves
// a SELECT and the RETURNING of a save.
const QString columns = QStringLiteral("id, creator_id, COALESCE(author_id, 0), kind, status, title, body, notes, hashtags, platform, "
                                       "planned_at, media, audience, created_at, updated_at, version, "
                                       "COALESCE((SELECT email FROM users WHERE users.id = drafts.author_id), ''), deleted");

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
    draft.authorEmail = query.value(16).toString();
    draft.deleted = query.value(17).toBool();
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
    query.addBindValue(sqlJson(draft.hashtags));
    query.addBindValue(sqlText(draft.platform));
    query.addBindValue(sqlTimestampOrNull(draft.plannedAt));
    query.addBindValue(sqlJson(draft.media));
    query.addBindValue(sqlText(draft.audience));
}

// Who and when, in the order of the inserts below: id, agency, creator, author (the scope's member), created, updated, version.
void bindIdentity(QSqlQuery &query, const Draft &draft, const agency::CreatorScope &scope, const QDateTime &created,
                  const QDateTime &updated)
{
    query.addBindValue(draft.id);
    query.addBindValue(scope.agencyId);
    query.addBindValue(scope.creatorId);
    query.addBindValue(scope.userId != 0 ? QVariant(scope.userId) : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(sqlTimestamp(created));
    query.addBindValue(sqlTimestamp(updated));
    query.addBindValue(draft.version);
}

} // namespace

Result<Draft> DraftRepository::save(const Draft &draft)
{
    const Result<Draft> valid = validateDraft(draft);
    if (!valid.ok())
        return valid.error();
    Draft saved = valid.value();
    // Every write takes the agency's next version: what a device's next pull sends it.
    const Result<qint64> version = SyncRepository(m_db, m_scope.agencyId).nextVersion();
    if (!version.ok())
        return version.error();
    saved.version = version.value();
    if (saved.id.isEmpty()) {
        saved.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        return insert(saved);
    }
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE drafts SET kind = ?, status = ?, title = ?, body = ?, notes = ?, hashtags = ?, platform = ?, "
                                  "planned_at = ?, media = ?, audience = ?, updated_at = ?, version = ?, written_by_client = NULL "
                                  "WHERE agency_id = ? AND creator_id = ? AND id = ? AND deleted = ? RETURNING ")
                   + columns);
    bindFields(update, saved);
    update.addBindValue(sqlTimestamp(m_now));
    update.addBindValue(saved.version);
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
                                  "id, agency_id, creator_id, author_id, created_at, updated_at, version) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ")
                   + columns);
    bindFields(insert, draft);
    bindIdentity(insert, draft, m_scope, m_now, m_now);
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
        return draftNotFound();
    const Result<qint64> version = SyncRepository(m_db, m_scope.agencyId).nextVersion();
    if (!version.ok())
        return version.error();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE drafts SET deleted = ?, updated_at = ?, version = ?, written_by_client = NULL "
                                 "WHERE agency_id = ? AND creator_id = ? AND id = ? AND deleted = ? RETURNING title"));
    query.addBindValue(true);
    query.addBindValue(sqlTimestamp(m_now));
    query.addBindValue(version.value());
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(*uuid);
    query.addBindValue(false);
    if (!query.exec())
        return storageError(QStringLiteral("delete draft"), query.lastError());
    if (!query.next())
        return draftNotFound();
    return AuditRepository(m_db).record(m_scope.agencyId, m_scope.userId, m_scope.creatorId, audit::draftDeleted,
                                        {{QStringLiteral("draft"), *uuid}, {QStringLiteral("title"), query.value(0).toString()}});
}

Result<QList<Draft>> DraftRepository::drafts()
{
    return draftsOf(m_db, CreatorSet::of(m_scope));
}

Result<QList<Draft>> DraftRepository::draftsOf(QSqlDatabase &db, const CreatorSet &creators)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM drafts WHERE ") + creators.condition()
                  + QStringLiteral(" AND deleted = ? ORDER BY updated_at DESC, id"));
    creators.bind(query);
    query.addBindValue(false);
    if (!query.exec())
        return storageError(QStringLiteral("list drafts"), query.lastError());
    QList<Draft> drafts;
    while (query.next())
        drafts.append(draftFrom(query));
    return drafts;
}

Result<std::optional<Draft>> DraftRepository::find(QSqlDatabase &db, qint64 agencyId, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM drafts WHERE agency_id = ? AND id = ?"));
    query.addBindValue(agencyId);
    query.addBindValue(id);
    if (!query.exec())
        return storageError(QStringLiteral("find draft"), query.lastError());
    if (!query.next())
        return std::optional<Draft>();
    return std::optional<Draft>(draftFrom(query));
}

Result<QHash<QString, Draft>> DraftRepository::findAll(QSqlDatabase &db, qint64 agencyId, const QStringList &ids)
{
    QHash<QString, Draft> found;
    constexpr qsizetype perStatement = 500;
    for (qsizetype first = 0; first < ids.size(); first += perStatement) {
        const QStringList some = ids.mid(first, perStatement);
        QStringList marks(some.size(), QStringLiteral("?"));
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM drafts WHERE agency_id = ? AND id IN (")
                      + marks.join(u',') + u')');
        query.addBindValue(agencyId);
        for (const QString &id : some)
            query.addBindValue(id);
        if (!query.exec())
            return storageError(QStringLiteral("find drafts"), query.lastError());
        while (query.next()) {
            Draft draft = draftFrom(query);
            found.insert(draft.id, std::move(draft));
        }
    }
    return found;
}

Result<QList<Draft>> DraftRepository::changedAfter(QSqlDatabase &db, const CreatorSet &creators, qint64 version,
                                                   const QString &exceptClient)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const bool exceptOwn = !exceptClient.isEmpty();
    // A device that never had the rows needs no tombstones; one that has the
    // creators does, even before its first version (cookie 0): it may hold
    // drafts it pushed, which someone deleted since.
    const bool tombstones = version > 0 || exceptOwn;
    query.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM drafts WHERE ") + creators.condition()
                  + (tombstones ? QStringLiteral(" AND version > ?") : QStringLiteral(" AND deleted = ?"))
                  + (exceptOwn ? QStringLiteral(" AND (written_by_client IS NULL OR written_by_client <> ?)") : QString())
                  + QStringLiteral(" ORDER BY version, id"));
    creators.bind(query);
    query.addBindValue(tombstones ? QVariant(version) : QVariant(false));
    if (exceptOwn)
        query.addBindValue(exceptClient);
    if (!query.exec())
        return storageError(QStringLiteral("list changed drafts"), query.lastError());
    QList<Draft> drafts;
    while (query.next())
        drafts.append(draftFrom(query));
    return drafts;
}

Result<QList<Draft>> DraftRepository::visibleTo(QSqlDatabase &db, const agency::Membership &member)
{
    if (Result<void> allowed = member.require({agency::Permission::ManageDrafts}); !allowed.ok())
        return allowed.error();
    const Result<QList<Creator>> visible = AgencyRepository(db).visibleCreators(member);
    if (!visible.ok())
        return visible.error();
    CreatorSet creators{member.agencyId, {}};
    for (const Creator &creator : visible.value())
        creators.creatorIds.append(creator.id);
    return draftsOf(db, creators);
}

Result<bool> DraftWriter::write(const agency::CreatorScope &scope, const Draft &draft, bool onlyIfNew)
{
    const Result<QSet<QString>> written = writeAll({{scope, draft}}, onlyIfNew);
    if (!written.ok())
        return written.error();
    return written.value().contains(draft.id);
}

Result<QSet<QString>> DraftWriter::writeAll(const QList<Row> &rows, bool onlyIfNew)
{
    // One statement whether a draft is new or not. A new one whose id is
    // taken writes nothing: ON CONFLICT DO NOTHING never reads the other row,
    // so row-level security has nothing to refuse and no transaction aborts.
    const bool postgres = m_db.driverName() == QLatin1String("QPSQL");
    const QString key = postgres ? QStringLiteral("agency_id, id") : QStringLiteral("id");
    const QString onConflict = onlyIfNew ? QStringLiteral(" ON CONFLICT (") + key + QStringLiteral(") DO NOTHING RETURNING id")
                                         : QStringLiteral(" ON CONFLICT (") + key
            + QStringLiteral(") DO UPDATE SET kind = excluded.kind, status = excluded.status, title = excluded.title, "
                             "body = excluded.body, notes = excluded.notes, hashtags = excluded.hashtags, "
                             "platform = excluded.platform, planned_at = excluded.planned_at, media = excluded.media, "
                             "audience = excluded.audience, updated_at = excluded.updated_at, version = excluded.version, "
                             "deleted = excluded.deleted, written_by_client = excluded.written_by_client "
                             "WHERE drafts.agency_id = excluded.agency_id AND drafts.creator_id = excluded.creator_id RETURNING id");
    QSet<QString> written;
    const Result<void> wrote = writeInBatches<Row>(
        m_db, rows, rowsPerStatement(m_db, 25),
        [&onConflict](qsizetype count) -> QString {
            return QStringLiteral("INSERT INTO drafts (kind, status, title, body, notes, hashtags, platform, planned_at, media, "
                                  "audience, id, agency_id, creator_id, author_id, created_at, updated_at, version, deleted, "
                                  "written_by_client) VALUES ")
                + placeholderRows(count, 19) + onConflict;
        },
        [this](QSqlQuery &query, const Row &row) {
            bindFields(query, row.draft);
            // A draft pulled from a server keeps the server's times.
            bindIdentity(query, row.draft, row.scope, row.draft.createdAt.isValid() ? row.draft.createdAt : m_now,
                         row.draft.updatedAt.isValid() ? row.draft.updatedAt : m_now);
            query.addBindValue(row.draft.deleted);
            query.addBindValue(row.writtenBy.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(row.writtenBy));
        },
        QStringLiteral("write synced drafts"),
        [&written](QSqlQuery &query) {
            while (query.next())
                written.insert(query.value(0).toString());
        });
    if (!wrote.ok())
        return wrote.error();
    return written;
}

} // namespace huntaze

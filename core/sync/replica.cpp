#include "replica.h"

#include "domain/rules.h"
#include "storage/creatordatarepository.h"
#include "storage/creatorset.h"
#include "storage/draftrepository.h"
#include "storage/sqlworker.h"
#include "storage/syncedrollups.h"
#include "storage/transaction.h"
#include "sync/importmutations.h"
#include "sync/keptanalytics.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace huntaze::sync {

namespace {

QJsonObject objectFrom(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Mutation mutationFrom(const QSqlQuery &query)
{
    Mutation mutation;
    mutation.id = query.value(0).toLongLong();
    mutation.entity = query.value(1).toString();
    mutation.entityId = query.value(2).toString();
    mutation.baseVersion = query.value(3).toLongLong();
    mutation.op = query.value(4).toString() == QLatin1String("delete") ? Mutation::Op::Delete : Mutation::Op::Put;
    mutation.payload = objectFrom(query.value(5));
    mutation.base = objectFrom(query.value(6));
    return mutation;
}

const QString outboxColumns = QStringLiteral("mutation_id, entity, entity_id, base_version, op, payload, base");

} // namespace

Result<QString> Replica::clientId()
{
    QSqlQuery add(m_db);
    add.prepare(QStringLiteral("INSERT INTO sync_state (id, client_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING"));
    add.addBindValue(newUuid());
    if (!add.exec())
        return storageError(QStringLiteral("make device id"), add.lastError());
    QSqlQuery read(m_db);
    if (!read.exec(QStringLiteral("SELECT client_id FROM sync_state WHERE id = 1")) || !read.next())
        return storageError(QStringLiteral("read device id"), read.lastError());
    return read.value(0).toString();
}

Result<void> Replica::ensureCreators(const QList<qint64> &creatorIds)
{
    QSqlQuery agency(m_db);
    agency.prepare(QStringLiteral("INSERT INTO agencies (id, name, created_at) VALUES (?, '', ?) ON CONFLICT (id) DO NOTHING"));
    agency.addBindValue(m_owner.agencyId);
    agency.addBindValue(sqlTimestamp(m_now));
    if (!agency.exec())
        return storageError(QStringLiteral("keep replica agency"), agency.lastError());
    for (const qint64 id : creatorIds) {
        QSqlQuery creator(m_db);
        creator.prepare(QStringLiteral("INSERT INTO creators (id, agency_id, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"));
        creator.addBindValue(id);
        creator.addBindValue(m_owner.agencyId);
        creator.addBindValue(sqlTimestamp(m_now));
        if (!creator.exec())
            return storageError(QStringLiteral("keep replica creator"), creator.lastError());
    }
    return Result<void>::success();
}

Result<void> Replica::ensureUser(qint64 userId, const QString &email)
{
    if (userId == 0 || email.isEmpty())
        return Result<void>::success();
    // Only to name authors: no password, so nobody signs in with it. An
    // address now another member's (theirs changed) moves to them, or the
    // unique address would stop every pull.
    QSqlQuery stale(m_db);
    stale.prepare(QStringLiteral("DELETE FROM users WHERE email = ? AND id <> ?"));
    stale.addBindValue(email);
    stale.addBindValue(userId);
    if (!stale.exec())
        return storageError(QStringLiteral("drop stale replica author"), stale.lastError());
    QSqlQuery user(m_db);
    user.prepare(QStringLiteral("INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, '', ?) "
                                "ON CONFLICT (id) DO UPDATE SET email = excluded.email"));
    user.addBindValue(userId);
    user.addBindValue(email);
    user.addBindValue(sqlTimestamp(m_now));
    if (!user.exec())
        return storageError(QStringLiteral("keep replica author"), user.lastError());
    return Result<void>::success();
}

Result<QList<qint64>> Replica::creatorIds()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM creators WHERE agency_id = ? ORDER BY id"));
    query.addBindValue(m_owner.agencyId);
    if (!query.exec())
        return storageError(QStringLiteral("list replica creators"), query.lastError());
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

Result<qint64> Replica::appendMutation(const Mutation &mutation)
{
    if (Result<QString> client = clientId(); !client.ok())
        return client.error();
    QSqlQuery next(m_db);
    if (!next.exec(QStringLiteral("UPDATE sync_state SET last_mutation_id = last_mutation_id + 1 WHERE id = 1 RETURNING last_mutation_id"))
        || !next.next())
        return storageError(QStringLiteral("number local change"), next.lastError());
    const qint64 id = next.value(0).toLongLong();
    QSqlQuery add(m_db);
    add.prepare(QStringLiteral("INSERT INTO sync_outbox (") + outboxColumns
                + QStringLiteral(", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    add.addBindValue(id);
    add.addBindValue(mutation.entity);
    add.addBindValue(mutation.entityId);
    add.addBindValue(mutation.baseVersion);
    add.addBindValue(Mutation::opName(mutation.op));
    add.addBindValue(sqlJson(mutation.payload));
    add.addBindValue(sqlJson(mutation.base));
    add.addBindValue(sqlTimestamp(m_now));
    if (!add.exec())
        return storageError(QStringLiteral("queue local change"), add.lastError());
    return id;
}

Result<void> Replica::setPreference(qint64 creatorId, const QString &key, const QJsonValue &value)
{
    if (Result<void> named = rules::preferenceKey(key); !named.ok())
        return named;
    if (Result<void> valid = rules::preferenceValue(value); !valid.ok())
        return valid;
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    CreatorDataRepository data(m_db, {m_owner.agencyId, creatorId, m_owner.userId});
    const Result<std::optional<CreatorDataRepository::PreferenceRow>> current = data.preferenceRow(key);
    if (!current.ok())
        return current.error();
    if (current.value() && current.value()->value == value)
        return Result<void>::success();
    if (Result<void> written = data.writePreference(key, value); !written.ok())
        return written;
    Mutation mutation;
    mutation.entity = QStringLiteral("preference");
    mutation.entityId = key;
    mutation.baseVersion = current.value() ? current.value()->version : 0;
    mutation.payload = {{QStringLiteral("creatorId"), creatorId}, {QStringLiteral("value"), value}};
    mutation.base = {{QStringLiteral("value"), current.value() ? current.value()->value : QJsonValue()}};
    if (Result<qint64> queued = appendMutation(mutation); !queued.ok())
        return queued.error();
    return transaction.commit();
}

template <typename T>
Result<int> Replica::importRows(const QString &table, qint64 creatorId, const QList<T> &rows, Result<T> (*validate)(T))
{
    const Result<QList<T>> checked = checkRows(table, rows, validate);
    if (!checked.ok())
        return checked.error();
    QJsonArray json;
    for (const T &row : checked.value())
        json.append(row.toJson());
    const Result<QStringList> held = heldTables(m_db);
    if (!held.ok())
        return held.error();
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    if (Result<void> ensured = ensureCreators({creatorId}); !ensured.ok())
        return ensured.error();
    for (Mutation &mutation : importMutations(table, creatorId, newUuid(), json)) {
        const Result<qint64> queued = appendMutation(mutation);
        if (!queued.ok())
            return queued.error();
        mutation.id = queued.value();
        if (Result<void> kept = keepImported(mutation, held.value()); !kept.ok())
            return kept.error();
    }
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return static_cast<int>(rows.size());
}

Result<int> Replica::importFans(qint64 creatorId, const QList<Fan> &fans)
{
    return importRows<Fan>(QStringLiteral("fans"), creatorId, fans, validateFan);
}

Result<int> Replica::importOffers(qint64 creatorId, const QList<Offer> &offers)
{
    return importRows<Offer>(QStringLiteral("offers"), creatorId, offers, validateOffer);
}

Result<int> Replica::importPosts(qint64 creatorId, const QList<Post> &posts)
{
    return importRows<Post>(QStringLiteral("posts"), creatorId, posts, validatePost);
}

Result<void> Replica::keepImported(const Mutation &mutation, const QStringList &heldTables)
{
    // Shown only where the pages read them: a table the member may not read is not kept here.
    if (!heldTables.contains(mutation.entity))
        return Result<void>::success();
    CreatorRows rows;
    rows.creatorId = mutation.payload.value(QStringLiteral("creatorId")).toInteger();
    const QJsonArray json = mutation.payload.value(QStringLiteral("rows")).toArray();
    const auto numbered = [&](auto parsed, auto &into) {
        if (!parsed.ok())
            return; // the server refuses them too, and says why then
        into = parsed.value();
        for (qsizetype i = 0; i < into.size(); ++i)
            into[i].id = pendingRowId(mutation.id, i);
    };
    if (mutation.entity == QLatin1String("fans")) {
        numbered(parseRows<Fan>(mutation.entity, json), rows.fans);
        if (!heldTables.contains(QStringLiteral("fan_earnings"))) {
            // As the server's row will come: without what the fan spent.
            for (Fan &fan : rows.fans) {
                fan.totalSpend = 0;
                fan.lastPurchase.clear();
            }
        }
    } else if (mutation.entity == QLatin1String("offers")) {
        numbered(parseRows<Offer>(mutation.entity, json), rows.offers);
    } else {
        numbered(parseRows<Post>(mutation.entity, json), rows.posts);
    }
    return CreatorDataRepository::storeSynced(m_db, m_owner.agencyId, {rows});
}

Result<Draft> Replica::saveDraft(const Draft &edited)
{
    Result<Draft> valid = validateDraft(edited);
    if (!valid.ok())
        return valid.error();
    Draft draft = std::move(valid).value();
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    std::optional<Draft> previous;
    if (!draft.id.isEmpty()) {
        Result<std::optional<Draft>> found = DraftRepository::find(m_db, m_owner.agencyId, draft.id);
        if (!found.ok())
            return found.error();
        previous = found.value();
    } else {
        draft.id = newUuid();
    }
    const bool isNew = !previous || previous->deleted;
    const qint64 creatorId = previous ? previous->creatorId : draft.creatorId;
    if (creatorId == 0)
        return Error::validation(QStringLiteral("creatorId"),
                                 QCoreApplication::translate("huntaze::sync::Replica", "Choose whose draft this is."));
    Mutation mutation;
    mutation.entity = QStringLiteral("draft");
    mutation.entityId = draft.id;
    mutation.baseVersion = previous ? previous->version : 0;
    const QJsonObject fields = draft.editableFields();
    if (isNew) {
        mutation.payload = fields;
        mutation.payload.insert(QStringLiteral("creatorId"), creatorId);
    } else {
        // Only what changed, with what it was: the server merges it into whatever it has now.
        const QJsonObject before = previous->editableFields();
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
            if (before.value(it.key()) != it.value()) {
                mutation.payload.insert(it.key(), it.value());
                mutation.base.insert(it.key(), before.value(it.key()));
            }
        }
        if (mutation.payload.isEmpty()) {
            // Nothing to queue (a transaction around this one goes on).
            if (Result<void> committed = transaction.commit(); !committed.ok())
                return committed.error();
            return *previous;
        }
    }
    if (Result<void> ensured = ensureCreators({creatorId}); !ensured.ok())
        return ensured.error();
    if (Result<void> ensured = ensureUser(m_owner.userId, m_owner.email); !ensured.ok())
        return ensured.error();
    draft.creatorId = creatorId;
    draft.version = mutation.baseVersion; // the server's, until a pull brings its own
    draft.deleted = false;
    draft.createdAt = previous ? previous->createdAt : QDateTime();
    draft.updatedAt = QDateTime();
    const Result<bool> written
        = DraftWriter(m_db, m_now).write({m_owner.agencyId, creatorId, previous ? previous->authorId : m_owner.userId}, draft);
    if (!written.ok())
        return written.error();
    if (!written.value())
        return draftNotFound();
    const Result<std::optional<Draft>> stored = DraftRepository::find(m_db, m_owner.agencyId, draft.id);
    if (!stored.ok())
        return stored.error();
    if (!stored.value())
        return draftNotFound();
    if (Result<qint64> queued = appendMutation(mutation); !queued.ok())
        return queued.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return *stored.value();
}

Result<void> Replica::deleteDraft(const QString &id)
{
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const Result<std::optional<Draft>> found = DraftRepository::find(m_db, m_owner.agencyId, id);
    if (!found.ok())
        return found.error();
    if (!found.value() || found.value()->deleted)
        return draftNotFound();
    Draft tombstone = *found.value();
    tombstone.deleted = true;
    tombstone.updatedAt = QDateTime();
    const Result<bool> written = DraftWriter(m_db, m_now).write({m_owner.agencyId, tombstone.creatorId, tombstone.authorId}, tombstone);
    if (!written.ok())
        return written.error();
    Mutation mutation;
    mutation.entity = QStringLiteral("draft");
    mutation.entityId = id;
    mutation.baseVersion = tombstone.version;
    mutation.op = Mutation::Op::Delete;
    // What the device saw: the server deletes the draft if it still holds
    // just that, though the device's own edits moved its version on.
    mutation.base = found.value()->editableFields();
    if (Result<qint64> queued = appendMutation(mutation); !queued.ok())
        return queued.error();
    return transaction.commit();
}

Result<QList<Draft>> Replica::drafts()
{
    const Result<QList<qint64>> creators = creatorIds();
    if (!creators.ok())
        return creators.error();
    return DraftRepository::draftsOf(m_db, CreatorSet{m_owner.agencyId, creators.value()});
}

Result<PushRequest> Replica::nextPush()
{
    const Result<QString> client = clientId();
    if (!client.ok())
        return client.error();
    PushRequest request;
    request.clientId = client.value();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + outboxColumns
                  + QStringLiteral(", length(payload) + length(base) FROM sync_outbox ORDER BY mutation_id LIMIT ?"));
    query.addBindValue(maxMutationsPerPush);
    query.setForwardOnly(true);
    if (!query.exec())
        return storageError(QStringLiteral("read outbox"), query.lastError());
    qsizetype bytes = 0;
    while (query.next()) {
        bytes += query.value(7).toLongLong();
        if (bytes > maxPushBytes && !request.mutations.isEmpty())
            break;
        request.mutations.append(mutationFrom(query));
    }
    return request;
}

Result<void> Replica::acknowledge(qint64 upTo)
{
    QSqlQuery drop(m_db);
    drop.prepare(QStringLiteral("DELETE FROM sync_outbox WHERE mutation_id <= ?"));
    drop.addBindValue(upTo);
    if (!drop.exec())
        return storageError(QStringLiteral("acknowledge outbox"), drop.lastError());
    QSqlQuery state(m_db);
    state.prepare(QStringLiteral("UPDATE sync_state SET acknowledged = MAX(acknowledged, ?) WHERE id = 1"));
    state.addBindValue(upTo);
    if (!state.exec())
        return storageError(QStringLiteral("acknowledge outbox"), state.lastError());
    return Result<void>::success();
}

Result<void> Replica::pushed(const PushResponse &response)
{
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    for (const MutationResult &result : response.results) {
        if (result.outcome != QLatin1String("rejected") && result.outcome != QLatin1String("kept_edited"))
            continue;
        // What the device had sent stays with the problem, so nothing is lost.
        QSqlQuery keep(m_db);
        keep.prepare(QStringLiteral("INSERT INTO sync_problems (mutation_id, entity, entity_id, code, reason, local_copy, created_at) "
                                    "SELECT mutation_id, entity, entity_id, ?, ?, payload, ? FROM sync_outbox WHERE mutation_id = ? "
                                    "ON CONFLICT (mutation_id) DO NOTHING"));
        keep.addBindValue(result.outcome == QLatin1String("kept_edited") ? QStringLiteral("kept_edited") : QStringLiteral("rejected"));
        keep.addBindValue(result.reason);
        keep.addBindValue(sqlTimestamp(m_now));
        keep.addBindValue(result.id);
        if (!keep.exec())
            return storageError(QStringLiteral("keep sync problem"), keep.lastError());
    }
    // A draft applied as sent is the server's row now, at the version the
    // server gave it: its next pull leaves it out, so it takes that version
    // here (unless a later change of it still waits, which is based on the old one).
    QSqlQuery takeVersion(m_db);
    takeVersion.prepare(QStringLiteral("UPDATE drafts SET version = ? WHERE id = (SELECT entity_id FROM sync_outbox WHERE mutation_id = ? "
                                       "AND entity = 'draft') AND NOT EXISTS (SELECT 1 FROM sync_outbox later "
                                       "WHERE later.entity_id = drafts.id AND later.mutation_id > ?)"));
    for (const MutationResult &result : response.results) {
        if (result.outcome != QLatin1String("applied") || result.version == 0)
            continue;
        takeVersion.addBindValue(result.version);
        takeVersion.addBindValue(result.id);
        takeVersion.addBindValue(result.id);
        if (!takeVersion.exec())
            return storageError(QStringLiteral("keep applied version"), takeVersion.lastError());
    }
    // After a gap the server has applied everything before the id it expects.
    const qint64 applied = response.expected ? *response.expected - 1 : response.lastMutationId;
    if (Result<void> acknowledged = acknowledge(applied); !acknowledged.ok())
        return acknowledged.error();
    return transaction.commit();
}

Result<PullRequest> Replica::nextPull()
{
    const Result<QString> client = clientId();
    if (!client.ok())
        return client.error();
    const Result<QList<qint64>> creators = creatorIds();
    if (!creators.ok())
        return creators.error();
    QSqlQuery cookie(m_db);
    if (!cookie.exec(QStringLiteral("SELECT cookie FROM sync_state WHERE id = 1")) || !cookie.next())
        return storageError(QStringLiteral("read cookie"), cookie.lastError());
    const Result<QStringList> tables = heldTables(m_db);
    if (!tables.ok())
        return tables.error();
    return PullRequest{client.value(), cookie.value(0).toLongLong(), creators.value(), tables.value(), std::nullopt};
}

Result<QStringList> Replica::heldTables(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT name FROM sync_tables ORDER BY name")))
        return storageError(QStringLiteral("read synced tables"), query.lastError());
    QStringList tables;
    while (query.next())
        tables.append(query.value(0).toString());
    return tables;
}

Result<bool> Replica::holdsCreator(QSqlDatabase &db, const agency::CreatorScope &scope)
{
    QSqlQuery held(db);
    held.prepare(QStringLiteral("SELECT 1 FROM creators WHERE agency_id = ? AND id = ?"));
    held.addBindValue(scope.agencyId);
    held.addBindValue(scope.creatorId);
    if (!held.exec())
        return storageError(QStringLiteral("find replica creator"), held.lastError());
    return held.next();
}

Result<bool> Replica::holds(const QString &table) const
{
    const Result<QStringList> held = heldTables(m_db);
    if (!held.ok())
        return held.error();
    return held.value().contains(table);
}

Result<void> Replica::keepTables(const QStringList &readable)
{
    const Result<QStringList> held = heldTables(m_db);
    if (!held.ok())
        return held.error();
    // Analytics were worked out for the rights the member had: other rights, other figures.
    QStringList readableNow = readable;
    readableNow.sort();
    if (!held.value().isEmpty() && held.value() != readableNow) {
        if (Result<void> forgotten = KeptAnalytics(m_db).forgetAll(); !forgotten.ok())
            return forgotten;
    }
    // What the member may no longer read leaves the replica.
    for (const QString &table : held.value()) {
        if (readable.contains(table))
            continue;
        QSqlQuery drop(m_db);
        if (table == QLatin1String("fan_earnings"))
            drop.prepare(QStringLiteral("UPDATE fans SET total_spend = 0, last_purchase = '' WHERE agency_id = ?"));
        else if (table == QLatin1String("preferences"))
            drop.prepare(QStringLiteral("DELETE FROM creator_preferences WHERE agency_id = ?"));
        else if (CreatorDataRepository::syncedTables().contains(table))
            drop.prepare(QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE agency_id = ?"));
        else if (table == QLatin1String(SyncedRollUps::pullName)) {
            if (Result<void> forgotten = SyncedRollUps::forget(m_db, m_owner.agencyId); !forgotten.ok())
                return forgotten;
            continue;
        } else
            continue;
        drop.addBindValue(m_owner.agencyId);
        if (!drop.exec())
            return storageError(QStringLiteral("drop a table no longer readable"), drop.lastError());
    }
    QSqlQuery clear(m_db);
    if (!clear.exec(QStringLiteral("DELETE FROM sync_tables")))
        return storageError(QStringLiteral("clear synced tables"), clear.lastError());
    QSqlQuery keep(m_db);
    keep.prepare(QStringLiteral("INSERT INTO sync_tables (name) VALUES (?)"));
    for (const QString &table : readable) {
        keep.addBindValue(table);
        if (!keep.exec())
            return storageError(QStringLiteral("keep synced tables"), keep.lastError());
    }
    return Result<void>::success();
}

Result<void> Replica::pulled(const PullResponse &response)
{
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    if (response.reset) {
        // Everything comes again; what the device held whole, too.
        for (const QString &table : {QStringLiteral("drafts"), QStringLiteral("fans"), QStringLiteral("offers"), QStringLiteral("posts"),
                                     QStringLiteral("creator_preferences")}) {
            QSqlQuery clear(m_db);
            clear.prepare(QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE agency_id = ?"));
            clear.addBindValue(m_owner.agencyId);
            if (!clear.exec())
                return storageError(QStringLiteral("reset replica"), clear.lastError());
        }
        if (Result<void> forgotten = SyncedRollUps::forget(m_db, m_owner.agencyId); !forgotten.ok())
            return forgotten;
        // From nothing: a series of pages stopped half way starts over, and its last page's cookie is kept as it is.
        QSqlQuery forget(m_db);
        if (!forget.exec(QStringLiteral("DELETE FROM sync_tables"))
            || !forget.exec(QStringLiteral("UPDATE sync_state SET cookie = 0 WHERE id = 1")))
            return storageError(QStringLiteral("reset replica"), forget.lastError());
        if (Result<void> forgotten = KeptAnalytics(m_db).forgetAll(); !forgotten.ok())
            return forgotten;
    }
    if (Result<void> ensured = ensureCreators(response.creators); !ensured.ok())
        return ensured.error();
    // Creators the member lost go, with their rows.
    QSqlQuery lost(m_db);
    const CreatorSet kept{m_owner.agencyId, response.creators};
    lost.prepare(
        QStringLiteral("DELETE FROM creators WHERE agency_id = ?")
        + (response.creators.isEmpty() ? QString() : QStringLiteral(" AND NOT (") + kept.condition({}, QStringLiteral("id")) + u')'));
    lost.addBindValue(m_owner.agencyId);
    if (!response.creators.isEmpty())
        kept.bind(lost);
    if (!lost.exec())
        return storageError(QStringLiteral("drop lost creators"), lost.lastError());
    if (lost.numRowsAffected() > 0) {
        if (Result<void> forgotten = KeptAnalytics(m_db).forgetLostCreators(); !forgotten.ok())
            return forgotten;
    }
    QSet<qint64> authors; // kept once per pull
    QHash<QString, qsizetype> rowOf; // a draft sent twice is written once, as sent last
    QList<DraftWriter::Row> rows;
    for (const Draft &draft : response.drafts) {
        if (!response.creators.contains(draft.creatorId))
            continue;
        if (!authors.contains(draft.authorId)) {
            if (Result<void> ensured = ensureUser(draft.authorId, draft.authorEmail); !ensured.ok())
                return ensured.error();
            authors.insert(draft.authorId);
        }
        const qint64 author = draft.authorEmail.isEmpty() ? 0 : draft.authorId;
        DraftWriter::Row row{{m_owner.agencyId, draft.creatorId, author}, draft};
        if (const auto seen = rowOf.constFind(draft.id); seen != rowOf.constEnd()) {
            rows[*seen] = std::move(row);
            continue;
        }
        rowOf.insert(draft.id, rows.size());
        rows.append(std::move(row));
    }
    if (Result<QSet<QString>> written = DraftWriter(m_db, m_now).writeAll(rows); !written.ok())
        return written.error();
    QList<CreatorRows> creatorData;
    for (const CreatorRows &creator : response.creatorData) {
        if (response.creators.contains(creator.creatorId))
            creatorData.append(creator);
    }
    if (Result<void> stored = CreatorDataRepository::storeSynced(m_db, m_owner.agencyId, creatorData); !stored.ok())
        return stored;
    if (Result<void> stored = SyncedRollUps::store(m_db, m_owner.agencyId, creatorData); !stored.ok())
        return stored;
    for (const DraftConflict &conflict : response.conflicts) {
        QSqlQuery keep(m_db);
        keep.prepare(QStringLiteral("INSERT INTO draft_conflicts (id, agency_id, draft_id, creator_id, author_id, fields, conflicting, "
                                    "version, resolved, created_at) SELECT ?, ?, ?, ?, NULL, ?, ?, ?, ?, ? "
                                    "WHERE EXISTS (SELECT 1 FROM drafts WHERE id = ?) "
                                    "ON CONFLICT (id) DO UPDATE SET resolved = excluded.resolved, version = excluded.version"));
        keep.addBindValue(conflict.id);
        keep.addBindValue(m_owner.agencyId);
        keep.addBindValue(conflict.draftId);
        keep.addBindValue(conflict.creatorId);
        keep.addBindValue(sqlJson(conflict.fields));
        keep.addBindValue(sqlJson(conflict.conflicting));
        keep.addBindValue(conflict.version);
        keep.addBindValue(conflict.resolved);
        keep.addBindValue(sqlTimestamp(m_now));
        keep.addBindValue(conflict.draftId);
        if (!keep.exec())
            return storageError(QStringLiteral("keep conflict"), keep.lastError());
    }
    for (const SyncRejection &rejection : response.rejections) {
        QSqlQuery keep(m_db);
        // The push's answer was lost: what the device sent is still in the outbox (acknowledged below).
        keep.prepare(QStringLiteral("INSERT INTO sync_problems (mutation_id, entity, entity_id, code, reason, local_copy, created_at) "
                                    "VALUES (?, ?, ?, ?, ?, COALESCE((SELECT payload FROM sync_outbox WHERE mutation_id = ?), '{}'), ?) "
                                    "ON CONFLICT (mutation_id) DO NOTHING"));
        keep.addBindValue(rejection.mutationId);
        keep.addBindValue(rejection.entity);
        keep.addBindValue(rejection.entityId);
        keep.addBindValue(rejection.code);
        keep.addBindValue(rejection.reason);
        keep.addBindValue(rejection.mutationId);
        keep.addBindValue(sqlTimestamp(m_now));
        if (!keep.exec())
            return storageError(QStringLiteral("keep sync problem"), keep.lastError());
    }
    if (Result<void> acknowledged = acknowledge(response.lastMutationId); !acknowledged.ok())
        return acknowledged.error();
    if (Result<void> replayed = rebase(); !replayed.ok())
        return replayed.error();
    // A series of pages: the cookie and the tables held whole wait for the last.
    if (response.next)
        return transaction.commit();
    if (Result<void> kept = keepTables(response.tables); !kept.ok())
        return kept;
    QSqlQuery cookie(m_db);
    cookie.prepare(response.reset ? QStringLiteral("UPDATE sync_state SET cookie = ?, last_synced_at = ? WHERE id = 1")
                                  : QStringLiteral("UPDATE sync_state SET cookie = MAX(cookie, ?), last_synced_at = ? WHERE id = 1"));
    cookie.addBindValue(response.cookie);
    cookie.addBindValue(sqlTimestamp(m_now));
    if (!cookie.exec())
        return storageError(QStringLiteral("store cookie"), cookie.lastError());
    return transaction.commit();
}

Result<void> Replica::rebase()
{
    // The server's rows were just written: the device's own changes go on top again, in order.
    QSqlQuery pending(m_db);
    if (!pending.exec(QStringLiteral("SELECT ") + outboxColumns + QStringLiteral(" FROM sync_outbox ORDER BY mutation_id")))
        return storageError(QStringLiteral("read outbox"), pending.lastError());
    QList<Mutation> mutations;
    while (pending.next())
        mutations.append(mutationFrom(pending));
    // A creator the member lost: changes of theirs wait for the server's refusal.
    const Result<QList<qint64>> creators = creatorIds();
    if (!creators.ok())
        return creators.error();
    // Imported rows the server has now came with its rows; those still waiting come again below.
    for (const QString &table : CreatorDataRepository::syncedTables()) {
        QSqlQuery drop(m_db);
        drop.prepare(QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE id < 0 AND agency_id = ?"));
        drop.addBindValue(m_owner.agencyId);
        if (!drop.exec())
            return storageError(QStringLiteral("drop imported rows"), drop.lastError());
    }
    const Result<QStringList> held = heldTables(m_db);
    if (!held.ok())
        return held.error();
    DraftWriter writer(m_db, m_now);
    for (const Mutation &mutation : std::as_const(mutations)) {
        if (isImport(mutation.entity)) {
            if (!creators.value().contains(mutation.payload.value(QStringLiteral("creatorId")).toInteger()))
                continue;
            if (Result<void> kept = keepImported(mutation, held.value()); !kept.ok())
                return kept;
            continue;
        }
        if (mutation.entity == QLatin1String("preference")) {
            const qint64 creatorId = mutation.payload.value(QStringLiteral("creatorId")).toInteger();
            if (!creators.value().contains(creatorId))
                continue;
            CreatorDataRepository data(m_db, {m_owner.agencyId, creatorId, m_owner.userId});
            if (Result<void> written = data.writePreference(mutation.entityId, mutation.payload.value(QStringLiteral("value")));
                !written.ok())
                return written;
            continue;
        }
        if (mutation.entity == QLatin1String("draft_conflict")) {
            // Resolved here; the server's copy says so once it has the mutation.
            QSqlQuery resolved(m_db);
            resolved.prepare(QStringLiteral("UPDATE draft_conflicts SET resolved = 1 WHERE id = ?"));
            resolved.addBindValue(mutation.entityId);
            if (!resolved.exec())
                return storageError(QStringLiteral("replay conflict resolution"), resolved.lastError());
            continue;
        }
        const Result<std::optional<Draft>> found = DraftRepository::find(m_db, m_owner.agencyId, mutation.entityId);
        if (!found.ok())
            return found.error();
        const std::optional<Draft> &row = found.value();
        Draft draft;
        if (mutation.op == Mutation::Op::Delete) {
            if (!row)
                continue;
            draft = *row;
            draft.deleted = true;
        } else {
            QJsonObject fields = row ? row->editableFields() : QJsonObject();
            for (auto it = mutation.payload.constBegin(); it != mutation.payload.constEnd(); ++it)
                fields.insert(it.key(), it.value());
            fields.insert(QStringLiteral("id"), mutation.entityId);
            const Result<Draft> parsed = Draft::parse(fields);
            if (!parsed.ok())
                continue; // the server will refuse it too; the problem is reported then
            draft = parsed.value();
            draft.creatorId = row ? row->creatorId : mutation.payload.value(QStringLiteral("creatorId")).toInteger();
            draft.version = row ? row->version : 0;
            draft.createdAt = row ? row->createdAt : QDateTime();
            draft.authorId = row ? row->authorId : m_owner.userId;
        }
        if (!creators.value().contains(draft.creatorId))
            continue;
        const Result<bool> written = writer.write({m_owner.agencyId, draft.creatorId, draft.authorId}, draft);
        if (!written.ok())
            return written.error();
    }
    return Result<void>::success();
}

Result<ReplicaStatus> Replica::status()
{
    ReplicaStatus status;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM sync_outbox WHERE entity NOT IN ('fans', 'offers', 'posts')) + (SELECT count(DISTINCT "
            "entity_id) FROM sync_outbox WHERE entity IN ('fans', 'offers', 'posts')), (SELECT count(DISTINCT "
            "CASE WHEN entity IN ('fans', 'offers', 'posts') THEN entity_id ELSE mutation_id END) FROM sync_problems), "
            "(SELECT count(*) FROM draft_conflicts WHERE resolved = 0), "
            "(SELECT cookie FROM sync_state WHERE id = 1), (SELECT last_synced_at FROM sync_state WHERE id = 1)"))
        || !query.next())
        return storageError(QStringLiteral("read sync status"), query.lastError());
    status.pending = query.value(0).toLongLong();
    status.problems = query.value(1).toLongLong();
    status.conflicts = query.value(2).toLongLong();
    status.cookie = query.value(3).toLongLong();
    status.lastSynced = query.value(4).isNull() ? QDateTime() : dateTimeFromSql(query.value(4));
    return status;
}

Result<QList<SyncRejection>> Replica::problems()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT mutation_id, entity, entity_id, code, reason FROM sync_problems ORDER BY mutation_id")))
        return storageError(QStringLiteral("list sync problems"), query.lastError());
    QList<SyncRejection> problems;
    while (query.next())
        problems.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(), query.value(3).toString(),
                         query.value(4).toString(), 0});
    return problems;
}

Result<QList<SyncProblem>> Replica::problemsToRead()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT mutation_id, entity, entity_id, code, reason, local_copy, created_at FROM sync_problems "
                                   "ORDER BY mutation_id")))
        return storageError(QStringLiteral("list sync problems"), query.lastError());
    QList<SyncProblem> problems;
    QHash<QString, qsizetype> importAt; // an import's parts go into its first one
    while (query.next()) {
        SyncProblem problem{{query.value(0).toLongLong()},  query.value(1).toString(), query.value(2).toString(),
                            query.value(3).toString(),      query.value(4).toString(), objectFrom(query.value(5)),
                            dateTimeFromSql(query.value(6))};
        if (isImport(problem.entity)) {
            const QString key = problem.entity + u'/' + problem.entityId;
            if (const auto first = importAt.constFind(key); first != importAt.constEnd()) {
                SyncProblem &whole = problems[*first];
                whole.mutationIds.append(problem.mutationIds);
                QJsonArray rows = whole.localCopy.value(QStringLiteral("rows")).toArray();
                for (const QJsonValue &row : problem.localCopy.value(QStringLiteral("rows")).toArray())
                    rows.append(row);
                whole.localCopy.insert(QStringLiteral("rows"), rows);
                continue;
            }
            importAt.insert(key, problems.size());
        }
        problems.append(std::move(problem));
    }
    std::reverse(problems.begin(), problems.end());
    return problems;
}

Result<void> Replica::dismissProblems(const QList<qint64> &mutationIds)
{
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    QSqlQuery drop(m_db);
    drop.prepare(QStringLiteral("DELETE FROM sync_problems WHERE mutation_id = ?"));
    for (const qint64 id : mutationIds) {
        drop.addBindValue(id);
        if (!drop.exec())
            return storageError(QStringLiteral("dismiss sync problem"), drop.lastError());
    }
    return transaction.commit();
}

Result<Draft> Replica::resolveConflict(const QString &conflictId, const Draft &chosen)
{
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    SyncRepository sync(m_db, m_owner.agencyId);
    const Result<std::optional<DraftConflict>> found = sync.findConflict(conflictId);
    if (!found.ok())
        return found.error();
    if (!found.value() || found.value()->resolved || found.value()->draftId != chosen.id)
        return conflictAlreadyResolved();
    Result<Draft> saved = saveDraft(chosen);
    if (!saved.ok())
        return saved.error();
    Mutation resolved;
    resolved.entity = QStringLiteral("draft_conflict");
    resolved.entityId = conflictId;
    resolved.op = Mutation::Op::Delete;
    if (Result<qint64> queued = appendMutation(resolved); !queued.ok())
        return queued.error();
    if (Result<void> marked = sync.resolveConflict(conflictId, found.value()->version); !marked.ok())
        return marked.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return saved;
}

Result<QList<DraftConflict>> Replica::conflicts()
{
    const Result<QList<qint64>> creators = creatorIds();
    if (!creators.ok())
        return creators.error();
    Result<QList<DraftConflict>> all = SyncRepository(m_db, m_owner.agencyId).conflictsAfter(creators.value(), 0);
    if (!all.ok())
        return all.error();
    QList<DraftConflict> open = std::move(all).value();
    open.removeIf([](const DraftConflict &conflict) { return conflict.resolved; });
    return open;
}

} // namespace huntaze::sync

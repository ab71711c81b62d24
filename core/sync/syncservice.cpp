#include "syncservice.h"

#include "agency/audit.h"
#include "domain/rules.h"
#include "storage/agencyrepository.h"
#include "storage/auditrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/creatorset.h"
#include "storage/draftrepository.h"
#include "storage/sqlworker.h"
#include "storage/syncedrollups.h"
#include "sync/fieldmerge.h"
#include "sync/importmutations.h"
#include "sync/resolution.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <tuple>

namespace huntaze::sync {

namespace {

Result<QString> clientIdFrom(const QJsonObject &json)
{
    const Result<QString> text = jsonfield::requiredString(json, QStringLiteral("clientId"), 64);
    if (!text.ok())
        return text.error();
    const std::optional<QString> id = rules::uuid(text.value());
    if (!id)
        return Error::validation(QStringLiteral("clientId"),
                                 QCoreApplication::translate("huntaze::sync::SyncService", "\"clientId\" must be a UUID."));
    return *id;
}

QString outcomeName(Resolution::Outcome outcome)
{
    switch (outcome) {
    case Resolution::Outcome::Applied: return QStringLiteral("applied");
    case Resolution::Outcome::Merged: return QStringLiteral("merged");
    case Resolution::Outcome::Restored: return QStringLiteral("restored");
    case Resolution::Outcome::Conflict: return QStringLiteral("conflict");
    case Resolution::Outcome::KeptEdited: return QStringLiteral("kept_edited");
    case Resolution::Outcome::Unchanged: return QStringLiteral("unchanged");
    }
    return {};
}

// The creator a mutation's payload names ("creatorId", a positive whole number); none when it names none well.
std::optional<qint64> creatorNamedIn(const QJsonObject &payload)
{
    const Result<qint64> named = jsonfield::optionalWholeNumber(payload, QStringLiteral("creatorId"), 1, rules::maxCount * 1000, 0);
    if (!named.ok() || named.value() == 0)
        return std::nullopt;
    return named.value();
}

class Pusher
{
public:
    Pusher(QSqlDatabase &db, const agency::Membership &member, const QString &clientId, const QDateTime &now)
        : m_db(db), m_member(member), m_clientId(clientId), m_now(now), m_sync(db, member.agencyId), m_writer(db, now)
    {}

    // Reads the drafts `mutations` touch in one go; apply() then keeps them current.
    Result<void> readDrafts(const QList<Mutation> &mutations)
    {
        QStringList ids;
        for (const Mutation &mutation : mutations) {
            if (mutation.entity == QLatin1String("draft"))
                ids.append(mutation.entityId);
        }
        ids.removeDuplicates();
        Result<QHash<QString, Draft>> found = DraftRepository::findAll(m_db, m_member.agencyId, ids);
        if (!found.ok())
            return found.error();
        m_drafts = std::move(found).value();
        return Result<void>::success();
    }

    // Decides what `mutation` does; its result is the next of results().
    // Drafts are written in batches: those waiting go first when a mutation
    // comes for one of them, so it finds the draft as written.
    Result<void> apply(const Mutation &mutation)
    {
        if (mutation.entity == QLatin1String("draft") && m_waitingIds.contains(mutation.entityId)) {
            if (Result<void> written = writeWaiting(); !written.ok())
                return written;
        }
        Result<MutationResult> result = decide(mutation);
        if (!result.ok())
            return result.error();
        m_results.append(std::move(result).value());
        return Result<void>::success();
    }

    // Writes the drafts still waiting, then what the push did to the audit log.
    Result<QList<MutationResult>> finish()
    {
        if (Result<void> written = writeWaiting(); !written.ok())
            return written.error();
        if (Result<void> audited = AuditRepository(m_db).recordAll(m_member.agencyId, m_member.userId, m_audits); !audited.ok())
            return audited.error();
        return m_results;
    }

private:
    // A draft decided on, in the next batch to write.
    struct Waiting {
        qsizetype result; // its place in m_results
        Mutation mutation;
        DraftWriter::Row row;
        std::optional<Draft> before; // the cache's copy until it is written; none: a new draft
        AuditRepository::Record audit;
    };

    Result<void> writeWaiting()
    {
        QSet<QString> written;
        for (const bool onlyIfNew : {true, false}) {
            QList<DraftWriter::Row> rows;
            for (const Waiting &waiting : std::as_const(m_waiting)) {
                if (!waiting.before == onlyIfNew)
                    rows.append(waiting.row);
            }
            if (rows.isEmpty())
                continue;
            const Result<QSet<QString>> stored = m_writer.writeAll(rows, onlyIfNew);
            if (!stored.ok())
                return stored.error();
            written.unite(stored.value());
        }
        for (const Waiting &waiting : std::as_const(m_waiting)) {
            if (written.contains(waiting.row.draft.id)) {
                m_audits.append(waiting.audit);
                continue;
            }
            // An id taken by a draft the member may not see, or another creator's: refused, nothing changed.
            if (waiting.before)
                m_drafts.insert(waiting.row.draft.id, *waiting.before);
            else
                m_drafts.remove(waiting.row.draft.id);
            Result<MutationResult> refused
                = rejected(waiting.mutation, QStringLiteral("already_exists"),
                           QCoreApplication::translate("huntaze::sync::SyncService", "Another draft has this id; this one was not saved."));
            if (!refused.ok())
                return refused.error();
            m_results[waiting.result] = std::move(refused).value();
        }
        m_waiting.clear();
        m_waitingIds.clear();
        return Result<void>::success();
    }

    Result<MutationResult> decide(const Mutation &mutation)
    {
        if (mutation.entity == QLatin1String("preference"))
            return setPreference(mutation);
        if (isImport(mutation.entity))
            return importRows(mutation);
        if (!m_member.require({agency::Permission::ManageDrafts}).ok())
            return rejected(mutation, QStringLiteral("forbidden"),
                            QCoreApplication::translate("huntaze::sync::SyncService", "Your role does not keep drafts."));
        if (mutation.entity == QLatin1String("draft_conflict"))
            return resolveConflict(mutation);
        const auto known = m_drafts.constFind(mutation.entityId);
        const std::optional<Draft> current = known == m_drafts.constEnd() ? std::nullopt : std::optional<Draft>(*known);
        qint64 creatorId = current ? current->creatorId : 0;
        QJsonObject payload = mutation.payload;
        const std::optional<qint64> named = creatorNamedIn(payload);
        payload.remove(QStringLiteral("creatorId"));
        if (!current) {
            if (mutation.op == Mutation::Op::Delete)
                return MutationResult{mutation.id, outcomeName(Resolution::Outcome::Unchanged), 0, {}};
            if (!named)
                return rejected(
                    mutation, QStringLiteral("validation"),
                    QCoreApplication::translate("huntaze::sync::SyncService", "A new draft needs the id of its creator (\"creatorId\")."));
            creatorId = *named;
        }
        const Result<agency::CreatorScope> scope = scopeFor(creatorId);
        if (!scope.ok())
            return rejected(mutation, QStringLiteral("forbidden"), scope.error().message);

        std::optional<ServerRow> row;
        if (current)
            row = ServerRow{current->editableFields(), current->version, current->deleted};
        Mutation edit = mutation;
        edit.payload = payload;
        const Resolution resolution = resolve(row, edit);
        switch (resolution.outcome) {
        case Resolution::Outcome::Unchanged: return MutationResult{mutation.id, outcomeName(resolution.outcome), 0, {}};
        case Resolution::Outcome::KeptEdited: {
            const QString reason = QCoreApplication::translate(
                "huntaze::sync::SyncService", "The draft was changed on another device after this one last saw it, so it was kept.");
            const Result<MutationResult> kept = rejected(mutation, QStringLiteral("kept_edited"), reason);
            if (!kept.ok())
                return kept.error();
            return MutationResult{mutation.id, outcomeName(resolution.outcome), kept.value().version, reason};
        }
        case Resolution::Outcome::Conflict: return conflict(mutation, *current, resolution);
        case Resolution::Outcome::Applied:
        case Resolution::Outcome::Merged:
        case Resolution::Outcome::Restored: break;
        }

        Draft draft;
        if (resolution.row.deleted) {
            draft = *current;
            draft.updatedAt = QDateTime(); // deleted now
        } else {
            QJsonObject fields = resolution.row.fields;
            fields.insert(QStringLiteral("id"), mutation.entityId);
            const Result<Draft> parsed = Draft::parse(fields);
            const Result<Draft> valid = parsed.ok() ? validateDraft(parsed.value()) : Result<Draft>(parsed.error());
            if (!valid.ok())
                return rejected(mutation, QStringLiteral("validation"), valid.error().message);
            draft = valid.value();
        }
        draft.deleted = resolution.row.deleted;
        const Result<qint64> version = nextVersion();
        if (!version.ok())
            return version.error();
        draft.version = version.value();
        // Applied as sent: the device has this very row, and its next pull can leave it out.
        const QString writtenBy = resolution.outcome == Resolution::Outcome::Applied ? m_clientId : QString();
        Waiting waiting{m_results.size(),
                        mutation,
                        {scope.value(), draft, writtenBy},
                        current,
                        {creatorId, draft.deleted ? audit::draftDeleted : audit::draftSaved,
                         withOrigin(mutation,
                                    {{QStringLiteral("draft"), draft.id},
                                     {QStringLiteral("title"), draft.title},
                                     {QStringLiteral("sync"), outcomeName(resolution.outcome)}})}};
        m_waiting.append(std::move(waiting));
        m_waitingIds.insert(draft.id);
        // What the next mutation of this draft in the push finds.
        draft.creatorId = creatorId;
        draft.authorId = current ? current->authorId : m_member.userId;
        m_drafts.insert(draft.id, draft);
        return MutationResult{mutation.id, outcomeName(resolution.outcome), draft.version, {}};
    }

    // A creator's preference set on a device: taken when the server's value is
    // still the one the device replaced (or the same); changed both ways, lists merge
    // (the server's items less those the device removed, plus those it added)
    // and anything else keeps the server's, the device's kept as a problem.
    Result<MutationResult> setPreference(const Mutation &mutation)
    {
        const auto refuse = [&](const QString &reason) { return rejected(mutation, QStringLiteral("validation"), reason); };
        if (mutation.op != Mutation::Op::Put)
            return refuse(QCoreApplication::translate("huntaze::sync::SyncService", "A preference can be set, not deleted."));
        const std::optional<qint64> creatorId = creatorNamedIn(mutation.payload);
        if (!creatorId)
            return refuse(
                QCoreApplication::translate("huntaze::sync::SyncService", "A preference needs the id of its creator (\"creatorId\")."));
        const QJsonValue value = mutation.payload.value(QStringLiteral("value"));
        if (value.isUndefined())
            return refuse(QCoreApplication::translate("huntaze::jsonfield", "\"%1\" is required.").arg(QStringLiteral("value")));
        if (Result<void> valid = rules::preferenceValue(value); !valid.ok())
            return refuse(valid.error().message);
        if (!m_member.require({agency::Permission::EditCreatorProfile}).ok())
            return rejected(mutation, QStringLiteral("forbidden"),
                            QCoreApplication::translate("huntaze::sync::SyncService", "Your role does not change creators' preferences."));
        const Result<agency::CreatorScope> scope = scopeFor(*creatorId);
        if (!scope.ok())
            return rejected(mutation, QStringLiteral("forbidden"), scope.error().message);
        CreatorDataRepository data(m_db, scope.value());
        const Result<std::optional<CreatorDataRepository::PreferenceRow>> current = data.preferenceRow(mutation.entityId);
        if (!current.ok())
            return current.error();
        QJsonValue chosen = value;
        Resolution::Outcome outcome = Resolution::Outcome::Applied;
        // A preference is one field: the value the device replaced says whether the server's moved since.
        if (current.value()) {
            const QJsonValue server = current.value()->value;
            const QJsonValue base = mutation.base.value(QStringLiteral("value"));
            if (server == value)
                return MutationResult{mutation.id, outcomeName(Resolution::Outcome::Unchanged), 0, {}};
            if (server != base) {
                const QString key = QStringLiteral("value");
                const FieldMerge merged = mergeFields({{key, base}}, {{key, server}}, {{key, value}});
                if (!merged.clean || !merged.merged.value(key).isArray())
                    return rejected(mutation, QStringLiteral("kept_other"),
                                    QCoreApplication::translate("huntaze::sync::SyncService",
                                                                "This preference was changed on another device after this one last saw it; "
                                                                "the other device's choice was kept."));
                chosen = merged.merged.value(key);
                outcome = Resolution::Outcome::Merged;
            }
        }
        const Result<qint64> version = nextVersion();
        if (!version.ok())
            return version.error();
        if (Result<void> written = data.writePreference(mutation.entityId, chosen); !written.ok())
            return written.error();
        m_audits.append(
            {*creatorId, audit::preferenceChanged,
             withOrigin(mutation, {{QStringLiteral("key"), mutation.entityId}, {QStringLiteral("sync"), outcomeName(outcome)}})});
        return MutationResult{mutation.id, outcomeName(outcome), version.value(), {}};
    }

    // Rows imported on a device: added as an import made online would add
    // them (the same rules, ImportData), all of the mutation or none; the
    // push's numbering is what keeps a mutation sent again from adding them twice.
    Result<MutationResult> importRows(const Mutation &mutation)
    {
        const auto refuse = [&](const QString &reason) { return rejected(mutation, QStringLiteral("validation"), reason); };
        if (mutation.op != Mutation::Op::Put)
            return refuse(QCoreApplication::translate("huntaze::sync::SyncService", "Imported rows can be added, not deleted."));
        const std::optional<qint64> creatorId = creatorNamedIn(mutation.payload);
        if (!creatorId)
            return refuse(
                QCoreApplication::translate("huntaze::sync::SyncService", "Imported rows need the id of their creator (\"creatorId\")."));
        const Result<QJsonArray> rows = jsonfield::requiredArray(mutation.payload, QStringLiteral("rows"), maxRowsPerImportMutation);
        if (!rows.ok())
            return refuse(rows.error().message);
        if (Result<void> allowed = m_member.require({agency::Permission::ImportData}); !allowed.ok())
            return rejected(mutation, QStringLiteral("forbidden"), allowed.error().message);
        const Result<agency::CreatorScope> scope = scopeFor(*creatorId);
        if (!scope.ok())
            return rejected(mutation, QStringLiteral("forbidden"), scope.error().message);
        CreatorDataRepository data(m_db, scope.value());
        const QJsonObject origin = withOrigin(mutation, {});
        Result<int> imported = Error(ErrorCode::Internal, {}, QStringLiteral("not an import: %1").arg(mutation.entity));
        const auto insert = [&](auto parsed, auto write) -> Result<int> {
            if (!parsed.ok())
                return parsed.error();
            return write(parsed.value());
        };
        if (mutation.entity == QLatin1String("fans"))
            imported
                = insert(parseRows<Fan>(mutation.entity, rows.value()), [&](const QList<Fan> &r) { return data.insertFans(r, origin); });
        else if (mutation.entity == QLatin1String("offers"))
            imported = insert(parseRows<Offer>(mutation.entity, rows.value()),
                              [&](const QList<Offer> &r) { return data.insertOffers(r, origin); });
        else
            imported
                = insert(parseRows<Post>(mutation.entity, rows.value()), [&](const QList<Post> &r) { return data.insertPosts(r, origin); });
        if (!imported.ok()) {
            if (imported.error().code == ErrorCode::Validation)
                return refuse(imported.error().message);
            return imported.error();
        }
        const Result<qint64> version = nextVersion();
        if (!version.ok())
            return version.error();
        return MutationResult{mutation.id, outcomeName(Resolution::Outcome::Applied), version.value(), {}};
    }

    // Someone chose between two versions (the one chosen was saved as a draft edit before this).
    Result<MutationResult> resolveConflict(const Mutation &mutation)
    {
        if (mutation.op != Mutation::Op::Delete)
            return rejected(mutation, QStringLiteral("validation"),
                            QCoreApplication::translate("huntaze::sync::SyncService", "A conflict can only be resolved (deleted)."));
        const Result<std::optional<DraftConflict>> found = m_sync.findConflict(mutation.entityId);
        if (!found.ok())
            return found.error();
        if (!found.value() || found.value()->resolved)
            return MutationResult{mutation.id, outcomeName(Resolution::Outcome::Unchanged), 0, {}};
        const DraftConflict &conflict = *found.value();
        if (Result<agency::CreatorScope> scope = scopeFor(conflict.creatorId); !scope.ok())
            return rejected(mutation, QStringLiteral("forbidden"), scope.error().message);
        const Result<qint64> version = nextVersion();
        if (!version.ok())
            return version.error();
        if (Result<void> resolved = m_sync.resolveConflict(conflict.id, version.value()); !resolved.ok())
            return resolved.error();
        m_audits.append({conflict.creatorId, audit::draftConflictResolved,
                         withOrigin(mutation, {{QStringLiteral("draft"), conflict.draftId}, {QStringLiteral("conflict"), conflict.id}})});
        return MutationResult{mutation.id, outcomeName(Resolution::Outcome::Applied), version.value(), {}};
    }

    // An audit entry's detail with the device and mutation it came from: which
    // device did what, and proof that no mutation was applied twice.
    QJsonObject withOrigin(const Mutation &mutation, QJsonObject detail) const
    {
        detail.insert(QStringLiteral("client"), m_clientId);
        detail.insert(QStringLiteral("mutation"), mutation.id);
        return detail;
    }

    // One version for the whole push: it commits as one, so a pull sees all of it or none.
    Result<qint64> nextVersion()
    {
        if (!m_version) {
            const Result<qint64> taken = m_sync.nextVersion();
            if (!taken.ok())
                return taken.error();
            m_version = taken.value();
        }
        return *m_version;
    }

    // Asked once per creator in a push.
    Result<agency::CreatorScope> scopeFor(qint64 creatorId)
    {
        auto known = m_scopes.constFind(creatorId);
        if (known == m_scopes.constEnd())
            known = m_scopes.insert(creatorId, AgencyRepository(m_db).scopeFor(m_member, creatorId));
        return known.value();
    }

    // Refused for good: the device's counter still moves on, and its next pull says why.
    Result<MutationResult> rejected(const Mutation &mutation, const QString &code, const QString &reason)
    {
        const Result<qint64> version = nextVersion();
        if (!version.ok())
            return version.error();
        const SyncRejection rejection{mutation.id, mutation.entity, mutation.entityId, code, reason, version.value()};
        if (Result<void> kept = m_sync.reject(m_clientId, rejection, m_now); !kept.ok())
            return kept.error();
        return MutationResult{mutation.id, QStringLiteral("rejected"), version.value(), reason};
    }

    Result<MutationResult> conflict(const Mutation &mutation, const Draft &current, const Resolution &resolution)
    {
        const Result<qint64> version = nextVersion();
        if (!version.ok())
            return version.error();
        DraftConflict kept;
        kept.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        kept.draftId = current.id;
        kept.creatorId = current.creatorId;
        kept.authorId = m_member.userId;
        kept.fields = mutation.payload;
        kept.fields.remove(QStringLiteral("creatorId"));
        kept.conflicting = resolution.conflicting;
        kept.version = version.value();
        if (Result<void> added = m_sync.addConflict(kept, m_now); !added.ok())
            return added.error();
        return MutationResult{mutation.id, outcomeName(Resolution::Outcome::Conflict), kept.version, {}};
    }

    QSqlDatabase &m_db;
    const agency::Membership &m_member;
    QString m_clientId;
    QDateTime m_now;
    SyncRepository m_sync;
    DraftWriter m_writer;
    QHash<QString, Draft> m_drafts; // the push's drafts, as they are now
    QList<Waiting> m_waiting;
    QSet<QString> m_waitingIds;
    QList<MutationResult> m_results;
    QList<AuditRepository::Record> m_audits;
    std::optional<qint64> m_version;
    QHash<qint64, Result<agency::CreatorScope>> m_scopes;
};

QJsonArray idsArray(const QList<qint64> &ids)
{
    QJsonArray array;
    for (const qint64 id : ids)
        array.append(id);
    return array;
}

} // namespace

QJsonObject PushRequest::toJson() const
{
    QJsonArray list;
    for (const Mutation &mutation : mutations)
        list.append(mutation.toJson());
    return {{QStringLiteral("clientId"), clientId}, {QStringLiteral("mutations"), list}};
}

Result<PushRequest> PushRequest::parse(const QJsonObject &json)
{
    PushRequest request;
    const Result<QString> client = clientIdFrom(json);
    if (!client.ok())
        return client.error();
    request.clientId = client.value();
    const Result<QJsonArray> list = jsonfield::requiredArray(json, QStringLiteral("mutations"), maxMutationsPerPush);
    if (!list.ok())
        return list.error();
    for (qsizetype i = 0; i < list.value().size(); ++i) {
        Result<Mutation> mutation = Mutation::parse(list.value().at(i));
        if (!mutation.ok())
            return jsonfield::within(QStringLiteral("mutations[%1]").arg(i), mutation.error());
        request.mutations.append(std::move(mutation).value());
    }
    return request;
}

QJsonObject MutationResult::toJson() const
{
    QJsonObject json{{QStringLiteral("id"), id}, {QStringLiteral("outcome"), outcome}, {QStringLiteral("version"), version}};
    if (!reason.isEmpty())
        json.insert(QStringLiteral("reason"), reason);
    return json;
}

MutationResult MutationResult::fromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("id")).toInteger(), json.value(QStringLiteral("outcome")).toString(),
            json.value(QStringLiteral("version")).toInteger(), json.value(QStringLiteral("reason")).toString()};
}

QJsonObject PushResponse::toJson() const
{
    QJsonArray list;
    for (const MutationResult &result : results)
        list.append(result.toJson());
    QJsonObject json{{QStringLiteral("lastMutationId"), lastMutationId}, {QStringLiteral("results"), list}};
    if (expected)
        json.insert(QStringLiteral("expected"), *expected);
    return json;
}

PushResponse PushResponse::fromJson(const QJsonObject &json)
{
    PushResponse response;
    response.lastMutationId = json.value(QStringLiteral("lastMutationId")).toInteger();
    if (json.contains(QStringLiteral("expected")))
        response.expected = json.value(QStringLiteral("expected")).toInteger();
    for (const QJsonValue &result : json.value(QStringLiteral("results")).toArray())
        response.results.append(MutationResult::fromJson(result.toObject()));
    return response;
}

QStringList readableTables(const agency::Membership &member)
{
    using agency::Permission;
    QStringList tables;
    if (member.role.allows(Permission::ViewFans))
        tables << QStringLiteral("fans");
    if (member.role.allows(Permission::ViewFans) && member.role.allows(Permission::ViewEarnings))
        tables << QStringLiteral("fan_earnings");
    if (member.role.allows(Permission::ViewEarnings))
        tables << QStringLiteral("offers");
    if (member.require({Permission::ViewDashboard, Permission::UseCaptions, Permission::UseIdeas}).ok())
        tables << QStringLiteral("posts");
    tables << QStringLiteral("preferences");
    if (member.role.allows(Permission::ViewEarnings))
        tables << QString::fromLatin1(SyncedRollUps::pullName);
    return tables;
}

namespace {

const QStringList allTableNames{QStringLiteral("fans"),  QStringLiteral("fan_earnings"), QStringLiteral("offers"),
                                QStringLiteral("posts"), QStringLiteral("preferences"),  QString::fromLatin1(SyncedRollUps::pullName)};

Error badPage()
{
    return Error::validation(QStringLiteral("page"),
                             QCoreApplication::translate("huntaze::sync::SyncService",
                                                         "\"page\" must be the \"next\" of the previous answer: {\"upTo\", \"after\"}."));
}

} // namespace

QJsonObject PullPage::toJson() const
{
    QJsonObject afterIds;
    for (auto it = after.constBegin(); it != after.constEnd(); ++it)
        afterIds.insert(it.key(), it.value());
    QJsonObject json{{QStringLiteral("upTo"), upTo}, {QStringLiteral("after"), afterIds}};
    if (!afterKey.isEmpty()) {
        QJsonObject keys;
        for (auto it = afterKey.constBegin(); it != afterKey.constEnd(); ++it)
            keys.insert(it.key(), it.value());
        json.insert(QStringLiteral("afterKey"), keys);
    }
    return json;
}

Result<PullPage> PullPage::parse(const QJsonValue &json)
{
    if (!json.isObject())
        return badPage();
    const QJsonObject object = json.toObject();
    const Result<qint64> upTo = jsonfield::optionalWholeNumber(object, QStringLiteral("upTo"), 0, std::numeric_limits<qint64>::max(), -1);
    if (!upTo.ok() || upTo.value() < 0 || !object.value(QStringLiteral("after")).isObject())
        return badPage();
    PullPage page;
    page.upTo = upTo.value();
    const QJsonObject after = object.value(QStringLiteral("after")).toObject();
    for (auto it = after.constBegin(); it != after.constEnd(); ++it) {
        const Result<qint64> id = jsonfield::optionalWholeNumber(after, it.key(), 0, std::numeric_limits<qint64>::max(), -1);
        if (!CreatorDataRepository::syncedTables().contains(it.key()) || !id.ok() || id.value() < 0)
            return badPage();
        page.after.insert(it.key(), id.value());
    }
    const QJsonValue afterKey = object.value(QStringLiteral("afterKey"));
    if (afterKey.isUndefined())
        return page;
    if (!afterKey.isObject())
        return badPage();
    const QJsonObject keys = afterKey.toObject();
    for (auto it = keys.constBegin(); it != keys.constEnd(); ++it) {
        const SyncedRollUps::Table *table = SyncedRollUps::find(it.key());
        if (!table || !it.value().isArray() || !SyncedRollUps::isCursor(*table, it.value().toArray()))
            return badPage();
        page.afterKey.insert(it.key(), it.value().toArray());
    }
    return page;
}

QJsonObject PullRequest::toJson() const
{
    QJsonObject json{{QStringLiteral("clientId"), clientId},
                     {QStringLiteral("cookie"), cookie},
                     {QStringLiteral("creators"), idsArray(creators)},
                     {QStringLiteral("tables"), QJsonArray::fromStringList(tables)}};
    if (page)
        json.insert(QStringLiteral("page"), page->toJson());
    return json;
}

Result<PullRequest> PullRequest::parse(const QJsonObject &json)
{
    PullRequest request;
    const Result<QString> client = clientIdFrom(json);
    if (!client.ok())
        return client.error();
    request.clientId = client.value();
    const Result<qint64> cookie = jsonfield::optionalWholeNumber(json, QStringLiteral("cookie"), 0, std::numeric_limits<qint64>::max(), 0);
    if (!cookie.ok())
        return cookie.error();
    request.cookie = cookie.value();
    const QJsonValue creators = json.value(QStringLiteral("creators"));
    if (!creators.isUndefined()) {
        if (!creators.isArray() || creators.toArray().size() > rules::maxCount)
            return Error::validation(
                QStringLiteral("creators"),
                QCoreApplication::translate("huntaze::sync::SyncService", "\"creators\" must be a list of creator ids."));
        for (const QJsonValue &id : creators.toArray()) {
            if (!id.isDouble() || id.toDouble() < 1 || id.toDouble() != static_cast<double>(id.toInteger()))
                return Error::validation(
                    QStringLiteral("creators"),
                    QCoreApplication::translate("huntaze::sync::SyncService", "\"creators\" must be a list of creator ids."));
            request.creators.append(id.toInteger());
        }
    }
    const QJsonValue tables = json.value(QStringLiteral("tables"));
    if (!tables.isUndefined()) {
        const auto notATable = [] {
            return Error::validation(
                QStringLiteral("tables"),
                QCoreApplication::translate("huntaze::sync::SyncService", "\"tables\" must be a list of the tables a pull names (%1).")
                    .arg(allTableNames.join(QStringLiteral(", "))));
        };
        if (!tables.isArray() || tables.toArray().size() > allTableNames.size())
            return notATable();
        for (const QJsonValue &table : tables.toArray()) {
            if (!table.isString() || !allTableNames.contains(table.toString()))
                return notATable();
            request.tables.append(table.toString());
        }
    }
    if (const QJsonValue page = json.value(QStringLiteral("page")); !page.isUndefined() && !page.isNull()) {
        Result<PullPage> parsed = PullPage::parse(page);
        if (!parsed.ok())
            return parsed.error();
        request.page = std::move(parsed).value();
    }
    return request;
}

QJsonObject PullResponse::toJson() const
{
    QJsonArray draftList;
    for (const Draft &draft : drafts)
        draftList.append(draft.toJson());
    QJsonArray conflictList;
    for (const DraftConflict &conflict : conflicts)
        conflictList.append(conflict.toJson());
    QJsonArray rejectionList;
    for (const SyncRejection &rejection : rejections)
        rejectionList.append(rejection.toJson());
    const bool withEarnings = tables.contains(QStringLiteral("fan_earnings"));
    QJsonArray data;
    for (const CreatorRows &rows : creatorData)
        data.append(rows.toJson(withEarnings));
    QJsonObject json{{QStringLiteral("cookie"), cookie},
                     {QStringLiteral("reset"), reset},
                     {QStringLiteral("lastMutationId"), lastMutationId},
                     {QStringLiteral("creators"), idsArray(creators)},
                     {QStringLiteral("drafts"), draftList},
                     {QStringLiteral("conflicts"), conflictList},
                     {QStringLiteral("rejections"), rejectionList},
                     {QStringLiteral("creatorData"), data},
                     {QStringLiteral("tables"), QJsonArray::fromStringList(tables)}};
    if (next)
        json.insert(QStringLiteral("next"), next->toJson());
    return json;
}

PullResponse PullResponse::fromJson(const QJsonObject &json)
{
    PullResponse response;
    response.cookie = json.value(QStringLiteral("cookie")).toInteger();
    response.reset = json.value(QStringLiteral("reset")).toBool();
    response.lastMutationId = json.value(QStringLiteral("lastMutationId")).toInteger();
    for (const QJsonValue &id : json.value(QStringLiteral("creators")).toArray())
        response.creators.append(id.toInteger());
    for (const QJsonValue &draft : json.value(QStringLiteral("drafts")).toArray())
        response.drafts.append(Draft::fromJson(draft.toObject()));
    for (const QJsonValue &conflict : json.value(QStringLiteral("conflicts")).toArray())
        response.conflicts.append(DraftConflict::fromJson(conflict.toObject()));
    for (const QJsonValue &rejection : json.value(QStringLiteral("rejections")).toArray())
        response.rejections.append(SyncRejection::fromJson(rejection.toObject()));
    for (const QJsonValue &rows : json.value(QStringLiteral("creatorData")).toArray())
        response.creatorData.append(CreatorRows::fromJson(rows.toObject()));
    for (const QJsonValue &table : json.value(QStringLiteral("tables")).toArray())
        response.tables.append(table.toString());
    if (const QJsonValue next = json.value(QStringLiteral("next")); next.isObject()) {
        if (Result<PullPage> page = PullPage::parse(next); page.ok())
            response.next = std::move(page).value();
    }
    return response;
}

Result<PushResponse> push(QSqlDatabase &db, const agency::Membership &member, const PushRequest &request, const QDateTime &now)
{
    SyncRepository sync(db, member.agencyId);
    const Result<qint64> last = sync.lockClient(request.clientId, member.userId, now);
    if (!last.ok())
        return last.error();
    PushResponse response;
    response.lastMutationId = last.value();
    const PushPlan plan = planPush(last.value(), request.mutations);
    if (plan.expected) {
        response.expected = plan.expected;
        return response;
    }
    Pusher pusher(db, member, request.clientId, now);
    if (Result<void> read = pusher.readDrafts(plan.toApply); !read.ok())
        return read.error();
    for (const Mutation &mutation : plan.toApply) {
        if (Result<void> applied = pusher.apply(mutation); !applied.ok())
            return applied.error();
        response.lastMutationId = mutation.id;
    }
    Result<QList<MutationResult>> results = pusher.finish();
    if (!results.ok())
        return results.error();
    response.results = std::move(results).value();
    if (!plan.toApply.isEmpty()) {
        if (Result<void> advanced = sync.setLastMutation(request.clientId, response.lastMutationId); !advanced.ok())
            return advanced.error();
    }
    return response;
}

Result<PullResponse> pull(QSqlDatabase &db, const agency::Membership &member, const PullRequest &request, int pageRows)
{
    SyncRepository sync(db, member.agencyId);
    PullResponse response;
    // The version first: every row written up to it has committed (see SyncRepository::nextVersion).
    const Result<qint64> current = sync.currentVersion();
    if (!current.ok())
        return current.error();
    const bool reset = request.cookie > current.value();
    const qint64 since = reset ? 0 : request.cookie;
    // A later page reads up to what the first saw; its cookie is the series'.
    response.cookie = request.page ? std::min(request.page->upTo, current.value()) : current.value();
    response.reset = reset && !request.page;
    const Result<qint64> last = sync.lastMutation(request.clientId, member.userId);
    if (!last.ok())
        return last.error();
    response.lastMutationId = last.value();
    const Result<QList<Creator>> visible = AgencyRepository(db).visibleCreators(member);
    if (!visible.ok())
        return visible.error();
    // Creators the device has get what changed, less the rows it wrote itself
    // exactly as it has them; those it gained (or all, on a reset, which
    // clears the replica) get everything.
    CreatorSet known{member.agencyId, {}};
    CreatorSet gained{member.agencyId, {}};
    for (const Creator &creator : visible.value()) {
        response.creators.append(creator.id);
        (request.creators.contains(creator.id) && !reset ? known : gained).creatorIds.append(creator.id);
    }
    response.tables = readableTables(member);
    if (!request.page) {
        const Result<QList<SyncRejection>> rejections = sync.rejectionsAfter(request.clientId, since);
        if (!rejections.ok())
            return rejections.error();
        response.rejections = rejections.value();
        if (member.require({agency::Permission::ManageDrafts}).ok()) {
            for (const auto &[creators, after, except] :
                 {std::tuple{known, since, request.clientId}, std::tuple{gained, qint64(0), QString()}}) {
                if (creators.creatorIds.isEmpty())
                    continue;
                const Result<QList<Draft>> drafts = DraftRepository::changedAfter(db, creators, after, except);
                if (!drafts.ok())
                    return drafts.error();
                response.drafts += drafts.value();
                const Result<QList<DraftConflict>> conflicts = sync.conflictsAfter(creators.creatorIds, after);
                if (!conflicts.ok())
                    return conflicts.error();
                response.conflicts += conflicts.value();
            }
        }
    }

    // Creator data: a table the device holds whole gets what changed for the
    // creators it has; one it does not (new to it, or fans now with what
    // they spent) comes whole.
    const auto holds = [&](const QString &table) {
        if (reset || !request.tables.contains(table))
            return false;
        const QString earnings = QStringLiteral("fan_earnings");
        return table != QLatin1String("fans") || !response.tables.contains(earnings) || request.tables.contains(earnings);
    };
    const auto query = [&](const QString &table) {
        SyncedRowsQuery which{gained, {member.agencyId, {}}, since, response.cookie};
        (holds(table) ? which.changed : which.everything).creatorIds += known.creatorIds;
        return which;
    };
    QMap<qint64, CreatorRows> rows;
    int budget = std::max(1, pageRows);
    PullPage next{response.cookie, {}, {}};
    for (const QString &table : CreatorDataRepository::syncedTables()) {
        if (!response.tables.contains(table) || (request.page && !request.page->after.contains(table)))
            continue;
        const qint64 after = request.page ? request.page->after.value(table) : 0;
        if (budget == 0) {
            next.after.insert(table, after);
            continue;
        }
        const Result<CreatorDataRepository::Read> read = CreatorDataRepository::readSynced(db, table, query(table), after, budget, rows);
        if (!read.ok())
            return read.error();
        if (read.value().count == budget)
            next.after.insert(table, read.value().lastId); // maybe more
        budget -= read.value().count;
    }
    const QString analytics = QString::fromLatin1(SyncedRollUps::pullName);
    if (response.tables.contains(analytics)) {
        for (const SyncedRollUps::Table &table : SyncedRollUps::tables()) {
            if (request.page && !request.page->afterKey.contains(table.name))
                continue;
            const QJsonArray after = request.page ? request.page->afterKey.value(table.name) : QJsonArray();
            if (budget == 0) {
                next.afterKey.insert(table.name, after);
                continue;
            }
            const Result<SyncedRollUps::Read> read = SyncedRollUps::read(db, table, query(analytics), after, budget, rows);
            if (!read.ok())
                return read.error();
            if (read.value().count == budget)
                next.afterKey.insert(table.name, read.value().last); // maybe more
            budget -= read.value().count;
        }
    }
    if (!request.page && response.tables.contains(QStringLiteral("preferences"))) {
        if (Result<void> read = CreatorDataRepository::readSyncedPreferences(db, query(QStringLiteral("preferences")), rows); !read.ok())
            return read.error();
    }
    if (!response.tables.contains(QStringLiteral("fan_earnings"))) {
        for (CreatorRows &creator : rows) {
            for (Fan &fan : creator.fans) {
                fan.totalSpend = 0; // not the member's to see (the JSON leaves them out)
                fan.lastPurchase.clear();
            }
        }
    }
    response.creatorData = rows.values();
    if (!next.after.isEmpty() || !next.afterKey.isEmpty())
        response.next = next;
    return response;
}

} // namespace huntaze::sync

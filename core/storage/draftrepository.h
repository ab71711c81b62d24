#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "domain/draft.h"
#include "storage/creatorset.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>

#include <optional>

namespace huntaze {

// One creator's drafts (issue 13), on SQLite and PostgreSQL alike, with bound
// parameters only. Whether the member may keep drafts was decided before
// (agency::Membership); every statement filters on the scope. A delete leaves
// a tombstone (for a sync to pass on); lists never show one.
class DraftRepository
{
public:
    // `now`: when a save or delete happens (the caller's clock).
    DraftRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QDateTime now) : m_db(db), m_scope(scope), m_now(std::move(now)) {}

    // Validates and keeps `draft`: a new one (no id, or an id never seen) is
    // added with the scope's member as its author; one already there takes
    // the new fields, its author and creation time unchanged. Recorded in the
    // audit log. A deleted draft cannot be saved again under its id.
    Result<Draft> save(const Draft &draft);
    // Deletes the draft (NotFound if the creator has no such draft). Recorded in the audit log.
    Result<void> remove(const QString &id);
    // The creator's drafts, the last changed first.
    Result<QList<Draft>> drafts();
    // The drafts of `creators`, the last changed first.
    static Result<QList<Draft>> draftsOf(QSqlDatabase &db, const CreatorSet &creators);
    // The drafts of every creator `member` may see (a chatter: those assigned
    // to them), if their role keeps drafts.
    static Result<QList<Draft>> visibleTo(QSqlDatabase &db, const agency::Membership &member);

    // For sync (docs/sync.md). The agency's draft `id` whatever its creator, tombstone included.
    static Result<std::optional<Draft>> find(QSqlDatabase &db, qint64 agencyId, const QString &id);
    // The agency's drafts among `ids` (a push's), by id; an id not there is absent.
    static Result<QHash<QString, Draft>> findAll(QSqlDatabase &db, qint64 agencyId, const QStringList &ids);
    // The drafts of `creators` written after `version`, tombstones included
    // (version 0: every live draft), in the order they were written; not
    // those `exceptClient` wrote itself exactly as it has them (for a device
    // that has the creators' rows).
    static Result<QList<Draft>> changedAfter(QSqlDatabase &db, const CreatorSet &creators, qint64 version,
                                             const QString &exceptClient = {});

private:
    Result<Draft> insert(Draft draft);
    // `stored` once its save is in the audit log.
    Result<Draft> audited(const Draft &stored);

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
    QDateTime m_now;
};

// Stores drafts as a sync decided them (fields, version, tombstone): a push
// or a pull writes thousands, so many go in one statement.
class DraftWriter
{
public:
    // One draft to store, for the scope's creator (the scope's member its
    // author when it is new).
    struct Row {
        agency::CreatorScope scope;
        Draft draft;
        QString writtenBy = {}; // the device whose push wrote it exactly as it has it (its pulls leave it out)
    };

    // `now`: the times of a draft that has none of its own.
    DraftWriter(QSqlDatabase &db, QDateTime now) : m_db(db), m_now(std::move(now)) {}

    // Stores `draft`: added if new, else its fields replaced. Its times are
    // the draft's when set (a pulled draft), else `now`. False when the id
    // is another creator's draft. `onlyIfNew`: a row with the id already
    // there (one the member may not see, on a server) is left as it is,
    // false, no error.
    Result<bool> write(const agency::CreatorScope &scope, const Draft &draft, bool onlyIfNew = false);
    // The same for many drafts with different ids, in few statements; the
    // ids stored (those left out were another creator's, or taken).
    Result<QSet<QString>> writeAll(const QList<Row> &rows, bool onlyIfNew = false);

private:
    QSqlDatabase &m_db;
    QDateTime m_now;
};

} // namespace huntaze

#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "domain/draft.h"

#include <QDateTime>
#include <QSqlDatabase>

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

private:
    Result<Draft> insert(Draft draft);
    // `stored` once its save is in the audit log.
    Result<Draft> audited(const Draft &stored);

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
    QDateTime m_now;
};

} // namespace huntaze

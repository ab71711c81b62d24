#pragma once

#include "common/result.h"
#include "domain/draft.h"
#include "storage/sqlworker.h"
#include "storage/syncrepository.h"
#include "sync/syncservice.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace huntaze::sync {

// Who a replica belongs to: one member of one agency on one server.
struct ReplicaOwner {
    qint64 agencyId = 0;
    qint64 userId = 0;
    QString email;
};

// How far a replica is from the server.
struct ReplicaStatus {
    qint64 pending = 0; // local changes the server has not acknowledged (an import's parts count once)
    qint64 problems = 0; // changes the server refused for good (the local copy kept; an import's parts count once)
    qint64 conflicts = 0; // edits kept beside a draft, waiting for someone to resolve them
    qint64 cookie = 0;
    QDateTime lastSynced; // invalid: never

    friend bool operator==(const ReplicaStatus &, const ReplicaStatus &) = default;
};

// A change the server refused for good, as the member reads it (the parts
// of one import together), with what this device had sent.
struct SyncProblem {
    QList<qint64> mutationIds; // one, or an import's parts
    QString entity; // as the mutation's: "draft", "preference", "fans"…
    QString entityId;
    QString code; // "validation", "forbidden", "kept_edited", "kept_other"…
    QString reason; // for people, in the server's language
    QJsonObject localCopy; // the payload sent; an import's rows all together
    QDateTime at;
};

// A desktop's copy of what a member may see on a server (issue 13,
// docs/sync.md), in a SQLite file with the embedded backend's schema. Every
// local change is written with its outbox mutation in one transaction; a
// pull stores the server's rows, drops the creators the member lost, and
// replays the changes the server has not acknowledged yet on top, so the
// replica always shows the server's state plus the device's own edits.
// Synchronous: it runs on the replica's SQL worker.
class Replica
{
public:
    Replica(QSqlDatabase &db, ReplicaOwner owner, QDateTime now) : m_db(db), m_owner(std::move(owner)), m_now(std::move(now)) {}

    // The device's id, made the first time.
    Result<QString> clientId();

    // A local edit (no id: a new draft, for its creatorId): validated, kept,
    // and queued for the server. Nothing changed: nothing queued.
    Result<Draft> saveDraft(const Draft &draft);
    Result<void> deleteDraft(const QString &id);
    // The live drafts, the last changed first.
    Result<QList<Draft>> drafts();
    // A creator's preference set here, queued for the server with the value
    // it replaces (the same value again: nothing queued).
    Result<void> setPreference(qint64 creatorId, const QString &key, const QJsonValue &value);

    // Rows imported here for `creatorId`: checked by the domain's rules (the
    // first bad one refuses them all), kept at once under temporary ids and
    // queued for the server in mutations of at most maxPayloadBytes; a pull
    // replaces them by the server's rows once it has them. How many were imported.
    Result<int> importFans(qint64 creatorId, const QList<Fan> &fans);
    Result<int> importOffers(qint64 creatorId, const QList<Offer> &offers);
    Result<int> importPosts(qint64 creatorId, const QList<Post> &posts);

    // The next batch of the outbox for the server (none left: no mutations),
    // at most maxMutationsPerPush mutations and about maxPushBytes.
    Result<PushRequest> nextPush();
    // What the server did with it: acknowledged mutations leave the outbox,
    // refused ones are kept as problems with what the device had sent.
    Result<void> pushed(const PushResponse &response);
    Result<PullRequest> nextPull();
    // Stores a pull in one transaction (see the class comment). The cookie only moves forward (a reset starts over).
    Result<void> pulled(const PullResponse &response);
    // The tables of creator data the replica holds whole (readableTables' names).
    static Result<QStringList> heldTables(QSqlDatabase &db);
    // Whether the replica holds the creator of `scope` (the member may see them).
    static Result<bool> holdsCreator(QSqlDatabase &db, const agency::CreatorScope &scope);
    Result<bool> holds(const QString &table) const;

    Result<ReplicaStatus> status();
    Result<QList<SyncRejection>> problems();
    // The problems to show, the latest first; an import's parts as one.
    Result<QList<SyncProblem>> problemsToRead();
    // The member read them: they go (their local copy with them).
    Result<void> dismissProblems(const QList<qint64> &mutationIds);
    // The open conflicts, the oldest first.
    Result<QList<DraftConflict>> conflicts();
    // Someone chose: `chosen` (either version, or one merged by hand) is saved
    // as an edit of the draft and the conflict resolved, both queued for the server.
    Result<Draft> resolveConflict(const QString &conflictId, const Draft &chosen);

private:
    Result<void> ensureCreators(const QList<qint64> &creatorIds);
    Result<void> ensureUser(qint64 userId, const QString &email);
    Result<qint64> appendMutation(const Mutation &mutation);
    Result<void> acknowledge(qint64 upTo);
    Result<void> rebase();
    template <typename T> Result<int> importRows(const QString &table, qint64 creatorId, const QList<T> &rows, Result<T> (*validate)(T));
    // An import mutation's rows kept as temporary rows (see pendingRowId).
    Result<void> keepImported(const Mutation &mutation, const QStringList &heldTables);
    // The tables held whole are `readable` from now on; rows of others go.
    Result<void> keepTables(const QStringList &readable);
    Result<QList<qint64>> creatorIds();

    QSqlDatabase &m_db;
    ReplicaOwner m_owner;
    QDateTime m_now;
};

// Runs `job` on the replica of `owner` kept by `worker`, on the worker's thread.
template <typename T> QFuture<Result<T>> onReplica(SqlWorker &worker, const ReplicaOwner &owner, std::function<Result<T>(Replica &)> job)
{
    return worker.run<T>([owner, job = std::move(job)](QSqlDatabase &db) {
        Replica replica(db, owner, QDateTime::currentDateTimeUtc());
        return job(replica);
    });
}

} // namespace huntaze::sync

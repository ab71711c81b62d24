#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "domain/draft.h"
#include "storage/creatordatarepository.h"
#include "storage/syncrepository.h"
#include "sync/mutation.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace huntaze::sync {

// POST /api/sync/push: a device's mutations, in order (docs/sync.md).
struct PushRequest {
    QString clientId; // a UUID the device made once
    QList<Mutation> mutations;

    QJsonObject toJson() const;
    static Result<PushRequest> parse(const QJsonObject &json);
};

// What became of one pushed mutation.
struct MutationResult {
    qint64 id = 0;
    QString outcome; // "applied", "merged", "restored", "conflict", "kept_edited", "unchanged", "rejected"
    qint64 version = 0; // the version it wrote (0: none)
    QString reason; // rejected, kept_edited: why, for people

    QJsonObject toJson() const;
    static MutationResult fromJson(const QJsonObject &json);
    friend bool operator==(const MutationResult &, const MutationResult &) = default;
};

struct PushResponse {
    qint64 lastMutationId = 0; // the device's last mutation the server applied (this push's included)
    std::optional<qint64> expected; // set: a gap, nothing applied; push again from this id
    QList<MutationResult> results; // one per mutation applied now, in order

    QJsonObject toJson() const;
    static PushResponse fromJson(const QJsonObject &json);
};

// Where a pull series stands (a first answer too long for one): the version
// its first page saw, and for each table not finished the last id sent.
struct PullPage {
    qint64 upTo = 0;
    QMap<QString, qint64> after;
    // Roll-up tables not finished (SyncedRollUps): the key of the last row sent, [] before the first.
    QMap<QString, QJsonArray> afterKey;

    QJsonObject toJson() const;
    static Result<PullPage> parse(const QJsonValue &json);
    friend bool operator==(const PullPage &, const PullPage &) = default;
};

// The tables of creator data a member's role may read, as a pull names
// them: "fans", "fan_earnings" (what fans spent: fans are sent with it),
// "offers", "posts", "preferences", and "analytics" (the roll-ups the
// Dashboard reads: SyncedRollUps) for those who see earnings.
QStringList readableTables(const agency::Membership &member);
// Rows of fans, offers and posts one pull answer carries at most.
inline constexpr int defaultPullPageRows = 20000;

// POST /api/sync/pull: what changed since the device's cookie.
struct PullRequest {
    QString clientId;
    qint64 cookie = 0; // the last version the device saw; 0: nothing yet
    QList<qint64> creators; // the creators whose rows the device has
    QStringList tables; // the tables of creator data the device holds whole (readableTables' names)
    std::optional<PullPage> page; // the next page of a series (the rest of the request as for its first)

    QJsonObject toJson() const;
    static Result<PullRequest> parse(const QJsonObject &json);
};

struct PullResponse {
    qint64 cookie = 0; // the version the device has seen once it stored this
    bool reset = false; // the cookie was unknown: drop everything, this is all of it
    qint64 lastMutationId = 0;
    QList<qint64> creators; // those the member may see now: rows of any other go
    QList<Draft> drafts; // changed or new, tombstones (deleted) included
    QList<DraftConflict> conflicts;
    QList<SyncRejection> rejections;
    // Fans, offers, posts and preferences of the readable tables, by creator.
    QList<CreatorRows> creatorData;
    QStringList tables; // those the member may read now: the device holds them whole once the series is stored
    std::optional<PullPage> next; // more to come: pull again with this page (cookie and tables wait for the last)

    QJsonObject toJson() const;
    static PullResponse fromJson(const QJsonObject &json);
};

// Applies a push in the caller's transaction: the device's row is locked,
// mutations it applied before are skipped, a gap applies nothing; each
// mutation is resolved against the server's row (sync::resolve), refused for
// good with its reason when invalid or not the member's to write, and
// recorded in the audit log.
Result<PushResponse> push(QSqlDatabase &db, const agency::Membership &member, const PushRequest &request, const QDateTime &now);

// What a device should store, filtered by what the member may see.
Result<PullResponse> pull(QSqlDatabase &db, const agency::Membership &member, const PullRequest &request,
                          int pageRows = defaultPullPageRows);

} // namespace huntaze::sync

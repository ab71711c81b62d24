#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "domain/fan.h"
#include "storage/creatorset.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

namespace huntaze {

// One creator's fans, offers, posts and preferences as a sync pull carries
// them (issue 13): what changed, or all of it for a device new to them.
struct CreatorRows {
    qint64 creatorId = 0;
    QList<Fan> fans;
    QList<Offer> offers;
    QList<Post> posts;
    QJsonObject preferences; // key: value
    // The analytics roll-ups' rows by table (SyncedRollUps), each row its columns in order.
    QMap<QString, QList<QJsonArray>> rollUps;

    // Fans without what they spent and bought last when `withEarnings` is false (left out, not zeroed).
    QJsonObject toJson(bool withEarnings) const;
    static CreatorRows fromJson(const QJsonObject &json);
};

// Which rows a pull reads: every row of `everything`'s creators, and of
// `changed`'s those written after `since`; none written after `upTo` (the
// version the pull's first page saw: later ones come with the next pull).
struct SyncedRowsQuery {
    CreatorSet everything;
    CreatorSet changed;
    qint64 since = 0;
    qint64 upTo = 0;

    // "((everything) OR (changed AND version > ?)) AND version <= ?", and its values.
    QString condition() const
    {
        return QStringLiteral("((") + everything.condition() + QStringLiteral(") OR (") + changed.condition()
            + QStringLiteral(" AND version > ?)) AND version <= ?");
    }
    void bind(QSqlQuery &query) const
    {
        everything.bind(query);
        changed.bind(query);
        query.addBindValue(since);
        query.addBindValue(upTo);
    }
};

// Fans, offers, posts and preferences of one creator of one agency,
// in SQL with bound parameters only. Whether the member may touch them was
// decided before (agency::Membership); every statement filters on the scope.
// Imports run in one transaction (or the caller's): all rows or none.
class CreatorDataRepository
{
public:
    CreatorDataRepository(QSqlDatabase &db, const agency::CreatorScope &scope) : m_db(db), m_scope(scope) {}

    Result<QList<Fan>> fans();
    Result<int> insertFans(const QList<Fan> &fans, const QJsonObject &origin = {});
    Result<QList<Offer>> offers();
    Result<int> insertOffers(const QList<Offer> &offers, const QJsonObject &origin = {});
    Result<QList<Post>> posts();
    Result<int> insertPosts(const QList<Post> &posts, const QJsonObject &origin = {});
    Result<QJsonValue> preference(const QString &key);
    // Every preference the creator has (key: value).
    Result<QJsonObject> preferences();
    // Sets a preference and records it in the audit log.
    Result<void> setPreference(const QString &key, const QJsonValue &value);
    // The same, unrecorded: a sync records it with the mutation it came from, a replica not at all.
    Result<void> writePreference(const QString &key, const QJsonValue &value);
    struct PreferenceRow {
        QJsonValue value;
        qint64 version = 0; // the server's sync version of its last write
    };
    Result<std::optional<PreferenceRow>> preferenceRow(const QString &key);
    // The account's currency (the "currency" preference; money::defaultCurrency until one is chosen).
    Result<QString> currency();
    // Each of `creators`' account currency.
    static Result<QHash<qint64, QString>> currencies(QSqlDatabase &db, const CreatorSet &creators);

    // The tables a pull carries, in the order it reads them.
    static const QStringList &syncedTables(); // "fans", "offers", "posts"
    // Rows of `table` (one of syncedTables()) that `which` selects, by id
    // after `after`, at most `limit`, added to their creator's rows in
    // `into`: how many were read, and the last one's id. PostgreSQL only
    // (the rows' version is the server's).
    struct Read {
        int count = 0;
        qint64 lastId = 0;
    };
    static Result<Read> readSynced(QSqlDatabase &db, const QString &table, const SyncedRowsQuery &which, qint64 after, int limit,
                                   QMap<qint64, CreatorRows> &into);
    static Result<void> readSyncedPreferences(QSqlDatabase &db, const SyncedRowsQuery &which, QMap<qint64, CreatorRows> &into);
    // The replica's side: keeps the rows as the server has them, under the server's ids.
    static Result<void> storeSynced(QSqlDatabase &db, qint64 agencyId, const QList<CreatorRows> &rows);

private:
    // `columns`: the row's own, after agency_id and creator_id; `origin`: more
    // for the audit entry (the device and mutation of a pushed import).
    template <typename T>
    Result<int> insertAll(const QString &table, const QString &columns, QList<T> rows, Result<T> (*validate)(T),
                          void (*bind)(QSqlQuery &, const T &), const QJsonObject &origin);

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
};

} // namespace huntaze

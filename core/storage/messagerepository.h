#pragma once

#include "agency/membership.h"
#include "analytics/messages.h"
#include "common/result.h"
#include "storage/bulkupsert.h"
#include "storage/creatorset.h"

#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimeZone>

#include <functional>

namespace huntaze {

// A creator's conversations with fans, message by message, and their daily
// roll-ups per team member (issue 12), on SQLite and PostgreSQL alike. Each
// team message that answered a fan keeps how long the fan waited; messages of
// a log imported late (older than some already there) re-time the replies
// around them, and the roll-ups follow, in the same transaction.
class MessageRepository
{
public:
    // `zone`: the creator's time zone, which decides the day a message counts in.
    MessageRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone);

    // Adds the messages not already there (by identity), re-times the replies
    // of the conversations they join and counts them in the roll-ups, in one
    // transaction (or the caller's). How many were new.
    Result<int> addMessages(const QList<analytics::MessageEvent> &messages);
    // The local days `from` to `to` (both included), per team member, in day and member order.
    Result<QList<analytics::MessageDay>> messageDays(const QDate &from, const QDate &to);
    // The same days summed by local hour of the day, per team member, in hour and member order.
    Result<QList<analytics::MessageHour>> messageHours(const QDate &from, const QDate &to);
    // The hours for each of `creators` (those with no message have no entry).
    static Result<QHash<qint64, QList<analytics::MessageHour>>> messageHours(QSqlDatabase &db, const CreatorSet &creators,
                                                                             const QDate &from, const QDate &to);

private:
    struct HourAndMember {
        QDate day;
        int hour;
        qint64 memberId;
        friend bool operator==(const HourAndMember &, const HourAndMember &) = default;
        friend size_t qHash(const HourAndMember &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.day.toJulianDay(), key.hour, key.memberId);
        }
    };
    using Changes = QHash<HourAndMember, analytics::MessageTotals>;
    // Runs `select` WHERE the creators and the days `from` to `to`, then `tail`; `row` sees each row.
    static Result<void> forEachRow(QSqlDatabase &db, const CreatorSet &creators, const QString &select, const QString &tail,
                                   const QDate &from, const QDate &to, const std::function<void(const QSqlQuery &)> &row,
                                   const QString &what);
    // A roll-up of the messages and its reply buckets.
    struct RollUp {
        const char *table;
        const char *bucketTable;
        bool byHour; // else no hour column
    };
    static const RollUp byDay, byHour, byMonthAndHour;
    // Adds `changes` to one roll-up and its reply buckets.
    Result<void> writeRollUp(const Changes &changes, const RollUp &rollUp);
    // Adds the hours of the days (or months) `from` to `to` in `rollUp` to each creator's sums by hour and member.
    using HourSums = QHash<qint64, QMap<std::pair<int, qint64>, analytics::MessageTotals>>;
    static Result<void> addHours(QSqlDatabase &db, const CreatorSet &creators, const RollUp &rollUp, const QDate &from, const QDate &to,
                                 HourSums &sums);

    // The statements that re-time conversations, prepared once per import (a
    // prepare is a round trip on PostgreSQL), and the reply times they change,
    // written together at the end.
    struct ConversationStatements {
        explicit ConversationStatements(QSqlDatabase &db);
        Result<void> prepare();
        QSqlQuery bounds;
        QSqlQuery read;
        BulkUpdate replies;
    };
    // Re-times the replies of `fan`'s conversation from `first` (the earliest
    // new message) to the team's first message after `last` (the latest),
    // noting what changed in the roll-ups and the replies to write.
    Result<void> retimeReplies(ConversationStatements &statements, const QString &fan, const QDateTime &first, const QDateTime &last,
                               Changes &changes);
    Result<void> writeChanges(const Changes &changes);

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
    QTimeZone m_zone;
};

} // namespace huntaze

#pragma once

#include "agency/membership.h"
#include "analytics/engagement.h"
#include "common/result.h"

#include <QSqlDatabase>
#include <QTimeZone>

namespace huntaze {

// A creator's posts with how fans answered them, per day and summed per post
// (issue 12), on SQLite and PostgreSQL alike.
class EngagementRepository
{
public:
    // `zone`: the creator's time zone, which decides the day and hour a post went up.
    EngagementRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone);

    // Stores each line's post (when it went up, its caption when given) and
    // its figures for the day, replacing that day's earlier figures; the
    // post's sums follow. One transaction (or the caller's). How many post
    // days are new or changed: an export imported twice changes nothing.
    Result<int> addEngagement(const QList<analytics::PostEngagement> &lines);
    // The posts put up from `from` to `to` (local days, both included) that
    // drew the most interactions (then views), at most `limit`.
    Result<QList<analytics::TopPost>> topPosts(const QDate &from, const QDate &to, int limit);
    // The same posts by the weekday and hour they went up.
    Result<QList<analytics::PostingHour>> postingHours(const QDate &from, const QDate &to);

private:
    struct Figures {
        qint64 likes = 0;
        qint64 comments = 0;
        qint64 views = 0;
        friend bool operator==(const Figures &, const Figures &) = default;
    };
    // Each through its statement, prepared once per import (on PostgreSQL a prepare is a round trip).
    Result<void> prepare(QSqlQuery &storePost, QSqlQuery &readDay);
    Result<void> storePost(QSqlQuery &upsert, const analytics::PostEngagement &line);
    // The day's figures stored before, if any.
    Result<std::optional<Figures>> storedDay(QSqlQuery &read, const QString &post, const QDate &day);

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
    QTimeZone m_zone;
};

} // namespace huntaze

#include "engagementrepository.h"

#include "analytics/earnings.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

using analytics::PostEngagement;

EngagementRepository::EngagementRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone)
    : m_db(db), m_scope(scope), m_zone(std::move(zone))
{}

Result<int> EngagementRepository::addEngagement(const QList<PostEngagement> &lines)
{
    if (lines.isEmpty())
        return 0;
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    QSqlQuery writeDay(m_db);
    if (!writeDay.prepare(QStringLiteral("INSERT INTO engagement_days (agency_id, creator_id, post, day, likes, comments, views) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, creator_id, post, day) DO UPDATE SET "
                                         "likes = excluded.likes, comments = excluded.comments, views = excluded.views")))
        return storageError(QStringLiteral("prepare engagement import"), writeDay.lastError());
    QSqlQuery addToPost(m_db);
    if (!addToPost.prepare(QStringLiteral("UPDATE engagement_posts SET likes = likes + ?, comments = comments + ?, views = views + ? "
                                          "WHERE agency_id = ? AND creator_id = ? AND post = ?")))
        return storageError(QStringLiteral("prepare engagement import"), addToPost.lastError());
    QSqlQuery upsertPost(m_db);
    QSqlQuery readDay(m_db);
    if (Result<void> prepared = prepare(upsertPost, readDay); !prepared.ok())
        return prepared.error();
    int changed = 0;
    for (const PostEngagement &line : lines) {
        if (Result<void> stored = storePost(upsertPost, line); !stored.ok())
            return stored.error();
        const QDate day = line.day.isValid() ? line.day : analytics::localHour(line.postedAt, m_zone).first;
        const Result<std::optional<Figures>> before = storedDay(readDay, line.post, day);
        if (!before.ok())
            return before.error();
        const Figures now{line.likes, line.comments, line.views};
        if (before.value() == now)
            continue; // imported before, unchanged
        const Figures was = before.value().value_or(Figures{});
        for (const QVariant &value :
             {QVariant(m_scope.agencyId), QVariant(m_scope.creatorId), QVariant(sqlText(line.post)), QVariant(day.toString(Qt::ISODate)),
              QVariant(now.likes), QVariant(now.comments), QVariant(now.views)})
            writeDay.addBindValue(value);
        if (!writeDay.exec())
            return storageError(QStringLiteral("import engagement"), writeDay.lastError());
        for (const QVariant &value :
             {QVariant(now.likes - was.likes), QVariant(now.comments - was.comments), QVariant(now.views - was.views),
              QVariant(m_scope.agencyId), QVariant(m_scope.creatorId), QVariant(sqlText(line.post))})
            addToPost.addBindValue(value);
        if (!addToPost.exec())
            return storageError(QStringLiteral("import engagement"), addToPost.lastError());
        ++changed;
    }
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return changed;
}

Result<void> EngagementRepository::prepare(QSqlQuery &storePost, QSqlQuery &readDay)
{
    // A later line may move the post's time; a caption once known stays unless a new one is given.
    if (!storePost.prepare(
            QStringLiteral("INSERT INTO engagement_posts (agency_id, creator_id, post, posted_at, local_day, local_hour, caption) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, creator_id, post) DO UPDATE SET "
                           "posted_at = excluded.posted_at, local_day = excluded.local_day, local_hour = excluded.local_hour, "
                           "caption = CASE WHEN excluded.caption = '' THEN engagement_posts.caption ELSE excluded.caption END")))
        return storageError(QStringLiteral("prepare engagement import"), storePost.lastError());
    if (!readDay.prepare(QStringLiteral("SELECT likes, comments, views FROM engagement_days "
                                        "WHERE agency_id = ? AND creator_id = ? AND post = ? AND day = ?")))
        return storageError(QStringLiteral("prepare engagement import"), readDay.lastError());
    return Result<void>::success();
}

Result<void> EngagementRepository::storePost(QSqlQuery &upsert, const PostEngagement &line)
{
    const auto [day, hour] = analytics::localHour(line.postedAt, m_zone);
    upsert.addBindValue(m_scope.agencyId);
    upsert.addBindValue(m_scope.creatorId);
    upsert.addBindValue(sqlText(line.post));
    upsert.addBindValue(sqlTimestamp(line.postedAt));
    upsert.addBindValue(day.toString(Qt::ISODate));
    upsert.addBindValue(hour);
    upsert.addBindValue(sqlText(line.caption));
    if (!upsert.exec())
        return storageError(QStringLiteral("import a post's engagement"), upsert.lastError());
    return Result<void>::success();
}

Result<std::optional<EngagementRepository::Figures>> EngagementRepository::storedDay(QSqlQuery &read, const QString &post, const QDate &day)
{
    read.addBindValue(m_scope.agencyId);
    read.addBindValue(m_scope.creatorId);
    read.addBindValue(sqlText(post));
    read.addBindValue(day.toString(Qt::ISODate));
    if (!read.exec())
        return storageError(QStringLiteral("read a post's engagement"), read.lastError());
    if (!read.next())
        return std::optional<Figures>();
    const Figures figures{read.value(0).toLongLong(), read.value(1).toLongLong(), read.value(2).toLongLong()};
    read.finish();
    return std::optional<Figures>(figures);
}

Result<QList<analytics::TopPost>> EngagementRepository::topPosts(const QDate &from, const QDate &to, int limit)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT post, caption, posted_at, likes, comments, views FROM engagement_posts "
                                 "WHERE agency_id = ? AND creator_id = ? AND local_day >= ? AND local_day <= ? "
                                 "ORDER BY likes + comments DESC, views DESC, posted_at, post LIMIT ?"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(from.toString(Qt::ISODate));
    query.addBindValue(to.toString(Qt::ISODate));
    query.addBindValue(limit);
    if (!query.exec())
        return storageError(QStringLiteral("read the top posts"), query.lastError());
    QList<analytics::TopPost> posts;
    while (query.next())
        posts.append({query.value(0).toString(), query.value(1).toString(), dateTimeFromSql(query.value(2)).toUTC(),
                      query.value(3).toLongLong(), query.value(4).toLongLong(), query.value(5).toLongLong()});
    return posts;
}

Result<QList<analytics::PostingHour>> EngagementRepository::postingHours(const QDate &from, const QDate &to)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1, local_hour, COUNT(*), SUM(likes + comments) FROM engagement_posts "
                                 "WHERE agency_id = ? AND creator_id = ? AND local_day >= ? AND local_day <= ? "
                                 "GROUP BY 1, 2 ORDER BY 1, 2")
                      .arg(isoWeekdaySql(m_db, QStringLiteral("local_day"))));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(from.toString(Qt::ISODate));
    query.addBindValue(to.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(QStringLiteral("read posts by hour of the week"), query.lastError());
    QList<analytics::PostingHour> hours;
    while (query.next())
        hours.append({query.value(0).toInt(), query.value(1).toInt(), query.value(2).toLongLong(), query.value(3).toLongLong()});
    return hours;
}

} // namespace huntaze

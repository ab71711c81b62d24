#include "creatorexport.h"

#include "storage/agencyrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/creatorset.h"
#include "storage/draftrepository.h"
#include "storage/sqlworker.h"

#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {

// A query of the creator's rows with the scope bound first.
bool runScoped(QSqlQuery &query, const QString &sql, const agency::CreatorScope &scope, const QVariantList &more)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    query.addBindValue(scope.agencyId);
    query.addBindValue(scope.creatorId);
    for (const QVariant &value : more)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

Result<CreatorExport::Counts> CreatorExport::counts()
{
    Counts counts;
    for (const auto &[table, count] :
         {std::pair{QStringLiteral("earning_events"), &counts.earnings}, std::pair{QStringLiteral("message_events"), &counts.messages},
          std::pair{QStringLiteral("engagement_days"), &counts.engagement}}) {
        QSqlQuery query(m_db);
        if (!runScoped(query, QStringLiteral("SELECT COUNT(*) FROM ") + table + QStringLiteral(" WHERE agency_id = ? AND creator_id = ?"),
                       m_scope, {})
            || !query.next())
            return storageError(QStringLiteral("count lines to move"), query.lastError());
        *count = query.value(0).toLongLong();
    }
    return counts;
}

Result<LinePage<analytics::EarningEvent>> CreatorExport::earnings(qint64 after, int limit)
{
    QSqlQuery query(m_db);
    if (!runScoped(query,
                   QStringLiteral("SELECT id, occurred_at, kind, gross_cents, net_cents, currency, fan, reference, member_id "
                                  "FROM earning_events WHERE agency_id = ? AND creator_id = ? AND id > ? ORDER BY id LIMIT ?"),
                   m_scope, {after, limit}))
        return storageError(QStringLiteral("read earnings to move"), query.lastError());
    LinePage<analytics::EarningEvent> page;
    while (query.next()) {
        analytics::EarningEvent line;
        line.occurredAt = dateTimeFromSql(query.value(1));
        line.kind = analytics::kindFromId(query.value(2).toString()).value_or(analytics::EarningKind::Tip);
        line.grossCents = query.value(3).toLongLong();
        line.netCents = query.value(4).toLongLong();
        line.currency = query.value(5).toString();
        line.fan = query.value(6).toString();
        line.reference = query.value(7).toString();
        line.memberId = query.value(8).toLongLong();
        page.lines.append(line);
        page.next = query.value(0).toLongLong();
    }
    if (page.lines.size() < limit)
        page.next = 0;
    return page;
}

Result<LinePage<analytics::MessageEvent>> CreatorExport::messages(qint64 after, int limit)
{
    QSqlQuery query(m_db);
    if (!runScoped(query,
                   QStringLiteral("SELECT rowid, sent_at, from_fan, fan, member_id, price_cents, bought, reference "
                                  "FROM message_events WHERE agency_id = ? AND creator_id = ? AND rowid > ? ORDER BY rowid LIMIT ?"),
                   m_scope, {after, limit}))
        return storageError(QStringLiteral("read messages to move"), query.lastError());
    LinePage<analytics::MessageEvent> page;
    while (query.next()) {
        analytics::MessageEvent message;
        message.sentAt = dateTimeFromSql(query.value(1));
        message.fromFan = query.value(2).toInt() != 0;
        message.fan = query.value(3).toString();
        message.memberId = query.value(4).toLongLong();
        message.priceCents = query.value(5).toLongLong();
        message.bought = query.value(6).toInt() != 0;
        message.reference = query.value(7).toString();
        page.lines.append(message);
        page.next = query.value(0).toLongLong();
    }
    if (page.lines.size() < limit)
        page.next = 0;
    return page;
}

Result<LinePage<analytics::PostEngagement>> CreatorExport::engagement(qint64 after, int limit)
{
    // Post days have no row number: a page starts `after` days in, in key order.
    QSqlQuery query(m_db);
    if (!runScoped(query,
                   QStringLiteral("SELECT d.post, p.posted_at, d.day, d.likes, d.comments, d.views, p.caption "
                                  "FROM engagement_days d JOIN engagement_posts p ON p.agency_id = d.agency_id "
                                  "AND p.creator_id = d.creator_id AND p.post = d.post "
                                  "WHERE d.agency_id = ? AND d.creator_id = ? ORDER BY d.post, d.day LIMIT ? OFFSET ?"),
                   m_scope, {limit, after}))
        return storageError(QStringLiteral("read engagement to move"), query.lastError());
    LinePage<analytics::PostEngagement> page;
    while (query.next()) {
        analytics::PostEngagement line;
        line.post = query.value(0).toString();
        line.postedAt = dateTimeFromSql(query.value(1));
        line.day = dateFromSql(query.value(2));
        line.likes = query.value(3).toLongLong();
        line.comments = query.value(4).toLongLong();
        line.views = query.value(5).toLongLong();
        line.caption = query.value(6).toString();
        page.lines.append(line);
    }
    page.next = page.lines.size() < limit ? 0 : after + page.lines.size();
    return page;
}

Result<CreatorExport::Holdings> CreatorExport::holdings()
{
    Holdings holdings;
    Result<Profile> profile = AgencyRepository(m_db).profileOf(m_scope);
    if (!profile.ok())
        return profile.error();
    holdings.profile = std::move(profile).value();
    CreatorDataRepository data(m_db, m_scope);
    Result<QList<Fan>> fans = data.fans();
    if (!fans.ok())
        return fans.error();
    holdings.fans = std::move(fans).value();
    Result<QList<Offer>> offers = data.offers();
    if (!offers.ok())
        return offers.error();
    holdings.offers = std::move(offers).value();
    Result<QList<Post>> posts = data.posts();
    if (!posts.ok())
        return posts.error();
    holdings.posts = std::move(posts).value();
    Result<QJsonObject> preferences = data.preferences();
    if (!preferences.ok())
        return preferences.error();
    holdings.preferences = std::move(preferences).value();
    Result<QList<Draft>> drafts = DraftRepository::draftsOf(m_db, CreatorSet{m_scope.agencyId, {m_scope.creatorId}});
    if (!drafts.ok())
        return drafts.error();
    for (const Draft &draft : drafts.value()) {
        if (!draft.deleted)
            holdings.drafts.append(draft);
    }
    Result<Counts> counts = this->counts();
    if (!counts.ok())
        return counts.error();
    holdings.lines = counts.value();
    return holdings;
}

} // namespace huntaze

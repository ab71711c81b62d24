#include "messagerepository.h"

#include "analytics/localhours.h"

#include "analytics/earnings.h"
#include "storage/attributionrepository.h"
#include "storage/bulkupsert.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

namespace huntaze {

using analytics::MessageEvent;

namespace {

// Before any message: the waiting search's lower bound when the team never wrote before.
const QDateTime beforeAnyMessage(QDate(1999, 1, 1), QTime(0, 0), QTimeZone::utc());

// A stored message of the conversation being re-timed.
struct StoredMessage {
    analytics::MessagePlace place; // its identity is the stored key
    qint64 memberId = 0;
    QDate day;
    int hour = 0;
    std::optional<qint64> replySeconds;
};

// A roll-up row's figures from `first` on: from_fans, sent, paid_sent,
// paid_bought, bought_cents, replies, reply_seconds (the buckets are read apart).
analytics::MessageTotals totalsFrom(const QSqlQuery &query, int first)
{
    analytics::MessageTotals totals;
    totals.fromFans = query.value(first).toLongLong();
    totals.sent = query.value(first + 1).toLongLong();
    totals.paidSent = query.value(first + 2).toLongLong();
    totals.paidBought = query.value(first + 3).toLongLong();
    totals.boughtCents = query.value(first + 4).toLongLong();
    totals.replies.replies = query.value(first + 5).toLongLong();
    totals.replies.seconds = query.value(first + 6).toLongLong();
    return totals;
}

// One bucket's count as read; a bucket the code does not know is skipped.
void addToBucket(analytics::ReplyTimes &replies, int bucket, qint64 count)
{
    if (bucket >= 0 && bucket < analytics::replyBucketCount)
        replies.buckets[static_cast<std::size_t>(bucket)] += count;
}

} // namespace

MessageRepository::ConversationStatements::ConversationStatements(QSqlDatabase &db)
    : bounds(db),
      read(db),
      replies(db, QStringLiteral("message_events"),
              {QStringLiteral("agency_id"), QStringLiteral("creator_id"), QStringLiteral("event_key"), QStringLiteral("sent_at")},
              {QStringLiteral("reply_seconds")})
{}

Result<void> MessageRepository::ConversationStatements::prepare()
{
    const QString conversation = QStringLiteral("FROM message_events WHERE agency_id = ? AND creator_id = ? AND fan = ? ");
    // Around the stretch from `first` to `last`, in one round trip: whether the
    // fan was waiting just before it, and since when (their first message after
    // the team's last one before it; a message of theirs at the same instant as
    // the team's came first, and was answered); and the team's first message
    // after it, past which nothing changes.
    if (!bounds.prepare(QStringLiteral("SELECT (SELECT MIN(w.sent_at) FROM message_events AS w WHERE w.agency_id = ? AND w.creator_id = ? "
                                       "AND w.fan = ? AND w.from_fan AND w.sent_at < ? AND w.sent_at > COALESCE((SELECT MAX(a.sent_at) "
                                       "FROM message_events AS a WHERE a.agency_id = ? AND a.creator_id = ? AND a.fan = ? "
                                       "AND NOT a.from_fan AND a.sent_at < ?), ?)), (SELECT MIN(sent_at) ")
                        + conversation + QStringLiteral("AND NOT from_fan AND sent_at > ?)")))
        return storageError(QStringLiteral("prepare conversation reads"), bounds.lastError());
    if (!read.prepare(QStringLiteral("SELECT event_key, sent_at, from_fan, member_id, local_day, reply_seconds, local_hour ") + conversation
                      + QStringLiteral("AND sent_at >= ? AND sent_at <= ?")))
        return storageError(QStringLiteral("prepare conversation reads"), read.lastError());
    return Result<void>::success();
}

MessageRepository::MessageRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone)
    : m_db(db), m_scope(scope), m_zone(std::move(zone))
{}

Result<int> MessageRepository::addMessages(const QList<MessageEvent> &messages)
{
    if (messages.isEmpty())
        return 0;
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const auto [first, last] = std::minmax_element(messages.cbegin(), messages.cend(),
                                                   [](const MessageEvent &a, const MessageEvent &b) { return a.sentAt < b.sentAt; });
    if (Result<void> made = makeMonthPartitions(m_db, QStringLiteral("message_events"), first->sentAt, last->sentAt); !made.ok())
        return made.error();
    BulkUpsert insert(m_db, QStringLiteral("message_events"),
                      {QStringLiteral("agency_id"), QStringLiteral("creator_id"), QStringLiteral("event_key"), QStringLiteral("sent_at"),
                       QStringLiteral("local_day"), QStringLiteral("local_hour"), QStringLiteral("from_fan"), QStringLiteral("fan"),
                       QStringLiteral("member_id"), QStringLiteral("price_cents"), QStringLiteral("bought"), QStringLiteral("reference")},
                      QStringLiteral("ON CONFLICT DO NOTHING"));
    std::vector<EventKey> keys;
    keys.reserve(static_cast<std::size_t>(messages.size()));
    QList<std::pair<QDate, int>> places;
    places.reserve(messages.size());
    analytics::LocalHours local(m_zone);
    for (const MessageEvent &message : messages) {
        const auto [day, hour] = local.at(message.sentAt);
        const QByteArray identity = message.identity();
        insert.append({m_scope.agencyId, m_scope.creatorId, identity, sqlTimestamp(message.sentAt), day.toString(Qt::ISODate), hour,
                       message.fromFan, sqlText(message.fan), message.memberId, message.priceCents, message.bought,
                       sqlText(message.reference)});
        keys.emplace_back(identity, message.sentAt);
        places.append({day, hour});
    }
    const Result<QList<QVariantList>> written = insert.run(QStringLiteral("import messages"), QStringLiteral("event_key, sent_at"));
    if (!written.ok())
        return written.error();
    const std::vector<bool> fresh = writtenRows(written.value(), keys);
    Changes changes;
    // Each fan's earliest and latest new message: the stretch of their conversation to re-time.
    QHash<QString, std::pair<QDateTime, QDateTime>> joined;
    QSet<QDate> teamDays; // the days a member wrote to a fan: the last writer of later sales may change
    int inserted = 0;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (!fresh[static_cast<std::size_t>(i)])
            continue; // there already: a log imported again
        const MessageEvent &message = messages.at(i);
        const auto [day, hour] = places.at(i);
        ++inserted;
        if (!message.fromFan && message.memberId != 0)
            teamDays.insert(day);
        analytics::MessageTotals &sum = changes[{day, hour, message.fromFan ? 0 : message.memberId}];
        if (message.fromFan) {
            ++sum.fromFans;
        } else {
            ++sum.sent;
            if (message.isPaid()) {
                ++sum.paidSent;
                if (message.bought) {
                    ++sum.paidBought;
                    sum.boughtCents += message.priceCents;
                }
            }
        }
        auto found = joined.find(message.fan);
        if (found == joined.end())
            joined.insert(message.fan, {message.sentAt, message.sentAt});
        else
            *found = {std::min(found->first, message.sentAt), std::max(found->second, message.sentAt)};
    }
    ConversationStatements statements(m_db);
    if (Result<void> prepared = statements.prepare(); !prepared.ok())
        return prepared.error();
    for (auto it = joined.cbegin(); it != joined.cend(); ++it) {
        if (Result<void> retimed = retimeReplies(statements, it.key(), it.value().first, it.value().second, changes); !retimed.ok())
            return retimed.error();
    }
    if (Result<void> timed = statements.replies.run(QStringLiteral("time replies")); !timed.ok())
        return timed.error();
    if (Result<void> written = writeChanges(changes); !written.ok())
        return written.error();
    if (Result<void> marked = AttributionRepository(m_db).teamWrote(m_scope, teamDays); !marked.ok())
        return marked.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return inserted;
}

Result<void> MessageRepository::retimeReplies(ConversationStatements &statements, const QString &fan, const QDateTime &first,
                                              const QDateTime &last, Changes &changes)
{
    QSqlQuery &bounds = statements.bounds;
    // Bound apart in the inner query too: uncorrelated, it runs once, not once per message of the fan.
    for (const QVariant &value :
         {QVariant(m_scope.agencyId), QVariant(m_scope.creatorId), QVariant(sqlText(fan)), QVariant(sqlTimestamp(first)),
          QVariant(m_scope.agencyId), QVariant(m_scope.creatorId), QVariant(sqlText(fan)), QVariant(sqlTimestamp(first)),
          QVariant(sqlTimestamp(beforeAnyMessage)), QVariant(m_scope.agencyId), QVariant(m_scope.creatorId), QVariant(sqlText(fan)),
          QVariant(sqlTimestamp(last))})
        bounds.addBindValue(value);
    if (!bounds.exec() || !bounds.next())
        return storageError(QStringLiteral("read a conversation"), bounds.lastError());
    const std::optional<QDateTime> waitingSince
        = bounds.value(0).isNull() ? std::nullopt : std::optional<QDateTime>(dateTimeFromSql(bounds.value(0)));
    const QVariant nextAnswer = bounds.value(1);
    bounds.finish();

    QSqlQuery &read = statements.read;
    read.addBindValue(m_scope.agencyId);
    read.addBindValue(m_scope.creatorId);
    read.addBindValue(sqlText(fan));
    read.addBindValue(sqlTimestamp(first));
    read.addBindValue(nextAnswer.isNull() ? QStringLiteral("9999-12-31T23:59:59.999Z") : sqlTimestamp(dateTimeFromSql(nextAnswer)));
    if (!read.exec())
        return storageError(QStringLiteral("read a conversation"), read.lastError());
    QList<StoredMessage> stored;
    while (read.next()) {
        StoredMessage message;
        message.place.identity = read.value(0).toByteArray();
        message.place.sentAt = dateTimeFromSql(read.value(1)).toUTC();
        message.place.fromFan = read.value(2).toBool();
        message.memberId = read.value(3).toLongLong();
        message.day = dateFromSql(read.value(4));
        if (!read.value(5).isNull())
            message.replySeconds = read.value(5).toLongLong();
        message.hour = read.value(6).toInt();
        stored.append(message);
    }
    std::sort(stored.begin(), stored.end(), [](const StoredMessage &a, const StoredMessage &b) { return a.place < b.place; });
    QList<MessageEvent> ordered;
    ordered.reserve(stored.size());
    for (const StoredMessage &message : std::as_const(stored)) {
        MessageEvent event;
        event.sentAt = message.place.sentAt;
        event.fromFan = message.place.fromFan;
        ordered.append(event);
    }
    const QList<std::optional<qint64>> waits = analytics::replyWaits(ordered, waitingSince);

    for (qsizetype i = 0; i < stored.size(); ++i) {
        const StoredMessage &message = stored.at(i);
        if (message.place.fromFan || message.replySeconds == waits.at(i))
            continue;
        analytics::ReplyTimes &replies = changes[{message.day, message.hour, message.memberId}].replies;
        if (message.replySeconds)
            replies.remove(*message.replySeconds);
        if (waits.at(i))
            replies.add(*waits.at(i));
        statements.replies.append({m_scope.agencyId, m_scope.creatorId, message.place.identity, sqlTimestamp(message.place.sentAt),
                                   waits.at(i) ? QVariant(*waits.at(i)) : QVariant(QMetaType(QMetaType::LongLong))});
    }
    return Result<void>::success();
}

const MessageRepository::RollUp MessageRepository::byDay{"message_days", "message_reply_buckets", false};
const MessageRepository::RollUp MessageRepository::byHour{"message_hours", "message_hour_buckets", true};
const MessageRepository::RollUp MessageRepository::byMonthAndHour{"message_month_hours", "message_month_hour_buckets", true};

Result<void> MessageRepository::writeChanges(const Changes &changes)
{
    // The day roll-up is the hour roll-up without the hour; the month one, its hours by month.
    Changes days, months;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const HourAndMember &key = it.key();
        days[{key.day, 0, key.memberId}] += it.value();
        months[{QDate(key.day.year(), key.day.month(), 1), key.hour, key.memberId}] += it.value();
    }
    if (Result<void> written = writeRollUp(days, byDay); !written.ok())
        return written;
    if (Result<void> written = writeRollUp(changes, byHour); !written.ok())
        return written;
    return writeRollUp(months, byMonthAndHour);
}

Result<void> MessageRepository::writeRollUp(const Changes &changes, const RollUp &rollUp)
{
    const QString table = QLatin1String(rollUp.table);
    const QString bucketTable = QLatin1String(rollUp.bucketTable);
    const bool byHour = rollUp.byHour;
    const QString hourColumn = byHour ? QStringLiteral("hour, ") : QString();
    const QString hourValue = byHour ? QStringLiteral("?, ") : QString();
    QSqlQuery totals(m_db);
    if (!totals.prepare(
            QStringLiteral(
                "INSERT INTO %1 (agency_id, creator_id, day, %2member_id, from_fans, sent, paid_sent, paid_bought, bought_cents, "
                "replies, reply_seconds) VALUES (?, ?, ?, %3?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (agency_id, creator_id, day, %2member_id) "
                "DO UPDATE SET from_fans = %1.from_fans + excluded.from_fans, sent = %1.sent + excluded.sent, "
                "paid_sent = %1.paid_sent + excluded.paid_sent, paid_bought = %1.paid_bought + excluded.paid_bought, "
                "bought_cents = %1.bought_cents + excluded.bought_cents, replies = %1.replies + excluded.replies, "
                "reply_seconds = %1.reply_seconds + excluded.reply_seconds")
                .arg(table, hourColumn, hourValue)))
        return storageError(QStringLiteral("prepare message roll-up"), totals.lastError());
    QSqlQuery bucket(m_db);
    if (!bucket.prepare(QStringLiteral("INSERT INTO %1 (agency_id, creator_id, day, %2member_id, bucket, replies) "
                                       "VALUES (?, ?, ?, %3?, ?, ?) ON CONFLICT (agency_id, creator_id, day, %2member_id, bucket) "
                                       "DO UPDATE SET replies = %1.replies + excluded.replies")
                            .arg(bucketTable, hourColumn, hourValue)))
        return storageError(QStringLiteral("prepare reply roll-up"), bucket.lastError());
    const auto bindKey = [&](QSqlQuery &query, const HourAndMember &key) {
        query.addBindValue(m_scope.agencyId);
        query.addBindValue(m_scope.creatorId);
        query.addBindValue(key.day.toString(Qt::ISODate));
        if (byHour)
            query.addBindValue(key.hour);
        query.addBindValue(key.memberId);
    };
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const analytics::MessageTotals &sum = it.value();
        bindKey(totals, it.key());
        for (const qint64 value :
             {sum.fromFans, sum.sent, sum.paidSent, sum.paidBought, sum.boughtCents, sum.replies.replies, sum.replies.seconds})
            totals.addBindValue(value);
        if (!totals.exec())
            return storageError(QStringLiteral("roll up messages"), totals.lastError());
        for (int index = 0; index < analytics::replyBucketCount; ++index) {
            const qint64 replies = sum.replies.buckets[static_cast<std::size_t>(index)];
            if (replies == 0)
                continue;
            bindKey(bucket, it.key());
            bucket.addBindValue(index);
            bucket.addBindValue(replies);
            if (!bucket.exec())
                return storageError(QStringLiteral("roll up reply times"), bucket.lastError());
        }
    }
    return Result<void>::success();
}

Result<void> MessageRepository::forEachRow(QSqlDatabase &db, const CreatorSet &creators, const QString &select, const QString &tail,
                                           const QDate &from, const QDate &to, const std::function<void(const QSqlQuery &)> &row,
                                           const QString &what)
{
    QSqlQuery query(db);
    query.prepare(select + QStringLiteral(" WHERE ") + creators.condition() + QStringLiteral(" AND day >= ? AND day <= ? ") + tail);
    creators.bind(query);
    query.addBindValue(from.toString(Qt::ISODate));
    query.addBindValue(to.toString(Qt::ISODate));
    if (!query.exec())
        return storageError(what, query.lastError());
    while (query.next())
        row(query);
    return Result<void>::success();
}

Result<QList<analytics::MessageHour>> MessageRepository::messageHours(const QDate &from, const QDate &to)
{
    Result<QHash<qint64, QList<analytics::MessageHour>>> hours = messageHours(m_db, CreatorSet::of(m_scope), from, to);
    if (!hours.ok())
        return hours.error();
    return hours.value().value(m_scope.creatorId);
}

Result<QList<analytics::MessageDay>> MessageRepository::messageDays(const QDate &from, const QDate &to)
{
    QList<analytics::MessageDay> rows;
    QHash<std::pair<QDate, qint64>, qsizetype> rowOf;
    const CreatorSet creator = CreatorSet::of(m_scope);
    const Result<void> days = forEachRow(
        m_db, creator,
        QStringLiteral(
            "SELECT day, member_id, from_fans, sent, paid_sent, paid_bought, bought_cents, replies, reply_seconds FROM message_days"),
        QStringLiteral("ORDER BY day, member_id"), from, to,
        [&](const QSqlQuery &query) {
            analytics::MessageDay row;
            row.day = dateFromSql(query.value(0));
            row.memberId = query.value(1).toLongLong();
            row.totals = totalsFrom(query, 2);
            rowOf.insert({row.day, row.memberId}, rows.size());
            rows.append(row);
        },
        QStringLiteral("read messages by day"));
    if (!days.ok())
        return days.error();
    const Result<void> buckets = forEachRow(
        m_db, creator, QStringLiteral("SELECT day, member_id, bucket, replies FROM message_reply_buckets"), {}, from, to,
        [&](const QSqlQuery &query) {
            const qsizetype row = rowOf.value({dateFromSql(query.value(0)), query.value(1).toLongLong()}, -1);
            if (row >= 0)
                addToBucket(rows[row].totals.replies, query.value(2).toInt(), query.value(3).toLongLong());
        },
        QStringLiteral("read reply times by day"));
    if (!buckets.ok())
        return buckets.error();
    return rows;
}

Result<void> MessageRepository::addHours(QSqlDatabase &db, const CreatorSet &creators, const RollUp &rollUp, const QDate &from,
                                         const QDate &to, HourSums &sums)
{
    if (from > to)
        return Result<void>::success();
    const Result<void> hours = forEachRow(
        db, creators,
        QStringLiteral("SELECT creator_id, hour, member_id, SUM(from_fans), SUM(sent), SUM(paid_sent), SUM(paid_bought), "
                       "SUM(bought_cents), SUM(replies), SUM(reply_seconds) FROM %1")
            .arg(QLatin1String(rollUp.table)),
        QStringLiteral("GROUP BY creator_id, hour, member_id"), from, to,
        [&](const QSqlQuery &query) {
            sums[query.value(0).toLongLong()][{query.value(1).toInt(), query.value(2).toLongLong()}] += totalsFrom(query, 3);
        },
        QStringLiteral("read messages by hour"));
    if (!hours.ok())
        return hours.error();
    return forEachRow(
        db, creators,
        QStringLiteral("SELECT creator_id, hour, member_id, bucket, SUM(replies) FROM %1").arg(QLatin1String(rollUp.bucketTable)),
        QStringLiteral("GROUP BY creator_id, hour, member_id, bucket"), from, to,
        [&](const QSqlQuery &query) {
            const auto creator = sums.find(query.value(0).toLongLong());
            if (creator == sums.end())
                return;
            const auto row = creator->find({query.value(1).toInt(), query.value(2).toLongLong()});
            if (row != creator->end())
                addToBucket(row->replies, query.value(3).toInt(), query.value(4).toLongLong());
        },
        QStringLiteral("read reply times by hour"));
}

Result<QHash<qint64, QList<analytics::MessageHour>>> MessageRepository::messageHours(QSqlDatabase &db, const CreatorSet &creators,
                                                                                     const QDate &from, const QDate &to)
{
    // The whole months of the range from their roll-up, the days before and after them from the hours.
    const QDate firstWholeMonth = from.day() == 1 ? from : QDate(from.year(), from.month(), 1).addMonths(1);
    const QDate afterWholeMonths = to.addDays(1).day() == 1 ? to.addDays(1) : QDate(to.year(), to.month(), 1);
    HourSums sums;
    if (firstWholeMonth < afterWholeMonths) {
        for (const auto &[rollUp, first, last] :
             {std::tuple{&byHour, from, firstWholeMonth.addDays(-1)},
              std::tuple{&byMonthAndHour, firstWholeMonth, afterWholeMonths.addDays(-1)}, std::tuple{&byHour, afterWholeMonths, to}}) {
            if (Result<void> added = addHours(db, creators, *rollUp, first, last, sums); !added.ok())
                return added.error();
        }
    } else if (Result<void> added = addHours(db, creators, byHour, from, to, sums); !added.ok()) {
        return added.error();
    }
    QHash<qint64, QList<analytics::MessageHour>> rows;
    for (auto creator = sums.cbegin(); creator != sums.cend(); ++creator) {
        QList<analytics::MessageHour> &creatorRows = rows[creator.key()];
        for (auto it = creator->cbegin(); it != creator->cend(); ++it) {
            analytics::MessageHour row;
            row.hour = it.key().first;
            row.memberId = it.key().second;
            row.totals = it.value();
            creatorRows.append(row);
        }
    }
    return rows;
}

} // namespace huntaze

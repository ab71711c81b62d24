#include "creatordatarepository.h"

#include "domain/money.h"
#include "domain/rules.h"
#include "storage/auditrepository.h"
#include "storage/batchedwrite.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {

// Rows as the SELECTs below read them, from column `first` on.
Fan fanFrom(const QSqlQuery &query, int first = 0)
{
    Fan fan;
    fan.id = query.value(first).toLongLong();
    fan.name = query.value(first + 1).toString();
    // Most fans have no tag: no JSON to parse for them.
    const QString tags = query.value(first + 2).toString();
    if (tags != QLatin1String("[]")) {
        for (const auto &tag : QJsonDocument::fromJson(tags.toUtf8()).array())
            fan.tags.append(tag.toString());
    }
    fan.totalSpend = query.value(first + 3).toDouble();
    fan.lastPurchase = query.value(first + 4).toString();
    // PostgreSQL hands a date over as one; SQLite as ISO text.
    const QVariant lastActive = query.value(first + 5);
    fan.lastActive
        = lastActive.metaType().id() == QMetaType::QDate ? lastActive.toDate() : QDate::fromString(lastActive.toString(), Qt::ISODate);
    return fan;
}

Offer offerFrom(const QSqlQuery &query, int first = 0)
{
    Offer offer;
    offer.id = query.value(first).toLongLong();
    offer.title = query.value(first + 1).toString();
    offer.price = query.value(first + 2).toDouble();
    offer.recipients = query.value(first + 3).toInt();
    offer.purchases = query.value(first + 4).toInt();
    offer.sentOn = QDate::fromString(query.value(first + 5).toString(), Qt::ISODate);
    return offer;
}

Post postFrom(const QSqlQuery &query, int first = 0)
{
    Post post;
    post.id = query.value(first).toLongLong();
    post.platform = query.value(first + 1).toString();
    post.caption = query.value(first + 2).toString();
    for (const auto &tag : QJsonDocument::fromJson(query.value(first + 3).toString().toUtf8()).array())
        post.hashtags.append(tag.toString());
    post.engagement = query.value(first + 4).toInt();
    post.postedOn = QDate::fromString(query.value(first + 5).toString(), Qt::ISODate);
    return post;
}

const QString fanColumns = QStringLiteral("id, name, tags, total_spend, last_purchase, last_active");
const QString offerColumns = QStringLiteral("id, title, price, recipients, purchases, sent_on");
const QString postColumns = QStringLiteral("id, platform, caption, hashtags, engagement, posted_on");

QString jsonList(const QStringList &items)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("");
}

// A row's own values, in the order of the columns after `id` above: an import and a sync write them alike.
void bindFan(QSqlQuery &query, const Fan &fan)
{
    query.addBindValue(fan.name);
    query.addBindValue(jsonList(fan.tags));
    query.addBindValue(fan.totalSpend);
    query.addBindValue(sqlText(fan.lastPurchase));
    query.addBindValue(isoDate(fan.lastActive));
}

void bindOffer(QSqlQuery &query, const Offer &offer)
{
    query.addBindValue(sqlText(offer.title));
    query.addBindValue(offer.price);
    query.addBindValue(offer.recipients);
    query.addBindValue(offer.purchases);
    query.addBindValue(isoDate(offer.sentOn));
}

void bindPost(QSqlQuery &query, const Post &post)
{
    query.addBindValue(sqlText(post.platform));
    query.addBindValue(sqlText(post.caption));
    query.addBindValue(jsonList(post.hashtags));
    query.addBindValue(post.engagement);
    query.addBindValue(isoDate(post.postedOn));
}

// The columns after `id`: what an import writes.
QString ownColumns(const QString &columns)
{
    return columns.mid(columns.indexOf(u',') + 2);
}

} // namespace

// Every row passes the domain's rules (rules.h) before any is written, on
// both backends, whichever way it arrived; then all or nothing is stored.
template <typename T>
Result<int> CreatorDataRepository::insertAll(const QString &table, const QString &columns, QList<T> unchecked, Result<T> (*validate)(T),
                                             void (*bind)(QSqlQuery &, const T &), const QJsonObject &origin)
{
    const Result<QList<T>> checked = checkRows(table, std::move(unchecked), validate);
    if (!checked.ok())
        return checked.error();
    const QList<T> &rows = checked.value();
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const int columnCount = static_cast<int>(columns.count(u',')) + 3; // with agency_id and creator_id
    const Result<void> written = writeInBatches<T>(
        m_db, rows, rowsPerStatement(m_db, 200),
        [&](qsizetype count) -> QString {
            return QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (agency_id, creator_id, ") + columns
                + QStringLiteral(") VALUES ") + placeholderRows(count, columnCount);
        },
        [this, bind](QSqlQuery &query, const T &row) {
            query.addBindValue(m_scope.agencyId);
            query.addBindValue(m_scope.creatorId);
            bind(query, row);
        },
        QStringLiteral("import rows"));
    if (!written.ok())
        return written.error();
    QJsonObject detail = origin;
    detail.insert(QStringLiteral("kind"), table);
    detail.insert(QStringLiteral("rows"), rows.size());
    if (Result<void> logged = AuditRepository(m_db).record(m_scope.agencyId, m_scope.userId, m_scope.creatorId, audit::imported, detail);
        !logged.ok())
        return logged.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return static_cast<int>(rows.size());
}

Result<QList<Fan>> CreatorDataRepository::fans()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + fanColumns
                  + QStringLiteral(" FROM fans WHERE agency_id = ? AND creator_id = ? ORDER BY total_spend DESC, name"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.setForwardOnly(true);
    if (!query.exec())
        return storageError(QStringLiteral("list fans"), query.lastError());
    QList<Fan> fans;
    if (query.size() > 0)
        fans.reserve(query.size());
    while (query.next())
        fans.append(fanFrom(query));
    return fans;
}

Result<int> CreatorDataRepository::insertFans(const QList<Fan> &fans, const QJsonObject &origin)
{
    return insertAll<Fan>(QStringLiteral("fans"), ownColumns(fanColumns), fans, validateFan, bindFan, origin);
}

Result<QList<Offer>> CreatorDataRepository::offers()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "SELECT id, title, price, recipients, purchases, sent_on FROM offers WHERE agency_id = ? AND creator_id = ? ORDER BY sent_on, id"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    if (!query.exec())
        return storageError(QStringLiteral("list offers"), query.lastError());
    QList<Offer> offers;
    while (query.next())
        offers.append(offerFrom(query));
    return offers;
}

Result<int> CreatorDataRepository::insertOffers(const QList<Offer> &offers, const QJsonObject &origin)
{
    return insertAll<Offer>(QStringLiteral("offers"), ownColumns(offerColumns), offers, validateOffer, bindOffer, origin);
}

Result<QList<Post>> CreatorDataRepository::posts()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, platform, caption, hashtags, engagement, posted_on FROM posts WHERE agency_id = ? AND "
                                 "creator_id = ? ORDER BY posted_on DESC, id"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    if (!query.exec())
        return storageError(QStringLiteral("list posts"), query.lastError());
    QList<Post> posts;
    while (query.next())
        posts.append(postFrom(query));
    return posts;
}

Result<int> CreatorDataRepository::insertPosts(const QList<Post> &posts, const QJsonObject &origin)
{
    return insertAll<Post>(QStringLiteral("posts"), ownColumns(postColumns), posts, validatePost, bindPost, origin);
}

namespace {

const QString currencyKey = QStringLiteral("currency");

// A preference as stored: wrapped in an array so any JSON value (even a bare string) round-trips.
QJsonValue storedPreference(const QVariant &stored)
{
    return QJsonDocument::fromJson(stored.toString().toUtf8()).array().at(0);
}

// The chosen currency, money::defaultCurrency until one is.
QString currencyFrom(const QJsonValue &chosen)
{
    const QString code = chosen.toString();
    return money::isCurrency(code) ? code : QString::fromLatin1(money::defaultCurrency);
}

} // namespace

Result<QJsonValue> CreatorDataRepository::preference(const QString &key)
{
    const Result<std::optional<PreferenceRow>> row = preferenceRow(key);
    if (!row.ok())
        return row.error();
    return row.value() ? row.value()->value : QJsonValue(QJsonValue::Undefined);
}

Result<QJsonObject> CreatorDataRepository::preferences()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT key, value FROM creator_preferences WHERE agency_id = ? AND creator_id = ? ORDER BY key"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    if (!query.exec())
        return storageError(QStringLiteral("read preferences"), query.lastError());
    QJsonObject preferences;
    while (query.next())
        preferences.insert(query.value(0).toString(), storedPreference(query.value(1)));
    return preferences;
}

Result<void> CreatorDataRepository::setPreference(const QString &key, const QJsonValue &value)
{
    if (Result<void> written = writePreference(key, value); !written.ok())
        return written;
    return AuditRepository(m_db).record(m_scope.agencyId, m_scope.userId, m_scope.creatorId, audit::preferenceChanged,
                                        {{QStringLiteral("key"), key}});
}

Result<std::optional<CreatorDataRepository::PreferenceRow>> CreatorDataRepository::preferenceRow(const QString &key)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value, version FROM creator_preferences WHERE agency_id = ? AND creator_id = ? AND key = ?"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(key);
    if (!query.exec())
        return storageError(QStringLiteral("read preference"), query.lastError());
    if (!query.next())
        return std::optional<PreferenceRow>();
    return std::optional<PreferenceRow>(PreferenceRow{storedPreference(query.value(0)), query.value(1).toLongLong()});
}

Result<void> CreatorDataRepository::writePreference(const QString &key, const QJsonValue &value)
{
    if (Result<void> ok = rules::preferenceValue(value); !ok.ok())
        return ok;
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO creator_preferences (agency_id, creator_id, key, value, updated_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (agency_id, creator_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(key);
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)));
    query.addBindValue(sqlTimestamp(QDateTime::currentDateTimeUtc()));
    if (!query.exec())
        return storageError(QStringLiteral("save preference"), query.lastError());
    return Result<void>::success();
}

Result<QString> CreatorDataRepository::currency()
{
    const Result<QHash<qint64, QString>> chosen = currencies(m_db, CreatorSet::of(m_scope));
    if (!chosen.ok())
        return chosen.error();
    return chosen.value().value(m_scope.creatorId);
}

Result<QHash<qint64, QString>> CreatorDataRepository::currencies(QSqlDatabase &db, const CreatorSet &creators)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT creator_id, value FROM creator_preferences WHERE ") + creators.condition()
                  + QStringLiteral(" AND key = ?"));
    creators.bind(query);
    query.addBindValue(currencyKey);
    if (!query.exec())
        return storageError(QStringLiteral("read currencies"), query.lastError());
    QHash<qint64, QString> currencies;
    for (const qint64 creator : creators.creatorIds)
        currencies.insert(creator, currencyFrom(QJsonValue(QJsonValue::Undefined)));
    while (query.next())
        currencies.insert(query.value(0).toLongLong(), currencyFrom(storedPreference(query.value(1))));
    return currencies;
}

QJsonObject CreatorRows::toJson(bool withEarnings) const
{
    QJsonArray fanList;
    for (const Fan &fan : fans) {
        QJsonObject json = fan.toJson();
        if (!withEarnings) {
            json.remove(QStringLiteral("totalSpend"));
            json.remove(QStringLiteral("lastPurchase"));
        }
        fanList.append(json);
    }
    QJsonArray offerList;
    for (const Offer &offer : offers)
        offerList.append(offer.toJson());
    QJsonArray postList;
    for (const Post &post : posts)
        postList.append(post.toJson());
    QJsonObject json{{QStringLiteral("creatorId"), creatorId},
                     {QStringLiteral("fans"), fanList},
                     {QStringLiteral("offers"), offerList},
                     {QStringLiteral("posts"), postList},
                     {QStringLiteral("preferences"), preferences}};
    if (!rollUps.isEmpty()) {
        QJsonObject analytics;
        for (auto it = rollUps.constBegin(); it != rollUps.constEnd(); ++it) {
            QJsonArray list;
            for (const QJsonArray &row : it.value())
                list.append(row);
            analytics.insert(it.key(), list);
        }
        json.insert(QStringLiteral("analytics"), analytics);
    }
    return json;
}

CreatorRows CreatorRows::fromJson(const QJsonObject &json)
{
    CreatorRows rows;
    rows.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    for (const QJsonValue &fan : json.value(QStringLiteral("fans")).toArray())
        rows.fans.append(Fan::fromJson(fan.toObject()));
    for (const QJsonValue &offer : json.value(QStringLiteral("offers")).toArray())
        rows.offers.append(Offer::fromJson(offer.toObject()));
    for (const QJsonValue &post : json.value(QStringLiteral("posts")).toArray())
        rows.posts.append(Post::fromJson(post.toObject()));
    rows.preferences = json.value(QStringLiteral("preferences")).toObject();
    const QJsonObject analytics = json.value(QStringLiteral("analytics")).toObject();
    for (auto it = analytics.constBegin(); it != analytics.constEnd(); ++it) {
        QList<QJsonArray> &table = rows.rollUps[it.key()];
        for (const QJsonValue &row : it.value().toArray())
            table.append(row.toArray());
    }
    return rows;
}

const QStringList &CreatorDataRepository::syncedTables()
{
    static const QStringList tables{QStringLiteral("fans"), QStringLiteral("offers"), QStringLiteral("posts")};
    return tables;
}

Result<CreatorDataRepository::Read> CreatorDataRepository::readSynced(QSqlDatabase &db, const QString &table, const SyncedRowsQuery &which,
                                                                      qint64 after, int limit, QMap<qint64, CreatorRows> &into)
{
    const QString columns = table == QLatin1String("fans") ? fanColumns : table == QLatin1String("offers") ? offerColumns : postColumns;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // The table's name is one of syncedTables(), never the caller's text.
    if (!syncedTables().contains(table))
        return Error(ErrorCode::Internal, {}, QStringLiteral("not a synced table: %1").arg(table));
    query.prepare(QStringLiteral("SELECT creator_id, ") + columns + QStringLiteral(" FROM ") + table + QStringLiteral(" WHERE ")
                  + which.condition() + QStringLiteral(" AND id > ? ORDER BY id LIMIT ?"));
    which.bind(query);
    query.addBindValue(after);
    query.addBindValue(limit);
    if (!query.exec())
        return storageError(QStringLiteral("read synced ") + table, query.lastError());
    Read read;
    while (query.next()) {
        CreatorRows &rows = into[query.value(0).toLongLong()];
        rows.creatorId = query.value(0).toLongLong();
        if (table == QLatin1String("fans"))
            rows.fans.append(fanFrom(query, 1));
        else if (table == QLatin1String("offers"))
            rows.offers.append(offerFrom(query, 1));
        else
            rows.posts.append(postFrom(query, 1));
        ++read.count;
        read.lastId = query.value(1).toLongLong();
    }
    return read;
}

Result<void> CreatorDataRepository::readSyncedPreferences(QSqlDatabase &db, const SyncedRowsQuery &which, QMap<qint64, CreatorRows> &into)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT creator_id, key, value FROM creator_preferences WHERE ") + which.condition());
    which.bind(query);
    if (!query.exec())
        return storageError(QStringLiteral("read synced preferences"), query.lastError());
    while (query.next()) {
        CreatorRows &rows = into[query.value(0).toLongLong()];
        rows.creatorId = query.value(0).toLongLong();
        rows.preferences.insert(query.value(1).toString(), storedPreference(query.value(2)));
    }
    return Result<void>::success();
}

namespace {

// `rows` of one table, each with its creator, kept under the server's ids.
template <typename T>
Result<void> upsertSynced(QSqlDatabase &db, qint64 agencyId, const QString &table, const QString &columns,
                          const QList<std::pair<qint64, T>> &rows, void (*bind)(QSqlQuery &, const T &))
{
    QStringList updates{QStringLiteral("creator_id = excluded.creator_id")};
    for (const QString &column : ownColumns(columns).split(QStringLiteral(", ")))
        updates.append(column + QStringLiteral(" = excluded.") + column);
    const int columnCount = static_cast<int>(columns.count(u',')) + 3; // with agency_id and creator_id
    return writeInBatches<std::pair<qint64, T>>(
        db, rows, rowsPerStatement(db, 200),
        [&](qsizetype count) -> QString {
            return QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (agency_id, creator_id, ") + columns
                + QStringLiteral(") VALUES ") + placeholderRows(count, columnCount) + QStringLiteral(" ON CONFLICT (id) DO UPDATE SET ")
                + updates.join(QStringLiteral(", "));
        },
        [&](QSqlQuery &query, const std::pair<qint64, T> &row) {
            query.addBindValue(agencyId);
            query.addBindValue(row.first);
            query.addBindValue(row.second.id);
            bind(query, row.second);
        },
        QStringLiteral("keep synced ") + table);
}

} // namespace

Result<void> CreatorDataRepository::storeSynced(QSqlDatabase &db, qint64 agencyId, const QList<CreatorRows> &rows)
{
    QList<std::pair<qint64, Fan>> fans;
    QList<std::pair<qint64, Offer>> offers;
    QList<std::pair<qint64, Post>> posts;
    for (const CreatorRows &creator : rows) {
        for (const Fan &fan : creator.fans)
            fans.append({creator.creatorId, fan});
        for (const Offer &offer : creator.offers)
            offers.append({creator.creatorId, offer});
        for (const Post &post : creator.posts)
            posts.append({creator.creatorId, post});
    }
    if (Result<void> kept = upsertSynced(db, agencyId, QStringLiteral("fans"), fanColumns, fans, &bindFan); !kept.ok())
        return kept;
    if (Result<void> kept = upsertSynced(db, agencyId, QStringLiteral("offers"), offerColumns, offers, &bindOffer); !kept.ok())
        return kept;
    if (Result<void> kept = upsertSynced(db, agencyId, QStringLiteral("posts"), postColumns, posts, &bindPost); !kept.ok())
        return kept;
    QSqlQuery preferences(db);
    preferences.prepare(
        QStringLiteral("INSERT INTO creator_preferences (agency_id, creator_id, key, value, updated_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (agency_id, creator_id, key) DO UPDATE SET value = excluded.value, "
                       "updated_at = excluded.updated_at"));
    const QString now = sqlTimestamp(QDateTime::currentDateTimeUtc());
    for (const CreatorRows &creator : rows) {
        for (auto it = creator.preferences.constBegin(); it != creator.preferences.constEnd(); ++it) {
            preferences.addBindValue(agencyId);
            preferences.addBindValue(creator.creatorId);
            preferences.addBindValue(it.key());
            preferences.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact)));
            preferences.addBindValue(now);
            if (!preferences.exec())
                return storageError(QStringLiteral("keep synced preference"), preferences.lastError());
        }
    }
    return Result<void>::success();
}

} // namespace huntaze

#include "creatordatarepository.h"

#include "domain/money.h"
#include "domain/rules.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

// Every row passes the domain's rules (rules.h) before any is written, on
// both backends, whichever way it arrived; then all or nothing is stored.
template <typename T, typename Validate, typename Bind>
Result<int> CreatorDataRepository::insertAll(const QString &sql, const QString &list, QList<T> rows, Validate validate, Bind bind)
{
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Result<T> valid = validate(rows.at(i));
        if (!valid.ok()) {
            Error error = jsonfield::within(QStringLiteral("%1[%2]").arg(list).arg(i), valid.error());
            error.message = QCoreApplication::translate("huntaze::CreatorDataRepository", "Row %1: %2 Nothing was imported.")
                                .arg(i + 1)
                                .arg(error.message);
            return error;
        }
        rows[i] = std::move(valid).value();
    }
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    QSqlQuery query(m_db);
    if (!query.prepare(sql))
        return storageError(QStringLiteral("prepare import"), query.lastError());
    for (const T &row : rows) {
        query.addBindValue(m_scope.agencyId);
        query.addBindValue(m_scope.creatorId);
        bind(query, row);
        if (!query.exec())
            return storageError(QStringLiteral("import row"), query.lastError());
    }
    if (Result<void> logged = AuditRepository(m_db).record(m_scope.agencyId, m_scope.userId, m_scope.creatorId, audit::imported,
                                                           {{QStringLiteral("kind"), list}, {QStringLiteral("rows"), rows.size()}});
        !logged.ok())
        return logged.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return static_cast<int>(rows.size());
}

Result<QList<Fan>> CreatorDataRepository::fans()
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT id, name, tags, total_spend, last_purchase, last_active FROM fans WHERE agency_id = ? AND creator_id = ? "
                       "ORDER BY total_spend DESC, name"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.setForwardOnly(true);
    if (!query.exec())
        return storageError(QStringLiteral("list fans"), query.lastError());
    QList<Fan> fans;
    if (query.size() > 0)
        fans.reserve(query.size());
    while (query.next()) {
        Fan fan;
        fan.id = query.value(0).toLongLong();
        fan.name = query.value(1).toString();
        // Most fans have no tag: no JSON to parse for them.
        const QString tags = query.value(2).toString();
        if (tags != QLatin1String("[]")) {
            for (const auto &tag : QJsonDocument::fromJson(tags.toUtf8()).array())
                fan.tags.append(tag.toString());
        }
        fan.totalSpend = query.value(3).toDouble();
        fan.lastPurchase = query.value(4).toString();
        // PostgreSQL hands a date over as one; SQLite as ISO text.
        const QVariant lastActive = query.value(5);
        fan.lastActive
            = lastActive.metaType().id() == QMetaType::QDate ? lastActive.toDate() : QDate::fromString(lastActive.toString(), Qt::ISODate);
        fans.append(std::move(fan));
    }
    return fans;
}

Result<int> CreatorDataRepository::insertFans(const QList<Fan> &fans)
{
    return insertAll(
        QStringLiteral(
            "INSERT INTO fans (agency_id, creator_id, name, tags, total_spend, last_purchase, last_active) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        QStringLiteral("fans"), fans, validateFan, [](QSqlQuery &query, const Fan &fan) {
            query.addBindValue(fan.name);
            query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(fan.tags)).toJson(QJsonDocument::Compact)));
            query.addBindValue(fan.totalSpend);
            query.addBindValue(sqlText(fan.lastPurchase));
            query.addBindValue(fan.lastActive.isValid() ? fan.lastActive.toString(Qt::ISODate) : QStringLiteral(""));
        });
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
    while (query.next()) {
        Offer offer;
        offer.id = query.value(0).toLongLong();
        offer.title = query.value(1).toString();
        offer.price = query.value(2).toDouble();
        offer.recipients = query.value(3).toInt();
        offer.purchases = query.value(4).toInt();
        offer.sentOn = QDate::fromString(query.value(5).toString(), Qt::ISODate);
        offers.append(offer);
    }
    return offers;
}

Result<int> CreatorDataRepository::insertOffers(const QList<Offer> &offers)
{
    return insertAll(
        QStringLiteral(
            "INSERT INTO offers (agency_id, creator_id, title, price, recipients, purchases, sent_on) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        QStringLiteral("offers"), offers, validateOffer, [](QSqlQuery &query, const Offer &offer) {
            query.addBindValue(sqlText(offer.title));
            query.addBindValue(offer.price);
            query.addBindValue(offer.recipients);
            query.addBindValue(offer.purchases);
            query.addBindValue(offer.sentOn.isValid() ? offer.sentOn.toString(Qt::ISODate) : QStringLiteral(""));
        });
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
    while (query.next()) {
        Post post;
        post.id = query.value(0).toLongLong();
        post.platform = query.value(1).toString();
        post.caption = query.value(2).toString();
        for (const auto &tag : QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array())
            post.hashtags.append(tag.toString());
        post.engagement = query.value(4).toInt();
        post.postedOn = QDate::fromString(query.value(5).toString(), Qt::ISODate);
        posts.append(post);
    }
    return posts;
}

Result<int> CreatorDataRepository::insertPosts(const QList<Post> &posts)
{
    return insertAll(
        QStringLiteral(
            "INSERT INTO posts (agency_id, creator_id, platform, caption, hashtags, engagement, posted_on) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        QStringLiteral("posts"), posts, validatePost, [](QSqlQuery &query, const Post &post) {
            query.addBindValue(sqlText(post.platform));
            query.addBindValue(sqlText(post.caption));
            query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(post.hashtags)).toJson(QJsonDocument::Compact)));
            query.addBindValue(post.engagement);
            query.addBindValue(post.postedOn.isValid() ? post.postedOn.toString(Qt::ISODate) : QStringLiteral(""));
        });
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
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value FROM creator_preferences WHERE agency_id = ? AND creator_id = ? AND key = ?"));
    query.addBindValue(m_scope.agencyId);
    query.addBindValue(m_scope.creatorId);
    query.addBindValue(key);
    if (!query.exec())
        return storageError(QStringLiteral("read preference"), query.lastError());
    if (!query.next())
        return QJsonValue(QJsonValue::Undefined);
    return storedPreference(query.value(0));
}

Result<void> CreatorDataRepository::setPreference(const QString &key, const QJsonValue &value)
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
    return AuditRepository(m_db).record(m_scope.agencyId, m_scope.userId, m_scope.creatorId, audit::preferenceChanged,
                                        {{QStringLiteral("key"), key}});
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

} // namespace huntaze

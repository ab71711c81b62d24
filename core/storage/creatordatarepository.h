#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "domain/fan.h"
#include "storage/creatorset.h"

#include <QHash>
#include <QJsonValue>
#include <QSqlDatabase>

namespace huntaze {

// Fans, offers, posts and preferences of one creator of one agency,
// in SQL with bound parameters only. Whether the member may touch them was
// decided before (agency::Membership); every statement filters on the scope.
// Imports run in one transaction (or the caller's): all rows or none.
class CreatorDataRepository
{
public:
    CreatorDataRepository(QSqlDatabase &db, const agency::CreatorScope &scope) : m_db(db), m_scope(scope) {}

    Result<QList<Fan>> fans();
    Result<int> insertFans(const QList<Fan> &fans);
    Result<QList<Offer>> offers();
    Result<int> insertOffers(const QList<Offer> &offers);
    Result<QList<Post>> posts();
    Result<int> insertPosts(const QList<Post> &posts);
    Result<QJsonValue> preference(const QString &key);
    Result<void> setPreference(const QString &key, const QJsonValue &value);
    // The account's currency (the "currency" preference; money::defaultCurrency until one is chosen).
    Result<QString> currency();
    // Each of `creators`' account currency.
    static Result<QHash<qint64, QString>> currencies(QSqlDatabase &db, const CreatorSet &creators);

private:
    template <typename T, typename Validate, typename Bind>
    Result<int> insertAll(const QString &sql, const QString &list, QList<T> rows, Validate validate, Bind bind);

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
};

} // namespace huntaze

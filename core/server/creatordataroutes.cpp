#include "creatordataroutes.h"

#include "server/router.h"
#include "server/servercontext.h"
#include "storage/creatordatarepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace huntaze::server {

namespace {

// One import request carries at most this many rows; bigger files go in parts.
constexpr int maxImportRows = 20000;

QString rowField(const QString &list, qsizetype index, const QString &field)
{
    return QStringLiteral("%1[%2].%3").arg(list).arg(index).arg(field);
}

Error rowError(const QString &field, const QString &problem)
{
    return Error::validation(
        field, QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "%1: %2 Nothing was imported.").arg(field, problem));
}

std::optional<Error> checkDate(const QJsonObject &row, const QString &key, const QString &field)
{
    const QString text = row.value(key).toString();
    if (!text.isEmpty() && !QDate::fromString(text, Qt::ISODate).isValid())
        return rowError(field, QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "not a date like 2026-01-31."));
    return std::nullopt;
}

// A present field of the wrong type is an error, never silently zero.
std::optional<Error> checkNumbers(const QJsonObject &row, const QString &list, qsizetype index, const QStringList &keys)
{
    for (const QString &key : keys) {
        if (row.contains(key) && !row.value(key).isDouble())
            return rowError(rowField(list, index, key),
                            QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "must be a number."));
    }
    return std::nullopt;
}

Result<QList<Fan>> fansFrom(const QJsonArray &rows)
{
    QList<Fan> fans;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        if (auto error = checkNumbers(row, QStringLiteral("fans"), i, {QStringLiteral("totalSpend")}))
            return *error;
        const Fan fan = Fan::fromJson(row);
        if (fan.name.trimmed().isEmpty())
            return rowError(rowField(QStringLiteral("fans"), i, QStringLiteral("name")),
                            QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "the name is empty."));
        if (fan.totalSpend < 0)
            return rowError(rowField(QStringLiteral("fans"), i, QStringLiteral("totalSpend")),
                            QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "cannot be negative."));
        if (auto error = checkDate(row, QStringLiteral("lastActive"), rowField(QStringLiteral("fans"), i, QStringLiteral("lastActive"))))
            return *error;
        fans.append(fan);
    }
    return fans;
}

Result<QList<Offer>> offersFrom(const QJsonArray &rows)
{
    QList<Offer> offers;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        if (auto error = checkNumbers(row, QStringLiteral("offers"), i,
                                      {QStringLiteral("price"), QStringLiteral("recipients"), QStringLiteral("purchases")}))
            return *error;
        const Offer offer = Offer::fromJson(row);
        if (!(offer.price > 0))
            return rowError(rowField(QStringLiteral("offers"), i, QStringLiteral("price")),
                            QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "a price must be above zero."));
        if (offer.recipients < 0 || offer.purchases < 0 || offer.purchases > offer.recipients)
            return rowError(rowField(QStringLiteral("offers"), i, QStringLiteral("purchases")),
                            QCoreApplication::translate("huntaze::server::CreatorDataRoutes",
                                                        "purchases must be between 0 and the number of recipients."));
        if (auto error = checkDate(row, QStringLiteral("sentOn"), rowField(QStringLiteral("offers"), i, QStringLiteral("sentOn"))))
            return *error;
        offers.append(offer);
    }
    return offers;
}

Result<QList<Post>> postsFrom(const QJsonArray &rows)
{
    QList<Post> posts;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        if (auto error = checkNumbers(row, QStringLiteral("posts"), i, {QStringLiteral("engagement")}))
            return *error;
        const Post post = Post::fromJson(row);
        if (post.engagement < 0)
            return rowError(rowField(QStringLiteral("posts"), i, QStringLiteral("engagement")),
                            QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "cannot be negative."));
        if (auto error = checkDate(row, QStringLiteral("postedOn"), rowField(QStringLiteral("posts"), i, QStringLiteral("postedOn"))))
            return *error;
        posts.append(post);
    }
    return posts;
}

template <typename T> QJsonArray toJsonArray(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

// GET <path> lists the rows; POST <path>/import adds a batch, all or nothing.
template <typename T, typename Parse, typename List, typename Insert>
void addTable(Router &router, const ServerContext &context, const QString &name, Parse parse, List list, Insert insert)
{
    router.add("GET", QStringLiteral("/api/") + name, [context, name, list](const HttpRequest &request) {
        return answer(context.forUser<QList<T>>(request, [list](QSqlDatabase &db, qint64 userId) { return list(db, userId); }),
                      [name](const QList<T> &rows) {
                          return HttpResponse::ofJson({{name, toJsonArray(rows)}});
                      });
    });
    router.add("POST", QStringLiteral("/api/%1/import").arg(name), [context, name, parse, insert](const HttpRequest &request) {
        const Result<QJsonObject> body = request.jsonObject();
        if (!body.ok())
            return answerNow(body.error());
        const Result<QJsonArray> rows = jsonfield::requiredArray(body.value(), name, maxImportRows);
        if (!rows.ok())
            return answerNow(rows.error());
        const Result<QList<T>> parsed = parse(rows.value());
        if (!parsed.ok())
            return answerNow(parsed.error());
        return answer(context.forUser<int>(
                          request, [insert, items = parsed.value()](QSqlDatabase &db, qint64 userId) { return insert(db, userId, items); }),
                      [](int count) {
                          return HttpResponse::ofJson({{QStringLiteral("imported"), count}}, 201);
                      });
    });
}

QFuture<HttpResponse> saveDraft(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const std::optional<Draft::Kind> kind = Draft::kindFrom(body.value().value(QStringLiteral("kind")).toString());
    if (!kind)
        return answerNow(Error::validation(
            QStringLiteral("kind"),
            QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "\"kind\" must be idea, caption or message.")));
    const Result<QString> title = jsonfield::optionalString(body.value(), QStringLiteral("title"), 200);
    if (!title.ok())
        return answerNow(title.error());
    const Result<QString> text = jsonfield::requiredString(body.value(), QStringLiteral("body"), 20000);
    if (!text.ok())
        return answerNow(text.error());
    const Draft draft{0, *kind, title.value(), text.value(), {}};
    return answer(context.forUser<Draft>(
                      request, [draft](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).insertDraft(draft); }),
                  [](const Draft &saved) {
                      return HttpResponse::ofJson({{QStringLiteral("draft"), saved.toJson()}}, 201);
                  });
}

bool isPreferenceKey(const QString &key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z][A-Za-z0-9._-]{0,63}$"));
    return plain.match(key).hasMatch();
}

Error badPreferenceKey()
{
    return Error::validation(QStringLiteral("key"),
                             QCoreApplication::translate("huntaze::server::CreatorDataRoutes",
                                                         "A preference name is a letter followed by up to 63 "
                                                         "letters, digits, dots, dashes or underscores."));
}

QFuture<HttpResponse> preference(const ServerContext &context, const HttpRequest &request)
{
    const QString key = request.pathParameters.value(QStringLiteral("key"));
    if (!isPreferenceKey(key))
        return answerNow(badPreferenceKey());
    return answer(
        context.forUser<QJsonValue>(request,
                                    [key](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).preference(key); }),
        [key](const QJsonValue &value) {
            if (value.isUndefined())
                return HttpResponse::error(
                    404, QStringLiteral("not_found"),
                    QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "The preference \"%1\" was never set.").arg(key));
            return HttpResponse::ofJson({{QStringLiteral("key"), key}, {QStringLiteral("value"), value}});
        });
}

QFuture<HttpResponse> setPreference(const ServerContext &context, const HttpRequest &request)
{
    const QString key = request.pathParameters.value(QStringLiteral("key"));
    if (!isPreferenceKey(key))
        return answerNow(badPreferenceKey());
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    if (!body.value().contains(QStringLiteral("value")))
        return answerNow(Error::validation(
            QStringLiteral("value"),
            QCoreApplication::translate("huntaze::server::jsonfield", "\"%1\" is required.").arg(QStringLiteral("value"))));
    const QJsonValue value = body.value().value(QStringLiteral("value"));
    return answer(
        context.forUser<void>(
            request, [key, value](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).setPreference(key, value); }),
        [] { return HttpResponse::noContent(); });
}

} // namespace

void addCreatorDataRoutes(Router &router, const ServerContext &context)
{
    addTable<Fan>(
        router, context, QStringLiteral("fans"), fansFrom,
        [](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).fans(); },
        [](QSqlDatabase &db, qint64 userId, const QList<Fan> &rows) { return CreatorDataRepository(db, userId).insertFans(rows); });
    addTable<Offer>(
        router, context, QStringLiteral("offers"), offersFrom,
        [](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).offers(); },
        [](QSqlDatabase &db, qint64 userId, const QList<Offer> &rows) { return CreatorDataRepository(db, userId).insertOffers(rows); });
    addTable<Post>(
        router, context, QStringLiteral("posts"), postsFrom,
        [](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).posts(); },
        [](QSqlDatabase &db, qint64 userId, const QList<Post> &rows) { return CreatorDataRepository(db, userId).insertPosts(rows); });

    router.add("GET", QStringLiteral("/api/drafts"), [context](const HttpRequest &request) {
        return answer(context.forUser<QList<Draft>>(
                          request, [](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).drafts(); }),
                      [](const QList<Draft> &drafts) {
                          return HttpResponse::ofJson({{QStringLiteral("drafts"), toJsonArray(drafts)}});
                      });
    });
    router.add("POST", QStringLiteral("/api/drafts"), [context](const HttpRequest &r) { return saveDraft(context, r); });
    router.add("GET", QStringLiteral("/api/preferences/{key}"), [context](const HttpRequest &r) { return preference(context, r); });
    router.add("PUT", QStringLiteral("/api/preferences/{key}"), [context](const HttpRequest &r) { return setPreference(context, r); });
}

} // namespace huntaze::server

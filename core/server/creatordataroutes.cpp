#include "creatordataroutes.h"

#include "common/jsonwriter.h"
#include "domain/rules.h"
#include "server/router.h"
#include "server/servercontext.h"
#include "storage/creatordatarepository.h"
#include "storage/draftrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace huntaze::server {

namespace {

// One import request carries at most this many rows; bigger files go in parts.
constexpr int maxImportRows = 20000;

template <typename T> QJsonArray toJsonArray(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

// GET <path> lists the rows; POST <path>/import adds a batch, all or nothing.
template <typename T, typename List, typename Insert>
void addTable(Router &router, const ServerContext &context, const QString &name, QList<agency::Permission> toList, List list, Insert insert)
{
    using agency::CreatorScope;
    if (!toList.isEmpty()) { // none: the list has a route of its own
        router.add("GET", QStringLiteral("/api/") + name, [context, name, toList, list](const HttpRequest &request) {
            return answer(context.forCreator<QList<T>>(request, toList,
                                                       [list](QSqlDatabase &db, const CreatorScope &scope) { return list(db, scope); }),
                          [name](const QList<T> &rows) {
                              return HttpResponse::ofJson({{name, toJsonArray(rows)}});
                          });
        });
    }
    router.add("POST", QStringLiteral("/api/%1/import").arg(name), [context, name, insert](const HttpRequest &request) {
        const Result<QJsonObject> body = request.jsonObject();
        if (!body.ok())
            return answerNow(body.error());
        const Result<QJsonArray> rows = jsonfield::requiredArray(body.value(), name, maxImportRows);
        if (!rows.ok())
            return answerNow(rows.error());
        const Result<QList<T>> parsed = parseRows<T>(name, rows.value());
        if (!parsed.ok())
            return answerNow(parsed.error());
        return answer(context.forCreator<int>(request, {agency::Permission::ImportData},
                                              [insert, items = parsed.value()](QSqlDatabase &db, const CreatorScope &scope) {
                                                  return insert(db, scope, items);
                                              }),
                      [](int count) {
                          return HttpResponse::ofJson({{QStringLiteral("imported"), count}}, 201);
                      });
    });
}

// A member whose role does not see earnings (chatters) gets the fans without
// what they spent or bought: the fields are left out, not zeroed.
QFuture<HttpResponse> listFans(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> creatorId = ServerContext::requestedCreator(request);
    if (!creatorId.ok())
        return answerNow(creatorId.error());
    struct Listed {
        QList<Fan> fans;
        bool earnings = false;
    };
    return answer(
        context.forMember<Listed>(request,
                                  [creatorId = creatorId.value()](QSqlDatabase &db, const agency::Membership &member) -> Result<Listed> {
                                      if (Result<void> allowed = member.require({agency::Permission::ViewFans}); !allowed.ok())
                                          return allowed.error();
                                      const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, creatorId);
                                      if (!scope.ok())
                                          return scope.error();
                                      Result<QList<Fan>> fans = CreatorDataRepository(db, scope.value()).fans();
                                      if (!fans.ok())
                                          return fans.error();
                                      return Listed{std::move(fans).value(), member.role.allows(agency::Permission::ViewEarnings)};
                                  }),
        // Written on the thread pool once the connection is free again: 500
        // fans are far more work as JSON than as a query.
        [](const Listed &listed) {
            JsonWriter out(listed.fans.size() * 160);
            out.beginObject().key(QLatin1String("fans")).beginArray();
            for (const Fan &fan : listed.fans)
                fan.writeJson(out, listed.earnings);
            out.endArray().endObject();
            HttpResponse response;
            response.body = out.take();
            return response;
        },
        QtFuture::Launch::Async);
}

Error badDraftId()
{
    return Error::validation(QStringLiteral("id"),
                             QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "The draft's id must be a UUID."));
}

// POST adds a draft (the id in the body, if any, made by the device); PUT /api/drafts/{id} saves that draft.
QFuture<HttpResponse> saveDraft(const ServerContext &context, const HttpRequest &request, std::optional<QString> pathId = std::nullopt)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    Result<Draft> draft = Draft::parse(body.value());
    if (!draft.ok())
        return answerNow(draft.error());
    Draft toSave = std::move(draft).value();
    if (pathId) {
        const std::optional<QString> id = rules::uuid(*pathId);
        if (!id)
            return answerNow(badDraftId());
        if (!toSave.id.isEmpty() && toSave.id != *id)
            return answerNow(Error::validation(
                QStringLiteral("id"),
                QCoreApplication::translate("huntaze::server::CreatorDataRoutes", "The draft's id differs from the one in its address.")));
        toSave.id = *id;
    }
    const int status = pathId ? 200 : 201;
    return answer(context.forCreator<Draft>(request, {agency::Permission::ManageDrafts},
                                            [toSave](QSqlDatabase &db, const agency::CreatorScope &scope) {
                                                return DraftRepository(db, scope, QDateTime::currentDateTimeUtc()).save(toSave);
                                            }),
                  [status](const Draft &saved) {
                      return HttpResponse::ofJson({{QStringLiteral("draft"), saved.toJson()}}, status);
                  });
}

QFuture<HttpResponse> deleteDraft(const ServerContext &context, const HttpRequest &request)
{
    const std::optional<QString> id = rules::uuid(request.pathParameters.value(QStringLiteral("id")));
    if (!id)
        return answerNow(badDraftId());
    return answer(context.forCreator<void>(request, {agency::Permission::ManageDrafts},
                                           [id = *id](QSqlDatabase &db, const agency::CreatorScope &scope) {
                                               return DraftRepository(db, scope, QDateTime::currentDateTimeUtc()).remove(id);
                                           }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> preference(const ServerContext &context, const HttpRequest &request)
{
    const QString key = request.pathParameters.value(QStringLiteral("key"));
    if (Result<void> named = rules::preferenceKey(key); !named.ok())
        return answerNow(named.error());
    return answer(
        context.forCreator<QJsonValue>(
            request, {},
            [key](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).preference(key); }),
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
    if (Result<void> named = rules::preferenceKey(key); !named.ok())
        return answerNow(named.error());
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    if (!body.value().contains(QStringLiteral("value")))
        return answerNow(
            Error::validation(QStringLiteral("value"),
                              QCoreApplication::translate("huntaze::jsonfield", "\"%1\" is required.").arg(QStringLiteral("value"))));
    const QJsonValue value = body.value().value(QStringLiteral("value"));
    if (Result<void> ok = rules::preferenceValue(value); !ok.ok())
        return answerNow(ok.error());
    return answer(context.forCreator<void>(request, {agency::Permission::EditCreatorProfile},
                                           [key, value](QSqlDatabase &db, const agency::CreatorScope &scope) {
                                               return CreatorDataRepository(db, scope).setPreference(key, value);
                                           }),
                  [] { return HttpResponse::noContent(); });
}

} // namespace

void addCreatorDataRoutes(Router &router, const ServerContext &context)
{
    using agency::CreatorScope;
    using agency::Permission;
    // Fans are listed by listFans: what they spent is earnings, which not every role sees.
    addTable<Fan>(
        router, context, QStringLiteral("fans"), {},
        [](QSqlDatabase &db, const CreatorScope &scope) { return CreatorDataRepository(db, scope).fans(); },
        [](QSqlDatabase &db, const CreatorScope &scope, const QList<Fan> &rows) {
            return CreatorDataRepository(db, scope).insertFans(rows);
        });
    addTable<Offer>(
        router, context, QStringLiteral("offers"), {Permission::ViewEarnings},
        [](QSqlDatabase &db, const CreatorScope &scope) { return CreatorDataRepository(db, scope).offers(); },
        [](QSqlDatabase &db, const CreatorScope &scope, const QList<Offer> &rows) {
            return CreatorDataRepository(db, scope).insertOffers(rows);
        });
    // Past posts feed the dashboard, captions (hashtag ranking) and ideas.
    addTable<Post>(
        router, context, QStringLiteral("posts"), {Permission::ViewDashboard, Permission::UseCaptions, Permission::UseIdeas},
        [](QSqlDatabase &db, const CreatorScope &scope) { return CreatorDataRepository(db, scope).posts(); },
        [](QSqlDatabase &db, const CreatorScope &scope, const QList<Post> &rows) {
            return CreatorDataRepository(db, scope).insertPosts(rows);
        });

    router.add("GET", QStringLiteral("/api/fans"), [context](const HttpRequest &request) { return listFans(context, request); });
    router.add("GET", QStringLiteral("/api/drafts"), [context](const HttpRequest &request) {
        return answer(context.forCreator<QList<Draft>>(request, {Permission::ManageDrafts},
                                                       [](QSqlDatabase &db, const CreatorScope &scope) {
                                                           return DraftRepository(db, scope, QDateTime::currentDateTimeUtc()).drafts();
                                                       }),
                      [](const QList<Draft> &drafts) {
                          return HttpResponse::ofJson({{QStringLiteral("drafts"), toJsonArray(drafts)}});
                      });
    });
    // Every creator's the member may see, for the Drafts page.
    router.add("GET", QStringLiteral("/api/agency/drafts"), [context](const HttpRequest &request) {
        return answer(
            context.forMember<QList<Draft>>(
                request, [](QSqlDatabase &db, const agency::Membership &member) { return DraftRepository::visibleTo(db, member); }),
            [](const QList<Draft> &drafts) {
                return HttpResponse::ofJson({{QStringLiteral("drafts"), toJsonArray(drafts)}});
            });
    });
    router.add("POST", QStringLiteral("/api/drafts"), [context](const HttpRequest &r) { return saveDraft(context, r); });
    router.add("PUT", QStringLiteral("/api/drafts/{id}"),
               [context](const HttpRequest &r) { return saveDraft(context, r, r.pathParameters.value(QStringLiteral("id"))); });
    router.add("DELETE", QStringLiteral("/api/drafts/{id}"), [context](const HttpRequest &r) { return deleteDraft(context, r); });
    router.add("GET", QStringLiteral("/api/preferences/{key}"), [context](const HttpRequest &r) { return preference(context, r); });
    router.add("PUT", QStringLiteral("/api/preferences/{key}"), [context](const HttpRequest &r) { return setPreference(context, r); });
}

} // namespace huntaze::server

#include "apikeyroutes.h"

#include "server/router.h"
#include "server/servercontext.h"
#include "storage/apikeyrepository.h"

#include <QJsonArray>

namespace huntaze::server {

namespace {

QFuture<HttpResponse> listKeys(const ServerContext &context, const HttpRequest &request)
{
    return answer(context.forMember<QList<agency::ApiKey>>(
                      request,
                      [](QSqlDatabase &db, const agency::Membership &member) -> Result<QList<agency::ApiKey>> {
                          if (Result<void> allowed = member.require({agency::Permission::ManageApiKeys}); !allowed.ok())
                              return allowed.error();
                          return ApiKeyRepository(db).list(member.agencyId);
                      }),
                  [](const QList<agency::ApiKey> &keys) {
                      QJsonArray list;
                      for (const agency::ApiKey &key : keys)
                          list.append(key.toJson());
                      return HttpResponse::ofJson({{QStringLiteral("keys"), list}});
                  });
}

QFuture<HttpResponse> makeKey(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const QDateTime now = context.sessions.now();
    const Result<agency::NewApiKey> key = agency::NewApiKey::parse(body.value(), now);
    if (!key.ok())
        return answerNow(key.error());
    return answer(
        context.forMember<ApiKeyRepository::Made>(request,
                                                  [key = key.value(), now](QSqlDatabase &db, const agency::Membership &member) {
                                                      return ApiKeyRepository(db).create(member, key, now);
                                                  }),
        [](const ApiKeyRepository::Made &made) {
            // The only time the secret leaves the server.
            return HttpResponse::ofJson({{QStringLiteral("key"), made.key.toJson()}, {QStringLiteral("secret"), made.secret}}, 201);
        });
}

QFuture<HttpResponse> revokeKey(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> id = ServerContext::pathId(request, QStringLiteral("keyId"));
    if (!id.ok())
        return answerNow(id.error());
    const QDateTime now = context.sessions.now();
    return answer(context.forMember<void>(request,
                                          [id = id.value(), now](QSqlDatabase &db, const agency::Membership &member) {
                                              return ApiKeyRepository(db).revoke(member, id, now);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

} // namespace

void addApiKeyRoutes(Router &router, const ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/agency/api-keys"), [context](const HttpRequest &r) { return listKeys(context, r); });
    router.add("POST", QStringLiteral("/api/agency/api-keys"), [context](const HttpRequest &r) { return makeKey(context, r); });
    router.add("DELETE", QStringLiteral("/api/agency/api-keys/{keyId}"), [context](const HttpRequest &r) { return revokeKey(context, r); });
}

} // namespace huntaze::server

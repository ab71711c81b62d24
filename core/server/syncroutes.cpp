#include "syncroutes.h"

#include "server/router.h"
#include "server/servercontext.h"
#include "sync/syncservice.h"

#include <QCoreApplication>

namespace huntaze::server {

namespace {

QFuture<HttpResponse> push(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<sync::PushRequest> parsed = sync::PushRequest::parse(body.value());
    if (!parsed.ok())
        return answerNow(parsed.error());
    return answer(context.forMember<sync::PushResponse>(request,
                                                        [pushed = parsed.value()](QSqlDatabase &db, const agency::Membership &member) {
                                                            return sync::push(db, member, pushed, QDateTime::currentDateTimeUtc());
                                                        }),
                  [](const sync::PushResponse &response) {
                      if (!response.expected)
                          return HttpResponse::ofJson(response.toJson());
                      // A gap: nothing applied; the device sends again from the id expected.
                      HttpResponse refused = HttpResponse::error(
                          409, QStringLiteral("out_of_order"),
                          QCoreApplication::translate("huntaze::server::SyncRoutes",
                                                      "Mutations must follow on from the last one applied; send again from %1.")
                              .arg(*response.expected),
                          QStringLiteral("mutations"));
                      refused.json.insert(QStringLiteral("expected"), *response.expected);
                      refused.json.insert(QStringLiteral("lastMutationId"), response.lastMutationId);
                      return refused;
                  });
}

QFuture<HttpResponse> pull(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<sync::PullRequest> parsed = sync::PullRequest::parse(body.value());
    if (!parsed.ok())
        return answerNow(parsed.error());
    return answer(context.forMember<sync::PullResponse>(request,
                                                        [pulled = parsed.value()](QSqlDatabase &db, const agency::Membership &member) {
                                                            return sync::pull(db, member, pulled);
                                                        }),
                  [](const sync::PullResponse &response) { return HttpResponse::ofJson(response.toJson()); });
}

} // namespace

void addSyncRoutes(Router &router, const ServerContext &context)
{
    router.add("POST", QStringLiteral("/api/sync/push"), [context](const HttpRequest &r) { return push(context, r); });
    router.add("POST", QStringLiteral("/api/sync/pull"), [context](const HttpRequest &r) { return pull(context, r); });
}

} // namespace huntaze::server

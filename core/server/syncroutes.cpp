#include "syncroutes.h"

#include "common/async.h"

#include "server/responsestream.h"
#include "server/router.h"
#include "server/servercontext.h"
#include "server/synceventhub.h"
#include "storage/syncrepository.h"
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
    return answer(
        context.forMember<sync::PullResponse>(
            request,
            [pulled = parsed.value(), rows = context.syncPageRows](QSqlDatabase &db, const agency::Membership &member) {
                return sync::pull(db, member, pulled, rows);
            }),
        // Thousands of rows are costly as JSON: not on a database worker.
        [](const sync::PullResponse &response) { return HttpResponse::ofJson(response.toJson()); }, QtFuture::Launch::Async);
}

// Server-sent events: "ready" with the agency's version now, then "changed"
// each time it moves, until the device goes or the server stops.
QFuture<HttpResponse> events(const ServerContext &context, const HttpRequest &request)
{
    struct Start {
        qint64 agencyId = 0;
        qint64 userId = 0;
        qint64 version = 0;
    };
    SyncEventHub *hub = context.syncEvents;
    QFuture<Result<Start>> started
        = context.forMember<Start>(request, [](QSqlDatabase &db, const agency::Membership &member) -> Result<Start> {
              const Result<qint64> version = SyncRepository(db, member.agencyId).currentVersion();
              if (!version.ok())
                  return version.error();
              return Start{member.agencyId, member.userId, version.value()};
          });
    // The stream is opened on the hub's thread, where the events are written.
    return chainOn<HttpResponse>(started, hub, [hub](const Result<Start> &start) {
        if (!start.ok())
            return answerNow(start.error());
        HttpResponse response;
        response.contentType = QByteArrayLiteral("text/event-stream");
        response.stream = hub->open(start.value().agencyId, start.value().userId, start.value().version);
        return answerNow(std::move(response));
    });
}

} // namespace

void addSyncRoutes(Router &router, const ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/sync/events"), [context](const HttpRequest &r) { return events(context, r); });
    router.add("POST", QStringLiteral("/api/sync/push"), [context](const HttpRequest &r) { return push(context, r); });
    router.add("POST", QStringLiteral("/api/sync/pull"), [context](const HttpRequest &r) { return pull(context, r); });
}

} // namespace huntaze::server

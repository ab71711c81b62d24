#include "analyticsroutes.h"

#include "analytics/analyticsservice.h"
#include "domain/rules.h"
#include "server/creatordataroutes.h"
#include "server/router.h"
#include "server/servercontext.h"

#include <QCoreApplication>

namespace huntaze::server {

namespace {

// As many lines as one request of the other imports carries.
constexpr int maxLinesPerRequest = 5000;

// Statement lines through the domain's rules, in the account's currency; the
// first bad one names itself ("earnings[3].gross").
Result<QList<analytics::EarningEvent>> earningsFrom(const QJsonArray &rows, const QString &accountCurrency)
{
    QList<analytics::EarningEvent> events;
    events.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Result<analytics::EarningEvent> event = earningFrom(rows.at(i), accountCurrency);
        if (!event.ok())
            return importRowError(QStringLiteral("earnings"), i, event.error());
        events.append(std::move(event).value());
    }
    return events;
}

QFuture<HttpResponse> dashboard(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> creatorId = ServerContext::requestedCreator(request);
    if (!creatorId.ok())
        return answerNow(creatorId.error());
    const Result<analytics::DashboardRequest> asked = analytics::DashboardRequest::fromQuery(request.query);
    if (!asked.ok())
        return answerNow(asked.error());
    return answer(context.forMember<analytics::Dashboard>(
                      request,
                      [creatorId = creatorId.value(), asked = asked.value()](QSqlDatabase &db, const agency::Membership &member) {
                          return AnalyticsService::dashboard(db, member, creatorId, asked);
                      }),
                  [](const analytics::Dashboard &built) {
                      return HttpResponse::ofJson({{QStringLiteral("dashboard"), built.toJson()}});
                  });
}

QFuture<HttpResponse> importEarnings(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> creatorId = ServerContext::requestedCreator(request);
    if (!creatorId.ok())
        return answerNow(creatorId.error());
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QJsonArray> rows = jsonfield::requiredArray(body.value(), QStringLiteral("earnings"), maxLinesPerRequest);
    if (!rows.ok())
        return answerNow(rows.error());
    return answer(
        context.forMember<int>(request,
                               [creatorId = creatorId.value(), rows = rows.value()](QSqlDatabase &db, const agency::Membership &member) {
                                   return importEarningLines(db, member, creatorId, rows);
                               }),
        [](int imported) {
            return HttpResponse::ofJson({{QStringLiteral("imported"), imported}}, 201);
        });
}

} // namespace

Result<int> importEarningLines(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId, const QJsonArray &lines)
{
    const Result<QString> currency = AnalyticsService::accountCurrency(db, member, creatorId);
    if (!currency.ok())
        return currency.error();
    const Result<QList<analytics::EarningEvent>> events = earningsFrom(lines, currency.value());
    if (!events.ok())
        return events.error();
    return AnalyticsService::importEarnings(db, member, creatorId, events.value());
}

Result<analytics::EarningEvent> earningFrom(const QJsonValue &line, const QString &accountCurrency)
{
    if (!line.isObject())
        return Error::validation(QString(),
                                 QCoreApplication::translate("huntaze::server::AnalyticsRoutes", "Each line must be an object."));
    return analytics::EarningEvent::parse(line.toObject(), accountCurrency);
}

void addAnalyticsRoutes(Router &router, const ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/analytics/dashboard"), [context](const HttpRequest &r) { return dashboard(context, r); });
    router.add("POST", QStringLiteral("/api/earnings/import"), [context](const HttpRequest &r) { return importEarnings(context, r); });
}

} // namespace huntaze::server

#include "analyticsroutes.h"

#include "analytics/analyticsservice.h"
#include "domain/fan.h"
#include "domain/rules.h"
#include "server/creatordataroutes.h"
#include "server/router.h"
#include "server/servercontext.h"

#include <QCoreApplication>

namespace huntaze::server {

namespace {

// As many lines as one request of the other imports carries.
constexpr int maxLinesPerRequest = 5000;

// Lines through the domain's rules, in the account's currency; the first
// bad one names itself ("earnings[3].gross").
template <typename Line> Result<QList<Line>> linesFrom(const QString &kind, const QJsonArray &rows, const QString &accountCurrency)
{
    QList<Line> lines;
    lines.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Result<Line> line = lineFrom<Line>(rows.at(i), accountCurrency);
        if (!line.ok())
            return importRowError(kind, i, line.error());
        lines.append(std::move(line).value());
    }
    return lines;
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

QFuture<HttpResponse> agencyView(const ServerContext &context, const HttpRequest &request)
{
    const Result<analytics::DashboardRequest> asked = analytics::DashboardRequest::fromQuery(request.query);
    if (!asked.ok())
        return answerNow(asked.error());
    return answer(
        context.forMember<analytics::AgencyAnalytics>(request,
                                                      [asked = asked.value()](QSqlDatabase &db, const agency::Membership &member) {
                                                          return AnalyticsService::agency(db, member, asked);
                                                      }),
        [](const analytics::AgencyAnalytics &built) {
            return HttpResponse::ofJson({{QStringLiteral("agency"), built.toJson()}});
        });
}

// PUT /api/analytics/attribution {"rule": "shift"}: the agency's rule for crediting sales.
QFuture<HttpResponse> changeAttribution(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<analytics::Attribution> rule = analytics::parseAttribution(body.value());
    if (!rule.ok())
        return answerNow(rule.error());
    return answer(context.forMember<void>(request,
                                          [rule = rule.value()](QSqlDatabase &db, const agency::Membership &member) {
                                              return AnalyticsService::setAttribution(db, member, rule);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

// POST /api/earnings/import, /api/messages/import and /api/engagement/import: `kind` names the body's array.
QFuture<HttpResponse> importLines(const ServerContext &context, const HttpRequest &request, const QString &kind)
{
    const Result<qint64> creatorId = ServerContext::requestedCreator(request);
    if (!creatorId.ok())
        return answerNow(creatorId.error());
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QJsonArray> rows = jsonfield::requiredArray(body.value(), kind, maxLinesPerRequest);
    if (!rows.ok())
        return answerNow(rows.error());
    return answer(context.forMember<int>(
                      request,
                      [creatorId = creatorId.value(), rows = rows.value(), kind](QSqlDatabase &db, const agency::Membership &member) {
                          return importAccountLines(db, member, creatorId, kind, rows);
                      }),
                  [](int imported) {
                      return HttpResponse::ofJson({{QStringLiteral("imported"), imported}}, 201);
                  });
}

} // namespace

bool isAccountLineKind(const QString &kind)
{
    return kind == QLatin1String("earnings") || kind == QLatin1String("messages") || kind == QLatin1String("engagement");
}

Result<int> importAccountLines(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId, const QString &kind,
                               const QJsonArray &lines)
{
    const Result<QString> currency = AnalyticsService::accountCurrency(db, member, creatorId);
    if (!currency.ok())
        return currency.error();
    if (kind == QLatin1String("messages")) {
        const Result<QList<analytics::MessageEvent>> messages = linesFrom<analytics::MessageEvent>(kind, lines, currency.value());
        if (!messages.ok())
            return messages.error();
        return AnalyticsService::importMessages(db, member, creatorId, messages.value());
    }
    if (kind == QLatin1String("engagement")) {
        const Result<QList<analytics::PostEngagement>> engagement = linesFrom<analytics::PostEngagement>(kind, lines, currency.value());
        if (!engagement.ok())
            return engagement.error();
        return AnalyticsService::importEngagement(db, member, creatorId, engagement.value());
    }
    const Result<QList<analytics::EarningEvent>> events = linesFrom<analytics::EarningEvent>(kind, lines, currency.value());
    if (!events.ok())
        return events.error();
    return AnalyticsService::importEarnings(db, member, creatorId, events.value());
}

Result<void> checkAccountLine(const QString &kind, const QJsonValue &line, const QString &accountCurrency)
{
    if (kind == QLatin1String("messages")) {
        if (Result<analytics::MessageEvent> message = lineFrom<analytics::MessageEvent>(line, accountCurrency); !message.ok())
            return message.error();
    } else if (kind == QLatin1String("engagement")) {
        if (Result<analytics::PostEngagement> post = lineFrom<analytics::PostEngagement>(line, accountCurrency); !post.ok())
            return post.error();
    } else if (Result<analytics::EarningEvent> event = lineFrom<analytics::EarningEvent>(line, accountCurrency); !event.ok()) {
        return event.error();
    }
    return Result<void>::success();
}

template <typename Line> Result<Line> lineFrom(const QJsonValue &line, const QString &accountCurrency)
{
    if (!line.isObject())
        return Error::validation(QString(),
                                 QCoreApplication::translate("huntaze::server::AnalyticsRoutes", "Each line must be an object."));
    return Line::parse(line.toObject(), accountCurrency);
}
template Result<analytics::EarningEvent> lineFrom(const QJsonValue &, const QString &);
template Result<analytics::MessageEvent> lineFrom(const QJsonValue &, const QString &);
template Result<analytics::PostEngagement> lineFrom(const QJsonValue &, const QString &);

void addAnalyticsRoutes(Router &router, const ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/analytics/dashboard"), [context](const HttpRequest &r) { return dashboard(context, r); });
    router.add("GET", QStringLiteral("/api/analytics/agency"), [context](const HttpRequest &r) { return agencyView(context, r); });
    router.add("PUT", QStringLiteral("/api/analytics/attribution"),
               [context](const HttpRequest &r) { return changeAttribution(context, r); });
    router.add("POST", QStringLiteral("/api/earnings/import"),
               [context](const HttpRequest &r) { return importLines(context, r, QStringLiteral("earnings")); });
    router.add("POST", QStringLiteral("/api/messages/import"),
               [context](const HttpRequest &r) { return importLines(context, r, QStringLiteral("messages")); });
    router.add("POST", QStringLiteral("/api/engagement/import"),
               [context](const HttpRequest &r) { return importLines(context, r, QStringLiteral("engagement")); });
}

} // namespace huntaze::server

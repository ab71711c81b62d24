#pragma once

#include "agency/membership.h"
#include "analytics/earnings.h"
#include "analytics/engagement.h"
#include "analytics/messages.h"
#include "common/result.h"

#include <QJsonArray>
#include <QSqlDatabase>

namespace huntaze::server {

class Router;
struct ServerContext;

// A creator's analytics (issue 12):
//   GET  /api/analytics/dashboard?from=&to=&granularity=&amount=  (or all=1&to=) -> {"dashboard": {...}}
//   GET  /api/analytics/agency?from=&to=&amount= -> {"agency": {...}}: every creator the member may see, and the team
//   POST /api/earnings/import {"earnings": [...]} -> 201 {"imported": n}: new statement lines; all or none
//   POST /api/messages/import {"messages": [...]} -> 201 {"imported": n}: new message log lines; all or none
//   POST /api/engagement/import {"engagement": [...]} -> 201 {"imported": n}: new or changed post days; all or none
// Larger files go through /api/imports (kinds "earnings", "messages" and "engagement").
void addAnalyticsRoutes(Router &router, const ServerContext &context);

// Whether lines of `kind` are analytics lines, checked against the account's
// currency where they carry money: statements ("earnings"), message logs
// ("messages") and engagement exports ("engagement").
bool isAccountLineKind(const QString &kind);

// Lines of such a kind from a client (JSON), checked against the account's
// currency of creator `creatorId` and added, all or none: the import routes
// and a committed batched import alike.
Result<int> importAccountLines(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId, const QString &kind,
                               const QJsonArray &lines);
// One line of such a kind through the domain's rules, in the account's currency (a staged row as it arrives).
Result<void> checkAccountLine(const QString &kind, const QJsonValue &line, const QString &accountCurrency);

// One line through the domain's rules (EarningEvent::parse, MessageEvent::parse, PostEngagement::parse).
template <typename Line> Result<Line> lineFrom(const QJsonValue &line, const QString &accountCurrency);

} // namespace huntaze::server

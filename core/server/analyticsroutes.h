#pragma once

#include "agency/membership.h"
#include "analytics/earnings.h"
#include "common/result.h"

#include <QJsonArray>
#include <QSqlDatabase>

namespace huntaze::server {

class Router;
struct ServerContext;

// A creator's analytics (issue 12):
//   GET  /api/analytics/dashboard?from=&to=&granularity=&amount=  (or all=1&to=) -> {"dashboard": {...}}
//   POST /api/earnings/import {"earnings": [...]} -> 201 {"imported": n}: new lines; all or none
// Statements larger than one request go through /api/imports (kind "earnings").
void addAnalyticsRoutes(Router &router, const ServerContext &context);

// Statement lines from a client (JSON), checked against the account's currency
// of creator `creatorId` and added, all or none: the import route and a
// committed batched import (/api/imports kind "earnings") alike.
Result<int> importEarningLines(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId, const QJsonArray &lines);

// One statement line through the domain's rules (EarningEvent::parse), in the account's currency.
Result<analytics::EarningEvent> earningFrom(const QJsonValue &line, const QString &accountCurrency);

} // namespace huntaze::server

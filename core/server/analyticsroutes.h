#pragma once

#include "analytics/earnings.h"
#include "common/result.h"

#include <QJsonArray>

namespace huntaze::server {

class Router;
struct ServerContext;

// A creator's analytics (issue 12):
//   GET  /api/analytics/dashboard?from=&to=&granularity=&amount=  (or all=1&to=) -> {"dashboard": {...}}
//   POST /api/earnings/import {"earnings": [...]} -> 201 {"imported": n}: new lines; all or none
// Statements larger than one request go through /api/imports (kind "earnings").
void addAnalyticsRoutes(Router &router, const ServerContext &context);

// One statement line through the domain's rules (EarningEvent::parse), in the account's currency.
Result<analytics::EarningEvent> earningFrom(const QJsonValue &line, const QString &accountCurrency);
// Statement lines through the domain's rules, in the account's currency; the
// first bad one names itself ("earnings[3].gross", counted from `firstIndex`).
Result<QList<analytics::EarningEvent>> earningsFrom(const QJsonArray &rows, const QString &accountCurrency, qsizetype firstIndex = 0);

} // namespace huntaze::server

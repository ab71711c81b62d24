#pragma once

#include "common/result.h"

namespace huntaze::server {

class Router;
struct ServerContext;

// The signed-in creator's fans, offers, posts (list and all-or-nothing
// import), drafts and preferences.
void addCreatorDataRoutes(Router &router, const ServerContext &context);

// A row refused by the domain's rules, named by its place: "offers[3].price: …
// Nothing was imported." The one form for every import route.
Error importRowError(const QString &list, qsizetype index, const Error &problem);

} // namespace huntaze::server

#pragma once

#include "common/result.h"

namespace huntaze::server {

class Router;
struct ServerContext;

// The signed-in creator's fans, offers, posts (list and all-or-nothing
// import), drafts and preferences.
void addCreatorDataRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// An agency's API keys, for owners and admins (apikeys.manage): list them
// (never a secret), make one (its secret in the answer, once), revoke one.
void addApiKeyRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// /api/auth/sign-up, /api/auth/sign-in, /api/auth/sign-out, /api/me, /api/me/profile.
void addAccountRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// The agency's team and creators: members (list, change role and assigned
// creators, remove), invitations, custom roles, and adding or archiving
// creators. Each route checks the member's permission (403 otherwise).
void addAgencyRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

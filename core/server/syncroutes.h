#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// Sync between devices and the server (issue 13, docs/sync.md): POST
// /api/sync/push applies a device's numbered mutations once each, in order
// (409 with the id expected after a gap); POST /api/sync/pull answers what
// changed after the device's cookie, filtered by the member's rights.
void addSyncRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// Sync between devices and the server (issue 13, docs/sync.md): POST
// /api/sync/push applies a device's numbered mutations once each, in order
// (409 with the id expected after a gap); POST /api/sync/pull answers what
// changed after the device's cookie, filtered by the member's rights; GET
// /api/sync/events tells a listening device, by server-sent events, when the
// agency's version moves, so it pulls at once.
void addSyncRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

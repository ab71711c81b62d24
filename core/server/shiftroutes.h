#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// Chatters' shifts: the member's open shift, clock-in (for `?creator=`),
// clock-out and activity; the weekly schedule; the hours report; the
// agency's idle limit. Every rule is ShiftRepository's (403 or 409 from it).
void addShiftRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

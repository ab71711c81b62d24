#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// Imports too large for one request, in batches inside one transaction:
//   POST   /api/imports              {"kind": "fans"|"offers"|"posts"|"earnings"} -> 201 {"importId", "maxRowsPerBatch"}
//   POST   /api/imports/{id}/rows    {"rows": [...]}    checked at once; row numbers count from the import's start
//   POST   /api/imports/{id}/commit  -> 201 {"imported": n}: every row, or none
//   DELETE /api/imports/{id}         -> 204: abandons it
// The rows wait in PostgreSQL (import_rows), so any server instance can take
// any batch; imports left open expire after a day.
void addImportRoutes(Router &router, const ServerContext &context);

namespace imports {
inline constexpr int maxRowsPerBatch = 5000;
inline constexpr int maxRowsPerImport = 1'000'000;
} // namespace imports

} // namespace huntaze::server

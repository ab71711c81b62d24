#pragma once

namespace huntaze::server {

class Router;
struct ServerContext;

// The AI tools, run on the server so the AI provider's key never leaves it:
// /api/content-ideas/generate, /api/ai-assistant/generate and
// /api/ai-assistant/tools/{content-ideas,captions,message-generator,pricing-optimizer}.
// Each works from the signed-in creator's profile, data and restricted words.
void addAiRoutes(Router &router, const ServerContext &context);

} // namespace huntaze::server

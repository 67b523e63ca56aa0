// GET /healthz: whether the server answers, and its version (for monitors and the page).
#include "server/api/routes.hpp"
#include "server/options.hpp"

namespace lote::server {

namespace {

HttpReply healthz(RequestContext& ctx) {
    return ctx.json(http::status::ok, {{"ok", true}, {"version", kServerVersion}});
}

}  // namespace

void add_health_routes(Router& router) {
    router.get("/healthz", healthz);
}

}  // namespace lote::server

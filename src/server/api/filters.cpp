// GET /api/filters: the registry's schema (ids, aliases, labels, parameters), as `lote filters
// --json` prints it; the page builds its filter forms from it.
#include "filters/registry.hpp"
#include "server/api/routes.hpp"

namespace lote::server {

namespace {

HttpReply filter_schema(RequestContext& ctx) {
    return ctx.json(http::status::ok, Registry::instance().schema());
}

}  // namespace

void add_filter_routes(Router& router) {
    router.get("/api/filters", filter_schema);
}

}  // namespace lote::server

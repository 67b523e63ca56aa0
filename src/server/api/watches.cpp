// The server's watched folders: GET /api/watches (each with its state and last batch), PUT and
// DELETE /api/watches/{name}, POST /api/watches/{name}/pause and /resume. The work is the watch
// manager's (server/watches/); here only the HTTP answers.
#include "server/api/routes.hpp"
#include "server/server_context.hpp"
#include "server/watches/watch_manager.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

using nlohmann::json;

// A server always has its watch manager; a context without one (a test's) has no watches.
Error no_watches() {
    return fail(ErrorKind::unavailable, "sin vigilancias en este servidor");
}

HttpReply list_watches(RequestContext& ctx) {
    if (!ctx.server.watches) return ctx.error(no_watches());
    return ctx.json(http::status::ok, {{"watches", ctx.server.watches->list()}});
}

HttpReply one_watch(RequestContext& ctx) {
    if (!ctx.server.watches) return ctx.error(no_watches());
    auto watch = ctx.server.watches->one(ctx.captures["name"]);
    if (!watch) return ctx.error(watch_not_found(ctx.captures["name"]));
    return ctx.json(http::status::ok, *watch);
}

HttpReply put_watch(RequestContext& ctx) {
    if (!ctx.server.watches) return ctx.error(no_watches());
    json body = json::parse(ctx.request.body(), nullptr, false);
    if (body.is_discarded())
        return ctx.error(fail(ErrorKind::invalid, "JSON inválido").coded(codes::invalid_json));
    bool created = false;
    auto watch = ctx.server.watches->put(ctx.captures["name"], body, created);
    if (!watch) return ctx.error(watch.error());
    return ctx.json(created ? http::status::created : http::status::ok, *watch);
}

HttpReply delete_watch(RequestContext& ctx) {
    if (!ctx.server.watches) return ctx.error(no_watches());
    const std::string& name = ctx.captures["name"];
    if (auto removed = ctx.server.watches->remove(name); !removed)
        return ctx.error(removed.error());
    return ctx.json(http::status::ok, {{"deleted", name}});
}

HttpReply pause_watch(RequestContext& ctx) {
    if (!ctx.server.watches) return ctx.error(no_watches());
    auto watch = ctx.server.watches->pause(ctx.captures["name"]);
    if (!watch) return ctx.error(watch.error());
    return ctx.json(http::status::ok, *watch);
}

HttpReply resume_watch(RequestContext& ctx) {
    if (!ctx.server.watches) return ctx.error(no_watches());
    auto watch = ctx.server.watches->resume(ctx.captures["name"]);
    if (!watch) return ctx.error(watch.error());
    return ctx.json(http::status::ok, *watch);
}

}  // namespace

void add_watch_routes(Router& router) {
    router.get("/api/watches", list_watches);
    router.get("/api/watches/{name}", one_watch);
    router.add({http::verb::put, "/api/watches/{name}", put_watch});
    router.add({http::verb::delete_, "/api/watches/{name}", delete_watch});
    router.add({http::verb::post, "/api/watches/{name}/pause", pause_watch});
    router.add({http::verb::post, "/api/watches/{name}/resume", resume_watch});
}

}  // namespace lote::server

// The server's presets: the built-in ones and those saved through the API, kept beside the job
// store (<state folder>/.lote-presets/<name>.json). The page applies, saves and deletes them;
// `procesar` accepts "preset": name.
#include "batch/preset.hpp"
#include "batch/preset_store.hpp"
#include "server/api/routes.hpp"
#include "server/server_context.hpp"

namespace lote::server {

namespace {

using nlohmann::json;

PresetStore store_of(const RequestContext& ctx) {
    return PresetStore(ctx.server.presets_folder);
}

HttpReply list_presets(RequestContext& ctx) {
    json list = json::array();
    for (const PresetEntry& entry : store_of(ctx).list()) {
        list.push_back(
            {{"name", entry.name}, {"builtin", entry.builtin}, {"description", entry.description}});
    }
    return ctx.json(http::status::ok, {{"presets", list}, {"version", kPresetVersion}});
}

HttpReply one_preset(RequestContext& ctx) {
    auto preset = store_of(ctx).find(ctx.captures["name"]);
    if (!preset) return ctx.error(preset.error());
    return ctx.json(http::status::ok, *preset);
}

HttpReply save_preset(RequestContext& ctx) {
    const std::string& name = ctx.captures["name"];
    auto document = parse_preset(ctx.request.body());
    if (!document) return ctx.error(document.error());
    if (Status saved = store_of(ctx).save(name, *document); !saved) {
        return ctx.error(saved.error());
    }
    return ctx.json(http::status::ok, {{"saved", name}, {"preset", *document}});
}

HttpReply delete_preset(RequestContext& ctx) {
    const std::string& name = ctx.captures["name"];
    if (Status removed = store_of(ctx).remove(name); !removed) {
        return ctx.error(removed.error());
    }
    return ctx.json(http::status::ok, {{"deleted", name}});
}

}  // namespace

void add_preset_routes(Router& router) {
    router.get("/api/presets", list_presets);
    router.get("/api/presets/{name}", one_preset);
    router.add({http::verb::put, "/api/presets/{name}", save_preset});
    router.add({http::verb::delete_, "/api/presets/{name}", delete_preset});
}

}  // namespace lote::server

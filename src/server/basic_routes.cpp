// The endpoints this server has besides the page: health, the filter schema, the image list.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "filters/registry.hpp"
#include "server/net/router.hpp"
#include "server/net/visible_files.hpp"
#include "server/protocol/procesar_request.hpp"
#include "server/server_context.hpp"

namespace lote::server {

namespace {

constexpr std::size_t kDefaultPage = 200;
constexpr std::size_t kMaxPage = 1000;

HttpReply healthz(RequestContext& ctx) {
    return ctx.json(http::status::ok, {{"ok", true}, {"version", kServerVersion}});
}

HttpReply api_filters(RequestContext& ctx) {
    return ctx.json(http::status::ok, Registry::instance().schema());
}

// A non-negative integer query parameter, or `fallback` when absent; nullopt when malformed.
std::optional<std::size_t> size_param(const RequestContext& ctx, const char* name,
                                      std::size_t fallback) {
    auto it = ctx.query.find(name);
    if (it == ctx.query.end() || it->second.empty()) return fallback;
    if (it->second.size() > 9 || it->second.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(std::stoul(it->second));
}

HttpReply api_images(RequestContext& ctx) {
    auto offset = size_param(ctx, "offset", 0);
    auto limit = size_param(ctx, "limit", kDefaultPage);
    if (!offset || !limit)
        return ctx.error(http::status::bad_request, "offset/limit must be non-negative integers");
    *limit = std::min(*limit, kMaxPage);
    std::string folder_name = ctx.query.count("folder") ? ctx.query["folder"] : "";
    auto folder = confine_visible(ctx.server.input_root, folder_name, ctx.server.state_file);
    if (!folder) return ctx.error(http::status::bad_request, folder.message());
    Roots roots{ctx.server.input_root, ctx.server.output_root};
    auto names = list_input_images(*folder, roots, false);
    if (!names) return ctx.error(http::status::not_found, names.message());
    nlohmann::json images = nlohmann::json::array();
    std::size_t end = std::min(names->size(), *offset + *limit);
    for (std::size_t i = std::min(*offset, end); i < end; ++i) {
        std::error_code ec;
        auto bytes = std::filesystem::file_size(*folder / (*names)[i], ec);
        images.push_back({{"name", (*names)[i]}, {"bytes", ec ? 0 : bytes}});
    }
    return ctx.json(
        http::status::ok,
        {{"total", names->size()}, {"offset", *offset}, {"limit", *limit}, {"images", images}});
}

}  // namespace

void add_basic_routes(Router& router) {
    router.get("/healthz", healthz);
    router.get("/api/filters", api_filters);
    router.get("/api/images", api_images);
}

}  // namespace lote::server

// The page: files of the web folder, confined to it, with their content type and caching rule.
#include <filesystem>

#include "server/net/router.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

namespace fs = std::filesystem;

Error not_found(const std::string& rest) {
    return fail(ErrorKind::not_found, "no encontrado")
        .coded(codes::file_not_found, {{"path", rest}});
}

Result<fs::path> find_static_file(const ServerContext& server, const std::string& rest) {
    if (server.web_root.empty() || !fs::is_directory(server.web_root)) {
        return fail(ErrorKind::not_found, "la interfaz web no está instalada")
            .coded(codes::page_missing);
    }
    auto path = confine_visible(server.web_root, rest, server.state_file);
    if (!path) return path;
    std::error_code ec;
    if (fs::is_directory(*path, ec)) *path /= "index.html";
    if (!fs::is_regular_file(*path, ec)) return not_found(rest);
    return path;
}

// HTML is revalidated so a new version of the page shows at once; assets may be cached briefly.
std::string cache_rule(std::string_view type) {
    return type.rfind("text/html", 0) == 0 ? "no-cache" : "public, max-age=300";
}

template <class Response>
void set_common_headers(Response& res, const RequestContext& ctx, const fs::path& file) {
    auto type = mime_type(file.filename().string());
    res.set(http::field::content_type, std::string(type));
    res.set(http::field::cache_control, cache_rule(type));
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(ctx.keep_alive());
    // Opening the page once with ?token= lets the browser carry it for every later request.
    const auto& token = ctx.server.options.token;
    if (!token.empty() && ctx.query.count("token")) {
        res.set(http::field::set_cookie,
                "lote_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }
}

HttpReply serve_static(RequestContext& ctx) {
    auto file = find_static_file(ctx.server, ctx.captures["*"]);
    if (!file) {
        // A path the page's folder refuses is a bad request here, not a forbidden one.
        auto status = file.kind() == ErrorKind::not_found ? http::status::not_found
                                                          : http::status::bad_request;
        return ctx.error(status, file.error());
    }
    http::file_body::value_type body;
    beast::error_code ec;
    body.open(file->c_str(), beast::file_mode::scan, ec);
    if (ec) return ctx.error(not_found(ctx.captures["*"]));
    if (ctx.request.method() == http::verb::head) {
        HeadResponse res{http::status::ok, ctx.version()};
        set_common_headers(res, ctx, *file);
        res.content_length(body.size());
        return res;
    }
    FileResponse res{std::piecewise_construct, std::make_tuple(std::move(body)),
                     std::make_tuple(http::status::ok, ctx.version())};
    set_common_headers(res, ctx, *file);
    res.prepare_payload();
    return res;
}

}  // namespace

void add_static_routes(Router& router) {
    router.add({http::verb::get, "/*", serve_static});
    router.add({http::verb::head, "/*", serve_static});
}

}  // namespace lote::server

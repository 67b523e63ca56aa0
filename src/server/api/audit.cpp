// GET /api/audit?entrada=<folder>&recursivo=true|false: the pre-flight look at an input folder
// that `lote audit` prints (formats, sizes, colour, refusals with their reasons, duplicates,
// name clashes), headers only, on the thumbnail pool (never on an io thread). The folder is
// confined to the input root exactly as a `procesar`'s `entrada`.
#include <filesystem>

#include "audit/audit_folder.hpp"
#include "server/api/params.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/api/work_pool.hpp"
#include "server/net/http_util.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

namespace fs = std::filesystem;

// A free coroutine (its parameters live in its frame), not a capturing coroutine lambda.
net::awaitable<void> audit_and_send(beast::tcp_stream& stream, const Request& request,
                                    std::shared_ptr<WorkPool::Reservation> place, JobSpec spec) {
    std::function<Result<std::string>()> work = [spec]() -> Result<std::string> {
        audit::AuditOptions options;
        options.calibrate = false;  // no filters to time: a description of the folder
        auto report = audit::audit_folder(spec, options);
        if (!report) return report.error();
        return audit::to_json(*report).dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::replace);
    };
    auto body = co_await thumbnail_pool().run(std::move(work));
    place->release();
    StringResponse res = body ? StringResponse(http::status::ok, request.version())
                              : error_response(body.error(), request.version(), false);
    if (body) {
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.set(http::field::cache_control, "no-cache");
        res.body() = std::move(*body);
        res.prepare_payload();
    }
    co_await write_whole(stream, res, request);
}

HttpReply audit_route(RequestContext& ctx) {
    std::string entrada = text_param(ctx, "entrada");
    auto recursive = bool_param(ctx, "recursivo", false);
    if (!recursive) return ctx.error(recursive.error());
    auto folder = confine_visible(ctx.server.input_root, entrada, ctx.server.state_file);
    if (!folder) return ctx.error(http::status::forbidden, folder.error());
    std::error_code ec;
    if (!fs::is_directory(*folder, ec)) {
        return ctx.error(no_such_folder(entrada));
    }
    JobSpec spec;
    spec.input = *folder;
    spec.recursive = *recursive;
    spec.confine_inputs_to = ctx.server.input_root;
    spec.skip_inputs.push_back(ctx.server.output_root);
    auto place = thumbnail_pool().reserve();
    if (!place)
        return ctx.error(pool_is_full("thumbnail", "el servidor está ocupado; pruebe otra vez"));
    auto shared_place = std::make_shared<WorkPool::Reservation>(std::move(place));
    const Request* request = &ctx.request;
    return StreamHandler([request, shared_place, spec](beast::tcp_stream& stream) {
        return audit_and_send(stream, *request, shared_place, spec);
    });
}

}  // namespace

void add_audit_routes(Router& router) {
    router.get("/api/audit", audit_route);
}

}  // namespace lote::server

// POST /api/preview: one image through a filter or chain at preview size, on the bounded preview
// pool (429 when it is full), so previews never take more than their share from a batch.
#include <vips/vips8>

#include "pipeline/preview_render.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/api/work_pool.hpp"
#include "server/net/paths.hpp"
#include "server/net/visible_files.hpp"
#include "server/protocol/step_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

constexpr std::size_t kPreviewBodyLimit = 64 * 1024;

// A logo outside the input folder is forbidden, a missing one not found, any other bad one a
// bad request.
http::status status_for_step_files(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::refused:
            return http::status::forbidden;
        case ErrorKind::not_found:
            return http::status::not_found;
        default:
            return http::status::bad_request;
    }
}

Result<std::string> image_path(const RequestContext& ctx, const nlohmann::json& body) {
    if (!body.contains("image") || !body["image"].is_string()) {
        return fail("'image' is required").coded(codes::missing_field, {{"field", "image"}});
    }
    std::string folder = body.value("folder", std::string());
    std::string image = body["image"].get<std::string>();
    auto file =
        confine_visible(ctx.server.input_root, folder.empty() ? image : folder + "/" + image,
                        ctx.server.state_file);
    if (!file) return file.error();
    return file->string();
}

// An image the preview could not be made of: the decoder's message, a stable code.
Error unreadable(const Error& why, const std::string& file) {
    return fail(ErrorKind::corrupt, why.message)
        .coded(codes::image_unreadable,
               {{"path", std::filesystem::path(file).filename().string()}});
}

// A free coroutine (its parameters live in its frame), not a capturing coroutine lambda.
net::awaitable<void> render_and_send(beast::tcp_stream& stream, const Request& request,
                                     std::shared_ptr<WorkPool::Reservation> place, std::string file,
                                     Chain chain, int size) {
    std::function<Result<std::string>()> work = [&file, &chain, size] {
        // Previews use one libvips thread each: the pool's size is their whole share.
        vips_concurrency_set(1);
        return render_preview_jpeg(file, chain, size);
    };
    auto bytes = co_await preview_pool().run(std::move(work));
    place->release();
    StringResponse res =
        bytes ? jpeg_response(request, std::move(*bytes), "", "no-store")
              : error_response(http::status::unprocessable_entity, unreadable(bytes.error(), file),
                               request.version(), false);
    co_await write_whole(stream, res, request);
}

HttpReply preview(RequestContext& ctx) {
    auto body = nlohmann::json::parse(ctx.request.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return ctx.error(fail("the body must be a JSON object").coded(codes::invalid_json));
    if (body.contains("folder") && !body["folder"].is_string()) {
        return ctx.error(
            fail("'folder' must be a string")
                .coded(codes::invalid_field, {{"field", "folder"}, {"expected", "text"}}));
    }
    int size = kDefaultPreviewSize;
    if (body.contains("size")) {
        if (!body["size"].is_number_integer() || body["size"].get<long long>() < 16 ||
            body["size"].get<long long>() > kMaxPreviewSize) {
            return ctx.error(
                fail("'size' must be an integer from 16 to 2048")
                    .coded(codes::field_out_of_range,
                           {{"field", "size"}, {"min", 16}, {"max", kMaxPreviewSize}}));
        }
        size = body["size"].get<int>();
    }
    auto chain = preview_chain(body);
    if (!chain) return ctx.error(http::status::bad_request, chain.error());
    std::vector<Chain> chains{std::move(*chain)};
    if (auto files = confine_step_files(chains, ctx.server.input_root); !files)
        return ctx.error(status_for_step_files(files.kind()), files.error());
    *chain = std::move(chains.front());
    auto path = image_path(ctx, body);
    if (!path) return ctx.error(http::status::forbidden, path.error());
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*path, ec)) {
        return ctx.error(fail(ErrorKind::not_found, "no such image")
                             .coded(codes::file_not_found, {{"path", body["image"]}}));
    }
    auto place = std::make_shared<WorkPool::Reservation>(preview_pool().reserve());
    if (!*place) return ctx.error(pool_is_full("preview", "too many previews at once; try again"));
    const Request* request = &ctx.request;
    return StreamHandler(
        [request, place, file = *path, chain = std::move(*chain), size](beast::tcp_stream& stream) {
            return render_and_send(stream, *request, place, file, chain, size);
        });
}

}  // namespace

void add_preview_routes(Router& router) {
    router.add({http::verb::post, "/api/preview", preview, kPreviewBodyLimit});
}

}  // namespace lote::server

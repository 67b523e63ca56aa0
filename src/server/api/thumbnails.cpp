// GET /api/thumbnail?source=input|output&path=<rel>&size=256: a cached JPEG thumbnail. A cached
// one costs a stat and an open; a missing one is made on the thumbnail pool and stored under
// <output>/.lote-cache/thumbs/<key>.jpg (written to a temporary name, then renamed).
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "pipeline/thumbnail_maker.hpp"
#include "server/api/params.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/api/work_pool.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

namespace fs = std::filesystem;
constexpr const char* kCacheControl = "private, max-age=86400";

fs::path cache_file(const ServerContext& server, const std::string& key) {
    return server.output_root / ".lote-cache" / "thumbs" / (key + ".jpg");
}

void store_in_cache(const fs::path& file, const std::string& bytes) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    auto temp = file.string() + ".tmp" + std::to_string(::getpid()) + "-" +
                std::to_string(reinterpret_cast<std::uintptr_t>(&bytes));
    FILE* out = std::fopen(temp.c_str(), "wb");
    if (!out) return;  // a cache that cannot be written only costs speed
    bool written = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
    written = std::fclose(out) == 0 && written;
    if (!written || std::rename(temp.c_str(), file.c_str()) != 0) std::remove(temp.c_str());
}

// A free coroutine (its parameters live in its frame), not a capturing coroutine lambda.
net::awaitable<void> make_and_send_now(beast::tcp_stream& stream, const Request& request,
                                       std::shared_ptr<WorkPool::Reservation> place,
                                       std::string path, int size, std::string etag,
                                       fs::path cached) {
    std::function<Result<std::string>()> work = [path, size, cached]() -> Result<std::string> {
        auto made = make_thumbnail_jpeg(path, size);
        if (made) store_in_cache(cached, *made);
        return made;
    };
    auto bytes = co_await thumbnail_pool().run(std::move(work));
    place->release();
    StringResponse res = bytes ? jpeg_response(request, std::move(*bytes), etag, kCacheControl)
                               : error_response(http::status::unsupported_media_type,
                                                fail(ErrorKind::unsupported, bytes.message())
                                                    .coded(codes::image_unreadable,
                                                           {{"path", fs::path(path).filename()}}),
                                                request.version(), false);
    co_await write_whole(stream, res, request);
}

StreamHandler make_and_send(RequestContext& ctx, WorkPool::Reservation place, std::string path,
                            int size, std::string etag, fs::path cached) {
    auto shared_place = std::make_shared<WorkPool::Reservation>(std::move(place));
    const Request* request = &ctx.request;
    return [request, shared_place, path, size, etag, cached](beast::tcp_stream& stream) {
        return make_and_send_now(stream, *request, shared_place, path, size, etag, cached);
    };
}

HttpReply thumbnail(RequestContext& ctx) {
    std::string source = text_param(ctx, "source", "input");
    if (source != "input" && source != "output") {
        return ctx.error(
            fail("parameter 'source' must be input or output")
                .coded(codes::invalid_field, {{"field", "source"}, {"expected", "input|output"}}));
    }
    auto size = int_param(ctx, "size", 256, 16, 1024);
    if (!size) return ctx.error(size.error());
    const fs::path& root = source == "input" ? ctx.server.input_root : ctx.server.output_root;
    auto required = required_param(ctx, "path");
    if (!required) return ctx.error(required.error());
    const std::string& rel = *required;
    auto file = confine_visible(root, rel, ctx.server.state_file);
    if (!file) return ctx.error(http::status::forbidden, file.error());
    auto key = thumbnail_key(source, file->string(), static_cast<int>(*size));
    if (!key) return ctx.error(no_such_file(rel));
    std::string etag = "\"" + *key + "\"";
    if (etag_matches(ctx.request, etag)) return not_modified(ctx, etag);
    auto cached = cache_file(ctx.server, *key);
    if (auto res = file_response(ctx.request, cached.string(), "image/jpeg", etag, kCacheControl)) {
        return std::move(*res);
    }
    auto place = thumbnail_pool().reserve();
    if (!place)
        return ctx.error(
            pool_is_full("thumbnail", "too many thumbnails are being made; try again"));
    return make_and_send(ctx, std::move(place), file->string(), static_cast<int>(*size), etag,
                         cached);
}

}  // namespace

void add_thumbnail_routes(Router& router) {
    router.get("/api/thumbnail", thumbnail);
}

}  // namespace lote::server

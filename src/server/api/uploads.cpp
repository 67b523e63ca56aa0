// POST /api/uploads?folder=<rel>: multipart/form-data read from the socket piece by piece,
// each file streamed to disk (api_upload_sink), with per-file and per-request size limits.
#include <array>
#include <cmath>
#include <filesystem>

#include "server/api/multipart.hpp"
#include "server/api/params.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/api/upload_sink.hpp"
#include "server/errors.hpp"
#include "server/metrics_registry.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

constexpr std::size_t kReadPiece = 64 * 1024;

std::uint64_t megabytes_to_bytes(double mb) {
    return static_cast<std::uint64_t>(std::llround(mb * 1024.0 * 1024.0));
}

// curl and some browsers wait for "100 Continue" before sending a large body.
net::awaitable<void> send_continue_if_expected(BodyReader& body) {
    auto expect = body.parser.get().find(http::field::expect);
    if (expect == body.parser.get().end()) co_return;
    if (!beast::iequals(expect->value(), "100-continue")) co_return;
    http::response<http::empty_body> go_on{http::status::continue_, 11};
    co_await http::async_write(body.stream, go_on, net::use_awaitable);
}

Error over_the_limit(double limit_mb) {
    return fail(ErrorKind::too_large, "the request is larger than the upload limit")
        .coded(codes::upload_too_large, {{"limit_mb", limit_mb}});
}

struct BodyOutcome {
    Status status;
    bool too_large = false;
};

// Reads the body to its end, feeding the parser; stops at the first error.
net::awaitable<BodyOutcome> pump_body(BodyReader& body, MultipartParser& multipart,
                                      UploadSink& sink, double timeout_seconds, double limit_mb) {
    std::array<char, kReadPiece> piece;
    while (!body.parser.is_done()) {
        body.parser.get().body().data = piece.data();
        body.parser.get().body().size = piece.size();
        body.stream.expires_after(
            std::chrono::milliseconds(static_cast<long long>(timeout_seconds * 1000)));
        beast::error_code ec;
        co_await http::async_read(body.stream, body.buffer, body.parser,
                                  net::redirect_error(net::use_awaitable, ec));
        if (ec == http::error::need_buffer) ec = {};
        std::size_t got = piece.size() - body.parser.get().body().size;
        if (ec == http::error::body_limit) co_return BodyOutcome{over_the_limit(limit_mb), true};
        if (ec) {
            co_return BodyOutcome{fail("the upload was interrupted: " + ec.message())
                                      .coded(codes::upload_interrupted)};
        }
        api_metrics().add_http_bytes_read(got);
        if (auto s = multipart.feed({piece.data(), got}, sink); !s) co_return BodyOutcome{s};
    }
    co_return BodyOutcome{multipart.finish()};
}

net::awaitable<HttpReply> upload(RequestContext& ctx, BodyReader& body) {
    const auto& options = ctx.server.options;
    std::uint64_t request_limit = megabytes_to_bytes(options.max_upload_request_mb);
    auto length = body.parser.content_length();
    if (length && *length > request_limit) {
        co_return ctx.error(over_the_limit(options.max_upload_request_mb));
    }
    auto type = body.parser.get().find(http::field::content_type);
    auto boundary =
        multipart_boundary(type == body.parser.get().end()
                               ? std::string_view{}
                               : std::string_view(type->value().data(), type->value().size()));
    if (!boundary) {
        co_return ctx.error(http::status::unsupported_media_type,
                            reworded(boundary.error(), "", codes::not_multipart));
    }
    auto folder =
        confine_visible(ctx.server.input_root, text_param(ctx, "folder"), ctx.server.state_file);
    if (!folder) co_return ctx.error(http::status::forbidden, folder.error());
    std::error_code ec;
    if (!std::filesystem::is_directory(*folder, ec)) {
        co_return ctx.error(no_such_folder(text_param(ctx, "folder")));
    }
    body.parser.body_limit(request_limit);
    co_await send_continue_if_expected(body);
    MultipartParser multipart(*boundary);
    UploadSink sink(*folder, megabytes_to_bytes(options.max_upload_mb));
    auto outcome = co_await pump_body(body, multipart, sink, options.request_timeout_seconds,
                                      options.max_upload_request_mb);
    if (!outcome.status) {
        sink.abandon();
        auto status =
            outcome.too_large ? http::status::payload_too_large : http::status::bad_request;
        const Error& why = outcome.status.error();
        auto answer = http_error_body(why.code.empty() && why.kind == ErrorKind::invalid
                                          ? why.coded(codes::multipart_malformed)
                                          : why);
        answer["files"] = sink.files();
        co_return ctx.json(status, answer);
    }
    if (sink.files().empty())
        co_return ctx.error(fail("the request has no files").coded(codes::no_files));
    co_return ctx.json(http::status::ok, {{"files", sink.files()}});
}

}  // namespace

void add_upload_routes(Router& router) {
    Route route{http::verb::post, "/api/uploads", {}};
    route.streaming_body = upload;
    router.add(std::move(route));
}

}  // namespace lote::server

#include "server/api/replies.hpp"

#include "server/metrics_registry.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

bool etag_matches(const Request& request, const std::string& etag) {
    auto it = request.find(http::field::if_none_match);
    if (it == request.end()) return false;
    std::string_view value(it->value().data(), it->value().size());
    if (value == "*") return true;
    // A list of tags, possibly weak (W/"...").
    return value.find(etag) != std::string_view::npos;
}

StringResponse not_modified(const RequestContext& ctx, const std::string& etag) {
    StringResponse res{http::status::not_modified, ctx.version()};
    res.set(http::field::etag, etag);
    res.keep_alive(ctx.keep_alive());
    return res;
}

StringResponse jpeg_response(const Request& request, std::string bytes, const std::string& etag,
                             const std::string& cache_control) {
    StringResponse res{http::status::ok, request.version()};
    res.set(http::field::content_type, "image/jpeg");
    if (!etag.empty()) res.set(http::field::etag, etag);
    res.set(http::field::cache_control, cache_control);
    res.keep_alive(false);  // written by a StreamHandler, which closes the connection
    res.body() = std::move(bytes);
    res.prepare_payload();
    return res;
}

std::optional<FileResponse> file_response(const Request& request, const std::string& path,
                                          const std::string& content_type, const std::string& etag,
                                          const std::string& cache_control) {
    beast::error_code ec;
    http::file_body::value_type body;
    body.open(path.c_str(), beast::file_mode::scan, ec);
    if (ec) return std::nullopt;
    auto size = body.size();
    FileResponse res{std::piecewise_construct, std::make_tuple(std::move(body)),
                     std::make_tuple(http::status::ok, request.version())};
    res.set(http::field::content_type, content_type);
    if (!etag.empty()) res.set(http::field::etag, etag);
    res.set(http::field::cache_control, cache_control);
    res.content_length(size);
    res.keep_alive(request.keep_alive());
    api_metrics().add_http_bytes_written(size);
    return res;
}

Error no_such_folder(const std::string& folder) {
    return fail(ErrorKind::not_found, "no such input folder: " + folder)
        .coded(codes::folder_not_found, {{"folder", folder}});
}

Error no_such_file(const std::string& path) {
    return fail(ErrorKind::not_found, "no such file: " + path)
        .coded(codes::file_not_found, {{"path", path}});
}

Error no_such_job(const std::string& id) {
    return fail(ErrorKind::not_found, "no such job: " + id)
        .coded(codes::job_not_found, {{"job", id}});
}

Error pool_is_full(const char* pool, const std::string& message) {
    return fail(ErrorKind::unavailable, message).coded(codes::pool_full, {{"pool", pool}});
}

net::awaitable<void> write_whole(beast::tcp_stream& stream, StringResponse& response,
                                 const Request& request) {
    stream.expires_after(std::chrono::seconds(60));
    if (request.method() == http::verb::head) {
        response.prepare_payload();
        http::response_serializer<http::string_body> header(response);
        co_await http::async_write_header(stream, header, net::use_awaitable);
        co_return;
    }
    api_metrics().add_http_bytes_written(response.body().size());
    co_await http::async_write(stream, response, net::use_awaitable);
}

}  // namespace lote::server

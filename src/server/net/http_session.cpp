#include "server/net/http_session.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <limits>
#include <memory>
#include <optional>

#include "server/net/router.hpp"
#include "server/net/security.hpp"
#include "server/net/ws_session.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

using namespace std::chrono_literals;
constexpr auto kWriteTimeout = 60s;
constexpr auto kDrainTime = 3s;
constexpr std::size_t kDrainBytes = 64 * 1024 * 1024;

std::chrono::milliseconds to_ms(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

std::string_view header_value(const Request& req, http::field field) {
    auto it = req.find(field);
    if (it == req.end()) return {};
    return {it->value().data(), it->value().size()};
}

std::string_view header_value(const Request& req, const char* name) {
    auto it = req.find(beast::string_view(name));
    if (it == req.end()) return {};
    return {it->value().data(), it->value().size()};
}

// Host and token rules shared by plain requests and upgrades; an answer means "refused".
std::optional<StringResponse> refuse_unless_trusted(const ServerContext& ctx, const Request& req) {
    const std::string& token = ctx.options.token;
    if (token.empty() && !host_is_loopback_name(header_value(req, http::field::host))) {
        std::string host(header_value(req, http::field::host));
        return error_response(fail(ErrorKind::refused, "Host no permitido")
                                  .coded(codes::host_refused, {{"host", host}}),
                              req.version(), false);
    }
    if (!token_accepted(req, token)) {
        return error_response(
            fail(ErrorKind::refused, "token ausente o incorrecto").coded(codes::token_required),
            req.version(), false);
    }
    return std::nullopt;
}

std::optional<StringResponse> refuse_upgrade(const ServerContext& ctx, const Request& req,
                                             const std::string& path) {
    if (path != "/" && path != "/ws") {
        return error_response(fail(ErrorKind::not_found, "WebSocket solo en / y /ws")
                                  .coded(codes::ws_path, {{"path", path}}),
                              req.version(), false);
    }
    if (auto refused = refuse_unless_trusted(ctx, req)) return refused;
    if (!origin_allowed(req, ctx.origins)) {
        std::string origin(header_value(req, http::field::origin));
        return error_response(fail(ErrorKind::refused, "Origin no permitido")
                                  .coded(codes::origin_refused, {{"origin", origin}}),
                              req.version(), false);
    }
    return std::nullopt;
}

// A page of another site may make the user's browser send requests here; refused on every route
// that changes something or costs work (net/security.hpp says which).
std::optional<StringResponse> refuse_cross_site(const ServerContext& ctx, const Request& req,
                                                const std::string& path) {
    if (auto why = cross_site_refusal(req, path, ctx.origins)) {
        return error_response(
            fail(ErrorKind::refused, *why)
                .coded(codes::cross_site_refused,
                       {{"origin", std::string(header_value(req, http::field::origin))},
                        {"fetch_site", std::string(header_value(req, "Sec-Fetch-Site"))}}),
            req.version(), false);
    }
    return std::nullopt;
}

// HEAD is answered by the GET route of the same path, headers only (write_reply drops the body);
// the GET route is looked for first, so a catch-all HEAD route cannot shadow a specific GET one.
const Route* match_route(const ServerContext& ctx, http::verb method, const std::string& path,
                         std::map<std::string, std::string>& captures) {
    if (method == http::verb::head) {
        if (const Route* get = ctx.router.match(http::verb::get, path, captures)) return get;
    }
    return ctx.router.match(method, path, captures);
}

HttpReply dispatch(ServerContext& ctx, const Request& req, const std::string& path) {
    if (auto refused = refuse_unless_trusted(ctx, req)) return std::move(*refused);
    if (auto refused = refuse_cross_site(ctx, req, path)) return std::move(*refused);
    if (auto why = json_content_type_refusal(req, !req.body().empty())) {
        return error_response(
            fail(ErrorKind::unsupported, *why)
                .coded(
                    codes::json_required,
                    {{"content_type", std::string(header_value(req, http::field::content_type))}}),
            req.version(), req.keep_alive());
    }
    RequestContext rc{req, path, parse_query({req.target().data(), req.target().size()}), {}, ctx};
    const Route* route = match_route(ctx, req.method(), path, rc.captures);
    if (!route) {
        if (ctx.router.path_known(path)) {
            std::string method(http::to_string(req.method()));
            return rc.error(
                fail("método no permitido")
                    .coded(codes::method_not_allowed, {{"method", method}, {"path", path}}));
        }
        return rc.error(fail(ErrorKind::not_found, "no encontrado")
                            .coded(codes::route_not_found, {{"path", path}}));
    }
    try {
        return route->handler(rc);
    } catch (const std::exception& e) {
        spdlog::warn("handler for {} failed: {}", path, e.what());
        return rc.error(fail(ErrorKind::internal, e.what()));
    }
}

// A route that reads its own body (uploads) gets the connection once the header passed the checks.
net::awaitable<HttpReply> dispatch_streaming(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                             ServerContext& ctx, const Route& route,
                                             const Request& req,
                                             http::request_parser<http::buffer_body>& body,
                                             const std::string& path) {
    if (auto refused = refuse_unless_trusted(ctx, req)) co_return HttpReply{std::move(*refused)};
    if (auto refused = refuse_cross_site(ctx, req, path)) co_return HttpReply{std::move(*refused)};
    RequestContext rc{req, path, parse_query({req.target().data(), req.target().size()}), {}, ctx};
    ctx.router.match(req.method(), path, rc.captures);
    BodyReader reader{stream, buffer, body};
    HttpReply reply = rc.error(fail(ErrorKind::internal, "error interno"));
    try {
        reply = co_await route.streaming_body(rc, reader);
    } catch (const std::exception& e) {
        spdlog::warn("handler for {} failed: {}", path, e.what());
        reply = rc.error(fail(ErrorKind::internal, e.what()));
    }
    // Unread body bytes would be taken for the next request: close after answering.
    if (auto* r = std::get_if<StringResponse>(&reply); r && !body.is_done()) r->keep_alive(false);
    co_return reply;
}

template <class Response>
net::awaitable<bool> write_response(beast::tcp_stream& stream, Response& res) {
    stream.expires_after(kWriteTimeout);
    co_await http::async_write(stream, res, net::use_awaitable);
    co_return res.keep_alive();
}

// The answer to HEAD: the header the GET answer would have, Content-Length included, no body.
template <class Response>
net::awaitable<bool> write_header_only(beast::tcp_stream& stream, Response& res) {
    stream.expires_after(kWriteTimeout);
    if (!res.chunked() && !res.has_content_length()) res.prepare_payload();
    http::response_serializer<typename Response::body_type> serializer(res);
    co_await http::async_write_header(stream, serializer, net::use_awaitable);
    co_return res.keep_alive();
}

template <class Response>
net::awaitable<bool> write_response_to(beast::tcp_stream& stream, Response& res, bool head) {
    if (head) co_return co_await write_header_only(stream, res);
    co_return co_await write_response(stream, res);
}

// Returns whether the connection may carry another request. `head`: the request was HEAD.
net::awaitable<bool> write_reply(beast::tcp_stream& stream, HttpReply& reply, bool head) {
    if (auto* r = std::get_if<StringResponse>(&reply))
        co_return co_await write_response_to(stream, *r, head);
    if (auto* r = std::get_if<FileResponse>(&reply))
        co_return co_await write_response_to(stream, *r, head);
    if (auto* r = std::get_if<HeadResponse>(&reply))
        co_return co_await write_response_to(stream, *r, head);
    stream.expires_never();
    co_await std::get<StreamHandler>(reply)(stream);
    co_return false;
}

// After refusing a request whose body is still arriving, stops sending and reads (and drops) what
// the client still sends, for a bounded time and amount: closing with unread bytes makes the kernel
// reset the connection, and a reset can discard the refusal before the client has read it.
net::awaitable<void> drain_before_close(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    std::array<char, 16 * 1024> sink;
    std::size_t drained = 0;
    stream.expires_after(kDrainTime);
    while (!ec && drained < kDrainBytes) {
        drained += co_await stream.async_read_some(net::buffer(sink),
                                                   net::redirect_error(net::use_awaitable, ec));
    }
}

// Answers a request that could not be read (too large, malformed) and says to close.
net::awaitable<void> answer_unreadable(beast::tcp_stream& stream, beast::error_code ec) {
    Error why = fail(ec.message()).coded(codes::malformed_request);
    if (ec == http::error::header_limit) {
        why = fail(ErrorKind::too_large, ec.message()).coded(codes::headers_too_large);
    }
    if (ec == http::error::body_limit) {
        why = fail(ErrorKind::too_large, ec.message()).coded(codes::body_too_large);
    }
    auto res = error_response(why, 11, false);
    beast::error_code ignored;
    stream.expires_after(5s);
    co_await http::async_write(stream, res, net::redirect_error(net::use_awaitable, ignored));
    if (!ignored) co_await drain_before_close(stream);
}

bool is_quiet_end(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == beast::error::timeout ||
           ec == net::error::eof || ec == net::error::connection_reset ||
           ec == net::error::operation_aborted;
}

// A request as read: whole, or only its header when its route reads the body itself.
struct Incoming {
    Request request;
    const Route* route = nullptr;
    std::unique_ptr<http::request_parser<http::buffer_body>> body;  // set: body not yet read
};

// Reads one request; the body limit depends on the route the header asks for.
net::awaitable<std::optional<Incoming>> read_request(beast::tcp_stream& stream,
                                                     beast::flat_buffer& buffer,
                                                     ServerContext& ctx) {
    beast::error_code ec;
    http::request_parser<http::empty_body> head;
    head.header_limit(static_cast<std::uint32_t>(ctx.options.http_header_limit));
    // The route's limit is applied once the route is known (boost::none would refuse every body).
    head.body_limit(std::numeric_limits<std::uint64_t>::max());
    stream.expires_after(to_ms(ctx.options.request_timeout_seconds));
    co_await http::async_read_header(stream, buffer, head,
                                     net::redirect_error(net::use_awaitable, ec));
    if (ec) {
        if (!is_quiet_end(ec)) co_await answer_unreadable(stream, ec);
        co_return std::nullopt;
    }
    auto path = target_path({head.get().target().data(), head.get().target().size()});
    std::map<std::string, std::string> ignored;
    const Route* route = path ? match_route(ctx, head.get().method(), *path, ignored) : nullptr;
    if (route && route->streaming_body && !websocket::is_upgrade(head.get())) {
        auto body = std::make_unique<http::request_parser<http::buffer_body>>(std::move(head));
        Request header_only(body->get().base());
        co_return Incoming{std::move(header_only), route, std::move(body)};
    }
    http::request_parser<http::string_body> parser(std::move(head));
    std::uint64_t limit =
        route && route->body_limit ? route->body_limit : ctx.options.http_body_limit;
    parser.body_limit(limit);
    if (auto length = parser.content_length(); length && *length > limit) {
        ec = http::error::body_limit;  // refused before reading any of it
    } else {
        co_await http::async_read(stream, buffer, parser,
                                  net::redirect_error(net::use_awaitable, ec));
    }
    if (ec) {
        if (!is_quiet_end(ec)) co_await answer_unreadable(stream, ec);
        co_return std::nullopt;
    }
    co_return Incoming{parser.release(), route, nullptr};
}

// Returns false once the connection was handed to a WebSocket session (the stream is moved).
net::awaitable<bool> serve_requests(beast::tcp_stream& stream, ServerContext& ctx) {
    beast::flat_buffer buffer;
    for (;;) {
        auto incoming = co_await read_request(stream, buffer, ctx);
        if (!incoming || ctx.stopping) co_return true;
        Request* req = &incoming->request;
        auto path = target_path({req->target().data(), req->target().size()});
        if (!path) {
            auto res = error_response(fail("ruta mal formada").coded(codes::bad_path),
                                      req->version(), false);
            co_await write_response(stream, res);
            co_return true;
        }
        if (auto why = ambiguous_header(*req)) {
            auto res =
                error_response(fail(*why).coded(codes::ambiguous_header), req->version(), false);
            co_await write_response(stream, res);
            if (incoming->body && !incoming->body->is_done()) co_await drain_before_close(stream);
            co_return true;
        }
        if (websocket::is_upgrade(*req)) {
            if (auto refused = refuse_upgrade(ctx, *req, *path)) {
                co_await write_response(stream, *refused);
                co_return true;
            }
            std::make_shared<WsSession>(std::move(stream), ctx)->start(std::move(*req));
            co_return false;
        }
        // Not a conditional expression: g++ 12 miscompiles co_await inside one.
        std::optional<HttpReply> reply;
        if (incoming->body) {
            reply.emplace(co_await dispatch_streaming(stream, buffer, ctx, *incoming->route, *req,
                                                      *incoming->body, *path));
        } else {
            reply.emplace(dispatch(ctx, *req, *path));
        }
        bool unread_body = incoming->body && !incoming->body->is_done();
        bool keep_alive = co_await write_reply(stream, *reply, req->method() == http::verb::head);
        if (unread_body) co_await drain_before_close(stream);
        if (!keep_alive || unread_body) co_return true;
    }
}

}  // namespace

net::awaitable<void> run_http_session(beast::tcp_stream stream, ServerContext& context) {
    bool still_ours = true;
    try {
        still_ours = co_await serve_requests(stream, context);
    } catch (const std::exception& e) {
        // A peer that vanished mid-write, a timeout: this connection ends, nothing else does.
        spdlog::debug("HTTP connection ended: {}", e.what());
    }
    if (still_ours && stream.socket().is_open()) {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
}

}  // namespace lote::server

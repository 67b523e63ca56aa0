#pragma once
// The HTTP routes: a table of (method, path pattern) -> handler. Patterns are '/'-separated;
// a segment `{name}` captures one segment, a final `*` captures the rest of the path.
//
// A handler gets the parsed request and the server (roots, store, jobs, hub) and returns either a
// whole response (string or file body) or a StreamHandler that takes over the connection to write
// the response itself, e.g. a chunked zip built while it is sent. Handlers run on an io thread:
// long CPU work belongs in a StreamHandler that awaits it from another thread.

#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "server/net/http_util.hpp"
#include "util/net.hpp"

namespace lote::server {

struct ServerContext;

using Request = http::request<http::string_body>;
using FileResponse = http::response<http::file_body>;
using HeadResponse = http::response<http::empty_body>;
// Writes the whole response (status line included) on the stream; the connection is closed
// afterwards. The request stays alive until the returned awaitable completes.
using StreamHandler = std::function<net::awaitable<void>(beast::tcp_stream&)>;
using HttpReply = std::variant<StringResponse, FileResponse, HeadResponse, StreamHandler>;

struct RequestContext {
    const Request& request;
    std::string path;                             // percent-decoded path of the target
    std::map<std::string, std::string> query;     // decoded query parameters
    std::map<std::string, std::string> captures;  // {name} segments; "*" for the rest
    ServerContext& server;

    unsigned version() const { return request.version(); }
    bool keep_alive() const { return request.keep_alive(); }
    StringResponse json(http::status status, const nlohmann::json& body) const {
        return json_response(status, body, version(), keep_alive());
    }
    // The error's own status (server/errors.hpp), or `status` where the route needs another.
    StringResponse error(const Error& e) const {
        return error_response(e, version(), keep_alive());
    }
    StringResponse error(http::status status, const Error& e) const {
        return error_response(status, e, version(), keep_alive());
    }
};

using Handler = std::function<HttpReply(RequestContext&)>;

// A route that reads its own body piece by piece (uploads): it gets the connection right after
// the header was read and checked; `ctx.request` then has an empty body. The connection is
// closed after its reply unless the body was read to its end.
struct BodyReader {
    beast::tcp_stream& stream;
    beast::flat_buffer& buffer;
    http::request_parser<http::buffer_body>& parser;
};
using StreamingBodyHandler = std::function<net::awaitable<HttpReply>(RequestContext&, BodyReader&)>;

struct Route {
    http::verb method;
    std::string pattern;
    Handler handler;
    std::size_t body_limit = 0;                     // 0: the server's default limit
    StreamingBodyHandler streaming_body = nullptr;  // set: used instead of `handler`
};

class Router {
  public:
    // Throws std::logic_error when a route with the same method and pattern is already there
    // ({name} segments compare equal whatever their names): routes are installed at start-up
    // by code, so a duplicate is a programming error, and the later one would never be reached.
    void add(Route route);
    void get(std::string pattern, Handler handler) {
        add({http::verb::get, std::move(pattern), std::move(handler)});
    }
    // The route for `method` and `path`, filling `captures`; nullptr if none.
    const Route* match(http::verb method, const std::string& path,
                       std::map<std::string, std::string>& captures) const;
    // Whether some route has this path under another method (then the answer is 405).
    bool path_known(const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

  private:
    std::vector<Route> routes_;
};

// The page: GET and HEAD of `/*` (static_files.cpp); installed last by add_all_routes().
void add_static_routes(Router& router);

}  // namespace lote::server

#pragma once
// One TCP connection: HTTP/1.1 requests with keep-alive, each checked (Host, token) and routed;
// a WebSocket upgrade on `/` or `/ws` (token and Origin checked) hands the connection to a
// WsSession.

#include "util/net.hpp"

namespace lote::server {

struct ServerContext;

net::awaitable<void> run_http_session(beast::tcp_stream stream, ServerContext& context);

}  // namespace lote::server

#pragma once
// The token and Origin rules every HTTP request and WebSocket upgrade passes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/net.hpp"

namespace lote::server {

// 32 random bytes from /dev/urandom as 64 hex digits.
std::string generate_token();

// Compares in time that depends only on the lengths, so a guesser learns nothing from timing.
bool constant_time_equals(std::string_view a, std::string_view b);

// The token a request carries: `Authorization: Bearer`, `X-Lote-Token`, cookie `lote_token`
// or `?token=` in the target, in that order.
std::optional<std::string> token_from_request(const http::request_header<>& req);

// Whether the request may go on given the configured token (empty: no token needed).
bool token_accepted(const http::request_header<>& req, const std::string& token);

struct OriginPolicy {
    std::vector<std::string> allowed;  // exact origins; "null" only if listed
};

// WebSocket upgrades: no Origin (a non-browser client), the server's own origin
// (http://<Host>) or one of the allowed origins.
bool origin_allowed(const http::request_header<>& req, const OriginPolicy& policy);

// Without a token the server trusts only requests whose Host names the loopback interface; this
// stops DNS-rebinding pages from reaching it through a name of their own.
bool host_is_loopback_name(std::string_view host_header);

}  // namespace lote::server

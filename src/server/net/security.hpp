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

// The token a request carries: `Authorization: Bearer` (the scheme in any case), `X-Lote-Token`,
// cookie `lote_token` or `?token=` in the target, in that order.
std::optional<std::string> token_from_request(const http::request_header<>& req);

// Whether the request may go on given the configured token (empty: no token needed).
bool token_accepted(const http::request_header<>& req, const std::string& token);

struct OriginPolicy {
    std::vector<std::string> allowed;  // exact origins; "null" only if listed
};

// WebSocket upgrades: no Origin (a non-browser client), the server's own origin
// (http://<Host>) or one of the allowed origins.
bool origin_allowed(const http::request_header<>& req, const OriginPolicy& policy);

// A header the rules here read, sent twice (two Host headers: which one names the server?), or an
// HTTP/1.1 request without a Host: the answer (400) names it; nullopt when the request is clear.
std::optional<std::string> ambiguous_header(const http::request_header<>& req);

// Cross-site requests (another web page the user has open, sending requests with the user's
// browser) are refused on every state-changing or expensive route: any method but GET/HEAD/OPTIONS,
// and every method under /api/ and /metrics. Such a request is refused when it carries a foreign
// `Origin` (neither the server's own, http(s)://<Host>, nor an allowed one) or says
// `Sec-Fetch-Site: cross-site`/`same-site` (another port of the same host is another site for
// lote) without an allowed `Origin`. Clients that send neither header (curl, scripts) pass, as do
// the page's own requests (`same-origin`) and what the user typed (`none`). The answer (403)
// says why.
std::optional<std::string> cross_site_refusal(const http::request_header<>& req,
                                              std::string_view path, const OriginPolicy& policy);

// A JSON route's request (POST, PUT or PATCH with a body or a Content-Type) must say
// `Content-Type: application/json`: a browser sends `text/plain` or form bodies across sites
// without asking the server first, never JSON. Returns the answer's message (415) when it does
// not.
std::optional<std::string> json_content_type_refusal(const http::request_header<>& req,
                                                     bool has_body);

// Without a token the server trusts only requests whose Host names the loopback interface; this
// stops DNS-rebinding pages from reaching it through a name of their own.
bool host_is_loopback_name(std::string_view host_header);

}  // namespace lote::server

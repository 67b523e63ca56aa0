#include "server/net/security.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "server/net/http_util.hpp"
#include "server/options.hpp"

namespace lote::server {

std::string generate_token() {
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[32];
    if (!random.read(reinterpret_cast<char*>(bytes), sizeof bytes)) {
        throw std::runtime_error("cannot read /dev/urandom");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char b : bytes) {
        hex += kHex[b >> 4];
        hex += kHex[b & 15];
    }
    return hex;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

namespace {

std::string_view field_value(const http::request_header<>& req, http::field field) {
    auto it = req.find(field);
    if (it == req.end()) return {};
    return {it->value().data(), it->value().size()};
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string_view trim_blanks(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// RFC 7235: the scheme is case-insensitive ("bearer", "BEARER") and followed by blanks.
std::optional<std::string> bearer_token(const http::request_header<>& req) {
    auto it = req.find(http::field::authorization);
    if (it == req.end()) return std::nullopt;
    std::string_view value = trim_blanks({it->value().data(), it->value().size()});
    constexpr std::string_view kScheme = "bearer";
    if (value.size() <= kScheme.size() ||
        !equals_ignoring_case(value.substr(0, kScheme.size()), kScheme))
        return std::nullopt;
    std::string_view rest = value.substr(kScheme.size());
    if (rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
    rest = trim_blanks(rest);
    if (rest.empty()) return std::nullopt;
    return std::string(rest);
}

std::optional<std::string> header_token(const http::request_header<>& req) {
    auto it = req.find("X-Lote-Token");
    if (it == req.end()) return std::nullopt;
    return std::string(it->value());
}

std::optional<std::string> cookie_token(const http::request_header<>& req) {
    auto it = req.find(http::field::cookie);
    if (it == req.end()) return std::nullopt;
    return cookie_value(std::string_view{it->value().data(), it->value().size()}, "lote_token");
}

std::optional<std::string> query_token(const http::request_header<>& req) {
    auto query = parse_query(std::string_view{req.target().data(), req.target().size()});
    auto it = query.find("token");
    if (it == query.end()) return std::nullopt;
    return it->second;
}

}  // namespace

std::optional<std::string> token_from_request(const http::request_header<>& req) {
    if (auto t = bearer_token(req)) return t;
    if (auto t = header_token(req)) return t;
    if (auto t = cookie_token(req)) return t;
    return query_token(req);
}

bool token_accepted(const http::request_header<>& req, const std::string& token) {
    if (token.empty()) return true;
    auto given = token_from_request(req);
    return given && constant_time_equals(*given, token);
}

namespace {

// The server's own origin: what a page it served sends (http, or https behind a TLS proxy).
bool is_own_origin(std::string_view origin, std::string_view host) {
    if (host.empty()) return false;
    for (std::string_view scheme : {"http://", "https://"}) {
        if (origin.size() == scheme.size() + host.size() &&
            equals_ignoring_case(origin.substr(0, scheme.size()), scheme) &&
            equals_ignoring_case(origin.substr(scheme.size()), host)) {
            return true;
        }
    }
    return false;
}

bool is_listed(std::string_view origin, const OriginPolicy& policy) {
    for (const auto& allowed : policy.allowed) {
        if (origin == allowed) return true;
    }
    return false;
}

bool is_safe_method(http::verb method) {
    return method == http::verb::get || method == http::verb::head || method == http::verb::options;
}

bool is_guarded(http::verb method, std::string_view path) {
    if (!is_safe_method(method)) return true;
    return path.rfind("/api/", 0) == 0 || path == "/api" || path == "/metrics";
}

// Fields whose second copy would make a rule here read one value and a proxy another.
constexpr http::field kSingleFields[] = {
    http::field::host,
    http::field::origin,
    http::field::authorization,
    http::field::cookie,
    http::field::content_type,
    http::field::upgrade,
    http::field::sec_websocket_key,
};
constexpr std::string_view kSingleNamedFields[] = {"X-Lote-Token", "Sec-Fetch-Site"};

}  // namespace

bool origin_allowed(const http::request_header<>& req, const OriginPolicy& policy) {
    auto it = req.find(http::field::origin);
    if (it == req.end()) return true;
    std::string_view origin{it->value().data(), it->value().size()};
    if (is_listed(origin, policy)) return true;
    if (origin == "null") return false;
    return is_own_origin(origin, field_value(req, http::field::host));
}

std::optional<std::string> ambiguous_header(const http::request_header<>& req) {
    for (http::field field : kSingleFields) {
        if (req.count(field) > 1)
            return "the request has more than one " + std::string(http::to_string(field)) +
                   " header";
    }
    for (std::string_view name : kSingleNamedFields) {
        if (req.count(beast::string_view(name.data(), name.size())) > 1)
            return "the request has more than one " + std::string(name) + " header";
    }
    if (req.version() >= 11 && req.count(http::field::host) == 0)
        return "the request has no Host header";
    return std::nullopt;
}

std::optional<std::string> cross_site_refusal(const http::request_header<>& req,
                                              std::string_view path, const OriginPolicy& policy) {
    if (!is_guarded(req.method(), path)) return std::nullopt;
    auto origin_field = req.find(http::field::origin);
    bool has_origin = origin_field != req.end();
    std::string_view origin = field_value(req, http::field::origin);
    bool listed = has_origin && is_listed(origin, policy);
    if (has_origin && !listed && !is_own_origin(origin, field_value(req, http::field::host))) {
        return "cross-site request refused: Origin " + std::string(origin) +
               " is not this server's";
    }
    auto site = req.find("Sec-Fetch-Site");
    if (site != req.end() && !listed) {
        std::string_view value{site->value().data(), site->value().size()};
        if (equals_ignoring_case(value, "cross-site") || equals_ignoring_case(value, "same-site"))
            return "cross-site request refused: it comes from another site's page";
    }
    return std::nullopt;
}

std::optional<std::string> json_content_type_refusal(const http::request_header<>& req,
                                                     bool has_body) {
    auto method = req.method();
    if (method != http::verb::post && method != http::verb::put && method != http::verb::patch)
        return std::nullopt;
    auto type = req.find(http::field::content_type);
    if (type == req.end()) {
        if (!has_body) return std::nullopt;
        return std::string("the body must be JSON, sent with Content-Type: application/json");
    }
    std::string_view value{type->value().data(), type->value().size()};
    value = trim_blanks(value.substr(0, value.find(';')));
    if (equals_ignoring_case(value, "application/json")) return std::nullopt;
    return "the body must be JSON, sent with Content-Type: application/json (not " +
           std::string(value) + ")";
}

bool host_is_loopback_name(std::string_view host_header) {
    std::string_view name = host_header;
    if (!name.empty() && name.front() == '[') {
        auto close = name.find(']');
        if (close == std::string_view::npos) return false;
        name = name.substr(1, close - 1);
    } else if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
        name = name.substr(0, colon);
    }
    return name == "localhost" || name == "127.0.0.1" || name == "::1";
}

bool is_default_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

}  // namespace lote::server

#include "server/net/security.hpp"

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

std::optional<std::string> bearer_token(const http::request_header<>& req) {
    auto it = req.find(http::field::authorization);
    if (it == req.end()) return std::nullopt;
    std::string_view value{it->value().data(), it->value().size()};
    constexpr std::string_view kPrefix = "Bearer ";
    if (value.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    return std::string(value.substr(kPrefix.size()));
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

bool origin_allowed(const http::request_header<>& req, const OriginPolicy& policy) {
    auto it = req.find(http::field::origin);
    if (it == req.end()) return true;
    std::string origin(it->value());
    for (const auto& allowed : policy.allowed) {
        if (origin == allowed) return true;
    }
    if (origin == "null") return false;
    auto host = req.find(http::field::host);
    if (host == req.end()) return false;
    std::string own = "http://" + std::string(host->value());
    return origin == own;
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

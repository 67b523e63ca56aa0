#include "server/net/http_util.hpp"

#include <array>
#include <cctype>
#include <utility>

#include "server/errors.hpp"

namespace lote::server {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<std::string> target_path(std::string_view target) {
    return percent_decode(target.substr(0, target.find('?')), false);
}

std::map<std::string, std::string> parse_query(std::string_view target) {
    std::map<std::string, std::string> query;
    auto mark = target.find('?');
    if (mark == std::string_view::npos) return query;
    std::string_view rest = target.substr(mark + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = eq == std::string_view::npos ? std::optional<std::string>{""}
                                                  : percent_decode(pair.substr(eq + 1), true);
        if (key && value && !key->empty()) query[*key] = *value;
    }
    return query;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        auto semi = header.find(';');
        std::string_view item = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name) {
            return std::string(item.substr(eq + 1));
        }
    }
    return std::nullopt;
}

std::string_view mime_type(std::string_view file_name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".avif", "image/avif"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".woff2", "font/woff2"},
        {".map", "application/json"},
        {".wasm", "application/wasm"},
    }};
    auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos) return "application/octet-stream";
    std::string ext(file_name.substr(dot));
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const auto& [known, type] : kTypes) {
        if (ext == known) return type;
    }
    return "application/octet-stream";
}

StringResponse json_response(http::status status, const nlohmann::json& body, unsigned version,
                             bool keep_alive) {
    StringResponse res{status, version};
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(keep_alive);
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    res.prepare_payload();
    return res;
}

StringResponse error_response(http::status status, std::string_view message, unsigned version,
                              bool keep_alive) {
    return error_response(status, fail(kind_of_status(status), std::string(message)), version,
                          keep_alive);
}

StringResponse error_response(const Error& error, unsigned version, bool keep_alive) {
    return error_response(http_status_of(error), error, version, keep_alive);
}

StringResponse error_response(http::status status, const Error& error, unsigned version,
                              bool keep_alive) {
    return json_response(status, http_error_body(error), version, keep_alive);
}

}  // namespace lote::server

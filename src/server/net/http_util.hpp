#pragma once
// Small HTTP helpers shared by every route: targets, queries, cookies and JSON answers.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "util/net.hpp"
#include "util/result.hpp"

namespace lote::server {

using StringResponse = http::response<http::string_body>;

// "%41+b" -> "A b" when `plus_is_space`; nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// The path part of a request target, percent-decoded; nullopt when malformed.
std::optional<std::string> target_path(std::string_view target);

// key -> value of the query string (decoded; the last one wins; malformed pairs are skipped).
std::map<std::string, std::string> parse_query(std::string_view target);

// The value of one cookie in a Cookie header.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

// The content type served for a file name's extension.
std::string_view mime_type(std::string_view file_name);

StringResponse json_response(http::status status, const nlohmann::json& body, unsigned version,
                             bool keep_alive);
// Errors are always {"error": "<message>", "code": "<code>", "params": {...}} (docs/api.md,
// server/errors.hpp). From a bare text, the code is the name of the kind the status stands for.
StringResponse error_response(http::status status, std::string_view message, unsigned version,
                              bool keep_alive);
// The error's own status (http_status_of), or `status` when a route needs another.
StringResponse error_response(const Error& error, unsigned version, bool keep_alive);
StringResponse error_response(http::status status, const Error& error, unsigned version,
                              bool keep_alive);

}  // namespace lote::server

#pragma once
// Every failure the server reports comes from an Error. Its kind gives the HTTP status (the one
// map, http_status_of), and its code and params travel beside the text on both protocols, so
// the page can say it in the user's language:
//   WebSocket: {"tipo": "error", "mensaje": "<text>", "codigo": "<code>", "parametros": {...}}
//   HTTP:      {"error": "<text>", "code": "<code>", "params": {...}}
// docs/api.md lists every code (util/error_codes.hpp) with its params.

#include <nlohmann/json.hpp>
#include <string>

#include "util/net.hpp"
#include "util/result.hpp"

namespace lote::server {

// The kind's status (invalid 400, refused 403, not_found 404, conflict 409, too_large 413,
// unsupported 415, corrupt 422, unavailable 503, io and internal 500); a few codes have a
// status of their own: token_required 401, method_not_allowed 405, pool_full 429,
// headers_too_large 431.
http::status http_status_of(const Error& error);

// The kind a bare status stands for, for replies made from a status and a text only.
ErrorKind kind_of_status(http::status status);

nlohmann::json http_error_body(const Error& error);
nlohmann::json ws_error_message(const Error& error);

// `inner` with `prefix` before its message and its code and params kept; `fallback` is its code
// when it had none.
Error reworded(const Error& inner, const std::string& prefix, std::string_view fallback);

}  // namespace lote::server

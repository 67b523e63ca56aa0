#include "server/errors.hpp"

#include "util/error_codes.hpp"

namespace lote::server {

namespace {

http::status status_of_kind(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid:
            return http::status::bad_request;
        case ErrorKind::not_found:
            return http::status::not_found;
        case ErrorKind::refused:
            return http::status::forbidden;
        case ErrorKind::conflict:
            return http::status::conflict;
        case ErrorKind::too_large:
            return http::status::payload_too_large;
        case ErrorKind::unsupported:
            return http::status::unsupported_media_type;
        case ErrorKind::corrupt:
            return http::status::unprocessable_entity;
        case ErrorKind::unavailable:
            return http::status::service_unavailable;
        case ErrorKind::io:
        case ErrorKind::internal:
            return http::status::internal_server_error;
    }
    return http::status::internal_server_error;
}

}  // namespace

http::status http_status_of(const Error& error) {
    if (error.code == codes::token_required) return http::status::unauthorized;
    if (error.code == codes::method_not_allowed) return http::status::method_not_allowed;
    if (error.code == codes::pool_full) return http::status::too_many_requests;
    if (error.code == codes::headers_too_large) {
        return http::status::request_header_fields_too_large;
    }
    return status_of_kind(error.kind);
}

ErrorKind kind_of_status(http::status status) {
    switch (status) {
        case http::status::bad_request:
        case http::status::method_not_allowed:
            return ErrorKind::invalid;
        case http::status::unauthorized:
        case http::status::forbidden:
            return ErrorKind::refused;
        case http::status::not_found:
            return ErrorKind::not_found;
        case http::status::conflict:
            return ErrorKind::conflict;
        case http::status::payload_too_large:
        case http::status::request_header_fields_too_large:
            return ErrorKind::too_large;
        case http::status::unsupported_media_type:
            return ErrorKind::unsupported;
        case http::status::unprocessable_entity:
            return ErrorKind::corrupt;
        case http::status::too_many_requests:
        case http::status::service_unavailable:
            return ErrorKind::unavailable;
        default:
            return ErrorKind::internal;
    }
}

nlohmann::json http_error_body(const Error& error) {
    return {{"error", error.message},
            {"code", error.code_or_kind()},
            {"params", error.params.is_object() ? error.params : nlohmann::json::object()}};
}

nlohmann::json ws_error_message(const Error& error) {
    return {{"tipo", "error"},
            {"mensaje", error.message},
            {"codigo", error.code_or_kind()},
            {"parametros", error.params.is_object() ? error.params : nlohmann::json::object()}};
}

Error reworded(const Error& inner, const std::string& prefix, std::string_view fallback) {
    Error outer = inner;
    outer.message = prefix + inner.message;
    if (outer.code.empty()) outer.code = fallback;
    return outer;
}

}  // namespace lote::server

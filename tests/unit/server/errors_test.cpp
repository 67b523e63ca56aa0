// One map from an error's kind to its HTTP status, and the two shapes an error takes on the wire.
#include "server/errors.hpp"

#include <gtest/gtest.h>

#include "server/net/http_util.hpp"
#include "util/error_codes.hpp"

namespace lote::server {
namespace {

TEST(Errors, EachKindHasItsStatus) {
    std::vector<std::pair<ErrorKind, http::status>> map = {
        {ErrorKind::invalid, http::status::bad_request},
        {ErrorKind::not_found, http::status::not_found},
        {ErrorKind::refused, http::status::forbidden},
        {ErrorKind::conflict, http::status::conflict},
        {ErrorKind::too_large, http::status::payload_too_large},
        {ErrorKind::unsupported, http::status::unsupported_media_type},
        {ErrorKind::corrupt, http::status::unprocessable_entity},
        {ErrorKind::io, http::status::internal_server_error},
        {ErrorKind::unavailable, http::status::service_unavailable},
        {ErrorKind::internal, http::status::internal_server_error},
    };
    for (const auto& [kind, status] : map) {
        EXPECT_EQ(http_status_of(fail(kind, "x")), status) << error_kind_name(kind);
        if (kind != ErrorKind::io) {
            EXPECT_EQ(kind_of_status(status), kind) << status;
        }
    }
}

TEST(Errors, AFewCodesHaveAStatusOfTheirOwn) {
    EXPECT_EQ(http_status_of(fail(ErrorKind::refused, "t").coded(codes::token_required)),
              http::status::unauthorized);
    EXPECT_EQ(http_status_of(fail("m").coded(codes::method_not_allowed)),
              http::status::method_not_allowed);
    EXPECT_EQ(http_status_of(fail(ErrorKind::unavailable, "p").coded(codes::pool_full)),
              http::status::too_many_requests);
    EXPECT_EQ(http_status_of(fail(ErrorKind::too_large, "h").coded(codes::headers_too_large)),
              http::status::request_header_fields_too_large);
    EXPECT_EQ(kind_of_status(http::status::too_many_requests), ErrorKind::unavailable);
}

TEST(Errors, BothProtocolsCarryTheTextTheCodeAndTheParams) {
    Error e = fail("Filtro desconocido: blurr").coded(codes::unknown_filter, {{"filter", "blurr"}});
    auto ws = ws_error_message(e);
    EXPECT_EQ(ws, (nlohmann::json{{"tipo", "error"},
                                  {"mensaje", "Filtro desconocido: blurr"},
                                  {"codigo", "unknown_filter"},
                                  {"parametros", {{"filter", "blurr"}}}}));
    auto http = http_error_body(e);
    EXPECT_EQ(http, (nlohmann::json{{"error", "Filtro desconocido: blurr"},
                                    {"code", "unknown_filter"},
                                    {"params", {{"filter", "blurr"}}}}));
    auto bare = http_error_body(fail(ErrorKind::conflict, "busy"));
    EXPECT_EQ(bare["code"], "conflict");
    EXPECT_EQ(bare["params"], nlohmann::json::object());
}

TEST(Errors, RewordingKeepsTheInnerCodeOrGivesOne) {
    Error inner = fail(ErrorKind::refused, "sale").coded(codes::path_refused, {{"path", ".."}});
    Error outer = reworded(inner, "Carpeta de entrada inválida: ", codes::folder_not_found);
    EXPECT_EQ(outer.message, "Carpeta de entrada inválida: sale");
    EXPECT_EQ(outer.code, "path_refused");
    EXPECT_EQ(outer.params["path"], "..");
    EXPECT_EQ(outer.kind, ErrorKind::refused);
    EXPECT_EQ(reworded(fail("x"), "p: ", codes::param_invalid).code, "param_invalid");
}

TEST(Errors, ABareTextReplyGetsTheCodeOfItsStatus) {
    auto res = error_response(http::status::not_found, "gone", 11, false);
    auto body = nlohmann::json::parse(res.body());
    EXPECT_EQ(res.result(), http::status::not_found);
    EXPECT_EQ(body["error"], "gone");
    EXPECT_EQ(body["code"], "not_found");
    auto own =
        error_response(fail(ErrorKind::conflict, "busy").coded(codes::job_running), 11, true);
    EXPECT_EQ(own.result(), http::status::conflict);
    EXPECT_EQ(nlohmann::json::parse(own.body())["code"], "job_running");
}

}  // namespace
}  // namespace lote::server

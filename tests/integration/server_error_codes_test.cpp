// What a client reads when the real server refuses something: the old fields with their old
// texts (`error`; `tipo`/`mensaje`) and, beside them, the stable code and params it translates,
// on HTTP and on the WebSocket, for refusals from every layer (net, api, protocol, filters, jobs,
// presets, reports, output names and folders, the distributed mode).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

// The HTTP error body: the message kept, the code and params given.
void expect_http_code(const HttpResult& r, int status, const std::string& code,
                      const json& params = json::object()) {
    SCOPED_TRACE(r.body);
    EXPECT_EQ(r.status, status);
    json body = r.body_json();
    ASSERT_TRUE(body.is_object());
    ASSERT_TRUE(body["error"].is_string());
    EXPECT_FALSE(body["error"].get<std::string>().empty());
    EXPECT_EQ(body["code"], code);
    ASSERT_TRUE(body["params"].is_object());
    for (const auto& [key, value] : params.items()) EXPECT_EQ(body["params"][key], value) << key;
}

json ws_error(WsClient& client, const json& message) {
    auto answer = client.ask(message, "error");
    if (!answer) return json();
    return *answer;
}

TEST(ServerErrorCodes, HttpRefusalsCarryTheirCodeBesideTheMessage) {
    Served s(2);
    std::uint16_t port = s.port();
    // A GET that no route takes is the page's (a file that is not there); for another method the
    // page's catch-all makes every path known, so it is a method the path does not take.
    expect_http_code(http_get(port, "/api/nothing-here"), 404, "file_not_found",
                     {{"path", "api/nothing-here"}});
    expect_http_code(http_request("127.0.0.1", port, http::verb::post, "/api/nothing-here",
                                  {{"Content-Type", "application/json"}}, "{}"),
                     405, "method_not_allowed",
                     {{"method", "POST"}, {"path", "/api/nothing-here"}});
    expect_http_code(http_request("127.0.0.1", port, http::verb::put, "/api/jobs"), 405,
                     "method_not_allowed", {{"method", "PUT"}, {"path", "/api/jobs"}});
    expect_http_code(http_get(port, "/api/images?folder=../etc"), 403, "path_refused",
                     {{"path", "../etc"}, {"reason", "parent"}});
    expect_http_code(http_get(port, "/api/images?folder=.hidden"), 403, "path_refused",
                     {{"reason", "private"}});
    expect_http_code(http_get(port, "/api/images?folder=nowhere"), 404, "folder_not_found",
                     {{"folder", "nowhere"}});
    expect_http_code(http_get(port, "/api/images?limit=0"), 400, "field_out_of_range",
                     {{"field", "limit"}});
    expect_http_code(http_get(port, "/api/output"), 400, "missing_field", {{"field", "path"}});
    expect_http_code(http_get(port, "/api/jobs/j-none"), 404, "job_not_found", {{"job", "j-none"}});
    expect_http_code(http_request("127.0.0.1", port, http::verb::post, "/api/preview",
                                  {{"Content-Type", "text/plain"}}, "{}"),
                     415, "json_required", {{"content_type", "text/plain"}});
    expect_http_code(http_request("127.0.0.1", port, http::verb::post, "/api/preview",
                                  {{"Origin", "http://evil.example"}}, "{}"),
                     403, "cross_site_refused", {{"origin", "http://evil.example"}});
    expect_http_code(http_request("127.0.0.1", port, http::verb::post, "/api/preview",
                                  {{"Content-Type", "application/json"}},
                                  R"({"image": "x.jpg", "filters": ["blurr"]})"),
                     400, "unknown_filter", {{"filter", "blurr"}});
    expect_http_code(
        send_raw(port, "GET /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil\r\n\r\n"), 400,
        "ambiguous_header");
    expect_http_code(send_raw(port, "GET /api/jobs HTTP/1.1\r\nHost: rebound.example\r\n\r\n"), 403,
                     "host_refused", {{"host", "rebound.example"}});
    expect_http_code(http_get(port, "/api/jobs/j-none/report"), 404, "job_not_found",
                     {{"job", "j-none"}});
    expect_http_code(http_get(port, "/api/jobs/j-none/report?format=xml"), 400,
                     "unknown_report_format", {{"format", "xml"}});
}

TEST(ServerErrorCodes, PresetRefusalsCarryTheirCode) {
    Served s(1);
    std::uint16_t port = s.port();
    expect_http_code(http_get(port, "/api/presets/no-such"), 404, "preset_not_found",
                     {{"preset", "no-such"}});
    expect_http_code(http_get(port, "/api/presets/.hidden"), 400, "invalid_preset_name",
                     {{"preset", ".hidden"}});
    const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json"}};
    expect_http_code(http_request("127.0.0.1", port, http::verb::put, "/api/presets/web", json_type,
                                  R"({"version": 1})"),
                     409, "preset_builtin", {{"preset", "web"}});
    expect_http_code(http_request("127.0.0.1", port, http::verb::put, "/api/presets/mine",
                                  json_type, R"({"version": 1, "sabor": "fresa"})"),
                     400, "invalid_preset", {{"key", "sabor"}});
    expect_http_code(
        http_request("127.0.0.1", port, http::verb::delete_, "/api/presets/no-such", json_type),
        404, "preset_not_found", {{"preset", "no-such"}});

    auto c = connect_client(port);
    json unknown = ws_error(*c, {{"tipo", "procesar"}, {"preset", "no-such"}});
    EXPECT_EQ(unknown["codigo"], "preset_not_found") << unknown.dump();
    EXPECT_EQ(unknown["parametros"]["preset"], "no-such");
    EXPECT_TRUE(unknown["mensaje"].get<std::string>().starts_with("Preset inválido: "));
}

TEST(ServerErrorCodes, OutputFolderNamesAndMetadataRefusalsCarryTheirCode) {
    Served s(2);
    auto c = connect_client(s.port());
    json grey = {{"tipo", "procesar"}, {"filtros", {"grises"}}};
    auto with = [&grey](const char* key, const json& value) {
        json message = grey;
        message[key] = value;
        return message;
    };
    struct Case {
        json message;
        std::string code;
        json params;
    };
    const std::vector<Case> cases = {
        {with("salida", "../fuera"),
         "invalid_output_folder",
         {{"folder", "../fuera"}, {"reason", "dot"}}},
        {with("salida", "a/.oculta"), "invalid_output_folder", {{"reason", "dot"}}},
        {with("salida", "a\\b"), "invalid_output_folder", {{"reason", "character"}}},
        {with("salida", 7), "invalid_field", {{"field", "salida"}, {"expected", "text"}}},
        {with("artista", std::string(2001, 'a')),
         "invalid_text",
         {{"field", "artista"}, {"max_bytes", 2000}}},
        {with("metadatos", "todo"), "invalid_choice", {{"field", "metadatos"}}},
        {with("conflictos", "borrar"), "invalid_choice", {{"field", "conflictos"}}},
        {with("plantilla", "{nombre}"), "invalid_name_template", {{"template", "{nombre}"}}},
        {with("modo", "distribuido"), "no_broker", {{"mode", "distribuido"}}},
        {with("modo", "palomas"), "unknown_mode", {{"mode", "palomas"}}},
    };
    for (const Case& one : cases) {
        SCOPED_TRACE(one.message.dump());
        json refused = ws_error(*c, one.message);
        ASSERT_TRUE(refused.is_object());
        EXPECT_EQ(refused["codigo"], one.code) << refused.dump();
        EXPECT_FALSE(refused["mensaje"].get<std::string>().empty());
        for (const auto& [key, value] : one.params.items())
            EXPECT_EQ(refused["parametros"][key], value) << key;
    }
    // Nothing was written for any of them, inside the output root or next to it.
    EXPECT_FALSE(std::filesystem::exists(s.dir.path() / "fuera"));
}

TEST(ServerErrorCodes, WebSocketRefusalsCarryCodigoAndParametros) {
    Served s(1);
    auto c = connect_client(s.port());
    json unknown = ws_error(*c, {{"tipo", "bailar"}});
    EXPECT_EQ(unknown["mensaje"], "Comando desconocido: bailar");
    EXPECT_EQ(unknown["codigo"], "unknown_message");
    EXPECT_EQ(unknown["parametros"], (json{{"tipo", "bailar"}}));

    json filter = ws_error(*c, {{"tipo", "procesar"}, {"filtros", {"grises", "blurr"}}});
    EXPECT_EQ(filter["mensaje"], "Filtro desconocido: blurr");
    EXPECT_EQ(filter["codigo"], "unknown_filter");

    json param = ws_error(*c, {{"tipo", "procesar"},
                               {"filtros", {"ajustar"}},
                               {"parametros", {{"ajustar", {{"ancho", -5}}}}}});
    EXPECT_EQ(param["codigo"], "param_out_of_range") << param.dump();
    EXPECT_EQ(param["parametros"]["filter"], "ajustar");
    EXPECT_EQ(param["parametros"]["value"], "-5");
    EXPECT_TRUE(param["mensaje"].get<std::string>().starts_with("Parámetro inválido: "));

    json folder = ws_error(*c, {{"tipo", "procesar"}, {"entrada", "../fuera"}});
    EXPECT_EQ(folder["codigo"], "path_refused");
    EXPECT_EQ(folder["parametros"]["reason"], "parent");

    json logo = ws_error(
        *c, {{"tipo", "procesar"},
             {"filtros", json::array()},
             {"cadenas",
              {{{"nombre", "marca"},
                {"pasos", {{{"filtro", "logo"}, {"parametros", {{"archivo", "falta.png"}}}}}}}}}});
    EXPECT_EQ(logo["codigo"], "step_file_unusable") << logo.dump();
    EXPECT_EQ(logo["parametros"]["chain"], "marca");
    EXPECT_EQ(logo["parametros"]["filter"], "logo");
    EXPECT_EQ(logo["parametros"]["cause"], "not_found");

    c->send_text("not json");
    auto bad = c->wait_for("error");
    ASSERT_TRUE(bad);
    EXPECT_EQ((*bad)["codigo"], "invalid_json");
    EXPECT_EQ((*bad)["mensaje"], "Formato de mensaje inválido");
}

}  // namespace
}  // namespace lote::testing

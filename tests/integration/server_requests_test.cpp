// How the real server answers requests that are odd rather than wrong: HEAD, the bearer scheme in
// another case, two Host headers, a token given on the command line, and what WebSocket clients
// get when the server stops.
#include <gtest/gtest.h>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

TEST(ServerRequests, HeadAnswersEveryGetRouteWithItsHeadersOnly) {
    Served s(2);
    auto c = connect_client(s.port());
    auto accepted =
        c->ask({{"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "threads"}}, "aceptado");
    ASSERT_TRUE(accepted);
    ASSERT_TRUE(c->wait_for("finalizado", 60s));
    std::string id = (*accepted)["trabajo"];
    for (int i = 0; i < 200; ++i) {
        if (http_get(s.port(), "/api/jobs/" + id).body_json().value("state", "") == "done") break;
        std::this_thread::sleep_for(25ms);
    }
    std::string output = http_get(s.port(), "/api/jobs/" + id).body_json()["images"][0]["output"];
    std::string image = http_get(s.port(), "/api/images").body_json()["images"][0]["name"];
    for (const std::string& target : std::vector<std::string>{
             "/", "/index.html", "/healthz", "/api/filters", "/api/images", "/api/folders",
             "/api/jobs", "/api/jobs/" + id, "/api/output?path=" + output, "/metrics",
             "/api/thumbnail?source=input&path=" + image + "&size=64"}) {
        auto get = http_get(s.port(), target);
        ASSERT_EQ(get.status, 200) << target << ": " << get.body;
        auto head = http_request("127.0.0.1", s.port(), http::verb::head, target);
        EXPECT_EQ(head.status, 200) << target;
        EXPECT_TRUE(head.body.empty()) << target;
        EXPECT_EQ(head.headers["Content-Type"], get.headers["Content-Type"]) << target;
        if (target != "/metrics") {  // its byte counters grow with every answer
            EXPECT_EQ(head.headers["Content-Length"], std::to_string(get.body.size())) << target;
        } else {
            EXPECT_FALSE(head.headers["Content-Length"].empty()) << target;
        }
    }
    // The zip is sent chunked: HEAD says so and sends no chunk at all.
    auto zip = http_request("127.0.0.1", s.port(), http::verb::head, "/api/jobs/" + id + "/zip");
    EXPECT_EQ(zip.status, 200);
    EXPECT_EQ(zip.headers["Content-Type"], "application/zip");
    EXPECT_TRUE(zip.body.empty());
    // Where GET has no answer, HEAD has the same status.
    for (const char* target : {"/api/nothing", "/api/preview", "/api/jobs/nope"}) {
        EXPECT_EQ(http_request("127.0.0.1", s.port(), http::verb::head, target).status,
                  http_get(s.port(), target).status)
            << target;
    }
    // Keep-alive survives a HEAD: two on one connection, then a GET.
    std::string two =
        "HEAD /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port()));
    net::write(stream, net::buffer(two));
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> first;
    first.skip(true);
    http::read(stream, buffer, first);
    EXPECT_EQ(first.get().result_int(), 200);
    http::response<http::string_body> second;
    http::read(stream, buffer, second);
    EXPECT_EQ(second.result_int(), 200);
    EXPECT_NE(second.body().find("\"ok\":true"), std::string::npos) << second.body();
}

TEST(ServerRequests, TwoHostHeadersAreRefused) {
    Served s(1);
    auto two = send_raw(s.port(),
                        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n");
    EXPECT_EQ(two.status, 400);
    EXPECT_NE(two.body_json().value("error", "").find("Host"), std::string::npos) << two.body;
    auto upgrade = send_raw(s.port(),
                            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n"
                            "Connection: Upgrade\r\nUpgrade: websocket\r\n"
                            "Sec-WebSocket-Version: 13\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    EXPECT_EQ(upgrade.status, 400);
    auto none = send_raw(s.port(), "GET /healthz HTTP/1.1\r\n\r\n");
    EXPECT_EQ(none.status, 400);
    auto tokens = send_raw(s.port(),
                           "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lote-Token: a\r\n"
                           "X-Lote-Token: b\r\n\r\n");
    EXPECT_EQ(tokens.status, 400);
    EXPECT_EQ(http_get(s.port(), "/healthz").status, 200);
}

TEST(ServerRequests, AGivenTokenIsNeverPrintedAndBearerIsCaseInsensitive) {
    const std::string token = "given-token-7f3a9c";
    Served s(1, {"--host", "127.0.0.2", "--token", token});
    std::string printed = s.server->output();
    EXPECT_EQ(printed.find(token), std::string::npos) << printed;
    EXPECT_NE(printed.find("--token"), std::string::npos) << printed;  // says which token
    const std::string host = "127.0.0.2";
    for (std::string scheme : {"Bearer ", "bearer ", "BEARER ", "bEARER  "}) {
        EXPECT_EQ(http_get(s.port(), "/healthz", {{"Authorization", scheme + token}}, host).status,
                  200)
            << scheme;
    }
    EXPECT_EQ(http_get(s.port(), "/healthz", {{"Authorization", "bearer wrong"}}, host).status,
              401);
    EXPECT_EQ(upgrade_status(s.port(), "/", {{"Authorization", "bearer " + token}}, host), 101);
}

TEST(ServerRequests, WebSocketsGetACloseFrameWhenTheServerStops) {
    Served s(1);
    auto a = connect_client(s.port());
    auto b = connect_client(s.port());
    s.server->signal_and_wait(SIGTERM, 0ms);
    for (auto* client : {a.get(), b.get()}) {
        ASSERT_TRUE(client->wait_closed(10s));
        EXPECT_EQ(client->close_reason(), websocket::error::closed)
            << client->close_reason().message();
        EXPECT_EQ(client->close_frame().code, websocket::close_code::going_away);
    }
    EXPECT_NE(s.server->signal_and_wait(0, 10s), -1);  // and it exits
}

}  // namespace
}  // namespace lote::testing

// What a careless or hostile client can try against the real server: paths out of the roots,
// foreign origins, missing tokens, DNS-rebinding Hosts, idle and slow connections.
#include <gtest/gtest.h>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

TEST(ServerHttp, ServesThePageAndHealth) {
    Served s(1);
    auto page = http_get(s.port(), "/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.headers["Content-Type"], "text/html; charset=utf-8");
    EXPECT_FALSE(page.headers["Cache-Control"].empty());
    auto health = http_get(s.port(), "/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body_json()["ok"], true);
    EXPECT_TRUE(health.body_json()["version"].is_string());
    auto missing = http_get(s.port(), "/no-such-file.js");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(missing.body_json()["error"].is_string());
}

TEST(ServerHttp, FiltersSchemaAndImagePages) {
    Served s(5);
    auto filters = http_get(s.port(), "/api/filters");
    EXPECT_EQ(filters.status, 200);
    EXPECT_FALSE(filters.body_json().is_discarded());
    auto page = http_get(s.port(), "/api/images?offset=1&limit=2").body_json();
    EXPECT_EQ(page["total"], 5);
    EXPECT_EQ(page["offset"], 1);
    EXPECT_EQ(page["limit"], 2);
    ASSERT_EQ(page["images"].size(), 2u);
    EXPECT_TRUE(page["images"][0]["name"].is_string());
    EXPECT_EQ(http_get(s.port(), "/api/images?limit=abc").status, 400);
    // A refused path is 403 (docs/api.md: 400 bad parameter, 403/404 path refused/missing).
    EXPECT_EQ(http_get(s.port(), "/api/images?folder=..").status, 403);
    EXPECT_EQ(http_get(s.port(), "/api/images?folder=%2Fetc").status, 403);
}

TEST(ServerHttp, StaticFilesStayInsideTheWebFolder) {
    TempDir web;
    std::ofstream(web / "index.html") << "<p>hi</p>";
    fs::create_symlink("/etc/passwd", web / "leak");
    fs::create_directory_symlink("/etc", web / "etc");
    Served s(1, {"--web", web.path().string()});
    EXPECT_EQ(http_get(s.port(), "/").body, "<p>hi</p>");
    for (const char* target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/leak",
                               "/etc/passwd", "/..%2f..%2fetc/passwd", "/a%00b", "/%ff%fe"}) {
        auto r = http_get(s.port(), target);
        EXPECT_GE(r.status, 400) << target;
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    }
}

TEST(ServerHttp, EntradaCannotLeaveTheInputRoot) {
    Served s(1);
    TempDir outside;
    std::ofstream(outside / "x.jpg") << "\xFF\xD8\xFF\xE0";
    fs::create_directory_symlink(outside.path(), s.dir / "in" / "escape");
    auto c = connect_client(s.port());
    for (const char* entrada : {"escape", "escape/", "../", "/tmp", "in/../../"}) {
        auto m = c->ask({{"tipo", "procesar"}, {"entrada", entrada}}, "error");
        ASSERT_TRUE(m) << entrada;
        EXPECT_NE((*m)["mensaje"].get<std::string>().find("Carpeta de entrada inválida"),
                  std::string::npos)
            << entrada;
    }
    auto listing = c->ask({{"tipo", "listar_imagenes"}, {"entrada", "escape"}}, "error");
    EXPECT_TRUE(listing);
}

TEST(ServerSecurity, ForeignOriginIsRefused) {
    Served s(1, {"--allow-origin", "http://ok.example"});
    std::string own = "http://127.0.0.1:" + std::to_string(s.port());
    EXPECT_EQ(upgrade_status(s.port(), "/", {{"Origin", "http://evil.example"}}), 403);
    EXPECT_EQ(upgrade_status(s.port(), "/", {{"Origin", "null"}}), 403);
    EXPECT_EQ(upgrade_status(s.port(), "/", {{"Origin", own}}), 101);
    EXPECT_EQ(upgrade_status(s.port(), "/elsewhere"), 404);
    EXPECT_TRUE(WsClient(s.port(), "/", {{"Origin", own}}).ok());
    EXPECT_TRUE(WsClient(s.port(), "/", {{"Origin", "http://ok.example"}}).ok());
    EXPECT_TRUE(WsClient(s.port(), "/").ok());  // no Origin: not a browser
}

TEST(ServerSecurity, NullOriginOnlyWhenAllowed) {
    Served s(1, {"--allow-origin", "null"});
    EXPECT_TRUE(WsClient(s.port(), "/", {{"Origin", "null"}}).ok());
}

TEST(ServerSecurity, ForeignHostIsRefusedOnLoopback) {
    Served s(1);
    std::string evil = "evil.example:" + std::to_string(s.port());
    EXPECT_EQ(http_get(s.port(), "/healthz", {{"Host", evil}}).status, 403);
    EXPECT_EQ(upgrade_status(s.port(), "/", {{"Host", evil}, {"Origin", "http://" + evil}}), 403);
}

TEST(ServerSecurity, TokenRequiredBeyondDefaultLoopback) {
    Served s(1, {"--host", "127.0.0.2"});
    std::string out = s.server->output();
    auto at = out.find("token:  ");
    ASSERT_NE(at, std::string::npos) << out;
    std::string token = out.substr(at + 8, 64);
    ASSERT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
    const std::string host = "127.0.0.2";
    auto get = [&](const std::string& target, std::map<std::string, std::string> h = {}) {
        return http_get(s.port(), target, h, host).status;
    };
    EXPECT_EQ(get("/healthz"), 401);
    EXPECT_EQ(get("/healthz", {{"Authorization", "Bearer wrong"}}), 401);
    EXPECT_EQ(get("/healthz", {{"Authorization", "Bearer " + token}}), 200);
    EXPECT_EQ(get("/healthz", {{"X-Lote-Token", token}}), 200);
    EXPECT_EQ(get("/healthz", {{"Cookie", "a=b; lote_token=" + token}}), 200);
    EXPECT_EQ(get("/healthz?token=" + token), 200);
    EXPECT_EQ(get("/healthz?token=" + token.substr(0, 63) + "0"), token.back() == '0' ? 200 : 401);
    auto page = http_get(s.port(), "/?token=" + token, {}, host);
    EXPECT_NE(page.headers["Set-Cookie"].find("lote_token=" + token), std::string::npos);
    EXPECT_EQ(upgrade_status(s.port(), "/", {}, host), 401);
    EXPECT_EQ(upgrade_status(s.port(), "/", {{"Authorization", "Bearer " + token}}, host), 101);
    WsClient with_token(s.port(), "/?token=" + token, {}, host);
    EXPECT_TRUE(with_token.ok());
}

TEST(ServerSecurity, GivenTokenIsUsedOnLoopbackToo) {
    Served s(1, {"--token", "s3cret"});
    EXPECT_EQ(http_get(s.port(), "/healthz").status, 401);
    EXPECT_EQ(http_get(s.port(), "/healthz", {{"X-Lote-Token", "s3cret"}}).status, 200);
}

TEST(ServerSecurity, IdleAndSlowConnectionsAreDropped) {
    Served s(1, {"--request-timeout", "1"});
    net::io_context ioc;
    tcp::socket slow(ioc);
    slow.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port()));
    net::write(slow, net::buffer(std::string("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")));
    tcp::socket idle(ioc);
    idle.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port()));
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(http_get(s.port(), "/healthz").status, 200);  // others keep working meanwhile
    char byte;
    beast::error_code ec;
    slow.read_some(net::buffer(&byte, 1), ec);  // blocks until the server gives up on it
    EXPECT_TRUE(ec == net::error::eof || ec == net::error::connection_reset) << ec.message();
    idle.read_some(net::buffer(&byte, 1), ec);
    EXPECT_TRUE(ec == net::error::eof || ec == net::error::connection_reset) << ec.message();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(ServerSecurity, OversizedHttpRequestsAreRefused) {
    Served s(1);
    auto big_header = http_get(s.port(), "/healthz", {{"X-Big", std::string(40000, 'a')}});
    EXPECT_EQ(big_header.status, 431);
    // Far over the 1 MiB limit and sent whole: the refusal comes before the body is read, and the
    // server keeps reading (and dropping) the rest so the client still gets the answer.
    std::string declared = "POST /api/filters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                           std::to_string(8 * 1024 * 1024) + "\r\n\r\n" +
                           std::string(8 * 1024 * 1024, 'x');
    auto big_body = send_raw(s.port(), declared);
    EXPECT_EQ(big_body.status, 413);
    EXPECT_TRUE(big_body.body_json()["error"].is_string()) << big_body.body;
    // Without a length (chunked), the limit is found while reading.
    std::string unsized =
        "POST /api/filters HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    EXPECT_EQ(send_raw(s.port(), unsized + chunked(std::string(40 * 0x10000, 'y'), 0x10000)).status,
              413);
    EXPECT_EQ(http_get(s.port(), "/healthz").status, 200);  // and the server goes on
}

TEST(ServerSecurity, OversizedUploadIsRefusedAndLeavesNothing) {
    Served s(0, {"--max-request-mb", "1"});
    std::string boundary = "lote-boundary";
    std::string body =
        "--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n" +
        "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n" + std::string(3 * 1024 * 1024, 'z') +
        "\r\n--" + boundary + "--\r\n";
    auto head = [&](const std::string& framing) {
        return "POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
               "multipart/form-data; boundary=" +
               boundary + "\r\n" + framing + "\r\n\r\n";
    };
    auto declared =
        send_raw(s.port(), head("Content-Length: " + std::to_string(body.size())) + body);
    EXPECT_EQ(declared.status, 413);
    EXPECT_NE(declared.body.find("upload limit"), std::string::npos) << declared.body;
    auto streamed = send_raw(s.port(), head("Transfer-Encoding: chunked") + chunked(body, 0x8000));
    EXPECT_EQ(streamed.status, 413);
    EXPECT_NE(streamed.body.find("upload limit"), std::string::npos) << streamed.body;
    for (const auto& e : fs::directory_iterator(s.dir / "in"))
        ADD_FAILURE() << "left behind: " << e.path();
    EXPECT_EQ(http_get(s.port(), "/healthz").status, 200);
}

TEST(ServerSecurity, AClientThatStopsReadingIsDroppedOthersAreNot) {
    TempDir dir;
    fs::create_directories(dir / "in");
    // Files that look like JPEGs to the scanner: a listing of them is a large answer.
    for (int i = 0; i < 400; ++i) {
        std::ofstream(dir / "in" / (std::string(120, 'n') + std::to_string(i) + ".jpg"))
            << "\xFF\xD8\xFF\xE0";
    }
    ServerProcess server(dir.path());
    auto reader = connect_client(server.port());
    auto stuck = connect_client(server.port());
    for (int i = 0; i < 600; ++i) stuck->send({{"tipo", "listar_imagenes"}});
    auto deadline = std::chrono::steady_clock::now() + 20s;
    int clients = 2;
    while (clients != 1 && std::chrono::steady_clock::now() < deadline) {
        auto st = reader->ask({{"tipo", "estado"}}, "estado");
        ASSERT_TRUE(st);
        clients = (*st)["datos"]["clientes_conectados"];
    }
    EXPECT_EQ(clients, 1);
}

}  // namespace
}  // namespace lote::testing

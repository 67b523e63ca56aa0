#include "server/net/security.hpp"

#include <gtest/gtest.h>

#include "server/net/http_util.hpp"

namespace lote::server {
namespace {

http::request_header<> request(std::string target,
                               std::vector<std::pair<std::string, std::string>> fields) {
    http::request_header<> req;
    req.method(http::verb::get);
    req.target(target);
    for (auto& [k, v] : fields) req.set(k, v);
    return req;
}

TEST(Token, GeneratedTokensAreLongRandomHex) {
    auto a = generate_token();
    auto b = generate_token();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
}

TEST(Token, ConstantTimeEquals) {
    EXPECT_TRUE(constant_time_equals("abc", "abc"));
    EXPECT_FALSE(constant_time_equals("abc", "abd"));
    EXPECT_FALSE(constant_time_equals("abc", "abcd"));
    EXPECT_TRUE(constant_time_equals("", ""));
}

TEST(Token, ReadFromEveryPlace) {
    EXPECT_TRUE(token_accepted(request("/", {{"Authorization", "Bearer t1"}}), "t1"));
    EXPECT_TRUE(token_accepted(request("/", {{"X-Lote-Token", "t1"}}), "t1"));
    EXPECT_TRUE(token_accepted(request("/", {{"Cookie", "x=1; lote_token=t1"}}), "t1"));
    EXPECT_TRUE(token_accepted(request("/a?b=2&token=t1", {}), "t1"));
    EXPECT_FALSE(token_accepted(request("/", {}), "t1"));
    EXPECT_FALSE(token_accepted(request("/", {{"Authorization", "Basic t1"}}), "t1"));
    EXPECT_TRUE(token_accepted(request("/", {}), ""));
}

TEST(Origin, OwnAllowedOrNone) {
    OriginPolicy policy{{"http://ok.example"}};
    EXPECT_TRUE(origin_allowed(request("/", {}), policy));
    EXPECT_TRUE(origin_allowed(
        request("/", {{"Host", "127.0.0.1:9"}, {"Origin", "http://127.0.0.1:9"}}), policy));
    EXPECT_TRUE(
        origin_allowed(request("/", {{"Host", "h"}, {"Origin", "http://ok.example"}}), policy));
    EXPECT_FALSE(
        origin_allowed(request("/", {{"Host", "127.0.0.1:9"}, {"Origin", "http://evil"}}), policy));
    EXPECT_FALSE(origin_allowed(request("/", {{"Host", "h"}, {"Origin", "null"}}), policy));
    EXPECT_TRUE(origin_allowed(request("/", {{"Origin", "null"}}), OriginPolicy{{"null"}}));
}

TEST(Host, LoopbackNames) {
    EXPECT_TRUE(host_is_loopback_name("localhost:8765"));
    EXPECT_TRUE(host_is_loopback_name("127.0.0.1"));
    EXPECT_TRUE(host_is_loopback_name("[::1]:8765"));
    EXPECT_FALSE(host_is_loopback_name("evil.example:8765"));
    EXPECT_FALSE(host_is_loopback_name("127.0.0.1.evil.example"));
    EXPECT_FALSE(host_is_loopback_name(""));
}

// Fields are inserted, not set, so a test can send one twice.
http::request_header<> sent(http::verb method, std::string target,
                            std::vector<std::pair<std::string, std::string>> fields) {
    http::request_header<> req;
    req.method(method);
    req.target(target);
    req.version(11);
    for (auto& [k, v] : fields) req.insert(k, v);
    return req;
}

TEST(Token, BearerSchemeInAnyCase) {
    for (const char* value :
         {"Bearer t1", "bearer t1", "BEARER t1", "bEaReR   t1", "Bearer\tt1 "}) {
        EXPECT_TRUE(token_accepted(request("/", {{"Authorization", value}}), "t1")) << value;
    }
    for (const char* value : {"Bearert1", "Bearer", "Bearer ", "Bear t1", "Basic t1", "t1"}) {
        EXPECT_FALSE(token_accepted(request("/", {{"Authorization", value}}), "t1")) << value;
    }
}

TEST(Headers, TwoCopiesOfAHeaderTheRulesReadAreRefused) {
    EXPECT_FALSE(ambiguous_header(sent(http::verb::get, "/", {{"Host", "127.0.0.1:1"}})));
    auto two_hosts =
        ambiguous_header(sent(http::verb::get, "/", {{"Host", "127.0.0.1:1"}, {"Host", "evil"}}));
    ASSERT_TRUE(two_hosts);
    EXPECT_NE(two_hosts->find("Host"), std::string::npos);
    EXPECT_TRUE(ambiguous_header(sent(http::verb::get, "/", {})));  // HTTP/1.1 needs a Host
    for (const char* name :
         {"Origin", "Authorization", "X-Lote-Token", "Cookie", "Content-Type", "Sec-Fetch-Site"}) {
        auto why =
            ambiguous_header(sent(http::verb::get, "/", {{"Host", "h"}, {name, "a"}, {name, "b"}}));
        ASSERT_TRUE(why) << name;
        EXPECT_NE(why->find(name), std::string::npos) << *why;
    }
    // Headers that may repeat stay allowed.
    EXPECT_FALSE(ambiguous_header(
        sent(http::verb::get, "/", {{"Host", "h"}, {"Accept", "a"}, {"Accept", "b"}})));
}

TEST(CrossSite, ForeignOriginRefusedOnStateChangingAndApiRoutes) {
    OriginPolicy policy{{"http://ok.example"}};
    const std::string host = "127.0.0.1:8765";
    auto with = [&](http::verb m, const char* path, const char* origin) {
        return cross_site_refusal(sent(m, path, {{"Host", host}, {"Origin", origin}}), path,
                                  policy);
    };
    for (auto method :
         {http::verb::post, http::verb::put, http::verb::delete_, http::verb::patch}) {
        for (const char* path : {"/api/uploads", "/api/jobs/x/rerun", "/api/jobs/x", "/",
                                 "/api/preview", "/api/presets/x"}) {
            auto why = with(method, path, "http://evil.example");
            ASSERT_TRUE(why) << path;
            EXPECT_NE(why->find("http://evil.example"), std::string::npos);
            EXPECT_TRUE(with(method, path, "null")) << path;
            EXPECT_TRUE(with(method, path, "http://127.0.0.1:9999")) << "another port: " << path;
            EXPECT_FALSE(with(method, path, "http://127.0.0.1:8765")) << path;
            EXPECT_FALSE(with(method, path, "https://127.0.0.1:8765")) << path;
            EXPECT_FALSE(with(method, path, "http://ok.example")) << path;
        }
    }
    // Reads of the API (thumbnails, zips, outputs) are refused across sites too.
    for (const char* path : {"/api/thumbnail", "/api/jobs/x/zip", "/api/output", "/metrics"}) {
        EXPECT_TRUE(with(http::verb::get, path, "http://evil.example")) << path;
        EXPECT_TRUE(with(http::verb::head, path, "http://evil.example")) << path;
    }
    // The page itself may be opened from anywhere (a link on another site).
    EXPECT_FALSE(with(http::verb::get, "/", "http://evil.example"));
    EXPECT_FALSE(with(http::verb::get, "/js/main.js", "http://evil.example"));
    EXPECT_FALSE(with(http::verb::get, "/healthz", "http://evil.example"));
}

TEST(CrossSite, FetchMetadataWithoutOriginIsEnough) {
    OriginPolicy policy{{"http://ok.example"}};
    auto site = [&](http::verb m, const char* path, const char* value) {
        return cross_site_refusal(sent(m, path, {{"Host", "h:1"}, {"Sec-Fetch-Site", value}}), path,
                                  policy);
    };
    EXPECT_TRUE(site(http::verb::get, "/api/thumbnail", "cross-site"));  // an <img> elsewhere
    EXPECT_TRUE(site(http::verb::post, "/api/preview", "cross-site"));
    EXPECT_TRUE(site(http::verb::post, "/api/preview", "same-site"));  // another port, same host
    EXPECT_TRUE(site(http::verb::get, "/api/jobs/x/zip", "Cross-Site"));
    EXPECT_FALSE(site(http::verb::post, "/api/preview", "same-origin"));
    EXPECT_FALSE(site(http::verb::get, "/api/output", "none"));  // typed in the address bar
    EXPECT_FALSE(site(http::verb::get, "/", "cross-site"));
    // An allowed origin may come from another site.
    EXPECT_FALSE(cross_site_refusal(
        sent(http::verb::post, "/api/preview",
             {{"Host", "h:1"}, {"Origin", "http://ok.example"}, {"Sec-Fetch-Site", "cross-site"}}),
        "/api/preview", policy));
    // Clients without either header (curl, scripts) pass.
    EXPECT_FALSE(cross_site_refusal(sent(http::verb::post, "/api/jobs/x/rerun", {{"Host", "h:1"}}),
                                    "/api/jobs/x/rerun", policy));
    EXPECT_FALSE(
        cross_site_refusal(sent(http::verb::delete_, "/api/jobs/x", {}), "/api/jobs/x", policy));
}

TEST(CrossSite, JsonRoutesNeedTheJsonContentType) {
    auto typed = [](http::verb m, const char* type, bool body) {
        std::vector<std::pair<std::string, std::string>> fields{{"Host", "h"}};
        if (type) fields.emplace_back("Content-Type", type);
        return json_content_type_refusal(sent(m, "/api/preview", fields), body);
    };
    EXPECT_FALSE(typed(http::verb::post, "application/json", true));
    EXPECT_FALSE(typed(http::verb::post, "Application/JSON; charset=utf-8", true));
    EXPECT_FALSE(typed(http::verb::put, "application/json", true));
    EXPECT_FALSE(typed(http::verb::post, nullptr, false));  // curl -X POST without a body
    for (const char* type :
         {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x", "application/jsonx", ""}) {
        auto why = typed(http::verb::post, type, true);
        ASSERT_TRUE(why) << type;
        EXPECT_NE(why->find("application/json"), std::string::npos);
        EXPECT_TRUE(typed(http::verb::post, type, false)) << "empty body: " << type;
    }
    EXPECT_TRUE(typed(http::verb::post, nullptr, true));
    EXPECT_FALSE(typed(http::verb::get, "text/plain", true));
    EXPECT_FALSE(typed(http::verb::delete_, nullptr, false));
}

TEST(HttpUtil, QueryAndPercentDecoding) {
    auto q = parse_query("/x?a=1&b=h%C3%A9llo+w&c&bad=%zz");
    EXPECT_EQ(q["a"], "1");
    EXPECT_EQ(q["b"], "héllo w");
    EXPECT_EQ(q["c"], "");
    EXPECT_EQ(q.count("bad"), 0u);
    EXPECT_EQ(*target_path("/a%20b?x=1"), "/a b");
    EXPECT_FALSE(target_path("/a%2").has_value());
    EXPECT_EQ(mime_type("INDEX.HTML"), "text/html; charset=utf-8");
    EXPECT_EQ(mime_type("app.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(mime_type("noext"), "application/octet-stream");
}

}  // namespace
}  // namespace lote::server

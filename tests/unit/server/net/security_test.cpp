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

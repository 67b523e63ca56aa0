// Requests another site's page could make the user's browser send, as the real server sees them:
// refused with a reason on every state-changing or expensive route, and nothing changes; the
// page's own requests and clients without browser headers (curl) still work.
#include <gtest/gtest.h>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

std::string own_origin(std::uint16_t port) {
    return "http://127.0.0.1:" + std::to_string(port);
}

HttpResult send(std::uint16_t port, http::verb method, const std::string& target,
                std::map<std::string, std::string> headers, const std::string& body = {}) {
    return http_request("127.0.0.1", port, method, target, headers, body);
}

// Waits until the job store lists no queued or running job.
void wait_until_idle(std::uint16_t port) {
    for (int i = 0; i < 400; ++i) {
        bool busy = false;
        json job_list = http_get(port, "/api/jobs").body_json()["jobs"];
        for (const auto& job : job_list) {
            if (job["state"] == "queued" || job["state"] == "running") busy = true;
        }
        if (!busy) return;
        std::this_thread::sleep_for(25ms);
    }
}

TEST(ServerCrossSite, ForeignPagesCannotChangeOrCostAnything) {
    Served s(2);
    std::string image = http_get(s.port(), "/api/images").body_json()["images"][0]["name"];
    std::string job = [&] {
        auto c = connect_client(s.port());
        auto accepted = c->ask({{"tipo", "procesar"}, {"modo", "threads"}}, "aceptado");
        c->wait_for("finalizado", 60s);
        return accepted ? (*accepted)["trabajo"].get<std::string>() : std::string();
    }();
    ASSERT_FALSE(job.empty());
    wait_until_idle(s.port());
    const std::string preview = json{{"image", image}, {"filters", {"grises"}}}.dump();
    const std::string upload =
        "--b\r\nContent-Disposition: form-data; name=\"files\"; "
        "filename=\"x.png\"\r\n\r\n\x89PNG\r\n\x1a\nzz\r\n--b--\r\n";
    struct Attempt {
        http::verb method;
        std::string target;
        std::string type;
        std::string body;
    };
    std::vector<Attempt> attempts = {
        {http::verb::post, "/api/jobs/" + job + "/rerun", "", ""},
        {http::verb::post, "/api/jobs/" + job + "/rerun", "text/plain", ""},
        {http::verb::delete_, "/api/jobs/" + job + "?outputs=true", "", ""},
        {http::verb::post, "/api/preview", "text/plain", preview},
        {http::verb::post, "/api/preview", "application/json", preview},
        {http::verb::post, "/api/uploads", "multipart/form-data; boundary=b", upload},
        {http::verb::get, "/api/thumbnail?source=input&path=" + image, "", ""},
        {http::verb::get, "/api/jobs/" + job + "/zip", "", ""},
        {http::verb::get, "/api/jobs", "", ""},
    };
    std::vector<std::map<std::string, std::string>> foreign = {
        {{"Origin", "http://evil.example"}},
        {{"Origin", "null"}},
        {{"Origin", "http://127.0.0.1:1"}, {"Sec-Fetch-Site", "same-site"}},
        {{"Sec-Fetch-Site", "cross-site"}},
    };
    for (const auto& a : attempts) {
        for (auto headers : foreign) {
            if (!a.type.empty()) headers["Content-Type"] = a.type;
            auto r = send(s.port(), a.method, a.target, headers, a.body);
            EXPECT_EQ(r.status, 403) << a.target << " " << headers.begin()->second;
            EXPECT_NE(r.body_json().value("error", "").find("cross-site"), std::string::npos)
                << r.body;
        }
    }
    // Nothing happened: one job, its outputs in place, no upload, no thumbnail made.
    auto jobs = http_get(s.port(), "/api/jobs").body_json();
    EXPECT_EQ(jobs["total"], 1);
    json row_list = http_get(s.port(), "/api/jobs/" + job).body_json()["images"];
    for (const auto& row : row_list)
        EXPECT_TRUE(fs::exists(s.dir / "out" / row["output"].get<std::string>())) << row;
    EXPECT_FALSE(fs::exists(s.dir / "in/x.png"));
    EXPECT_FALSE(fs::exists(s.dir / "out/.lote-cache/thumbs"));

    // The page's own requests work: same origin, or no browser headers at all (curl).
    std::map<std::string, std::string> own = {{"Origin", own_origin(s.port())},
                                              {"Sec-Fetch-Site", "same-origin"},
                                              {"Content-Type", "application/json"}};
    EXPECT_EQ(send(s.port(), http::verb::post, "/api/preview", own, preview).status, 200);
    EXPECT_EQ(send(s.port(), http::verb::post, "/api/preview",
                   {{"Content-Type", "application/json"}}, preview)
                  .status,
              200);
    EXPECT_EQ(send(s.port(), http::verb::post, "/api/jobs/" + job + "/rerun", {}).status, 202);
    wait_until_idle(s.port());
    EXPECT_EQ(http_get(s.port(), "/api/jobs").body_json()["total"], 2);
    // The page can be opened from a link anywhere.
    EXPECT_EQ(http_get(s.port(), "/", {{"Sec-Fetch-Site", "cross-site"}}).status, 200);
}

TEST(ServerCrossSite, JsonRoutesRefuseOtherBodies) {
    Served s(1);
    std::string image = http_get(s.port(), "/api/images").body_json()["images"][0]["name"];
    const std::string body = json{{"image", image}, {"filters", {"grises"}}}.dump();
    for (const char* type :
         {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded"}) {
        auto r = send(s.port(), http::verb::post, "/api/preview", {{"Content-Type", type}}, body);
        EXPECT_EQ(r.status, 415) << type;
        EXPECT_NE(r.body_json().value("error", "").find("application/json"), std::string::npos);
    }
    auto untyped = send(s.port(), http::verb::post, "/api/preview", {}, body);
    EXPECT_EQ(untyped.status, 415);
    auto typed = send(s.port(), http::verb::post, "/api/preview",
                      {{"Content-Type", "application/json; charset=utf-8"}}, body);
    EXPECT_EQ(typed.status, 200) << typed.body;
}

TEST(ServerCrossSite, AnAllowedOriginMayCallTheApi) {
    Served s(1, {"--allow-origin", "http://studio.example"});
    auto r = send(s.port(), http::verb::get, "/api/jobs",
                  {{"Origin", "http://studio.example"}, {"Sec-Fetch-Site", "cross-site"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(
        send(s.port(), http::verb::get, "/api/jobs", {{"Origin", "http://other.example"}}).status,
        403);
}

}  // namespace
}  // namespace lote::testing

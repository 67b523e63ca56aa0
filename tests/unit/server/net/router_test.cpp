#include "server/net/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "server/routes.hpp"

namespace lote::server {
namespace {

HttpReply dummy(RequestContext& ctx) {
    return ctx.json(http::status::ok, {});
}

TEST(Router, MatchesMethodPathAndCaptures) {
    Router r;
    r.get("/api/jobs", dummy);
    r.get("/api/jobs/{id}", dummy);
    r.add({http::verb::post, "/api/jobs/{id}/rerun", dummy, 0});
    r.get("/*", dummy);
    std::map<std::string, std::string> caps;
    const Route* jobs = r.match(http::verb::get, "/api/jobs", caps);
    ASSERT_NE(jobs, nullptr);
    EXPECT_EQ(jobs->pattern, "/api/jobs");
    const Route* one = r.match(http::verb::get, "/api/jobs/abc", caps);
    ASSERT_NE(one, nullptr);
    EXPECT_EQ(caps["id"], "abc");
    const Route* rerun = r.match(http::verb::post, "/api/jobs/x1/rerun", caps);
    ASSERT_NE(rerun, nullptr);
    EXPECT_EQ(caps["id"], "x1");
    const Route* file = r.match(http::verb::get, "/css/app.css", caps);
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(caps["*"], "css/app.css");
    EXPECT_EQ(r.match(http::verb::delete_, "/api/jobs/abc", caps), nullptr);
    EXPECT_TRUE(r.path_known("/api/jobs/abc"));
}

TEST(Router, EmptyCaptureDoesNotMatch) {
    Router r;
    r.get("/api/jobs/{id}", dummy);
    std::map<std::string, std::string> caps;
    EXPECT_EQ(r.match(http::verb::get, "/api/jobs/", caps), nullptr);
    EXPECT_EQ(r.match(http::verb::get, "/api/jobs/a/b", caps), nullptr);
}

TEST(Router, RefusesASecondRouteForTheSameMethodAndPattern) {
    Router r;
    r.get("/api/images", dummy);
    EXPECT_THROW(r.get("/api/images", dummy), std::logic_error);
    r.get("/api/jobs/{id}", dummy);
    // The capture's name does not make it another route: both would match the same paths.
    EXPECT_THROW(r.get("/api/jobs/{job}", dummy), std::logic_error);
    EXPECT_THROW(r.add({http::verb::get, "/api/jobs/{x}", dummy, 1024}), std::logic_error);
    EXPECT_EQ(r.routes().size(), 2u);
    std::map<std::string, std::string> caps;
    EXPECT_EQ(r.match(http::verb::get, "/api/jobs/a", caps)->pattern, "/api/jobs/{id}");
}

TEST(Router, AcceptsTheSamePatternUnderAnotherMethodOrShape) {
    Router r;
    r.get("/api/jobs/{id}", dummy);
    EXPECT_NO_THROW(r.add({http::verb::delete_, "/api/jobs/{id}", dummy}));
    EXPECT_NO_THROW(r.get("/api/jobs/{id}/zip", dummy));
    EXPECT_NO_THROW(r.get("/api/jobs/latest", dummy));  // a literal is not a capture
    EXPECT_NO_THROW(r.get("/api/jobs", dummy));
    EXPECT_EQ(r.routes().size(), 5u);
}

// The server's own table: installed without a duplicate, each API path answered by one route.
TEST(AllRoutes, InstallEveryFamilyOnceWithThePageLast) {
    Router r;
    ASSERT_NO_THROW(add_all_routes(r));
    std::map<std::pair<http::verb, std::string>, int> seen;
    for (const auto& route : r.routes()) ++seen[{route.method, route.pattern}];
    for (const auto& [key, count] : seen) EXPECT_EQ(count, 1) << key.second;
    for (const char* path :
         {"/healthz", "/api/filters", "/api/images", "/api/folders", "/api/thumbnail", "/api/jobs",
          "/api/jobs/x", "/api/jobs/x/zip", "/api/output", "/metrics"}) {
        std::map<std::string, std::string> caps;
        const Route* route = r.match(http::verb::get, path, caps);
        ASSERT_NE(route, nullptr) << path;
        EXPECT_NE(route->pattern, "/*") << path << " fell through to the page";
    }
    EXPECT_EQ(seen.count({http::verb::get, "/api/images"}), 1u);
    EXPECT_EQ(r.routes().back().pattern, "/*");
}

}  // namespace
}  // namespace lote::server

#include "server/net/router.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace lote::server

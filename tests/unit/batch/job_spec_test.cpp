// A job's JSON form keeps the executor by its protocol name and refuses one it does not know.
#include <gtest/gtest.h>

#include "batch/job.hpp"

namespace lote {
namespace {

TEST(JobSpecJson, KeepsTheExecutorByItsProtocolName) {
    JobSpec spec;
    spec.input = "in";
    spec.output = "out";
    spec.executor = ExecutorKind::threads;
    nlohmann::json j = job_spec_to_json(spec);
    EXPECT_EQ(j["executor"], "threads");
    auto back = job_spec_from_json(j);
    ASSERT_TRUE(back) << back.message();
    EXPECT_EQ(back->executor, ExecutorKind::threads);

    j["executor"] = "processes";  // the English alias reads as the same kind
    EXPECT_EQ(job_spec_from_json(j)->executor, ExecutorKind::processes);
    j.erase("executor");
    EXPECT_EQ(job_spec_from_json(j)->executor, ExecutorKind::processes);
}

TEST(JobSpecJson, RefusesAnUnknownExecutor) {
    nlohmann::json j = {{"input", "in"}, {"output", "out"}, {"executor", "carrier-pigeon"}};
    auto parsed = job_spec_from_json(j);
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.message().find("carrier-pigeon"), std::string::npos) << parsed.message();
    EXPECT_NE(parsed.message().find("procesos"), std::string::npos) << parsed.message();
}

}  // namespace
}  // namespace lote

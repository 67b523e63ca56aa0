// `lote compare`: both executors on the same batch, side by side.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

TEST(CliCompare, ShowsBothModesAndAWinner) {
    TempDir dir;
    for (int i = 0; i < 3; ++i) {
        write_image(dir.path() / "in" / ("i" + std::to_string(i) + ".png"), i);
    }
    Finished done = run_lote(
        {"compare", (dir.path() / "in").string(), "-f", "blur:radio=2", "--runs", "1"}, dir.path());
    ASSERT_EQ(done.status, 0) << done.err;
    EXPECT_NE(done.out.find("threads"), std::string::npos);
    EXPECT_NE(done.out.find("procesos"), std::string::npos);
    EXPECT_NE(done.out.find("winner:"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir.path() / "in" / "blur"));  // outputs went to temporary folders
}

TEST(CliCompare, BadFilterExits2) {
    TempDir dir;
    fs::create_directories(dir.path() / "in");
    Finished done = run_lote({"compare", (dir.path() / "in").string(), "-f", "nope"}, dir.path());
    EXPECT_EQ(done.status, 2);
    EXPECT_NE(done.err.find("nope"), std::string::npos);
}

}  // namespace
}  // namespace lote::cli_testing

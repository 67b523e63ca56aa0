// Re-running `lote run`: what is up to date is skipped (and said), what changed is redone.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

nlohmann::json summary_of(const Finished& done) {
    auto at = done.out.rfind("{\"event\":\"finished\"");
    if (at == std::string::npos) {
        ADD_FAILURE() << "no finished event in: " << done.out << done.err;
        return {};
    }
    return nlohmann::json::parse(done.out.substr(at))["summary"];
}

class CliIncremental : public ::testing::Test {
  protected:
    void SetUp() override {
        for (int i = 0; i < 3; ++i) {
            write_image(in() / ("img" + std::to_string(i) + ".png"), i * 30);
        }
    }
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }
    Finished run(std::vector<std::string> args) {
        args.insert(args.begin(),
                    {"run", in().string(), "-o", out().string(), "--mode", "threads"});
        return run_lote(args, dir_.path());
    }
    TempDir dir_;
};

TEST_F(CliIncremental, ASecondRunSkipsEverythingAndSaysSo) {
    ASSERT_EQ(run({"-f", "grises", "-f", "sepia"}).status, 0);
    Finished again = run({"-f", "grises", "-f", "sepia"});
    EXPECT_EQ(again.status, 0);
    EXPECT_NE(again.out.find("skipped: 3 images already up to date"), std::string::npos)
        << again.out;
    auto summary = summary_of(run({"-f", "grises", "-f", "sepia", "--json"}));
    EXPECT_EQ(summary["skipped"], 3);
    EXPECT_EQ(summary["processed"], 0);
}

TEST_F(CliIncremental, AChangedParameterRedoesOnlyThatFilter) {
    ASSERT_EQ(run({"-f", "grises", "-f", "blur:radio=1"}).status, 0);
    auto summary = summary_of(run({"-f", "grises", "-f", "blur:radio=2", "--json"}));
    EXPECT_EQ(summary["filters"][0]["skipped"], 3);
    EXPECT_EQ(summary["filters"][0]["succeeded"], 0);
    EXPECT_EQ(summary["filters"][1]["succeeded"], 3);
}

TEST_F(CliIncremental, AChangedInputRedoesOnlyThatImage) {
    ASSERT_EQ(run({"-f", "grises"}).status, 0);
    write_image(in() / "img1.png", 99);
    auto summary = summary_of(run({"-f", "grises", "--json"}));
    EXPECT_EQ(summary["processed"], 1);
    EXPECT_EQ(summary["skipped"], 2);
}

TEST_F(CliIncremental, AMissingOutputIsRedoneAndForceRedoesAll) {
    ASSERT_EQ(run({"-f", "grises"}).status, 0);
    fs::remove(out() / "grises" / "img2_grises.png");
    EXPECT_EQ(summary_of(run({"-f", "grises", "--json"}))["processed"], 1);
    EXPECT_TRUE(fs::exists(out() / "grises" / "img2_grises.png"));
    EXPECT_EQ(summary_of(run({"-f", "grises", "--json", "--force"}))["processed"], 3);
}

}  // namespace
}  // namespace lote::cli_testing

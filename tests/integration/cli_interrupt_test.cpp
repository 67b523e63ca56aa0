// Interrupting `lote run` (Ctrl-C, kill -9) and running it again.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

constexpr int kImages = 40;

class CliInterrupt : public ::testing::Test {
  protected:
    void SetUp() override {
        for (int i = 0; i < kImages; ++i) {
            write_image(in() / ("img" + std::to_string(100 + i) + ".png"), i, 240, 180);
        }
    }
    fs::path in() const { return dir_.path() / "in"; }
    // Images are handed out biggest file first (ties in name order), so this one goes last.
    std::string image_handed_out_last() const {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(in())) {
            files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
            const auto sa = fs::file_size(a), sb = fs::file_size(b);
            return sa != sb ? sa > sb : a.filename() < b.filename();
        });
        return files.back().stem().string();
    }
    fs::path out() const { return dir_.path() / "out"; }
    std::vector<std::string> args() const {
        return {"run",           in().string(), "-o", out().string(), "-f",
                "blur:radio=12", "--workers",   "1",  "--mode",       "procesos"};
    }
    // Starts a batch and returns once `outputs` outputs exist (bounded wait).
    std::unique_ptr<Lote> start_and_wait_for(std::size_t outputs,
                                             const std::vector<std::string>& env = {}) {
        auto lote = std::make_unique<Lote>(args(), dir_.path(), env);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (count_outputs(out() / "blur") < outputs &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return lote;
    }
    void expect_rerun_finishes() {
        Finished rerun = run_lote(args(), dir_.path());
        EXPECT_EQ(rerun.status, 0) << rerun.err;
        EXPECT_EQ(count_outputs(out() / "blur"), std::size_t{kImages});
        EXPECT_EQ(count_temporaries(out()), 0u);
    }
    TempDir dir_;
};

TEST_F(CliInterrupt, CtrlCStopsCleanlyAndTheNextRunFinishes) {
    // The worker hangs on the last image, so the batch cannot be over when Ctrl-C arrives;
    // cancelling must still end that worker and exit.
    auto lote =
        start_and_wait_for(kImages - 1, {"LOTE_TEST_FAULT=hang:" + image_handed_out_last()});
    lote->signal(SIGINT);
    Finished stopped = lote->wait();
    EXPECT_EQ(stopped.status, 130) << stopped.err;
    std::size_t done = count_outputs(out() / "blur");
    EXPECT_EQ(done, std::size_t{kImages - 1});
    EXPECT_EQ(count_temporaries(out()), 0u);
    EXPECT_NE(stopped.out.find("cancelled"), std::string::npos);
    Finished rerun = run_lote(
        [&] {
            auto a = args();
            a.push_back("--json");
            return a;
        }(),
        dir_.path());
    ASSERT_EQ(rerun.status, 0) << rerun.err;
    auto summary =
        nlohmann::json::parse(rerun.out.substr(rerun.out.rfind("{\"event\"")))["summary"];
    EXPECT_EQ(summary["skipped"].get<std::size_t>(), done);
    EXPECT_EQ(summary["processed"].get<std::size_t>(), kImages - done);
    EXPECT_EQ(count_outputs(out() / "blur"), std::size_t{kImages});
}

TEST_F(CliInterrupt, KillNineThenRerunFinishes) {
    auto lote = start_and_wait_for(1);
    lote->signal(SIGKILL);
    EXPECT_EQ(lote->wait().status, 128 + SIGKILL);
    expect_rerun_finishes();
}

}  // namespace
}  // namespace lote::cli_testing

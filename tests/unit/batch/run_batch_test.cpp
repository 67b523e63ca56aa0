// run_batch end to end in this process (thread executor, real pipeline, tiny images).
#include "batch/run_batch.hpp"

#include <gtest/gtest.h>

#include <map>
#include <vips/vips8>

#include "batch/manifest.hpp"
#include "batch_test_support.hpp"

namespace lote {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

void write_test_image(const fs::path& path, double seed) {
    fs::create_directories(path.parent_path());
    vips::VImage image =
        vips::VImage::black(24, 16, vips::VImage::option()->set("bands", 3)) + seed;
    image.cast(VIPS_FORMAT_UCHAR).write_to_file(path.string().c_str());
}

Chain filter(const std::string& text) {
    auto step = parse_step(text);
    EXPECT_TRUE(step.ok()) << text;
    return single_filter_chain(std::move(*step));
}

class RunBatchTest : public ::testing::Test {
  protected:
    void SetUp() override {
        write_test_image(in_.path() / "a.png", 10);
        write_test_image(in_.path() / "b.jpg", 200);
        testing::write_file(in_.path() / "readme.txt", "not an image");
        spec_.input = in_.path();
        spec_.output = out_.path() / "out";
        spec_.chains = {filter("grises"), filter("blur:radio=1")};
        spec_.executor = ExecutorKind::threads;
        spec_.workers = 2;
    }

    BatchSummary run() {
        events_.clear();
        auto summary = run_batch(spec_, [this](const ProgressEvent& e) { events_.push_back(e); });
        EXPECT_TRUE(summary.ok()) << (summary.ok() ? "" : summary.message());
        return summary.ok() ? *summary : BatchSummary{};
    }

    TempDir in_;
    TempDir out_;
    JobSpec spec_;
    std::vector<ProgressEvent> events_;
};

TEST_F(RunBatchTest, WritesEveryOutputAndReportsInOrder) {
    BatchSummary summary = run();
    EXPECT_EQ(summary.images, 2u);
    EXPECT_EQ(summary.processed, 2u);
    EXPECT_EQ(summary.failed_images, 0u);
    EXPECT_EQ(summary.ignored_files, 1u);
    EXPECT_EQ(summary.executor, ExecutorKind::threads);
    ASSERT_EQ(summary.filters.size(), 2u);
    EXPECT_EQ(summary.filters[1].filter, "blur");
    EXPECT_EQ(summary.filters[1].succeeded, 2u);
    EXPECT_TRUE(fs::exists(spec_.output / "grises" / "a_grises.png"));
    EXPECT_TRUE(fs::exists(spec_.output / "blur" / "b_blur.jpg"));
    EXPECT_TRUE(fs::exists(spec_.output / kManifestFileName));
    ASSERT_GE(events_.size(), 2u);
    EXPECT_EQ(events_.front().kind, EventKind::Started);
    EXPECT_EQ(events_.back().kind, EventKind::Finished);
}

TEST_F(RunBatchTest, SecondRunSkipsAndAChangedParameterRedoesOnlyThatFilter) {
    (void)run();
    auto first_grey = fs::last_write_time(spec_.output / "grises" / "a_grises.png");
    BatchSummary again = run();
    EXPECT_EQ(again.skipped, 2u);
    EXPECT_EQ(again.processed, 0u);
    EXPECT_EQ(again.filters[0].skipped, 2u);
    spec_.chains[1] = filter("blur:radio=2");
    BatchSummary changed = run();
    EXPECT_EQ(changed.processed, 2u);
    EXPECT_EQ(changed.filters[0].skipped, 2u);
    EXPECT_EQ(changed.filters[0].succeeded, 0u);
    EXPECT_EQ(changed.filters[1].succeeded, 2u);
    EXPECT_EQ(fs::last_write_time(spec_.output / "grises" / "a_grises.png"), first_grey);
    spec_.force = true;
    EXPECT_EQ(run().filters[0].succeeded, 2u);
}

TEST_F(RunBatchTest, UpToDateOutputsAreStillReportedAsTheBatchsResults) {
    (void)run();
    spec_.chains[1] = filter("blur:radio=2");
    std::vector<std::pair<std::string, OutputResult>> seen;
    auto summary =
        run_batch(spec_, {}, CancelToken{}, [&](const std::string& image, const ImageResult& r) {
            for (const auto& o : r.outputs) seen.emplace_back(image, o);
        });
    ASSERT_TRUE(summary.ok());
    std::map<std::string, int> current;  // chain -> up-to-date outputs reported
    std::map<std::string, int> made;
    for (const auto& [image, o] : seen) {
        EXPECT_TRUE(o.ok) << image << " " << o.chain;
        EXPECT_TRUE(fs::exists(o.path)) << o.path;
        (o.up_to_date ? current : made)[o.chain]++;
    }
    EXPECT_EQ(current["grises"], 2);  // left as they were, still this batch's outputs
    EXPECT_EQ(current["blur"], 0);
    EXPECT_EQ(made["blur"], 2);
    EXPECT_EQ(made["grises"], 0);
}

TEST_F(RunBatchTest, ACorruptImageFailsAloneAndIsRetriedNextTime) {
    testing::write_file(in_.path() / "c.jpg", testing::jpeg_magic() + "garbage, not a real JPEG");
    BatchSummary summary = run();
    EXPECT_EQ(summary.processed, 3u);
    EXPECT_EQ(summary.failed_images, 1u);
    ASSERT_EQ(summary.failures.size(), 2u);  // both filters
    EXPECT_EQ(summary.failures[0].image, "c.jpg");
    EXPECT_FALSE(summary.failures[0].message.empty());
    BatchSummary again = run();
    EXPECT_EQ(again.processed, 1u);
    EXPECT_EQ(again.skipped, 2u);
    EXPECT_EQ(again.failed_images, 1u);
}

TEST_F(RunBatchTest, WorksOnTheInputsItIsHandedWithoutScanningAgain) {
    auto scan = scan_inputs(spec_.input, batch_scan_options(spec_));
    ASSERT_TRUE(scan);
    ASSERT_EQ(scan->images.size(), 2u);
    scan->images.erase(scan->images.begin());    // keep b.jpg only
    write_test_image(in_.path() / "c.png", 90);  // arrived after the scan: not part of this job
    auto summary = run_batch(spec_, {}, {}, {}, &*scan);
    ASSERT_TRUE(summary) << summary.message();
    EXPECT_EQ(summary->images, 1u);
    EXPECT_EQ(summary->processed, 1u);
    EXPECT_EQ(summary->ignored_files, 1u);  // the scan's count of files that are no images
    EXPECT_TRUE(fs::exists(spec_.output / "grises" / "b_grises.jpg"));
    EXPECT_FALSE(fs::exists(spec_.output / "grises" / "a_grises.png"));
    EXPECT_FALSE(fs::exists(spec_.output / "grises" / "c_grises.png"));
}

TEST_F(RunBatchTest, TheScanNeverEntersTheOutputOrAChainFolder) {
    spec_.output = spec_.input;  // outputs written next to the inputs
    auto options = batch_scan_options(spec_);
    ASSERT_EQ(options.skip_dirs.size(), 2u);  // grises/ and blur/, the root itself not skipped
    EXPECT_EQ(options.skip_dirs[0], spec_.input / "grises");
    spec_.output = in_.path() / "results";
    options = batch_scan_options(spec_);
    EXPECT_EQ(options.skip_dirs.front(), spec_.output);
}

TEST_F(RunBatchTest, RefusesBadJobsBeforeAnyWork) {
    JobSpec bad = spec_;
    bad.chains.clear();
    EXPECT_FALSE(run_batch(bad, {}).ok());
    bad = spec_;
    bad.input = in_.path() / "missing";
    EXPECT_FALSE(run_batch(bad, {}).ok());
    bad = spec_;
    bad.chains = {filter("grises"), filter("grises")};
    EXPECT_FALSE(run_batch(bad, {}).ok());
    bad = spec_;
    bad.chains[0].name = "../escape";
    EXPECT_FALSE(run_batch(bad, {}).ok());
    EXPECT_FALSE(fs::exists(spec_.output));
}

TEST_F(RunBatchTest, OutputInsideTheInputIsNotReadBack) {
    spec_.output = in_.path() / "out";
    spec_.recursive = true;
    write_test_image(in_.path() / "sub" / "c.png", 90);
    BatchSummary first = run();
    EXPECT_EQ(first.images, 3u);
    BatchSummary second = run();
    EXPECT_EQ(second.images, 3u);
    EXPECT_EQ(second.skipped, 3u);
    EXPECT_TRUE(fs::exists(spec_.output / "grises" / "sub" / "c_grises.png"));
}

TEST_F(RunBatchTest, ACancelledBatchStartsNothing) {
    CancelToken cancel;
    cancel.cancel();
    auto summary = run_batch(spec_, {}, cancel);
    ASSERT_TRUE(summary.ok());
    EXPECT_TRUE(summary->cancelled);
    EXPECT_EQ(summary->processed, 0u);
    EXPECT_EQ(run().processed, 2u);  // the next run does the work
}

}  // namespace
}  // namespace lote

#include "batch/progress_aggregator.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

namespace lote {
namespace {

AggregatorSetup setup_for(std::uint64_t total) {
    AggregatorSetup setup;
    setup.filters = {"grises", "blur"};
    setup.skipped_outputs = {1, 0};
    setup.images_found = total + 1;
    setup.skipped_images = 1;
    setup.total = total;
    setup.machine_cores = 2;
    setup.workers = 2;
    setup.executor = ExecutorKind::threads;
    return setup;
}

std::vector<OutputResult> outputs(bool blur_ok = true) {
    return {{.chain = "grises", .path = "/o/g.jpg", .ok = true, .seconds = 0.5, .bytes = 10},
            {.chain = "blur",
             .ok = blur_ok,
             .message = blur_ok ? "" : "corrupt",
             .seconds = 0.25,
             .kind = ErrorKind::corrupt}};
}

struct Recorder {
    std::vector<ProgressEvent> events;
    std::mutex mutex;
    EventSink sink() {
        return [this](const ProgressEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
        };
    }
    std::vector<ProgressEvent> of(EventKind kind) const {
        std::vector<ProgressEvent> found;
        for (const auto& e : events) {
            if (e.kind == kind) {
                found.push_back(e);
            }
        }
        return found;
    }
};

TEST(ProgressAggregator, CountsPerFilterAndKeepsEveryFailure) {
    Recorder recorder;
    ProgressAggregator aggregator(setup_for(3), recorder.sink());
    aggregator.start();
    aggregator.image_done("a.jpg", outputs());
    aggregator.image_done("b.jpg", outputs(false));
    aggregator.image_done("c.jpg", outputs());
    BatchSummary summary = aggregator.finish(false);
    ASSERT_EQ(summary.filters.size(), 2u);
    EXPECT_EQ(summary.filters[0].filter, "grises");
    EXPECT_EQ(summary.filters[0].succeeded, 3u);
    EXPECT_EQ(summary.filters[0].skipped, 1u);
    EXPECT_DOUBLE_EQ(summary.filters[0].total_seconds, 1.5);
    EXPECT_EQ(summary.filters[1].succeeded, 2u);
    EXPECT_EQ(summary.filters[1].failed, 1u);
    EXPECT_EQ(summary.filters[1].cores, 2u);
    EXPECT_EQ(summary.processed, 3u);
    EXPECT_EQ(summary.failed_images, 1u);
    EXPECT_EQ(summary.skipped, 1u);
    EXPECT_EQ(summary.images, 4u);
    ASSERT_EQ(summary.failures.size(), 1u);
    EXPECT_EQ(summary.failures[0].image, "b.jpg");
    EXPECT_EQ(summary.failures[0].filter, "blur");
    EXPECT_EQ(summary.failures[0].message, "corrupt");
    EXPECT_FALSE(summary.cancelled);
    auto done = recorder.of(EventKind::ImageDone);
    ASSERT_EQ(done.size(), 3u);
    EXPECT_EQ(done[1].state, ImageState::failed);
    EXPECT_NE(done[1].message.find("blur: corrupt"), std::string::npos);
    EXPECT_EQ(done[0].state, ImageState::done);
    EXPECT_EQ(done[2].failed, 1u);
}

TEST(ProgressAggregator, StartedFirstFinishedLastAndImageStartedIsProcesando) {
    Recorder recorder;
    ProgressAggregator aggregator(setup_for(1), recorder.sink());
    aggregator.start();
    aggregator.image_started("a.jpg");
    aggregator.image_done("a.jpg", outputs());
    (void)aggregator.finish(false);
    ASSERT_EQ(recorder.events.size(), 4u);
    EXPECT_EQ(recorder.events.front().kind, EventKind::Started);
    EXPECT_EQ(recorder.events.front().total, 1u);
    EXPECT_EQ(recorder.events.front().skipped, 1u);
    EXPECT_EQ(recorder.events[1].kind, EventKind::ImageStarted);
    EXPECT_EQ(recorder.events[1].state, ImageState::processing);
    EXPECT_EQ(recorder.events[1].image, "a.jpg");
    EXPECT_EQ(recorder.events.back().kind, EventKind::Finished);
    EXPECT_EQ(recorder.events.back().cores, 2u);
}

TEST(ProgressAggregator, PercentHasTwoDecimalsAndStaysBelow100UntilTheEnd) {
    EXPECT_DOUBLE_EQ(ProgressAggregator::percent_of(1, 3), 33.33);
    EXPECT_DOUBLE_EQ(ProgressAggregator::percent_of(2, 3), 66.67);
    EXPECT_DOUBLE_EQ(ProgressAggregator::percent_of(19999, 20000), 99.99);
    EXPECT_DOUBLE_EQ(ProgressAggregator::percent_of(3, 3), 100.0);
    EXPECT_DOUBLE_EQ(ProgressAggregator::percent_of(0, 0), 100.0);
}

TEST(ProgressAggregator, ExtraResultsNeverPushCountsPastTheTotal) {
    Recorder recorder;
    ProgressAggregator aggregator(setup_for(1), recorder.sink());
    aggregator.image_done("a.jpg", outputs());
    aggregator.image_done("a.jpg", outputs());
    EXPECT_EQ(recorder.of(EventKind::ImageDone).size(), 1u);
    EXPECT_EQ(aggregator.finish(false).processed, 1u);
}

TEST(ProgressAggregator, NothingToDoFinishesAt100) {
    Recorder recorder;
    ProgressAggregator aggregator(setup_for(0), recorder.sink());
    aggregator.start();
    (void)aggregator.finish(false);
    ASSERT_EQ(recorder.events.size(), 2u);
    EXPECT_DOUBLE_EQ(recorder.events.back().percent, 100.0);
}

TEST(ProgressAggregator, CancelledBatchSaysSo) {
    Recorder recorder;
    ProgressAggregator aggregator(setup_for(4), recorder.sink());
    aggregator.start();
    aggregator.image_done("a.jpg", outputs());
    BatchSummary summary = aggregator.finish(true);
    EXPECT_TRUE(summary.cancelled);
    EXPECT_EQ(summary.processed, 1u);
    EXPECT_LT(recorder.events.back().percent, 100.0);
    EXPECT_EQ(recorder.events.back().state, ImageState::cancelled);
}

TEST(ProgressAggregator, AnImageACancelStoppedIsCancelledNeitherDoneNorFailed) {
    Recorder recorder;
    ProgressAggregator aggregator(setup_for(3), recorder.sink());
    aggregator.start();
    aggregator.image_done("a.jpg", outputs());
    std::vector<OutputResult> stopped = outputs(false);
    stopped[0].ok = false;
    for (auto& o : stopped) {
        o.message = "cancelled while processing b.jpg";
        o.cancelled = true;
    }
    aggregator.image_done("b.jpg", stopped);
    // One output really failed, the other was stopped: the image is a failure.
    std::vector<OutputResult> mixed = outputs(false);
    mixed[0].ok = false;
    mixed[0].cancelled = true;
    aggregator.image_done("c.jpg", mixed);
    BatchSummary summary = aggregator.finish(true);
    EXPECT_EQ(summary.cancelled_images, 1u);
    EXPECT_EQ(summary.failed_images, 1u);
    EXPECT_EQ(summary.processed, 2u);
    EXPECT_EQ(summary.filters[0].cancelled, 2u);
    EXPECT_EQ(summary.filters[1].cancelled, 1u);
    EXPECT_EQ(summary.filters[1].failed, 1u);
    ASSERT_EQ(summary.failures.size(), 1u);
    EXPECT_EQ(summary.failures[0].image, "c.jpg");
    auto done = recorder.of(EventKind::ImageDone);
    ASSERT_EQ(done.size(), 3u);
    EXPECT_EQ(done[1].image, "b.jpg");
    EXPECT_EQ(done[1].state, ImageState::cancelled);
    EXPECT_EQ(done[1].processed, 1u);
    EXPECT_EQ(done[2].state, ImageState::failed);
}

TEST(ProgressAggregator, ManyThreadsGiveExactMonotonicCountsAnd100Once) {
    constexpr int kThreads = 16;
    constexpr int kPerThread = 250;
    Recorder recorder;
    ProgressAggregator aggregator(setup_for(kThreads * kPerThread), recorder.sink());
    aggregator.start();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                std::string name = std::to_string(t) + "-" + std::to_string(i);
                aggregator.image_started(name);
                aggregator.image_done(name, outputs(i % 10 != 0));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    BatchSummary summary = aggregator.finish(false);
    EXPECT_EQ(summary.processed, std::uint64_t{kThreads * kPerThread});
    EXPECT_EQ(summary.filters[0].succeeded, std::uint64_t{kThreads * kPerThread});
    EXPECT_EQ(summary.filters[1].failed, std::uint64_t{kThreads * kPerThread / 10});
    EXPECT_EQ(summary.failures.size(), std::size_t{kThreads * kPerThread / 10});
    auto done = recorder.of(EventKind::ImageDone);
    ASSERT_EQ(done.size(), std::size_t{kThreads * kPerThread});
    int hundreds = 0;
    for (std::size_t i = 0; i < done.size(); ++i) {
        EXPECT_EQ(done[i].processed, i + 1);
        if (i > 0) {
            EXPECT_GE(done[i].percent, done[i - 1].percent);
            EXPECT_GE(done[i].failed, done[i - 1].failed);
        }
        hundreds += done[i].percent == 100.0 ? 1 : 0;
    }
    EXPECT_EQ(hundreds, 1);
    EXPECT_EQ(done.back().percent, 100.0);
    EXPECT_EQ(recorder.events.back().kind, EventKind::Finished);
}

}  // namespace
}  // namespace lote

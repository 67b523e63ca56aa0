#include <gtest/gtest.h>

#include "exec/concurrency.hpp"
#include "exec/executor.hpp"

namespace lote {
namespace {

TEST(MakeExecutor, PicksEachExecutorByName) {
    ExecutorOptions opts;
    opts.workers = 3;
    auto threads = make_executor("threads", opts);
    ASSERT_TRUE(threads.ok()) << threads.message();
    EXPECT_EQ((*threads)->name(), "threads");
    EXPECT_EQ((*threads)->workers(), 3u);
    for (const char* name : {"procesos", "processes"}) {
        auto pool = make_executor(name, opts);
        ASSERT_TRUE(pool.ok()) << pool.message();
        EXPECT_EQ((*pool)->name(), "procesos");
        EXPECT_EQ((*pool)->workers(), 3u);
    }
}

TEST(MakeExecutor, UnknownNameIsAnErrorListingTheKnownOnes) {
    auto made = make_executor("gpu", {});
    ASSERT_FALSE(made.ok());
    EXPECT_NE(made.message().find("gpu"), std::string::npos) << made.message();
    for (const auto& name : executor_names()) {
        EXPECT_NE(made.message().find(name), std::string::npos) << made.message();
    }
    EXPECT_FALSE(make_executor("", {}).ok());
    EXPECT_FALSE(make_executor("Threads", {}).ok());
}

TEST(MakeExecutor, NamesIncludeBothExecutorsAndTheAlias) {
    auto names = executor_names();
    for (const char* name : {"threads", "procesos", "processes"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    }
}

TEST(MakeExecutor, ZeroWorkersMeansOnePerCore) {
    auto made = make_executor("threads", {});
    ASSERT_TRUE(made.ok());
    EXPECT_EQ((*made)->workers(), core_count());
}

TEST(Concurrency, WorkersTimesLibvipsThreadsNeverExceedTheCores) {
    for (unsigned workers = 1; workers <= 2 * core_count() + 1; ++workers) {
        unsigned threads = vips_threads_per_worker(workers);
        EXPECT_GE(threads, 1u);
        if (workers <= core_count()) {
            EXPECT_LE(workers * threads, core_count()) << workers;
        }
    }
    EXPECT_EQ(vips_threads_per_worker(1), core_count());
}

}  // namespace
}  // namespace lote

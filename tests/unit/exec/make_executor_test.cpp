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
    EXPECT_EQ((*threads)->kind(), ExecutorKind::threads);
    EXPECT_EQ((*threads)->workers(), 3u);
    for (const char* name : {"procesos", "processes"}) {
        auto pool = make_executor(name, opts);
        ASSERT_TRUE(pool.ok()) << pool.message();
        EXPECT_EQ((*pool)->kind(), ExecutorKind::processes);
        EXPECT_EQ((*pool)->workers(), 3u);
    }
}

TEST(MakeExecutor, TheDistributedOneNeedsABroker) {
    for (const char* name : {"distribuido", "distributed"}) {
        auto made = make_executor(name, ExecutorOptions{});
        ASSERT_FALSE(made.ok()) << name;
        EXPECT_EQ(made.error().code, "no_broker");
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

TEST(ExecutorKind, IdsRoundTripAndAreTheProtocolsNames) {
    for (ExecutorKind kind :
         {ExecutorKind::threads, ExecutorKind::processes, ExecutorKind::distributed}) {
        auto back = executor_kind_from_name(executor_kind_id(kind));
        ASSERT_TRUE(back) << back.message();
        EXPECT_EQ(*back, kind);
    }
    EXPECT_EQ(executor_kind_id(ExecutorKind::threads), "threads");
    EXPECT_EQ(executor_kind_id(ExecutorKind::processes), "procesos");
    EXPECT_EQ(executor_kind_id(ExecutorKind::distributed), "distribuido");
    EXPECT_EQ(*executor_kind_from_name("processes"), ExecutorKind::processes);
    EXPECT_EQ(*executor_kind_from_name("distributed"), ExecutorKind::distributed);
    auto unknown = executor_kind_from_name("hilos");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.kind(), ErrorKind::invalid);
    EXPECT_EQ(unknown.message(),
              "unknown executor \"hilos\" (known: procesos, processes, threads, distribuido, "
              "distributed)");
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

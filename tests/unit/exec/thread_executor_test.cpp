#include "exec/thread_executor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>

#include "exec_fixtures.hpp"

namespace lote {
namespace {

using testing::Recorder;

std::vector<ImageTask> fake_tasks(int count) {
    std::vector<ImageTask> tasks;
    for (int i = 1; i <= count; ++i) {
        ImageTask task;
        task.id = static_cast<std::uint64_t>(i);
        task.input = "in/" + std::to_string(i) + ".jpg";
        task.outputs.push_back(OutputRequest{Chain{"grises", {}}, "out/" + std::to_string(i)});
        tasks.push_back(task);
    }
    return tasks;
}

ImageResult succeed(const ImageTask& task) {
    ImageResult result{task.id, task.input, {}};
    result.outputs.push_back(
        OutputResult{"grises", task.outputs[0].path, true, "", 0.0, 1, {}, {}});
    return result;
}

std::vector<std::uint64_t> ids_up_to(int count) {
    std::vector<std::uint64_t> ids;
    for (int i = 1; i <= count; ++i) ids.push_back(static_cast<std::uint64_t>(i));
    return ids;
}

TEST(ThreadExecutor, RunsEveryTaskOnceAndReportsEachOnce) {
    std::atomic<int> runs{0};
    ThreadExecutor executor(3, [&runs](const ImageTask& t) {
        ++runs;
        return succeed(t);
    });
    Recorder recorder;
    executor.run(fake_tasks(40), {}, recorder.on_start(), recorder.on_result());
    EXPECT_EQ(runs.load(), 40);
    EXPECT_EQ(recorder.started(), ids_up_to(40));
    EXPECT_EQ(recorder.result_ids(), ids_up_to(40));
}

TEST(ThreadExecutor, RunsTasksConcurrentlyOnAtMostNThreads) {
    std::mutex mutex;
    std::set<std::thread::id> threads;
    std::atomic<int> running{0};
    std::atomic<int> most_running{0};
    ThreadExecutor executor(3, [&](const ImageTask& t) {
        int now = ++running;
        int seen = most_running.load();
        while (now > seen && !most_running.compare_exchange_weak(seen, now)) {
        }
        {
            std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --running;
        return succeed(t);
    });
    executor.run(fake_tasks(12), {}, {}, {});
    EXPECT_GT(most_running.load(), 1);
    EXPECT_LE(most_running.load(), 3);
    EXPECT_LE(threads.size(), 3u);
}

TEST(ThreadExecutor, CallbacksAreNeverCalledConcurrently) {
    std::atomic<int> inside{0};
    bool overlapped = false;
    auto enter = [&] {
        if (++inside > 1) overlapped = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        --inside;
    };
    ThreadExecutor executor(4, succeed);
    executor.run(
        fake_tasks(30), {}, [&](const ImageTask&) { enter(); },
        [&](const ImageResult&) { enter(); });
    EXPECT_FALSE(overlapped);
}

TEST(ThreadExecutor, CancelStopsStartingTasksAndReportsOnlyStartedOnes) {
    CancelToken cancel;
    ThreadExecutor executor(1, [&cancel](const ImageTask& t) {
        if (t.id == 3) cancel.cancel();
        return succeed(t);
    });
    Recorder recorder;
    executor.run(fake_tasks(20), cancel, recorder.on_start(), recorder.on_result());
    EXPECT_EQ(recorder.started(), ids_up_to(3));
    EXPECT_EQ(recorder.result_ids(), ids_up_to(3));
}

TEST(ThreadExecutor, AlreadyCancelledRunsNothing) {
    CancelToken cancel;
    cancel.cancel();
    std::atomic<int> runs{0};
    ThreadExecutor executor(2, [&runs](const ImageTask& t) {
        ++runs;
        return succeed(t);
    });
    Recorder recorder;
    executor.run(fake_tasks(5), cancel, recorder.on_start(), recorder.on_result());
    EXPECT_EQ(runs.load(), 0);
    EXPECT_TRUE(recorder.results().empty());
}

TEST(ThreadExecutor, ARunnerThatThrowsFailsOnlyThatImage) {
    ThreadExecutor executor(2, [](const ImageTask& t) -> ImageResult {
        if (t.id == 2) throw std::runtime_error("boom");
        return succeed(t);
    });
    Recorder recorder;
    executor.run(fake_tasks(4), {}, recorder.on_start(), recorder.on_result());
    auto results = recorder.results();
    ASSERT_EQ(results.size(), 4u);
    EXPECT_TRUE(testing::all_outputs_ok(results[0]));
    ASSERT_EQ(results[1].outputs.size(), 1u);
    EXPECT_FALSE(results[1].outputs[0].ok);
    EXPECT_NE(results[1].outputs[0].message.find("boom"), std::string::npos);
    EXPECT_TRUE(testing::all_outputs_ok(results[3]));
}

TEST(ThreadExecutor, EmptyBatchReportsNothing) {
    ThreadExecutor executor(2, succeed);
    Recorder recorder;
    executor.run({}, {}, recorder.on_start(), recorder.on_result());
    EXPECT_TRUE(recorder.started().empty());
    EXPECT_TRUE(recorder.results().empty());
}

TEST(ThreadExecutor, ProcessesRealImagesByDefault) {
    testing::ScratchDir dir;
    auto tasks = testing::make_batch(dir.path(), 3);
    auto made = make_executor("threads", ExecutorOptions{2, 300, {}, {}, {}});
    ASSERT_TRUE(made.ok());
    Recorder recorder;
    (*made)->run(tasks, {}, recorder.on_start(), recorder.on_result());
    auto results = recorder.results();
    ASSERT_EQ(results.size(), 3u);
    for (std::size_t i = 0; i < results.size(); ++i) {
        EXPECT_TRUE(testing::all_outputs_ok(results[i])) << results[i].outputs[0].message;
        EXPECT_GT(std::filesystem::file_size(tasks[i].outputs[0].path), 0u);
    }
}

}  // namespace
}  // namespace lote

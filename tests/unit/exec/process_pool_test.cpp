// The process pool against the real `lote worker` (LOTE_BINARY): same bytes as the thread
// executor, and each way a worker can fail costs only the image it held.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "exec/process_executor.hpp"
#include "exec_fixtures.hpp"

namespace lote {
namespace {

using namespace std::chrono_literals;
using testing::Recorder;
namespace fs = std::filesystem;

// LOTE_TEST_FAULT for the workers started while it lives (they inherit our environment).
class ScopedFault {
  public:
    explicit ScopedFault(const std::string& spec) { ::setenv("LOTE_TEST_FAULT", spec.c_str(), 1); }
    ~ScopedFault() { ::unsetenv("LOTE_TEST_FAULT"); }
};

ExecutorOptions pool_options(unsigned workers, double timeout_seconds = 60) {
    ExecutorOptions opts;
    opts.workers = workers;
    opts.task_timeout_seconds = timeout_seconds;
    opts.worker_program = LOTE_BINARY;
    return opts;
}

// The pids of this process's children, from /proc (the 4th field of stat is the parent).
std::vector<pid_t> child_pids() {
    std::vector<pid_t> pids;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        auto name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        if (!stat) continue;  // the process is already gone
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        auto close_paren = text.rfind(')');
        if (close_paren == std::string::npos) continue;
        std::istringstream rest(text.substr(close_paren + 1));
        char state = 0;
        pid_t parent = 0;
        rest >> state >> parent;
        if (parent == ::getpid()) pids.push_back(std::stoi(name));
    }
    return pids;
}

bool has_temporaries(const fs::path& folder) {
    if (!fs::exists(folder)) return false;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().filename().string().find(".lote-tmp-") != std::string::npos) return true;
    }
    return false;
}

class ProcessPool : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(fs::exists(LOTE_BINARY)) << "build the `lote` target first: " << LOTE_BINARY;
    }
    // Runs `tasks` on a pool and returns what it reported.
    void run_pool(const ExecutorOptions& opts, const std::vector<ImageTask>& tasks,
                  const CancelToken& cancel = {}) {
        ProcessExecutor pool(opts);
        pool.run(tasks, cancel, recorder_.on_start(), recorder_.on_result());
    }
    // Exactly one image failed, with `reason` in every output's message; the others succeeded.
    void expect_only_failure(const std::vector<ImageTask>& tasks, std::uint64_t failed_id,
                             const std::string& reason) {
        auto results = recorder_.results();
        ASSERT_EQ(results.size(), tasks.size());
        for (const auto& result : results) {
            if (result.id != failed_id) {
                EXPECT_TRUE(testing::all_outputs_ok(result)) << result.input;
                continue;
            }
            ASSERT_EQ(result.outputs.size(), 1u);
            EXPECT_FALSE(result.outputs[0].ok);
            EXPECT_NE(result.outputs[0].message.find(reason), std::string::npos)
                << result.outputs[0].message;
            EXPECT_FALSE(fs::exists(tasks[failed_id - 1].outputs[0].path));
        }
    }

    testing::ScratchDir dir_;
    Recorder recorder_;
};

TEST_F(ProcessPool, WritesTheSameBytesAsTheThreadExecutor) {
    auto by_threads = testing::make_batch(dir_.path(), 6, "threads");
    auto by_processes = testing::make_batch(dir_.path(), 6, "processes");
    auto threads = make_executor("threads", ExecutorOptions{2, 60, {}, {}, {}});
    ASSERT_TRUE(threads.ok());
    Recorder thread_recorder;
    (*threads)->run(by_threads, {}, thread_recorder.on_start(), thread_recorder.on_result());
    run_pool(pool_options(2), by_processes);

    auto results = recorder_.results();
    ASSERT_EQ(results.size(), 6u);
    for (std::size_t i = 0; i < results.size(); ++i) {
        ASSERT_TRUE(testing::all_outputs_ok(results[i])) << results[i].outputs[0].message;
        EXPECT_EQ(results[i].outputs[0].path, by_processes[i].outputs[0].path);
        auto expected = testing::read_bytes(by_threads[i].outputs[0].path);
        EXPECT_FALSE(expected.empty());
        EXPECT_EQ(testing::read_bytes(by_processes[i].outputs[0].path), expected) << i;
    }
    EXPECT_EQ(recorder_.started(), recorder_.result_ids());
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, ReportsAPerOutputFailureTheWorkerItselfFound) {
    auto tasks = testing::make_batch(dir_.path(), 2);
    std::ofstream(dir_.path() / "in" / "img1.jpg") << "not an image";
    run_pool(pool_options(1), tasks);
    auto results = recorder_.results();
    ASSERT_EQ(results.size(), 2u);
    EXPECT_TRUE(testing::all_outputs_ok(results[0]));
    EXPECT_FALSE(results[1].outputs[0].ok);
    EXPECT_EQ(results[1].outputs[0].message.find("worker"), std::string::npos)
        << "a bad image is not a worker failure: " << results[1].outputs[0].message;
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, AWorkerThatCrashesFailsOnlyItsImageAndIsReplaced) {
    auto tasks = testing::make_batch(dir_.path(), 6);
    ScopedFault fault("crash:img2.jpg");
    run_pool(pool_options(1), tasks);  // one worker: whatever comes after the crash needs a new one
    expect_only_failure(tasks, 3, "worker crashed (killed by signal 9) while processing img2.jpg");
    EXPECT_EQ(recorder_.started(), recorder_.result_ids());
    EXPECT_FALSE(has_temporaries(dir_.path() / "out"));
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, AWorkerKilledFromOutsideFailsOnlyItsImage) {
    auto tasks = testing::make_batch(dir_.path(), 5);
    ScopedFault fault("hang:img1.jpg");  // holds the worker still while we kill it
    std::jthread killer;
    ExecutorOptions opts = pool_options(1);
    ProcessExecutor pool(opts);
    pool.run(
        tasks, {},
        [&](const ImageTask& task) {
            recorder_.on_start()(task);
            if (task.id != 2) return;
            killer = std::jthread([] {
                std::this_thread::sleep_for(300ms);
                for (pid_t pid : child_pids()) ::kill(pid, SIGKILL);
            });
        },
        recorder_.on_result());
    expect_only_failure(tasks, 2, "worker crashed (killed by signal 9) while processing img1.jpg");
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, AHungWorkerHitsTheTimeoutAndTheBatchCompletes) {
    auto tasks = testing::make_batch(dir_.path(), 4);
    ScopedFault fault("hang:img0.jpg");
    auto start = std::chrono::steady_clock::now();
    run_pool(pool_options(2, 1.5), tasks);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 15s);
    expect_only_failure(tasks, 1, "timed out after 1.5 s while processing img0.jpg");
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, AMalformedFrameIsAWorkerFailure) {
    auto tasks = testing::make_batch(dir_.path(), 3);
    ScopedFault fault("garbage:img1.jpg");
    run_pool(pool_options(1), tasks);
    expect_only_failure(tasks, 2, "worker sent a malformed frame");
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, AWorkerThatExitsMidTaskReportsItsExitStatus) {
    auto tasks = testing::make_batch(dir_.path(), 3);
    ScopedFault fault("exit:img0.jpg");
    run_pool(pool_options(2), tasks);
    expect_only_failure(tasks, 1,
                        "worker crashed (exited with status 3) while processing img0.jpg");
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, CancelStopsDispatchingAndReportsOnlyStartedTasks) {
    auto tasks = testing::make_batch(dir_.path(), 10);
    CancelToken cancel;
    ProcessExecutor pool(pool_options(1));
    pool.run(tasks, cancel, recorder_.on_start(), [&](const ImageResult& result) {
        recorder_.on_result()(result);
        cancel.cancel();
    });
    EXPECT_EQ(recorder_.started(), std::vector<std::uint64_t>{1});
    EXPECT_EQ(recorder_.result_ids(), std::vector<std::uint64_t>{1});
    EXPECT_TRUE(testing::all_outputs_ok(recorder_.results()[0]));
    for (std::size_t i = 1; i < tasks.size(); ++i) {
        EXPECT_FALSE(fs::exists(tasks[i].outputs[0].path)) << i;
    }
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, CancelKillsAnImageStillRunningAfterTheGrace) {
    auto tasks = testing::make_batch(dir_.path(), 4);
    ScopedFault fault("hang:img0.jpg");
    CancelToken cancel;
    std::jthread canceller([cancel] {
        std::this_thread::sleep_for(500ms);
        cancel.cancel();
    });
    auto start = std::chrono::steady_clock::now();
    run_pool(pool_options(1, 60), tasks, cancel);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
    auto results = recorder_.results();
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(recorder_.started(), std::vector<std::uint64_t>{1});
    EXPECT_NE(results[0].outputs[0].message.find("cancelled while processing img0.jpg"),
              std::string::npos)
        << results[0].outputs[0].message;
    // Stopped by the cancel, not failed: the batch counts it apart from failures.
    EXPECT_TRUE(results[0].outputs[0].cancelled);
    EXPECT_FALSE(results[0].outputs[0].ok);
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, AWorkerProgramThatCannotStartFailsEachImageWithTheReason) {
    auto tasks = testing::make_batch(dir_.path(), 3);
    ExecutorOptions opts = pool_options(2);
    opts.worker_program = (dir_.path() / "no-such-program").string();
    run_pool(opts, tasks);
    auto results = recorder_.results();
    ASSERT_EQ(results.size(), 3u);
    for (const auto& result : results) {
        EXPECT_FALSE(result.outputs[0].ok);
        EXPECT_NE(result.outputs[0].message.find("cannot start worker"), std::string::npos)
            << result.outputs[0].message;
    }
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, AProgramThatIsNotAWorkerFailsImagesWithoutHanging) {
    auto tasks = testing::make_batch(dir_.path(), 3);
    ExecutorOptions opts = pool_options(1, 5);
    opts.worker_program = "/bin/true";  // exits at once, never answers
    auto start = std::chrono::steady_clock::now();
    run_pool(opts, tasks);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
    auto results = recorder_.results();
    ASSERT_EQ(results.size(), 3u);
    for (const auto& result : results) EXPECT_FALSE(result.outputs[0].ok);
    EXPECT_TRUE(testing::no_children_left());
}

TEST_F(ProcessPool, StartsNoMoreWorkersThanTasks) {
    auto tasks = testing::make_batch(dir_.path(), 1);
    std::size_t children_during_task = 0;
    ProcessExecutor pool(pool_options(8));
    pool.run(tasks, {}, recorder_.on_start(), [&](const ImageResult& result) {
        children_during_task = child_pids().size();
        recorder_.on_result()(result);
    });
    EXPECT_EQ(children_during_task, 1u);
    EXPECT_TRUE(testing::all_outputs_ok(recorder_.results().at(0)));
    EXPECT_TRUE(testing::no_children_left());
}

}  // namespace
}  // namespace lote

#pragma once
// One interface for every way of running image tasks: threads in this process, persistent worker
// processes, and (later) workers on other machines. The worker code is the same in all of them:
// `process_image`.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exec/executor_kind.hpp"
#include "pipeline/process_image.hpp"
#include "util/cancel.hpp"

namespace lote {

// What runs one task. Always process_image in the product; the thread executor accepts another
// one so that tests can check the pool's mechanics with a test double.
using TaskRunner = std::function<ImageResult(const ImageTask&)>;

struct ExecutorOptions {
    unsigned workers = 0;  // 0: one per core
    double task_timeout_seconds = 300;
    // The program started as `<worker_program> worker` by the process pool; empty means this
    // very binary (/proc/self/exe). Tests point it at build/lote.
    std::string worker_program;
    // Thread executor only: empty means process_image. (Worker processes always run
    // process_image: a function cannot cross a process boundary.)
    TaskRunner run_task;
};

using ResultCallback = std::function<void(const ImageResult&)>;
using StartCallback = std::function<void(const ImageTask&)>;

class Executor {
  public:
    virtual ~Executor() = default;
    virtual ExecutorKind kind() const = 0;
    virtual unsigned workers() const = 0;
    // Runs every task (or stops early when `cancel` fires: tasks not started are not run and not
    // reported). Each finished task is reported exactly once through on_result, possibly from
    // another thread; failures (crash, timeout) are results with a message, never exceptions.
    virtual void run(const std::vector<ImageTask>& tasks, const CancelToken& cancel,
                     const StartCallback& on_start, const ResultCallback& on_result) = 0;
};

std::unique_ptr<Executor> make_executor(ExecutorKind kind, const ExecutorOptions& opts);
// By name ("threads", "procesos"/"processes"); an error names the known executors.
Result<std::unique_ptr<Executor>> make_executor(std::string_view name, const ExecutorOptions& opts);

}  // namespace lote

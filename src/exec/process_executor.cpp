#include "exec/process_executor.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

#include "exec/concurrency.hpp"
#include "exec/reporter.hpp"
#include "exec/worker_slot.hpp"
#include "pipeline/memory_ceiling.hpp"

namespace lote {

namespace {

// Writing to a worker that just died must be an error value (EPIPE), not a signal that kills us.
void ignore_sigpipe() {
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

std::chrono::milliseconds timeout_from_seconds(double seconds) {
    constexpr double kNoLimit = 365.0 * 24 * 3600;  // 0 or less: wait as long as it takes
    double bounded = seconds > 0 ? std::min(seconds, kNoLimit) : kNoLimit;
    return std::chrono::milliseconds(static_cast<long long>(bounded * 1000.0));
}

}  // namespace

ProcessExecutor::ProcessExecutor(const ExecutorOptions& opts)
    : workers_(resolve_worker_count(opts.workers)),
      task_timeout_seconds_(opts.task_timeout_seconds),
      worker_program_(opts.worker_program),
      worker_memory_mb_(opts.worker_memory_mb.value_or(default_worker_memory_mb(workers_))) {}

void ProcessExecutor::run(const std::vector<ImageTask>& tasks, const CancelToken& cancel,
                          const StartCallback& on_start, const ResultCallback& on_result) {
    ignore_sigpipe();
    SlotSettings settings;
    settings.worker_program = worker_program_;
    settings.vips_threads = vips_threads_per_worker(workers_);
    settings.task_timeout = timeout_from_seconds(task_timeout_seconds_);
    settings.memory_mb = worker_memory_mb_;
    Reporter reporter(on_start, on_result);
    std::atomic<std::size_t> next{0};
    // One dispatcher thread per slot: blocking write-task/read-result is simplest to get right.
    auto serve_queue = [&] {
        WorkerSlot slot(settings);
        while (!cancel.cancelled()) {
            std::size_t index = next.fetch_add(1);
            if (index >= tasks.size()) break;
            reporter.started(tasks[index]);
            reporter.finished(slot.serve(tasks[index], cancel));
        }
        slot.stop();
    };
    std::size_t slot_count = std::min<std::size_t>(workers_, tasks.size());
    std::vector<std::jthread> dispatchers;
    dispatchers.reserve(slot_count);
    for (std::size_t i = 0; i < slot_count; ++i) dispatchers.emplace_back(serve_queue);
}

}  // namespace lote

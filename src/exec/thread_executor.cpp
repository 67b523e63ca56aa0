#include "exec/thread_executor.hpp"

#include <vips/vips.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "exec/concurrency.hpp"
#include "exec/failed_result.hpp"
#include "exec/reporter.hpp"

namespace lote {

namespace {

// process_image never throws, but a test double or a future runner might; one bad task must not
// take the batch (or the process) down.
ImageResult run_guarded(const TaskRunner& run_task, const ImageTask& task) {
    try {
        return run_task(task);
    } catch (const std::exception& e) {
        return failed_result(task, std::string("internal error: ") + e.what());
    } catch (...) {
        return failed_result(task, "internal error: unknown exception");
    }
}

}  // namespace

ThreadExecutor::ThreadExecutor(unsigned workers, TaskRunner run_task)
    : workers_(resolve_worker_count(workers)), run_task_(std::move(run_task)) {}

void ThreadExecutor::run(const std::vector<ImageTask>& tasks, const CancelToken& cancel,
                         const StartCallback& on_start, const ResultCallback& on_result) {
    // All workers share this process's libvips thread pool: keep workers × threads ≤ cores.
    vips_concurrency_set(static_cast<int>(vips_threads_per_worker(workers_)));
    Reporter reporter(on_start, on_result);
    std::atomic<std::size_t> next{0};
    auto drain_queue = [&] {
        while (!cancel.cancelled()) {
            std::size_t index = next.fetch_add(1);
            if (index >= tasks.size()) return;
            reporter.started(tasks[index]);
            reporter.finished(run_guarded(run_task_, tasks[index]));
        }
    };
    std::size_t thread_count = std::min<std::size_t>(workers_, tasks.size());
    std::vector<std::jthread> threads;
    threads.reserve(thread_count);
    for (std::size_t i = 0; i < thread_count; ++i) threads.emplace_back(drain_queue);
}

}  // namespace lote

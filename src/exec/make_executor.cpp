#include "exec/executor.hpp"
#include "exec/process_executor.hpp"
#include "exec/redis/distributed_executor.hpp"
#include "exec/thread_executor.hpp"

namespace lote {

Result<std::unique_ptr<Executor>> make_executor(ExecutorKind kind, const ExecutorOptions& opts) {
    switch (kind) {
        case ExecutorKind::threads: {
            TaskRunner run_task = opts.run_task ? opts.run_task : TaskRunner(process_image);
            return std::unique_ptr<Executor>(
                std::make_unique<ThreadExecutor>(opts.workers, std::move(run_task)));
        }
        case ExecutorKind::distributed:
            // Connects now, so an unreachable broker or refused credentials fail here.
            return DistributedExecutor::connect(opts);
        case ExecutorKind::processes:
            break;
    }
    return std::unique_ptr<Executor>(std::make_unique<ProcessExecutor>(opts));
}

Result<std::unique_ptr<Executor>> make_executor(std::string_view name,
                                                const ExecutorOptions& opts) {
    auto kind = executor_kind_from_name(name);
    if (!kind) return kind.error();
    return make_executor(*kind, opts);
}

}  // namespace lote

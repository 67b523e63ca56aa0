#include <algorithm>

#include "exec/executor.hpp"
#include "exec/process_executor.hpp"
#include "exec/redis/distributed_executor.hpp"
#include "exec/thread_executor.hpp"

namespace lote {

namespace {

bool is_process_pool_name(std::string_view name) {
    return name == "procesos" || name == "processes";
}

bool is_distributed_name(std::string_view name) {
    return name == "distribuido" || name == "distributed";
}

std::string known_names() {
    std::string text;
    for (const auto& name : executor_names()) text += (text.empty() ? "" : ", ") + name;
    return text;
}

}  // namespace

std::vector<std::string> executor_names() {
    return {"procesos", "processes", "threads", "distribuido", "distributed"};
}

Result<std::unique_ptr<Executor>> make_executor(std::string_view name,
                                                const ExecutorOptions& opts) {
    if (name == "threads") {
        TaskRunner run_task = opts.run_task ? opts.run_task : TaskRunner(process_image);
        return std::unique_ptr<Executor>(new ThreadExecutor(opts.workers, std::move(run_task)));
    }
    if (is_process_pool_name(name)) return std::unique_ptr<Executor>(new ProcessExecutor(opts));
    if (is_distributed_name(name)) return DistributedExecutor::connect(opts);
    return fail("unknown executor '" + std::string(name) + "' (known: " + known_names() + ")");
}

}  // namespace lote

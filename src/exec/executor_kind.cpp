#include "exec/executor_kind.hpp"

namespace lote {

std::string_view executor_kind_id(ExecutorKind kind) {
    switch (kind) {
        case ExecutorKind::threads:
            return "threads";
        case ExecutorKind::processes:
            return "procesos";
        case ExecutorKind::distributed:
            return "distribuido";
    }
    return "procesos";
}

std::vector<std::string> executor_names() {
    return {"procesos", "processes", "threads", "distribuido", "distributed"};
}

Result<ExecutorKind> executor_kind_from_name(std::string_view name) {
    if (name == "threads") return ExecutorKind::threads;
    if (name == "procesos" || name == "processes") return ExecutorKind::processes;
    if (name == "distribuido" || name == "distributed") return ExecutorKind::distributed;
    std::string known;
    for (const auto& n : executor_names()) known += (known.empty() ? "" : ", ") + n;
    return fail(ErrorKind::invalid,
                "unknown executor \"" + std::string(name) + "\" (known: " + known + ")");
}

}  // namespace lote

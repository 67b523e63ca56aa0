#pragma once
// Which executor runs a batch's tasks. The code speaks of the kind; the names people type and
// the protocol carries ("threads", "procesos" and "distribuido" with their English aliases
// "processes" and "distributed") are turned into
// a kind here, at the edges (the CLI's --mode, `procesar`'s modo, a job's JSON), and back.

#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace lote {

enum class ExecutorKind {
    threads,      // a thread pool in this process
    processes,    // persistent `lote worker` processes
    distributed,  // `lote node` processes on other machines, through a Redis broker
};

// The protocol's id of a kind: "threads", "procesos" or "distribuido".
std::string_view executor_kind_id(ExecutorKind kind);

// A kind by its id or alias; an unknown name is an error that lists the known ones.
Result<ExecutorKind> executor_kind_from_name(std::string_view name);

// Every name executor_kind_from_name() accepts.
std::vector<std::string> executor_names();

}  // namespace lote

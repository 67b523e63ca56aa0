#pragma once
// One interface for every way of running image tasks: threads in this process, persistent worker
// processes, and nodes on other machines through a broker (exec/redis/). The worker code is the
// same in all of them: `process_image`.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exec/executor_kind.hpp"
#include "exec/node_status.hpp"
#include "exec/run_records.hpp"
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
    // Distributed executor only: the broker (redis://[user:password@]host:port), how long a
    // node may go silent before its task goes to another, how many deliveries a task may lose
    // to dying nodes before it is set aside, and the folders nodes must find (input, output).
    std::string broker;
    double claim_timeout_seconds = 30;
    unsigned max_deliveries = 3;
    std::vector<std::string> shared_folders;
    // Process pool only: the memory ceiling of each worker process in MB (0: none); unset, a
    // share of the machine's memory (pipeline/memory_ceiling.hpp).
    std::optional<std::uint64_t> worker_memory_mb;
};

using ResultCallback = std::function<void(const ImageResult&)>;
using StartCallback = std::function<void(const ImageTask&)>;
// A result an earlier run of the job left behind, with the note its task was sent with.
using LeftoverSink = std::function<void(const std::string& note, const ImageResult&)>;

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

    // What only the distributed executor uses; the local ones ignore it.
    // Before planning: the job's memory of its broker runs, and what a crashed earlier run left
    // (each result handed to `leftovers`, the old run then retired). Fails for what the user
    // must fix (a shared folder that cannot be marked, the job running elsewhere).
    virtual Status prepare(RunRecords& records, const LeftoverSink& leftovers) { return {}; }
    // Per task id: a note sent with the task and handed back with its result after a crash.
    virtual void attach_notes(std::vector<std::string> notes) {}
    // Told of the machines working for the batch, and of what it waits for.
    virtual void watch_cluster(ClusterCallback on_status) {}
};

// The distributed kind connects to the broker now, so an unreachable broker or refused
// credentials fail here.
Result<std::unique_ptr<Executor>> make_executor(ExecutorKind kind, const ExecutorOptions& opts);
// By name ("threads", "procesos"/"processes", "distribuido"/"distributed"); an error names the
// known executors.
Result<std::unique_ptr<Executor>> make_executor(std::string_view name, const ExecutorOptions& opts);

}  // namespace lote

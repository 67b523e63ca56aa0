#pragma once
// One slot of `lote node`: a thread with its own broker connection and its own crash-isolated
// `lote worker` child (exec/worker_slot.hpp), taking one task at a time. Its consumer name is
// stable, "<node>:<slot>", so a restarted node is the same consumer. The loop: reclaim a task
// whose owner went silent past its run's claim timeout (at most once a second), else read one
// new entry (XREADGROUP COUNT 1, so the pending list holds only work in flight); start it
// (ownership and run state checked), map its paths, run it under a renewed lease, and complete it
// (result, acknowledgement and deletion in one ownership-checked step).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "exec/fault_injection.hpp"
#include "exec/redis/lease_keeper.hpp"
#include "exec/redis/node_runs.hpp"
#include "exec/worker_slot.hpp"

namespace lote {

// Set from the node's signal handling: `stop` lets the tasks in progress finish, `stop_now`
// hands them back to the broker at once.
struct NodeControl {
    std::atomic<bool> stop{false};
    std::atomic<bool> stop_now{false};
};

// What the heartbeat reports.
struct NodeCounters {
    std::atomic<std::uint64_t> done{0};
    std::atomic<unsigned> busy{0};
};

// What every slot of a node shares.
struct NodeShared {
    BrokerAddress address;
    std::string name;
    NodeControl& control;
    LeaseKeeper& keeper;
    RunBook& runs;
    SlotSettings worker;  // each slot copies it
    std::optional<Fault> fault;
    NodeCounters& counters;
};

struct TaskEntry {
    std::string id;
    std::string run;
    std::string task;
    std::string body;
    std::string previous_owner;  // when reclaimed: the consumer that lost it
};

class NodeSlot {
  public:
    NodeSlot(NodeShared& shared, unsigned index);
    void run();

  private:
    Result<std::optional<TaskEntry>> next_entry();
    Result<std::optional<TaskEntry>> reclaim();
    void work_on(const TaskEntry& entry);
    void complete(const TaskEntry& entry, const ImageResult& result);
    void give_back(const TaskEntry& entry);
    Result<ImageTask> local_task(const ImageTask& task, const RunInfo& info) const;
    ImageResult serve(const TaskEntry& entry, const ImageTask& task, const RunInfo& info,
                      LeaseEnd& end);
    void clear_previous_owner(const TaskEntry& entry);

    NodeShared& shared_;
    std::string consumer_;
    BrokerLink link_;
    SlotSettings settings_;
    WorkerSlot worker_;
    std::chrono::steady_clock::time_point next_reclaim_{};
};

}  // namespace lote

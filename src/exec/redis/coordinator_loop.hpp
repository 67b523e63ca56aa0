#pragma once
// One run of the distributed executor, from queuing its tasks to removing its keys: reads the
// results, survives the broker going away (reconnects with a backoff; if the broker came back
// empty, queues again whatever is not done), cancels on request, and reports the nodes.

#include <chrono>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "exec/executor.hpp"
#include "exec/redis/broker_run.hpp"

namespace lote {

struct LoopCallbacks {
    const StartCallback& on_start;
    const ResultCallback& on_result;
    const ClusterCallback& on_cluster;
};

class CoordinatorLoop {
  public:
    CoordinatorLoop(BrokerLink& link, RunSettings settings, const std::vector<ImageTask>& tasks,
                    const std::vector<std::string>& notes, const CancelToken& cancel,
                    LoopCallbacks callbacks);
    // Returns when every task has its result, or after a cancel once the images in progress
    // have ended (or a bounded wait for them has passed). False when the run could not be
    // removed from the broker (it stays recorded, and the next run retires it).
    bool run();

  private:
    using Clock = std::chrono::steady_clock;

    bool establish();
    void read_once();
    void handle(const std::vector<StreamEntry>& entries);
    void tick();
    void repair();
    void reconcile();
    void start_cancel();
    bool finished() const;
    std::size_t in_flight() const;
    Status enqueue_missing(const std::vector<std::uint64_t>& numbers);
    void broker_trouble(const Error& error);
    void report_cluster(std::vector<NodeStatus> nodes, bool reachable, std::string message);
    bool close();

    BrokerLink& link_;
    BrokerRun run_;
    const std::vector<ImageTask>& tasks_;
    const std::vector<std::string>& notes_;
    const CancelToken& cancel_;
    LoopCallbacks callbacks_;
    std::unordered_map<std::uint64_t, std::size_t> index_;  // task id -> position in tasks_
    std::vector<char> done_;
    std::vector<char> started_;
    std::size_t done_count_ = 0;
    bool cancelling_ = false;
    Clock::time_point cancel_deadline_{};
    unsigned reads_since_cancel_ = 0;
    bool read_pending_ = true;  // after a (re)connection, results delivered but not acknowledged
    bool reconcile_due_ = false;
    std::uint64_t seen_connections_ = 0;
    Clock::time_point next_alive_{};
    Clock::time_point next_nodes_{};
    Backoff backoff_;
    std::vector<NodeStatus> nodes_;
    bool reachable_ = true;
    std::string cluster_message_;
    bool reported_once_ = false;
};

}  // namespace lote

#pragma once
// A node's own thread (and connection) for what must happen on time whatever its slots are
// doing: renewing the lease of every task in progress (every third of its run's claim timeout),
// and the node's heartbeat. A renewal that finds the lease gone (another node reclaimed the task
// while this one was paused) or the run no longer running (cancelled, superseded, gone) cancels
// the slot's task, whose worker is then stopped after a short grace.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "exec/redis/broker_link.hpp"
#include "util/cancel.hpp"

namespace lote {

enum class LeaseEnd { Held, Lost, RunEnded, NodeStopping };

struct Lease {
    std::string entry;
    std::string run;
    std::string consumer;
    std::chrono::milliseconds claim_timeout{30'000};
    CancelToken token;
};

struct NodeIdentity {
    std::string name;
    std::string instance;  // random, per process: tells this node from an older one of its name
    unsigned slots = 1;
};

class LeaseKeeper {
  public:
    LeaseKeeper(BrokerAddress address, NodeIdentity identity,
                const std::atomic<std::uint64_t>& done, const std::atomic<unsigned>& busy);
    ~LeaseKeeper();

    void start();
    void stop();
    std::uint64_t hold(Lease lease);
    LeaseEnd release(std::uint64_t handle);
    // Renew every lease now: a cancel was announced.
    void wake();
    // Cancels every task in progress: the node must stop now.
    void stop_all();

  private:
    struct Held {
        Lease lease;
        std::chrono::steady_clock::time_point renewed;
        LeaseEnd end = LeaseEnd::Held;
    };

    void loop();
    void renew_due(bool all);
    void beat();
    void settle(std::uint64_t handle, LeaseEnd end);

    BrokerLink link_;
    NodeIdentity identity_;
    const std::atomic<std::uint64_t>& done_;
    const std::atomic<unsigned>& busy_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::uint64_t, Held> held_;
    std::uint64_t next_handle_ = 1;
    bool woken_ = false;
    bool stopping_ = false;
    std::chrono::steady_clock::time_point next_beat_{};
    std::chrono::steady_clock::time_point retry_at_{};
    Backoff backoff_;
    std::thread thread_;
};

// One heartbeat, as the node's first act: fails with the holder's time to live (ms) when a live
// node already goes by this name.
Result<long long> claim_node_name(BrokerLink& link, const NodeIdentity& identity,
                                  std::uint64_t done, unsigned busy);

}  // namespace lote

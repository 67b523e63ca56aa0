#pragma once
// One run of a job on the broker, as its coordinator handles it: the run's hash, its results
// stream and group, the coordinator's heartbeat, the tasks it queued, and their removal when the
// run ends. Every step may be repeated after the broker restarted (open() again, enqueue what
// is missing), and none of them blocks for long.

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "exec/redis/broker_link.hpp"
#include "exec/redis/share_marker.hpp"
#include "exec/redis/stream_entries.hpp"
#include "pipeline/process_image.hpp"

namespace lote {

struct RunSettings {
    std::string id;
    std::chrono::milliseconds claim_timeout{30'000};
    unsigned max_deliveries = 3;
    std::chrono::milliseconds task_timeout{300'000};
    std::vector<Share> shares;
    std::string coordinator;  // host:pid
    std::uint64_t tasks = 0;
};

// How long the coordinator's heartbeat lasts, and how often it is renewed.
inline constexpr std::chrono::milliseconds kAliveTtl{6'000};
inline constexpr std::chrono::milliseconds kAliveEvery{1'000};

class BrokerRun {
  public:
    BrokerRun(BrokerLink& link, RunSettings settings)
        : link_(link), settings_(std::move(settings)) {}

    const RunSettings& settings() const { return settings_; }
    // The hash (with `state`), both groups, the run's place in lote:runs, the shares and the
    // heartbeat. Harmless to repeat.
    Status open(const std::string& state);
    // False when the broker lost the run (restarted empty).
    Result<bool> exists();
    Status enqueue(const std::vector<const ImageTask*>& tasks,
                   const std::vector<std::string>& notes);
    Status keep_alive();
    // Up to `count` results: the ones delivered to this coordinator and never acknowledged first
    // (after a reconnection), then new ones, waiting at most `block`.
    Result<std::vector<StreamEntry>> read_results(bool pending, std::chrono::milliseconds block,
                                                  unsigned count = 128);
    // Acknowledges and deletes result entries (after they were recorded).
    Status acknowledge(const std::vector<std::string>& ids);
    // The task numbers of this run still in the task stream.
    Result<std::set<std::uint64_t>> queued_tasks();
    // State cancelled, nodes woken, tasks nobody started removed.
    Status cancel();
    // Everything of the run removed from the broker: entries left in the task stream (a node
    // still holding one finds its lease gone), the hash, the results, the heartbeat.
    Status close();

  private:
    Result<std::vector<std::string>> entry_ids();

    BrokerLink& link_;
    RunSettings settings_;
};

// The group on the task stream, created with the stream if need be (also after the broker lost
// both): from the start of the stream, since every entry in it is a task to do.
Status ensure_task_group(BrokerLink& link);
// Removes entries from the task stream: "all", or "unstarted" (those no node holds).
Status forget_entries(BrokerLink& link, const std::vector<std::string>& ids, const char* which);
// Registers shared folders (lote:shares: folder -> "id host") and forgets this host's folders
// that no longer exist, so nodes do not keep checking for them.
Status register_shares(BrokerLink& link, const std::vector<Share>& shares);

}  // namespace lote

#pragma once
// The distributed executor: the coordinator's side of a batch spread over `lote node` processes
// on any number of machines through Redis Streams. It runs no image itself: it queues one entry
// per task, reads the nodes' results (recording each before acknowledging it), and removes every
// trace of the run from the broker when the batch ends. Without nodes it waits, and says so.
// Its life across failures (a node, the broker, itself dying) is in docs/distributed.md.

#include <memory>

#include "exec/executor.hpp"
#include "exec/redis/broker_link.hpp"
#include "exec/redis/share_marker.hpp"

namespace lote {

class DistributedExecutor final : public Executor {
  public:
    // Connects and checks the broker: unreachable, refused credentials, an unusable Redis all
    // fail here, before anything is queued.
    static Result<std::unique_ptr<Executor>> connect(const ExecutorOptions& options);

    ExecutorKind kind() const override { return ExecutorKind::distributed; }
    unsigned workers() const override { return slots_; }
    void run(const std::vector<ImageTask>& tasks, const CancelToken& cancel,
             const StartCallback& on_start, const ResultCallback& on_result) override;
    Status prepare(RunRecords& records, const LeftoverSink& leftovers) override;
    void attach_notes(std::vector<std::string> notes) override { notes_ = std::move(notes); }
    void watch_cluster(ClusterCallback on_status) override { on_cluster_ = std::move(on_status); }

  private:
    DistributedExecutor(const ExecutorOptions& options, BrokerAddress address);
    Status mark_shares();

    ExecutorOptions options_;
    BrokerLink link_;
    std::vector<Share> shares_;
    RunRecords* records_ = nullptr;
    std::vector<std::string> notes_;
    ClusterCallback on_cluster_;
    unsigned slots_ = 0;
};

}  // namespace lote

#pragma once
// The nodes connected to a broker, refreshed every second on a thread of its own (and its own
// connection), for whoever must answer at once without waiting on the broker: the server's
// `estado`.

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "exec/node_status.hpp"
#include "exec/redis/broker_link.hpp"

namespace lote {

class NodeWatch {
  public:
    explicit NodeWatch(BrokerAddress address) : link_(std::move(address), ConnectionSettings{}) {}
    ~NodeWatch() { stop(); }

    void start();
    void stop();
    // The latest list; `reachable` false while the broker does not answer.
    std::vector<NodeStatus> nodes(bool* reachable = nullptr) const;

  private:
    void loop();

    BrokerLink link_;
    mutable std::mutex mutex_;
    std::vector<NodeStatus> nodes_;
    bool reachable_ = false;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace lote

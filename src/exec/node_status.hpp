#pragma once
// What a coordinator knows of the machines working for it (distributed executor): shown by
// `lote run` while it waits or works, and in the server's `estado` as `nodos`.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lote {

struct NodeStatus {
    std::string name;
    unsigned slots = 0;
    std::uint64_t done = 0;   // images finished since the node started
    double seen_seconds = 0;  // since its last heartbeat
};

struct ClusterStatus {
    std::vector<NodeStatus> nodes;
    bool broker_reachable = true;
    std::string message;  // what the coordinator is waiting for, if anything
};

using ClusterCallback = std::function<void(const ClusterStatus&)>;

}  // namespace lote

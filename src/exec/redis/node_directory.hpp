#pragma once
// The nodes' heartbeats (lote:node:<name>, a hash with a short time to live, and the set
// lote:nodes). For display only: who owns a task is decided by leases, never by heartbeats.

#include <string>
#include <vector>

#include "exec/node_status.hpp"
#include "exec/redis/broker_link.hpp"

namespace lote {

// How long a heartbeat lasts, and how often a node renews it.
inline constexpr long kHeartbeatTtlMs = 10'000;
inline constexpr long kHeartbeatEveryMs = 2'000;

// Every node whose heartbeat has not expired, by name; prunes the names whose heartbeat has.
Result<std::vector<NodeStatus>> list_nodes(BrokerLink& link);

}  // namespace lote

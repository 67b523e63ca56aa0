#include "exec/redis/node_directory.hpp"

#include <algorithm>

#include "exec/redis/broker_keys.hpp"

namespace lote {

namespace {

NodeStatus status_from(const std::string& name, const RedisReply& fields, long long ttl_ms) {
    NodeStatus node;
    node.name = name;
    node.slots = static_cast<unsigned>(
        std::max(0LL, RedisReply{RedisReply::Type::String, fields.field("slots")}.as_integer()));
    node.done = static_cast<std::uint64_t>(
        std::max(0LL, RedisReply{RedisReply::Type::String, fields.field("done")}.as_integer()));
    // The time to live says how long ago the node beat, with no clock shared between machines.
    double seen = static_cast<double>(kHeartbeatTtlMs - ttl_ms) / 1000.0;
    node.seen_seconds =
        std::max(0.0, static_cast<double>(static_cast<long long>(seen * 10)) / 10.0);
    return node;
}

}  // namespace

Result<std::vector<NodeStatus>> list_nodes(BrokerLink& link) {
    auto names = link.call({"SMEMBERS", broker_keys::kNodes});
    if (!names) return names.error();
    if (names->is_error())
        return fail(ErrorKind::refused, "the broker refused SMEMBERS: " + names->text);
    std::vector<Command> reads;
    for (const auto& name : names->items) {
        reads.push_back({"HGETALL", broker_keys::node(name.text)});
        reads.push_back({"PTTL", broker_keys::node(name.text)});
    }
    std::vector<NodeStatus> nodes;
    if (reads.empty()) return nodes;
    auto replies = link.call_all(reads);
    if (!replies) return replies.error();
    std::vector<Command> prune;
    for (std::size_t i = 0; i < names->items.size(); ++i) {
        const RedisReply& fields = (*replies)[2 * i];
        long long ttl = (*replies)[2 * i + 1].as_integer();
        const std::string& name = names->items[i].text;
        if (fields.is_error() || fields.items.empty() || ttl < 0) {
            prune.push_back({"SREM", broker_keys::kNodes, name});
            continue;
        }
        nodes.push_back(status_from(name, fields, ttl));
    }
    if (!prune.empty()) (void)link.call_all(prune);
    std::sort(nodes.begin(), nodes.end(),
              [](const NodeStatus& a, const NodeStatus& b) { return a.name < b.name; });
    return nodes;
}

}  // namespace lote

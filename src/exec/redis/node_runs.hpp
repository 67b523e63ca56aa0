#pragma once
// What a node knows of each run it works for, read from the run's hash the first time one of its
// tasks comes along: its claim timeout and per-image timeout, and the roots the node may touch
// for it (each of the run's shared folders that the node's maps lead to and whose marker
// matches). A task with a path outside them is refused.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "exec/redis/broker_link.hpp"
#include "exec/redis/path_map.hpp"

namespace lote {

struct RunInfo {
    std::string id;
    std::chrono::milliseconds claim_timeout{30'000};
    std::chrono::milliseconds task_timeout{300'000};
    PathMap paths{{}};
    std::vector<std::string> problems;  // shares of the run this node cannot serve, and why
};

class RunBook {
  public:
    explicit RunBook(std::vector<PathMapping> maps) : maps_(std::move(maps)) {}

    // Thread-safe; fails only when the broker cannot be read (or lost the run).
    Result<std::shared_ptr<const RunInfo>> get(BrokerLink& link, const std::string& run);

  private:
    std::shared_ptr<const RunInfo> learn(const std::string& run, const RedisReply& fields) const;

    std::vector<PathMapping> maps_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const RunInfo>> runs_;
};

}  // namespace lote

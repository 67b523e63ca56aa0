#include "exec/redis/node_watch.hpp"

#include <chrono>

#include "exec/redis/node_directory.hpp"

namespace lote {

void NodeWatch::start() {
    thread_ = std::thread([this] { loop(); });
}

void NodeWatch::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

std::vector<NodeStatus> NodeWatch::nodes(bool* reachable) const {
    std::lock_guard lock(mutex_);
    if (reachable) *reachable = reachable_;
    return nodes_;
}

void NodeWatch::loop() {
    using std::chrono::milliseconds;
    Backoff backoff;
    while (!stopping_) {
        auto listed = list_nodes(link_);
        milliseconds wait{1000};
        {
            std::lock_guard lock(mutex_);
            reachable_ = listed.ok();
            if (listed) nodes_ = std::move(*listed);
        }
        if (listed) {
            backoff.reset();
        } else {
            wait = backoff.next();
        }
        auto until = std::chrono::steady_clock::now() + wait;
        while (!stopping_ && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(milliseconds(50));
        }
    }
}

}  // namespace lote

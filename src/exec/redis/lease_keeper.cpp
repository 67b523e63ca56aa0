#include "exec/redis/lease_keeper.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

#include "exec/redis/broker_keys.hpp"
#include "exec/redis/node_directory.hpp"
#include "util/version.hpp"

namespace lote {

namespace keys = broker_keys;

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kTick{100};
constexpr milliseconds kShortestRenewal{200};

milliseconds renewal_period(const Lease& lease) {
    return std::max(kShortestRenewal, lease.claim_timeout / 3);
}

}  // namespace

Result<long long> claim_node_name(BrokerLink& link, const NodeIdentity& identity,
                                  std::uint64_t done, unsigned busy) {
    auto reply = link.run(lua::kHeartbeat, {keys::node(identity.name), keys::kNodes},
                          {identity.instance, std::to_string(kHeartbeatTtlMs), identity.name,
                           "slots", std::to_string(identity.slots), "done", std::to_string(done),
                           "busy", std::to_string(busy), "version", kVersion});
    if (!reply) return reply.error();
    if (reply->is_error()) return fail(ErrorKind::refused, "the heartbeat script: " + reply->text);
    if (!reply->items.empty() && reply->items[0].as_text() == "taken") {
        long long ttl = reply->items.size() > 1 ? reply->items[1].as_integer() : kHeartbeatTtlMs;
        return fail(ErrorKind::conflict, std::to_string(std::max(0LL, ttl)));
    }
    return 0LL;
}

LeaseKeeper::LeaseKeeper(BrokerAddress address, NodeIdentity identity,
                         const std::atomic<std::uint64_t>& done, const std::atomic<unsigned>& busy)
    : link_(std::move(address), ConnectionSettings{}),
      identity_(std::move(identity)),
      done_(done),
      busy_(busy) {}

LeaseKeeper::~LeaseKeeper() {
    stop();
}

void LeaseKeeper::start() {
    thread_ = std::thread([this] { loop(); });
}

void LeaseKeeper::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::uint64_t LeaseKeeper::hold(Lease lease) {
    std::lock_guard lock(mutex_);
    std::uint64_t handle = next_handle_++;
    held_[handle] = Held{std::move(lease), Clock::now(), LeaseEnd::Held};
    return handle;
}

LeaseEnd LeaseKeeper::release(std::uint64_t handle) {
    std::lock_guard lock(mutex_);
    auto found = held_.find(handle);
    if (found == held_.end()) return LeaseEnd::Held;
    LeaseEnd end = found->second.end;
    held_.erase(found);
    return end;
}

void LeaseKeeper::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void LeaseKeeper::stop_all() {
    std::lock_guard lock(mutex_);
    for (auto& [handle, held] : held_) {
        if (held.end == LeaseEnd::Held) held.end = LeaseEnd::NodeStopping;
        held.lease.token.cancel();
    }
}

void LeaseKeeper::settle(std::uint64_t handle, LeaseEnd end) {
    std::lock_guard lock(mutex_);
    auto found = held_.find(handle);
    if (found == held_.end() || found->second.end != LeaseEnd::Held) return;
    found->second.end = end;
    found->second.lease.token.cancel();
}

// Renews outside the lock: the slots must be able to hold and release meanwhile.
void LeaseKeeper::renew_due(bool all) {
    std::vector<std::pair<std::uint64_t, Lease>> due;
    {
        std::lock_guard lock(mutex_);
        auto now = Clock::now();
        for (auto& [handle, held] : held_) {
            if (held.end != LeaseEnd::Held) continue;
            if (all || now - held.renewed >= renewal_period(held.lease)) {
                due.emplace_back(handle, held.lease);
            }
        }
    }
    for (const auto& [handle, lease] : due) {
        auto reply = link_.run(lua::kRenew, {keys::kTasks, keys::run(lease.run)},
                               {lease.entry, lease.consumer});
        if (!reply) {
            retry_at_ = Clock::now() + backoff_.next();  // the broker is away: try again soon
            return;
        }
        backoff_.reset();
        std::string verdict =
            reply->is_array() && !reply->items.empty() ? reply->items[0].as_text() : "";
        std::string state = reply->items.size() > 1 ? reply->items[1].as_text() : "";
        if (reply->is_error() || verdict == "lost") {
            spdlog::warn("lost the lease on a task of run {} (another node took it over)",
                         lease.run);
            settle(handle, LeaseEnd::Lost);
        } else if (state != "running") {
            spdlog::info("run {} is {}: stopping its image in progress", lease.run, state);
            settle(handle, LeaseEnd::RunEnded);
        } else {
            std::lock_guard lock(mutex_);
            if (auto found = held_.find(handle); found != held_.end())
                found->second.renewed = Clock::now();
        }
    }
}

void LeaseKeeper::beat() {
    auto claimed = claim_node_name(link_, identity_, done_.load(), busy_.load());
    if (!claimed && claimed.kind() == ErrorKind::conflict) {
        spdlog::error("another node now goes by the name {}: give each node its own --name",
                      identity_.name);
    } else if (!claimed) {
        retry_at_ = Clock::now() + backoff_.next();
    }
}

void LeaseKeeper::loop() {
    for (;;) {
        bool all = false;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kTick, [this] { return stopping_ || woken_; });
            if (stopping_) return;
            all = woken_;
            woken_ = false;
        }
        auto now = Clock::now();
        if (now < retry_at_) continue;
        renew_due(all);
        if (now >= next_beat_) {
            next_beat_ = now + milliseconds(kHeartbeatEveryMs);
            beat();
        }
    }
}

}  // namespace lote

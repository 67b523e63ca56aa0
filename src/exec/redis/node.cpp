#include "exec/redis/node.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <thread>

#include "exec/concurrency.hpp"
#include "exec/redis/broker_check.hpp"
#include "exec/redis/broker_keys.hpp"
#include "exec/redis/broker_run.hpp"
#include "exec/redis/node_directory.hpp"
#include "exec/redis/share_check.hpp"
#include "exec/redis/share_marker.hpp"
#include "exec/redis/wake_listener.hpp"
#include "pipeline/temporary_names.hpp"

namespace lote {

namespace keys = broker_keys;

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kSharePoll{1000};

void nap(const NodeControl& control, milliseconds duration) {
    auto until = Clock::now() + duration;
    while (Clock::now() < until && !control.stop) std::this_thread::sleep_for(milliseconds(50));
}

Result<std::vector<ShareView>> registered_shares(BrokerLink& link) {
    auto reply = link.call({"HGETALL", keys::kShares});
    if (!reply) return reply.error();
    if (reply->is_error())
        return fail(ErrorKind::refused, "the broker refused HGETALL: " + reply->text);
    std::vector<ShareView> shares;
    for (std::size_t i = 0; i + 1 < reply->items.size(); i += 2) {
        std::string value = reply->items[i + 1].text;
        shares.push_back({std::filesystem::path(reply->items[i].text).lexically_normal(),
                          value.substr(0, value.find(' '))});
    }
    return shares;
}

// Waits (saying so once) while no coordinator has shared anything yet; refuses a wrong map.
Status wait_for_shares(BrokerLink& link, const NodeOptions& options, const NodeControl& control) {
    bool said = false;
    while (!control.stop) {
        auto shares = registered_shares(link);
        if (!shares) return shares.error();
        StartVerdict verdict = check_maps_at_start(options.maps, *shares);
        if (verdict.kind == StartVerdict::Kind::Serve) return {};
        if (verdict.kind == StartVerdict::Kind::Refuse)
            return fail(ErrorKind::refused, verdict.message);
        if (!said) spdlog::info("waiting: {}", verdict.message);
        said = true;
        nap(control, kSharePoll);
    }
    return {};
}

// A node killed a moment ago leaves its heartbeat for up to its time to live: a restarted node
// of that name waits it out; one still beating after that is another live node.
Status claim_name(BrokerLink& link, const NodeIdentity& identity, const NodeControl& control) {
    auto deadline = Clock::now() + milliseconds(2 * kHeartbeatTtlMs);
    bool said = false;
    while (!control.stop) {
        auto claimed = claim_node_name(link, identity, 0, 0);
        if (claimed) return {};
        if (claimed.kind() != ErrorKind::conflict) return claimed.error();
        if (Clock::now() > deadline) {
            return fail(ErrorKind::conflict, "another node named " + identity.name +
                                                 " is running on this broker: give this one "
                                                 "its own --name");
        }
        if (!said)
            spdlog::info("a node named {} was seen lately; waiting for it to go away",
                         identity.name);
        said = true;
        nap(control, milliseconds(500));
    }
    return {};
}

Status check_permissions(BrokerLink& link) {
    auto script = link.run(lua::kSetState, {keys::run("permission-check")}, {"none"});
    if (!script) return script.error();
    if (script->is_error()) {
        return fail(ErrorKind::refused, "the broker refused to run lote's scripts (" +
                                            script->text + "): see README, \"Redis for lote\"");
    }
    return ensure_task_group(link);
}

Status start_checks(BrokerLink& link, const NodeOptions& options, const NodeIdentity& identity,
                    const NodeControl& control) {
    if (auto s = link.connect(); !s) return s;
    if (auto s = check_broker(link); !s) return s;
    if (auto s = check_permissions(link); !s) return s;
    if (auto s = wait_for_shares(link, options, control); !s) return s;
    return claim_name(link, identity, control);
}

std::string maps_text(const std::vector<PathMapping>& maps) {
    std::string text;
    for (const auto& map : maps) text += " " + map.from.string() + "=" + map.to.string();
    return text.empty() ? " (no --map: the coordinators' paths as they are)" : text;
}

void leave(BrokerLink& link, const NodeIdentity& identity) {
    std::vector<std::string> args{identity.name, identity.instance};
    for (unsigned i = 0; i < identity.slots; ++i)
        args.push_back(identity.name + ":" + std::to_string(i));
    (void)link.run(lua::kLeave, {keys::kTasks, keys::node(identity.name), keys::kNodes}, args);
}

// Joins the slots; after a polite stop, hands the work back once the grace has passed.
void wait_for_slots(std::vector<std::thread>& slots, NodeControl& control, LeaseKeeper& keeper,
                    milliseconds grace) {
    while (!control.stop) std::this_thread::sleep_for(milliseconds(100));
    spdlog::info("stopping: letting the images in progress finish (again to stop now)");
    auto deadline = Clock::now() + grace;
    std::thread watchdog([&] {
        while (!control.stop_now && Clock::now() < deadline)
            std::this_thread::sleep_for(milliseconds(50));
        if (!control.stop_now) control.stop_now = true;
        keeper.stop_all();
    });
    for (auto& slot : slots) slot.join();
    control.stop_now = true;
    watchdog.join();
}

}  // namespace

Status check_node_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || sanitized_writer_name(name) != name) {
        return fail("--name " + name + ": a node name is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return {};
}

int run_node(const NodeOptions& options, NodeControl& control) {
    NodeIdentity identity{options.name.empty() ? this_host_name() : options.name, random_hex_id(),
                          resolve_worker_count(options.slots)};
    auto address = parse_broker_url(options.broker);
    if (!address) return spdlog::error("{}", address.message()), kNodeRefused;
    if (auto s = check_node_name(identity.name); !s)
        return spdlog::error("{}", s.message()), kNodeRefused;
    BrokerLink link(*address, ConnectionSettings{});
    if (auto s = start_checks(link, options, identity, control); !s) {
        spdlog::error("{}", s.message());
        return kNodeRefused;
    }
    if (control.stop) return kNodeOk;
    set_temporary_writer_name(identity.name);
    RunBook runs(options.maps);
    NodeCounters counters;
    LeaseKeeper keeper(*address, identity, counters.done, counters.busy);
    SlotSettings worker;
    worker.worker_program = options.worker_program;
    worker.vips_threads = vips_threads_per_worker(identity.slots);
    worker.writer_name = identity.name;
    NodeShared shared{
        *address, identity.name, control, keeper, runs, worker, node_fault_from_environment(),
        counters};
    spdlog::info("node {} serving {} slot(s) from {}{}", identity.name, identity.slots,
                 address->display(), maps_text(options.maps));
    keeper.start();
    WakeListener listener(*address, [&keeper] { keeper.wake(); });
    listener.start();
    std::vector<std::thread> slots;
    for (unsigned i = 0; i < identity.slots; ++i) {
        slots.emplace_back([&shared, i] { NodeSlot(shared, i).run(); });
    }
    wait_for_slots(slots, control, keeper, options.stop_grace);
    listener.stop();
    keeper.stop();
    leave(link, identity);
    spdlog::info("node {} stopped after {} image(s)", identity.name, counters.done.load());
    return kNodeOk;
}

}  // namespace lote

#include "exec/redis/node_slot.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "exec/failed_result.hpp"
#include "exec/redis/broker_keys.hpp"
#include "exec/redis/result_entries.hpp"
#include "exec/redis/stream_entries.hpp"
#include "exec/worker_temporaries.hpp"

namespace lote {

namespace keys = broker_keys;

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* kReadBlockMs = "2000";  // within the connection's 10 s read timeout
constexpr milliseconds kReclaimEvery{1000};
// Pending entries idle for less than this are not worth a look: every run's claim timeout is
// longer (the script compares each entry with its own run's).
constexpr const char* kReclaimFloorMs = "500";
constexpr const char* kReclaimLook = "16";

std::string first_text(const RedisReply& reply) {
    return reply.is_array() && !reply.items.empty() ? reply.items[0].as_text() : reply.as_text();
}

bool group_missing(const RedisReply& reply) {
    return reply.is_error() && reply.text.find("NOGROUP") != std::string::npos;
}

Result<ImageTask> parse_task(const std::string& body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded()) return fail(ErrorKind::corrupt, "the task is not JSON");
    return image_task_from_json(json);
}

std::string problems_text(const RunInfo& info) {
    std::string text;
    for (const auto& problem : info.problems) text += "; " + problem;
    return text;
}

}  // namespace

NodeSlot::NodeSlot(NodeShared& shared, unsigned index)
    : shared_(shared),
      consumer_(shared.name + ":" + std::to_string(index)),
      link_(shared.address, ConnectionSettings{}),
      settings_(shared.worker),
      worker_(settings_) {}

void NodeSlot::run() {
    Backoff backoff;
    while (!shared_.control.stop && !shared_.control.stop_now) {
        auto entry = next_entry();
        if (!entry) {
            if (backoff.attempts() == 0)
                spdlog::warn("{}: {}; retrying", consumer_, entry.message());
            auto until = Clock::now() + backoff.next();
            while (Clock::now() < until && !shared_.control.stop) {
                std::this_thread::sleep_for(milliseconds(50));
            }
            continue;
        }
        if (backoff.attempts() > 0) spdlog::info("{}: the broker is back", consumer_);
        backoff.reset();
        if (*entry) work_on(**entry);
    }
    worker_.stop();
}

Result<std::optional<TaskEntry>> NodeSlot::reclaim() {
    next_reclaim_ = Clock::now() + kReclaimEvery;
    for (;;) {
        auto reply = link_.run(lua::kReclaim, {keys::kTasks, keys::kDead},
                               {consumer_, kReclaimFloorMs, kReclaimLook});
        if (!reply) return reply.error();
        if (group_missing(*reply)) return std::optional<TaskEntry>{};
        if (reply->is_error())
            return fail(ErrorKind::refused, "the reclaim script: " + reply->text);
        std::string verdict = first_text(*reply);
        if (verdict != "claimed" && verdict != "dead") return std::optional<TaskEntry>{};
        const auto& items = reply->items;
        if (items.size() < 6) return std::optional<TaskEntry>{};
        TaskEntry entry{items[1].text, items[3].text, items[4].text, items[5].text, items[2].text};
        if (verdict == "claimed") {
            spdlog::info("{}: took over task {} of run {} from {}", consumer_, entry.task,
                         entry.run, entry.previous_owner);
            return std::optional<TaskEntry>(std::move(entry));
        }
        spdlog::warn("{}: task {} of run {} was lost with every node that took it: set aside",
                     consumer_, entry.task, entry.run);
        clear_previous_owner(entry);
    }
}

Result<std::optional<TaskEntry>> NodeSlot::next_entry() {
    if (Clock::now() >= next_reclaim_) {
        auto reclaimed = reclaim();
        if (!reclaimed || *reclaimed) return reclaimed;
    }
    auto reply = link_.call({"XREADGROUP", "GROUP", keys::kWorkers, consumer_, "COUNT", "1",
                             "BLOCK", kReadBlockMs, "STREAMS", keys::kTasks, ">"});
    if (!reply) return reply.error();
    if (group_missing(*reply)) {
        // The broker lost the group (restarted empty): make it again, then read.
        auto made = link_.call({"XGROUP", "CREATE", keys::kTasks, keys::kWorkers, "0", "MKSTREAM"});
        if (!made) return made.error();
        return std::optional<TaskEntry>{};
    }
    if (reply->is_error()) return fail(ErrorKind::refused, "XREADGROUP: " + reply->text);
    auto entries = read_entries(*reply);
    if (entries.empty()) return std::optional<TaskEntry>{};
    const StreamEntry& read = entries.front();
    return std::optional<TaskEntry>(
        TaskEntry{read.id, read.get("run"), read.get("task"), read.get("body"), {}});
}

// The previous owner lost its lease: whatever it was writing for this task is abandoned.
void NodeSlot::clear_previous_owner(const TaskEntry& entry) {
    auto task = parse_task(entry.body);
    auto info = shared_.runs.get(link_, entry.run);
    if (!task || !info) return;
    auto local = local_task(*task, **info);
    if (local) remove_writer_temporaries(*local, node_of_consumer(entry.previous_owner));
}

Result<ImageTask> NodeSlot::local_task(const ImageTask& task, const RunInfo& info) const {
    ImageTask local = task;
    auto refuse = [&](const Error& error) {
        return fail(ErrorKind::refused, "node " + shared_.name + " cannot take this image: " +
                                            error.message + problems_text(info));
    };
    auto input = info.paths.to_local(task.input);
    if (!input) return refuse(input.error());
    local.input = *input;
    auto map = [&](std::string& path) -> Status {
        if (path.empty()) return {};  // a name the worker renders in `folder`
        auto mapped = info.paths.to_local(path);
        if (!mapped) return mapped.error();
        path = *mapped;
        return {};
    };
    for (auto& output : local.outputs) {
        if (auto s = map(output.path); !s) return refuse(s.error());
        if (auto s = map(output.folder); !s) return refuse(s.error());
        for (auto& replaceable : output.replaceable) {
            if (auto s = map(replaceable); !s) return refuse(s.error());
        }
    }
    return local;
}

ImageResult NodeSlot::serve(const TaskEntry& entry, const ImageTask& task, const RunInfo& info,
                            LeaseEnd& end) {
    Lease lease{entry.id, entry.run, consumer_, info.claim_timeout, CancelToken{}};
    CancelToken token = lease.token;
    std::uint64_t handle = shared_.keeper.hold(std::move(lease));
    if (shared_.control.stop_now) token.cancel();
    settings_.task_timeout = info.task_timeout;
    ++shared_.counters.busy;
    ImageResult result = worker_.serve(task, token);
    --shared_.counters.busy;
    end = shared_.keeper.release(handle);
    return result;
}

void NodeSlot::work_on(const TaskEntry& entry) {
    auto begun =
        link_.run(lua::kBegin, {keys::kTasks, keys::run(entry.run), keys::results(entry.run)},
                  {entry.id, consumer_, shared_.name, entry.task});
    if (!begun || first_text(*begun) != "go") return;  // lost, dropped, or the broker is away
    auto info = shared_.runs.get(link_, entry.run);
    if (!info) return;  // the run vanished meanwhile: nothing to report to
    auto task = parse_task(entry.body);
    if (!task) {
        ImageTask unnamed;
        unnamed.id = std::strtoull(entry.task.c_str(), nullptr, 10);
        return complete(
            entry, failed_result(unnamed, "node " + shared_.name +
                                              " received a malformed task: " + task.message()));
    }
    auto local = local_task(*task, **info);
    if (!local) {
        spdlog::error("{}", local.message());
        return complete(entry, failed_result(*task, local.message()));
    }
    if (!entry.previous_owner.empty()) {
        remove_writer_temporaries(*local, node_of_consumer(entry.previous_owner));
    }
    inject_fault_if_matching(shared_.fault, local->input, -1);
    LeaseEnd end = LeaseEnd::Held;
    ImageResult result = serve(entry, *local, **info, end);
    if (end == LeaseEnd::Lost) return;  // another node has it now: this one reports nothing
    if (end == LeaseEnd::NodeStopping) return give_back(entry);
    result.id = task->id;
    result.input = task->input;
    for (auto& output : result.outputs) {
        if (!output.path.empty()) output.path = (*info)->paths.to_coordinator(output.path);
    }
    complete(entry, result);
}

void NodeSlot::complete(const TaskEntry& entry, const ImageResult& result) {
    std::string body =
        to_json(result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    Backoff backoff;
    // The result is worth waiting for the broker: the lease check inside says whether it still
    // counts once the broker is back.
    while (!shared_.control.stop_now) {
        auto reply = link_.run(lua::kComplete,
                               {keys::kTasks, keys::run(entry.run), keys::results(entry.run)},
                               {entry.id, consumer_, shared_.name, entry.task, body});
        if (reply) {
            std::string verdict = first_text(*reply);
            if (verdict == "done") ++shared_.counters.done;
            if (verdict == "lost") {
                // Paused past the lease (a suspended machine, a long stall): another node has
                // the task, and only its result counts.
                spdlog::warn(
                    "{}: lost the lease on task {} of run {} (another node took it over): "
                    "this result is dropped",
                    consumer_, entry.task, entry.run);
            }
            return;
        }
        std::this_thread::sleep_for(backoff.next());
    }
}

void NodeSlot::give_back(const TaskEntry& entry) {
    (void)link_.run(lua::kRelease, {keys::kTasks}, {entry.id, consumer_});
}

}  // namespace lote

#include "exec/redis/broker_run.hpp"

#include <nlohmann/json.hpp>

#include "exec/redis/broker_keys.hpp"
#include "pipeline/temporary_names.hpp"

namespace lote {

namespace keys = broker_keys;

namespace {

constexpr std::size_t kEnqueueBatch = 256;

Error refused_by(const RedisReply& reply, const std::string& doing) {
    return fail(ErrorKind::refused, "the broker refused " + doing + ": " + reply.text);
}

// Fails for any error reply among the answers but the one the caller expects ("BUSYGROUP").
Status check_replies(const std::vector<RedisReply>& replies, const std::string& doing,
                     const char* tolerated = nullptr) {
    for (const auto& reply : replies) {
        if (reply.is_error() && !(tolerated && reply.error_is(tolerated)))
            return refused_by(reply, doing);
    }
    return {};
}

std::string shares_json(const std::vector<Share>& shares) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& share : shares)
        list.push_back({{"path", share.root.string()}, {"id", share.id}});
    return list.dump();
}

std::string millis(std::chrono::milliseconds duration) {
    return std::to_string(duration.count());
}

}  // namespace

Status ensure_task_group(BrokerLink& link) {
    auto reply = link.call({"XGROUP", "CREATE", keys::kTasks, keys::kWorkers, "0", "MKSTREAM"});
    if (!reply) return reply.error();
    if (reply->is_error() && !reply->error_is("BUSYGROUP"))
        return refused_by(*reply, "XGROUP CREATE");
    return {};
}

Status register_shares(BrokerLink& link, const std::vector<Share>& shares) {
    const std::string host = this_host_name();
    auto known = link.call({"HGETALL", keys::kShares});
    if (!known) return known.error();
    std::vector<Command> commands;
    for (std::size_t i = 0; known->is_array() && i + 1 < known->items.size(); i += 2) {
        std::string folder = known->items[i].text;
        std::string value = known->items[i + 1].text;
        bool ours = value.size() > host.size() &&
                    value.compare(value.size() - host.size(), host.size(), host) == 0 &&
                    value[value.size() - host.size() - 1] == ' ';
        std::error_code ec;
        if (ours && !std::filesystem::exists(folder, ec))
            commands.push_back({"HDEL", keys::kShares, folder});
    }
    for (const auto& share : shares) {
        commands.push_back({"HSET", keys::kShares, share.root.string(), share.id + " " + host});
    }
    auto replies = link.call_all(commands);
    if (!replies) return replies.error();
    return check_replies(*replies, "HSET " + std::string(keys::kShares));
}

Status BrokerRun::open(const std::string& state) {
    const std::string run = keys::run(settings_.id);
    std::vector<Command> commands{
        {"HSET", run, "state", state, "claim_ms", millis(settings_.claim_timeout), "max_deliveries",
         std::to_string(settings_.max_deliveries), "task_timeout_ms",
         millis(settings_.task_timeout), "shares", shares_json(settings_.shares), "coordinator",
         settings_.coordinator, "tasks", std::to_string(settings_.tasks)},
        {"SADD", keys::kRuns, settings_.id},
        {"SET", keys::alive(settings_.id), settings_.coordinator, "PX", millis(kAliveTtl)},
    };
    auto replies = link_.call_all(commands);
    if (!replies) return replies.error();
    if (auto s = check_replies(*replies, "the run's keys"); !s) return s;
    auto group = link_.call(
        {"XGROUP", "CREATE", keys::results(settings_.id), keys::kCoordinator, "0", "MKSTREAM"});
    if (!group) return group.error();
    if (group->is_error() && !group->error_is("BUSYGROUP"))
        return refused_by(*group, "XGROUP CREATE");
    if (auto s = ensure_task_group(link_); !s) return s;
    return register_shares(link_, settings_.shares);
}

Result<bool> BrokerRun::exists() {
    auto reply = link_.call({"EXISTS", keys::run(settings_.id)});
    if (!reply) return reply.error();
    if (reply->is_error()) return refused_by(*reply, "EXISTS");
    return reply->integer == 1;
}

Status BrokerRun::enqueue(const std::vector<const ImageTask*>& tasks,
                          const std::vector<std::string>& notes) {
    for (std::size_t start = 0; start < tasks.size(); start += kEnqueueBatch) {
        std::vector<Command> commands;
        for (std::size_t i = start; i < std::min(tasks.size(), start + kEnqueueBatch); ++i) {
            const ImageTask& task = *tasks[i];
            std::string note = task.id < notes.size() ? notes[task.id] : std::string();
            commands.push_back(
                {"XADD", keys::kTasks, "*", "run", settings_.id, "task", std::to_string(task.id),
                 "body",
                 to_json(task).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                 "note", note});
        }
        auto replies = link_.call_all(commands);
        if (!replies) return replies.error();
        if (auto s = check_replies(*replies, "XADD " + std::string(keys::kTasks)); !s) return s;
    }
    return {};
}

Status BrokerRun::keep_alive() {
    auto reply = link_.call(
        {"SET", keys::alive(settings_.id), settings_.coordinator, "PX", millis(kAliveTtl)});
    if (!reply) return reply.error();
    if (reply->is_error()) return refused_by(*reply, "SET");
    return {};
}

Result<std::vector<StreamEntry>> BrokerRun::read_results(bool pending,
                                                         std::chrono::milliseconds block,
                                                         unsigned count) {
    Command command{"XREADGROUP",  "GROUP", keys::kCoordinator,
                    "coordinator", "COUNT", std::to_string(count)};
    if (!pending) {
        command.push_back("BLOCK");
        command.push_back(millis(block));
    }
    command.push_back("STREAMS");
    command.push_back(keys::results(settings_.id));
    command.push_back(pending ? "0" : ">");
    auto reply = link_.call(command);
    if (!reply) return reply.error();
    if (reply->error_is("NOGROUP")) return std::vector<StreamEntry>{};  // the broker lost it
    if (reply->is_error()) return refused_by(*reply, "XREADGROUP");
    return read_entries(*reply);
}

Status BrokerRun::acknowledge(const std::vector<std::string>& ids) {
    if (ids.empty()) return {};
    const std::string stream = keys::results(settings_.id);
    Command ack{"XACK", stream, keys::kCoordinator};
    Command del{"XDEL", stream};
    ack.insert(ack.end(), ids.begin(), ids.end());
    del.insert(del.end(), ids.begin(), ids.end());
    auto replies = link_.call_all({ack, del});
    if (!replies) return replies.error();
    return check_replies(*replies, "XACK", "NOGROUP");
}

Result<std::vector<std::string>> BrokerRun::entry_ids() {
    std::vector<std::string> ids;
    auto walked = walk_stream(link_, keys::kTasks, [&](const StreamEntry& entry) {
        if (entry.get("run") == settings_.id) ids.push_back(entry.id);
    });
    if (!walked) return walked.error();
    return ids;
}

Result<std::set<std::uint64_t>> BrokerRun::queued_tasks() {
    std::set<std::uint64_t> queued;
    auto walked = walk_stream(link_, keys::kTasks, [&](const StreamEntry& entry) {
        if (entry.get("run") == settings_.id) queued.insert(std::stoull("0" + entry.get("task")));
    });
    if (!walked) return walked.error();
    return queued;
}

Status forget_entries(BrokerLink& link, const std::vector<std::string>& ids, const char* which) {
    for (std::size_t start = 0; start < ids.size(); start += kEnqueueBatch) {
        std::vector<std::string> args{which};
        args.insert(args.end(), ids.begin() + static_cast<long>(start),
                    ids.begin() + static_cast<long>(std::min(ids.size(), start + kEnqueueBatch)));
        auto reply = link.run(lua::kForget, {keys::kTasks}, args);
        if (!reply) return reply.error();
        if (reply->is_error() && reply->text.find("NOGROUP") == std::string::npos) {
            return refused_by(*reply, "the forget script");
        }
    }
    return {};
}

Status BrokerRun::cancel() {
    auto state = link_.run(lua::kSetState, {keys::run(settings_.id)}, {"cancelled"});
    if (!state) return state.error();
    if (state->is_error()) return refused_by(*state, "the set_state script");
    auto woken = link_.call({"PUBLISH", keys::kWake, "cancelled " + settings_.id});
    if (!woken) return woken.error();
    auto ids = entry_ids();
    if (!ids) return ids.error();
    return forget_entries(link_, *ids, "unstarted");
}

Status BrokerRun::close() {
    auto ids = entry_ids();
    if (!ids) return ids.error();
    if (auto s = forget_entries(link_, *ids, "all"); !s) return s;
    auto replies = link_.call_all({
        {"DEL", keys::run(settings_.id), keys::results(settings_.id), keys::alive(settings_.id)},
        {"SREM", keys::kRuns, settings_.id},
    });
    if (!replies) return replies.error();
    return check_replies(*replies, "DEL");
}

}  // namespace lote

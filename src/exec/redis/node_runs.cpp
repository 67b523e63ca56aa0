#include "exec/redis/node_runs.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "exec/redis/broker_keys.hpp"
#include "exec/redis/share_check.hpp"

namespace lote {

namespace {

// Runs come and go; a node up for months must not remember every one.
constexpr std::size_t kRunsRemembered = 64;

std::chrono::milliseconds millis_field(const RedisReply& fields, const char* name,
                                       std::chrono::milliseconds fallback) {
    std::string text = fields.field(name);
    long long value = text.empty() ? 0 : std::atoll(text.c_str());
    return value > 0 ? std::chrono::milliseconds(value) : fallback;
}

std::vector<ShareView> shares_of(const RedisReply& fields) {
    std::vector<ShareView> shares;
    auto list = nlohmann::json::parse(fields.field("shares"), nullptr, false);
    if (!list.is_array()) return shares;
    for (const auto& item : list) {
        if (!item.is_object() || !item.contains("path") || !item["path"].is_string() ||
            !item.contains("id") || !item["id"].is_string()) {
            continue;
        }
        std::filesystem::path path(item["path"].get<std::string>());
        if (!path.is_absolute()) continue;
        shares.push_back({path.lexically_normal(), item["id"].get<std::string>()});
    }
    return shares;
}

}  // namespace

std::shared_ptr<const RunInfo> RunBook::learn(const std::string& run,
                                              const RedisReply& fields) const {
    auto info = std::make_shared<RunInfo>();
    info->id = run;
    info->claim_timeout = millis_field(fields, "claim_ms", info->claim_timeout);
    info->task_timeout = millis_field(fields, "task_timeout_ms", info->task_timeout);
    std::vector<PathMapping> roots;
    for (const auto& share : shares_of(fields)) {
        CheckedShare checked = check_share(share, maps_);
        if (checked.sight == ShareSight::Seen) {
            roots.push_back(checked.root);
        } else {
            info->problems.push_back(describe_sight(checked));
        }
    }
    info->paths = PathMap(std::move(roots));
    return info;
}

Result<std::shared_ptr<const RunInfo>> RunBook::get(BrokerLink& link, const std::string& run) {
    {
        std::lock_guard lock(mutex_);
        if (auto found = runs_.find(run); found != runs_.end()) return found->second;
    }
    auto fields = link.call({"HGETALL", broker_keys::run(run)});
    if (!fields) return fields.error();
    if (fields->is_error()) return fail(ErrorKind::refused, "HGETALL: " + fields->text);
    if (fields->items.empty()) return fail(ErrorKind::not_found, "the run " + run + " is gone");
    auto info = learn(run, *fields);
    std::lock_guard lock(mutex_);
    if (runs_.size() >= kRunsRemembered) runs_.clear();
    runs_[run] = info;
    return info;
}

}  // namespace lote

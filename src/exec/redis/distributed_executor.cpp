#include "exec/redis/distributed_executor.hpp"

#include <unistd.h>

#include <algorithm>

#include "exec/redis/broker_check.hpp"
#include "exec/redis/broker_keys.hpp"
#include "exec/redis/broker_run.hpp"
#include "exec/redis/coordinator_loop.hpp"
#include "exec/redis/node_directory.hpp"
#include "exec/redis/run_retirement.hpp"
#include "pipeline/temporary_names.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

using std::chrono::milliseconds;

milliseconds millis_of(double seconds) {
    return milliseconds(static_cast<long long>(std::max(0.0, seconds) * 1000.0));
}

// Nodes open the very paths the coordinator names, from another working folder. An empty path
// (a name the node renders in `folder`) stays empty.
std::string absolute_text(const std::string& path) {
    if (path.empty()) return path;
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

std::vector<ImageTask> with_absolute_paths(const std::vector<ImageTask>& tasks) {
    std::vector<ImageTask> out = tasks;
    for (auto& task : out) {
        task.input = absolute_text(task.input);
        for (auto& output : task.outputs) {
            output.path = absolute_text(output.path);
            output.folder = absolute_text(output.folder);
            for (auto& replaceable : output.replaceable) replaceable = absolute_text(replaceable);
        }
    }
    return out;
}

// What an ACL user needs beyond plain reads: scripts, and streams with consumer groups. Tried
// now, on keys that change nothing, so that a refusal is a message at start.
Status check_permissions(BrokerLink& link) {
    auto script = link.run(lua::kSetState, {broker_keys::run("permission-check")}, {"none"});
    if (!script) return script.error();
    if (script->is_error()) {
        return fail(ErrorKind::refused, "the broker refused to run lote's scripts (" +
                                            script->text + "): see README, \"Redis for lote\"");
    }
    if (auto s = ensure_task_group(link); !s) return s;
    return {};
}

// A failure to reach or use the broker, with the code a client translates (its own, when it has
// one); the address is shown without its password.
Error broker_error(const Error& error, const BrokerAddress& address) {
    if (!error.code.empty()) return error;
    std::string_view code = error.kind == ErrorKind::unavailable   ? codes::broker_unreachable
                            : error.kind == ErrorKind::unsupported ? codes::broker_unsupported
                                                                   : codes::broker_refused;
    return error.coded(code, {{"broker", address.display()}});
}

}  // namespace

DistributedExecutor::DistributedExecutor(const ExecutorOptions& options, BrokerAddress address)
    : options_(options), link_(std::move(address), ConnectionSettings{}) {}

Result<std::unique_ptr<Executor>> DistributedExecutor::connect(const ExecutorOptions& options) {
    if (options.broker.empty()) {
        return fail("the distributed mode needs a broker: --broker redis://host:port")
            .coded(codes::no_broker, {{"mode", "distribuido"}});
    }
    auto address = parse_broker_url(options.broker);
    if (!address) return address.error();
    std::unique_ptr<DistributedExecutor> executor(new DistributedExecutor(options, *address));
    if (auto s = executor->link_.connect(); !s) return broker_error(s.error(), *address);
    if (auto s = check_broker(executor->link_); !s) return broker_error(s.error(), *address);
    if (auto s = check_permissions(executor->link_); !s) return broker_error(s.error(), *address);
    auto nodes = list_nodes(executor->link_);
    if (!nodes) return broker_error(nodes.error(), *address);
    for (const auto& node : *nodes) executor->slots_ += node.slots;
    return std::unique_ptr<Executor>(std::move(executor));
}

Status DistributedExecutor::mark_shares() {
    shares_.clear();
    for (const auto& folder : options_.shared_folders) {
        auto share = find_or_mark_share(folder);
        if (!share) return share.error();
        bool known = std::any_of(shares_.begin(), shares_.end(),
                                 [&](const Share& s) { return s.root == share->root; });
        if (!known) shares_.push_back(*share);
    }
    return register_shares(link_, shares_);
}

Status DistributedExecutor::prepare(RunRecords& records, const LeftoverSink& leftovers) {
    records_ = &records;
    if (auto s = mark_shares(); !s) return s;
    for (const auto& record : records.unfinished()) {
        if (auto s = retire_run(link_, record, records, leftovers); !s) return s;
    }
    return {};
}

void DistributedExecutor::run(const std::vector<ImageTask>& tasks, const CancelToken& cancel,
                              const StartCallback& on_start, const ResultCallback& on_result) {
    if (shares_.empty()) (void)mark_shares();
    RunSettings settings;
    settings.id = random_hex_id().substr(0, 16);
    settings.claim_timeout = millis_of(options_.claim_timeout_seconds);
    settings.max_deliveries = std::max(1u, options_.max_deliveries);
    settings.task_timeout = millis_of(options_.task_timeout_seconds);
    settings.shares = shares_;
    settings.coordinator = this_host_name() + ":" + std::to_string(::getpid());
    settings.tasks = tasks.size();
    if (records_) {
        (void)records_->started({settings.id, link_.address().display(), settings.coordinator});
    }
    const std::string run_id = settings.id;
    mark_run_live(run_id, true);
    std::vector<ImageTask> absolute = with_absolute_paths(tasks);
    CoordinatorLoop loop(link_, std::move(settings), absolute, notes_, cancel,
                         {on_start, on_result, on_cluster_});
    bool closed = loop.run();
    mark_run_live(run_id, false);
    if (records_ && closed) records_->ended(run_id, cancel.cancelled() ? "cancelled" : "done");
}

}  // namespace lote

#include "exec/redis/run_retirement.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <thread>

#include "exec/redis/broker_keys.hpp"
#include "exec/redis/broker_run.hpp"
#include "exec/redis/result_entries.hpp"
#include "pipeline/temporary_names.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace keys = broker_keys;

namespace {

using std::chrono::milliseconds;

std::mutex& live_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::set<std::string>& live_runs() {
    static std::set<std::string> runs;
    return runs;
}

bool process_is_alive(long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

Error still_running(const RunRecord& record, const std::string& who) {
    return fail(ErrorKind::conflict,
                who + " is still running a job into this output folder through the broker (run " +
                    record.run + "): wait for it to finish, or cancel it, before starting this one")
        .coded(codes::job_running_elsewhere);
}

// host:pid of the coordinator that keeps the run alive, or empty once its heartbeat expired.
Result<std::string> alive_holder(BrokerLink& link, const std::string& run) {
    auto reply = link.call({"GET", keys::alive(run)});
    if (!reply) return reply.error();
    if (reply->is_error())
        return fail(ErrorKind::refused, "the broker refused GET: " + reply->text);
    return reply->is_nil() ? std::string() : reply->text;
}

// A coordinator on this machine is gone when its pid is; one elsewhere when its heartbeat
// expires, which takes at most its time to live.
Status wait_for_coordinator_gone(BrokerLink& link, const RunRecord& record) {
    auto deadline = std::chrono::steady_clock::now() + kAliveTtl + milliseconds(1500);
    for (;;) {
        auto holder = alive_holder(link, record.run);
        if (!holder) return holder.error();
        if (holder->empty()) return {};
        auto colon = holder->rfind(':');
        std::string host = holder->substr(0, colon);
        long pid = colon == std::string::npos ? 0 : std::atol(holder->c_str() + colon + 1);
        if (host == this_host_name()) {
            if (pid > 0 && process_is_alive(pid) && pid != ::getpid()) {
                return still_running(record, "another lote (pid " + std::to_string(pid) + ")");
            }
            return {};
        }
        if (std::chrono::steady_clock::now() > deadline) {
            return still_running(record, "a lote on " + host);
        }
        std::this_thread::sleep_for(milliseconds(500));
    }
}

Status take_over_results(BrokerLink& link, BrokerRun& run, const LeftoverSink& leftovers) {
    bool pending = true;
    for (;;) {
        auto entries = run.read_results(pending, milliseconds(300));
        if (!entries) return entries.error();
        if (entries->empty()) {
            if (!pending) return {};
            pending = false;
            continue;
        }
        std::vector<std::string> ids;
        std::vector<Command> dead;
        for (const auto& entry : *entries) {
            ids.push_back(entry.id);
            ResultKind kind = result_kind(entry);
            if (kind == ResultKind::Dead) dead.push_back({"XDEL", keys::kDead, entry.get("dead")});
            if (kind != ResultKind::Done && kind != ResultKind::Dead) continue;
            auto result = reported_result(entry);
            if (result && leftovers) leftovers(entry.get("note"), *result);
        }
        if (auto s = run.acknowledge(ids); !s) return s;
        if (!dead.empty()) {
            auto replies = link.call_all(dead);
            if (!replies) return replies.error();
        }
    }
}

}  // namespace

void mark_run_live(const std::string& run, bool live) {
    std::lock_guard lock(live_mutex());
    if (live) {
        live_runs().insert(run);
    } else {
        live_runs().erase(run);
    }
}

bool run_is_live_here(const std::string& run) {
    std::lock_guard lock(live_mutex());
    return live_runs().count(run) != 0;
}

Status retire_run(BrokerLink& link, const RunRecord& record, RunRecords& records,
                  const LeftoverSink& leftovers) {
    if (run_is_live_here(record.run)) return {};
    if (record.broker != link.address().display()) {
        records.ended(record.run, "abandoned (another broker)");
        return {};
    }
    if (auto s = wait_for_coordinator_gone(link, record); !s) return s;
    RunSettings settings;
    settings.id = record.run;
    BrokerRun run(link, settings);
    auto exists = run.exists();
    if (!exists) return exists.error();
    if (*exists) {
        auto state = link.run(lua::kSetState, {keys::run(record.run)}, {"superseded"});
        if (!state) return state.error();
        auto woken = link.call({"PUBLISH", keys::kWake, "superseded " + record.run});
        if (!woken) return woken.error();
        if (auto s = take_over_results(link, run, leftovers); !s) return s;
    }
    if (auto s = run.close(); !s) return s;
    records.ended(record.run, *exists ? "superseded" : "lost by the broker");
    return {};
}

}  // namespace lote

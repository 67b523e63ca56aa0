#include "exec/redis/coordinator_loop.hpp"

#include <algorithm>
#include <thread>

#include "exec/failed_result.hpp"
#include "exec/redis/broker_keys.hpp"
#include "exec/redis/node_directory.hpp"
#include "exec/redis/result_entries.hpp"

namespace lote {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kReadBlock{1000};
constexpr milliseconds kCancelReadBlock{200};
constexpr milliseconds kNodesEvery{2000};
constexpr milliseconds kCloseTrying{15'000};
// After a cancel, how long the images in progress get to end: the node's grace for its child,
// plus a renewal period for the node to notice if the wake-up was missed, plus a margin.
constexpr milliseconds kCancelGrace{2000};
constexpr milliseconds kCancelMargin{3000};

bool same_nodes(const std::vector<NodeStatus>& a, const std::vector<NodeStatus>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const NodeStatus& x, const NodeStatus& y) {
                          return x.name == y.name && x.slots == y.slots;
                      });
}

}  // namespace

CoordinatorLoop::CoordinatorLoop(BrokerLink& link, RunSettings settings,
                                 const std::vector<ImageTask>& tasks,
                                 const std::vector<std::string>& notes, const CancelToken& cancel,
                                 LoopCallbacks callbacks)
    : link_(link),
      run_(link, std::move(settings)),
      tasks_(tasks),
      notes_(notes),
      cancel_(cancel),
      callbacks_(callbacks),
      done_(tasks.size(), 0),
      started_(tasks.size(), 0) {
    for (std::size_t i = 0; i < tasks.size(); ++i) index_[tasks[i].id] = i;
}

void CoordinatorLoop::report_cluster(std::vector<NodeStatus> nodes, bool reachable,
                                     std::string message) {
    bool changed = !reported_once_ || reachable != reachable_ || message != cluster_message_ ||
                   !same_nodes(nodes, nodes_);
    nodes_ = std::move(nodes);
    reachable_ = reachable;
    cluster_message_ = std::move(message);
    reported_once_ = true;
    if (changed && callbacks_.on_cluster) {
        callbacks_.on_cluster({nodes_, reachable_, cluster_message_});
    }
}

void CoordinatorLoop::broker_trouble(const Error& error) {
    report_cluster(nodes_, false,
                   "the broker at " + link_.address().display() + " is unreachable (" +
                       error.message + "); retrying");
    // A nap in short slices, so that a cancel is noticed at once.
    auto until = Clock::now() + backoff_.next();
    while (Clock::now() < until && !(cancel_.cancelled() && !cancelling_)) {
        std::this_thread::sleep_for(milliseconds(50));
    }
}

Status CoordinatorLoop::enqueue_missing(const std::vector<std::uint64_t>& numbers) {
    std::vector<const ImageTask*> tasks;
    for (auto number : numbers) {
        auto found = index_.find(number);
        if (found == index_.end() || done_[found->second]) continue;
        started_[found->second] = 0;
        tasks.push_back(&tasks_[found->second]);
    }
    return run_.enqueue(tasks, notes_);
}

// Queues whatever is neither done nor in the task stream already: everything on a fresh run,
// what a broker restart lost otherwise.
void CoordinatorLoop::reconcile() {
    reconcile_due_ = false;
    if (cancelling_) return;
    auto queued = run_.queued_tasks();
    if (!queued) {
        reconcile_due_ = true;
        return broker_trouble(queued.error());
    }
    std::vector<std::uint64_t> missing;
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
        if (!done_[i] && !queued->count(tasks_[i].id)) missing.push_back(tasks_[i].id);
    }
    if (auto s = enqueue_missing(missing); !s) {
        reconcile_due_ = true;
        broker_trouble(s.error());
    }
}

bool CoordinatorLoop::establish() {
    for (;;) {
        if (cancel_.cancelled()) return false;
        Status opened = run_.open("running");
        if (opened) {
            reconcile();
            if (!reconcile_due_) break;
            continue;
        }
        if (opened.kind() == ErrorKind::refused) {
            // Not a passing outage: the broker will not let this user do it. Every image fails
            // with the broker's own words rather than waiting forever.
            for (const auto& task : tasks_)
                callbacks_.on_result(failed_result(task, opened.message()));
            done_count_ = tasks_.size();
            std::fill(done_.begin(), done_.end(), 1);
            return false;
        }
        broker_trouble(opened.error());
    }
    seen_connections_ = link_.connections();
    backoff_.reset();
    return true;
}

// The broker came back: it may have restarted (with its data, or without).
void CoordinatorLoop::repair() {
    auto exists = run_.exists();
    if (!exists) return;
    if (auto s = run_.open(cancelling_ ? "cancelled" : "running"); !s) return;
    seen_connections_ = link_.connections();
    read_pending_ = true;
    if (!*exists) std::fill(started_.begin(), started_.end(), 0);
    reconcile_due_ = true;
}

void CoordinatorLoop::start_cancel() {
    cancelling_ = true;
    reads_since_cancel_ = 0;
    cancel_deadline_ =
        Clock::now() + run_.settings().claim_timeout / 3 + kCancelGrace + kCancelMargin;
    if (auto s = run_.cancel(); !s) broker_trouble(s.error());  // repair() sets the state again
}

std::size_t CoordinatorLoop::in_flight() const {
    std::size_t count = 0;
    for (std::size_t i = 0; i < tasks_.size(); ++i) count += started_[i] && !done_[i] ? 1 : 0;
    return count;
}

bool CoordinatorLoop::finished() const {
    if (done_count_ == tasks_.size()) return true;
    if (!cancelling_ || reads_since_cancel_ == 0) return false;
    return in_flight() == 0 || Clock::now() >= cancel_deadline_;
}

void CoordinatorLoop::handle(const std::vector<StreamEntry>& entries) {
    std::vector<std::string> acknowledged;
    std::vector<Command> dead_letters;
    for (const auto& entry : entries) {
        acknowledged.push_back(entry.id);
        auto number = result_task(entry);
        auto found = number ? index_.find(*number) : index_.end();
        if (found == index_.end()) continue;  // not one of ours: nothing to record
        std::size_t i = found->second;
        const ImageTask& task = tasks_[i];
        switch (result_kind(entry)) {
            case ResultKind::Started:
                if (!done_[i] && !started_[i]) callbacks_.on_start(task);
                started_[i] = 1;
                break;
            case ResultKind::Done:
            case ResultKind::Dead:
                if (result_kind(entry) == ResultKind::Dead) {
                    dead_letters.push_back({"XDEL", broker_keys::kDead, entry.get("dead")});
                }
                if (done_[i]) break;  // a duplicate (run, task): the first one counted
                // Recorded (the manifest, through on_result) before it is acknowledged below.
                callbacks_.on_result(result_kind(entry) == ResultKind::Done
                                         ? planned_result(entry, task)
                                         : dead_letter_result(entry, task));
                done_[i] = 1;
                ++done_count_;
                break;
            case ResultKind::Unknown:
                break;
        }
    }
    if (auto s = run_.acknowledge(acknowledged); !s) return;  // read again after reconnecting
    if (!dead_letters.empty()) (void)link_.call_all(dead_letters);
}

void CoordinatorLoop::read_once() {
    auto entries = run_.read_results(read_pending_, cancelling_ ? kCancelReadBlock : kReadBlock);
    if (!entries) return broker_trouble(entries.error());
    if (cancelling_) ++reads_since_cancel_;
    backoff_.reset();
    if (!reachable_) report_cluster(nodes_, true, {});
    if (entries->empty()) {
        if (read_pending_) {
            read_pending_ = false;
        } else if (reconcile_due_) {
            reconcile();
        }
        return;
    }
    handle(*entries);
}

void CoordinatorLoop::tick() {
    auto now = Clock::now();
    if (!reachable_ || !link_.connected()) return;
    if (now >= next_alive_) {
        (void)run_.keep_alive();
        next_alive_ = now + kAliveEvery;
    }
    if (now >= next_nodes_) {
        next_nodes_ = now + kNodesEvery;
        auto nodes = list_nodes(link_);
        if (!nodes) return;
        std::string message =
            nodes->empty() ? "waiting for nodes: none is connected to " + link_.address().display()
                           : std::string();
        report_cluster(std::move(*nodes), true, std::move(message));
    }
}

bool CoordinatorLoop::close() {
    auto deadline = Clock::now() + kCloseTrying;
    for (;;) {
        if (run_.close()) return true;
        if (Clock::now() > deadline) return false;
        std::this_thread::sleep_for(backoff_.next());
    }
}

bool CoordinatorLoop::run() {
    if (!establish()) return close();
    while (!finished()) {
        if (cancel_.cancelled() && !cancelling_) start_cancel();
        if (link_.connected() && link_.connections() != seen_connections_) repair();
        read_once();
        tick();
    }
    return close();
}

}  // namespace lote

#pragma once
// Jobs: a `procesar` becomes a job with an id, stored at once, queued, and run on the manager's
// own threads (never on the io_context's): `parallel_jobs` at a time, the rest wait in order.
// On start the jobs a crash left unfinished are queued again with their stored settings.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/protocol/procesar_request.hpp"
#include "util/cancel.hpp"

namespace lote::server {

class Hub;
class JobStore;

// What jobs need from the server; every part is built before the manager and outlives it.
struct JobEnvironment {
    JobStore& store;
    Hub& hub;
    Roots roots;  // canonical input and output roots
    unsigned cores = 1;
    unsigned parallel_jobs = 1;
    // TEST-ONLY: every image waits this long before it starts, so tests can act in the middle of
    // a job (cancel it, connect late, stop the server). Zero in production.
    std::chrono::milliseconds image_delay{0};
    // Distributed jobs (`modo: "distribuido"`): the broker the nodes take images from (empty:
    // none) and how long a node may go silent before its image is given to another.
    std::string broker;
    double claim_timeout_seconds = 30;
    // The memory ceiling of each worker process in MB (0: none; empty: from the machine).
    std::optional<std::uint64_t> worker_memory_mb;
};

struct Accepted {
    std::string job;
    bool queued = false;
    std::size_t position = 0;  // 1 = next to start; 0 when it starts at once
};

class JobManager {
  public:
    explicit JobManager(JobEnvironment environment);
    ~JobManager();

    void start();
    // Stores and queues the job. `announce` runs before the job can start (under the lock), so
    // the requester's `aceptado` is queued before any broadcast about the job.
    Result<Accepted> submit(JobRequest request,
                            const std::function<void(const Accepted&)>& announce = {});
    // Queues the jobs a previous run left queued, running or interrupted; returns how many.
    std::size_t resume_unfinished();
    // Cancels the running jobs; returns their ids.
    std::vector<std::string> cancel_running();
    // Cancels one job, running or queued; false if it is neither.
    bool cancel(const std::string& id);
    std::vector<std::string> running() const;
    std::vector<std::string> queued() const;
    // Stops every job within a few seconds; unfinished ones are marked to resume next start.
    void shutdown();

    static std::string new_job_id();

  private:
    struct Job {
        std::string id;
        JobRequest request;
        CancelToken cancel;
        bool interrupted = false;
    };

    void worker_loop();
    void run(Job& job);
    void cancel_queued(const std::shared_ptr<Job>& job);

    JobEnvironment env_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Job>> queue_;
    std::vector<std::shared_ptr<Job>> running_;
    std::vector<std::thread> threads_;
    bool stopping_ = false;
};

}  // namespace lote::server

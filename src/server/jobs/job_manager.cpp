#include "server/jobs/job_manager.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <random>

#include "batch/run_batch.hpp"
#include "server/errors.hpp"
#include "server/jobs/job_run.hpp"
#include "server/jobs/job_store.hpp"
#include "server/jobs/store_writes.hpp"
#include "server/metrics_registry.hpp"
#include "server/net/hub.hpp"
#include "server/protocol/messages.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

// What a job's `on_end` hears when it is cancelled or stopped before it started.
BatchSummary cancelled_before_start() {
    BatchSummary summary;
    summary.cancelled = true;
    return summary;
}

}  // namespace

JobManager::JobManager(JobEnvironment environment) : env_(std::move(environment)) {}

JobManager::~JobManager() {
    shutdown();
}

std::string JobManager::new_job_id() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
    static std::mt19937_64 random{std::random_device{}()};
    static std::mutex random_mutex;
    std::lock_guard lock(random_mutex);
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "%04x", static_cast<unsigned>(random() & 0xffff));
    return std::string(stamp) + "-" + suffix;
}

void JobManager::start() {
    unsigned count = std::max(1u, env_.parallel_jobs);
    for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { worker_loop(); });
}

Result<Accepted> JobManager::submit(JobRequest request,
                                    const std::function<void(const Accepted&)>& announce) {
    auto job = std::make_shared<Job>();
    job->id = new_job_id();
    job->request = std::move(request);
    JobRecord record;
    record.id = job->id;
    record.state = JobState::queued;
    record.created = JobStore::now();
    record.settings = job->request.settings;
    if (auto s = env_.store.create(record); !s) {
        note_store_write(s, "store the new job", job->id);
        return fail(ErrorKind::io, s.message()).coded(codes::job_store_failed);
    }
    std::lock_guard lock(mutex_);
    if (stopping_) {
        return fail(ErrorKind::unavailable, "El servidor se está deteniendo")
            .coded(codes::server_stopping);
    }
    std::size_t idle =
        env_.parallel_jobs > running_.size() ? env_.parallel_jobs - running_.size() : 0;
    Accepted accepted{job->id, queue_.size() >= idle, 0};
    if (accepted.queued) accepted.position = queue_.size() - idle + 1;
    if (announce) announce(accepted);
    queue_.push_back(job);
    wake_.notify_one();
    return accepted;
}

namespace {

// A job the server died under twice in a row (found `running` at two starts) is likely what kills
// it (an image that exhausts memory, a decoder crash): it is failed with the reason instead of
// resumed into a crash loop. A clean stop in between resets the count.
constexpr std::uint64_t kCrashesBeforeGivingUp = 2;

bool crashed_too_often(JobStore& store, const JobRecord& record) {
    if (record.state != JobState::running) {
        if (record.crashes > 0) {
            note_store_write(store.clear_crashes(record.id), "reset the crash count", record.id);
        }
        return false;
    }
    auto crashes = store.count_crash(record.id);
    return crashes && *crashes >= kCrashesBeforeGivingUp;
}

// The outcome so far (rows stored as images finished), so the failed job still shows its work.
JobRecord counts_so_far(const JobStore& store, const std::string& id) {
    std::map<std::string, bool> images;  // image -> every output ok
    for (const auto& row : store.images(id)) {
        auto [it, added] = images.emplace(row.image, row.ok);
        if (!added) it->second = it->second && row.ok;
    }
    JobRecord counts;
    counts.total = counts.processed = images.size();
    for (const auto& [image, ok] : images) counts.failed += ok ? 0 : 1;
    return counts;
}

// The images it had started and not finished when the server died: one of them is the likely
// cause, and the photographer needs its name to take it out.
std::string suspects_text(const std::vector<std::string>& images) {
    constexpr std::size_t kNamed = 10;
    std::string text;
    for (std::size_t i = 0; i < images.size() && i < kNamed; ++i) {
        text += (i == 0 ? "" : ", ") + images[i];
    }
    if (images.size() > kNamed) text += " y " + std::to_string(images.size() - kNamed) + " más";
    return text;
}

void fail_crash_loop(JobStore& store, const JobRecord& record) {
    std::vector<std::string> suspects = store.images_in_progress(record.id);
    std::string cause = suspects.empty() ? "una de las imágenes en curso puede ser la causa"
                                         : "imágenes en curso, una de ellas puede ser la causa: " +
                                               suspects_text(suspects);
    std::string reason =
        "El servidor se detuvo de golpe dos veces seguidas mientras este trabajo corría: no se "
        "reanuda (" +
        cause + "). Lo hecho se conserva; puede volver a lanzarse.";
    spdlog::warn("job {} not resumed: the server died twice in a row while it ran ({})", record.id,
                 suspects.empty() ? "no image in progress recorded" : suspects_text(suspects));
    nlohmann::json params = {{"job", record.id}};
    if (!suspects.empty()) params["images"] = suspects_text(suspects);
    auto why =
        error_message(fail(ErrorKind::internal, reason).coded(codes::job_crash_loop, params));
    note_store_write(
        store.finish(record.id, JobState::failed, counts_so_far(store, record.id), why),
        "mark the job failed", record.id);
}

}  // namespace

std::size_t JobManager::resume_unfinished() {
    std::size_t resumed = 0;
    for (const auto& record : env_.store.unfinished()) {
        if (crashed_too_often(env_.store, record)) {
            fail_crash_loop(env_.store, record);
            continue;
        }
        auto request =
            parse_procesar(record.settings, env_.roots, env_.cores, !env_.broker.empty());
        if (!request) {
            spdlog::warn("job {} cannot resume: {}", record.id, request.message());
            auto why =
                error_message(fail(request.kind(), "No se puede reanudar: " + request.message())
                                  .coded(codes::resume_failed,
                                         {{"job", record.id},
                                          {"cause", std::string(request.error().code_or_kind())}}));
            note_store_write(env_.store.finish(record.id, JobState::failed, JobRecord{}, why),
                             "mark the job failed", record.id);
            continue;
        }
        auto job = std::make_shared<Job>();
        job->id = record.id;
        job->request = std::move(*request);
        job->request.spec.force = false;  // what was finished before the restart stays
        note_store_write(env_.store.set_state(record.id, JobState::queued), "queue the job again",
                         record.id);
        std::lock_guard lock(mutex_);
        queue_.push_back(job);
        wake_.notify_one();
        ++resumed;
    }
    return resumed;
}

void JobManager::worker_loop() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = queue_.front();
            queue_.pop_front();
            running_.push_back(job);
        }
        run(*job);
    }
}

void JobManager::run(Job& job) {
    JobRun::DoneOutputs before = env_.store.succeeded_outputs(job.id);
    note_store_write(env_.store.mark_started(job.id), "mark the job started", job.id);
    JobRun run(env_, job.id, job.request, std::move(before));
    // The broker's URL may hold a password: it stays in the server's options, never in the store.
    job.request.spec.broker = env_.broker;
    job.request.spec.claim_timeout_seconds = env_.claim_timeout_seconds;
    job.request.spec.worker_memory_mb = env_.worker_memory_mb;
    spdlog::info("job {} started", job.id);
    Result<BatchSummary> result = fail("no se ejecutó");
    try {
        result = run_batch(
            job.request.spec,
            [this, &run](const ProgressEvent& e) {
                run.on_event(e);
                // After the image is known to be started, as a slow image would be.
                if (e.kind == EventKind::ImageStarted && env_.image_delay.count() > 0)
                    std::this_thread::sleep_for(env_.image_delay);
            },
            job.cancel,
            [&run, &job](const std::string& image, const ImageResult& r) {
                api_metrics().record_image(r.input, r);
                run.on_image(image, r);
                if (job.request.on_image) job.request.on_image(image, r);
            },
            &job.request.inputs);
    } catch (const std::exception& e) {
        // The batch reports expected failures as values; anything else must not kill the server.
        result = fail(ErrorKind::internal, std::string("error interno: ") + e.what());
    }
    bool interrupted;
    {
        // The batch is over: the job leaves the running set before its end is announced, so a
        // client reacting to `finalizado` never finds it still running.
        std::lock_guard lock(mutex_);
        interrupted = job.interrupted;
        running_.erase(std::find_if(running_.begin(), running_.end(),
                                    [&job](const auto& j) { return j.get() == &job; }));
    }
    run.finish(result, interrupted);
    if (job.request.on_end) job.request.on_end(result);
    spdlog::info("job {} ended", job.id);
}

std::vector<std::string> JobManager::cancel_running() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& job : running_) {
        job->cancel.cancel();
        ids.push_back(job->id);
    }
    return ids;
}

void JobManager::cancel_queued(const std::shared_ptr<Job>& job) {
    note_store_write(env_.store.finish(job->id, JobState::cancelled, JobRecord{}, nullptr),
                     "mark the job cancelled", job->id);
    env_.hub.broadcast(cancelado_message(job->id, 0, job->request.images));
    if (job->request.on_end) job->request.on_end(cancelled_before_start());
}

bool JobManager::cancel(const std::string& id) {
    std::shared_ptr<Job> queued_job;
    {
        std::lock_guard lock(mutex_);
        for (const auto& job : running_) {
            if (job->id == id) {
                job->cancel.cancel();
                return true;
            }
        }
        auto it = std::find_if(queue_.begin(), queue_.end(),
                               [&](const auto& job) { return job->id == id; });
        if (it == queue_.end()) return false;
        queued_job = *it;
        queue_.erase(it);
    }
    cancel_queued(queued_job);
    return true;
}

std::vector<std::string> JobManager::running() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& job : running_) ids.push_back(job->id);
    return ids;
}

std::vector<std::string> JobManager::queued() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& job : queue_) ids.push_back(job->id);
    return ids;
}

void JobManager::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
        for (const auto& job : running_) {
            job->interrupted = true;
            job->cancel.cancel();
        }
        for (const auto& job : queue_) {
            note_store_write(env_.store.set_state(job->id, JobState::interrupted),
                             "mark the job interrupted", job->id);
        }
        for (const auto& job : queue_) {
            if (job->request.on_end) job->request.on_end(cancelled_before_start());
        }
        queue_.clear();
    }
    wake_.notify_all();
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
}

}  // namespace lote::server

#include "server/jobs/job_manager.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>
#include <random>

#include "batch/run_batch.hpp"
#include "server/jobs/job_run.hpp"
#include "server/jobs/job_store.hpp"
#include "server/metrics_registry.hpp"
#include "server/protocol/messages.hpp"
#include "server/server_context.hpp"

namespace lote::server {

namespace {

// TEST-ONLY: LOTE_TEST_DELAY_MS slows every image down (before it starts) so tests can act in
// the middle of a job: cancel it, connect late, kill the server. Never set it in production.
void test_delay() {
    static const long delay_ms = [] {
        const char* text = std::getenv("LOTE_TEST_DELAY_MS");
        return text ? std::strtol(text, nullptr, 10) : 0L;
    }();
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
}

}  // namespace

JobManager::JobManager(ServerContext& context) : context_(context) {}

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
    unsigned count = std::max(1u, context_.options.parallel_jobs);
    for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { worker_loop(); });
}

Result<Accepted> JobManager::submit(JobRequest request,
                                    const std::function<void(const Accepted&)>& announce) {
    auto job = std::make_shared<Job>();
    job->id = new_job_id();
    job->request = std::move(request);
    JobRecord record;
    record.id = job->id;
    record.state = "queued";
    record.created = JobStore::now();
    record.settings = job->request.settings;
    if (context_.store) {
        if (auto s = context_.store->create(record); !s) return fail(s.message());
    }
    std::lock_guard lock(mutex_);
    if (stopping_) return fail("El servidor se está deteniendo");
    std::size_t idle = context_.options.parallel_jobs > running_.size()
                           ? context_.options.parallel_jobs - running_.size()
                           : 0;
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
    if (record.state != "running") {
        if (record.crashes > 0) (void)store.clear_crashes(record.id);
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
    (void)store.finish(record.id, "failed", counts_so_far(store, record.id), error_message(reason));
}

}  // namespace

std::size_t JobManager::resume_unfinished() {
    if (!context_.store) return 0;
    std::size_t resumed = 0;
    Roots roots{context_.input_root, context_.output_root};
    for (const auto& record : context_.store->unfinished()) {
        if (crashed_too_often(*context_.store, record)) {
            fail_crash_loop(*context_.store, record);
            continue;
        }
        auto request = parse_procesar(record.settings, roots, context_.cores,
                                      !context_.options.broker.empty());
        if (!request) {
            spdlog::warn("job {} cannot resume: {}", record.id, request.message());
            (void)context_.store->finish(
                record.id, "failed", JobRecord{},
                error_message("No se puede reanudar: " + request.message()));
            continue;
        }
        auto job = std::make_shared<Job>();
        job->id = record.id;
        job->request = std::move(*request);
        job->request.spec.force = false;  // what was finished before the restart stays
        (void)context_.store->set_state(record.id, "queued");
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
    JobRun::DoneOutputs before;
    if (context_.store) {
        before = context_.store->succeeded_outputs(job.id);
        (void)context_.store->mark_started(job.id);
    }
    JobRun run(context_, job.id, job.request, std::move(before));
    // The broker's URL may hold a password: it stays in the server's options, never in the store.
    job.request.spec.broker = context_.options.broker;
    job.request.spec.claim_timeout_seconds = context_.options.claim_timeout_seconds;
    job.request.spec.worker_memory_mb = context_.options.worker_memory_mb;
    spdlog::info("job {} started", job.id);
    Result<BatchSummary> result = fail("no se ejecutó");
    try {
        result = run_batch(
            job.request.spec,
            [&run](const ProgressEvent& e) {
                run.on_event(e);
                // After the image is known to be started, as a slow image would be.
                if (e.kind == EventKind::ImageStarted) test_delay();
            },
            job.cancel,
            [&run](const std::string& image, const ImageResult& r) {
                api_metrics().record_image(r.input, r);
                run.on_image(image, r);
            });
    } catch (const std::exception& e) {
        // The batch reports expected failures as values; anything else must not kill the server.
        result = fail(std::string("error interno: ") + e.what());
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
    if (context_.store) {
        (void)context_.store->finish(job->id, "cancelled", JobRecord{}, nullptr);
    }
    context_.hub.broadcast(cancelado_message(job->id, 0, job->request.images));
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
        if (context_.store) {
            for (const auto& job : queue_) (void)context_.store->set_state(job->id, "interrupted");
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

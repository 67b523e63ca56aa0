#pragma once
// Every job and every image result, kept in SQLite as it happens, so the history survives the
// server and a job interrupted by a crash is resumed with its own settings on the next start.
// Thread-safe: one connection behind a mutex (writes are small and short).

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/sqlite.hpp"
#include "server/jobs/job_state.hpp"
#include "util/result.hpp"

namespace lote::server {

struct JobRecord {
    std::string id;
    JobState state = JobState::queued;
    double created = 0;       // seconds since the epoch
    double started = 0;       // 0: not yet
    double finished = 0;      // 0: not yet
    nlohmann::json settings;  // the normalised `procesar` request
    std::uint64_t total = 0;
    std::uint64_t processed = 0;
    std::uint64_t failed = 0;
    std::uint64_t skipped = 0;
    nlohmann::json summary;  // the final `finalizado.datos`, null before
    // Starts in a row that found the job still `running` (the server died under it); a clean stop
    // or a start from `queued`/`interrupted` sets it back to 0.
    std::uint64_t crashes = 0;
};

struct ImageRecord {
    std::string image;
    std::string filter;
    bool ok = false;
    std::string message;
    std::string output;
    std::string node;  // the machine that did it (distributed jobs); empty otherwise
    // The job that wrote the file now at `output` (this one, a later one that replaced it, or
    // empty when that job's record was deleted); only the owner's zip and delete touch the file.
    std::string owner = {};
};

// A watched folder of the server: its settings as the client gave them (entrada, preset, salida,
// ...), whether it is paused, and the job of its last batch.
struct WatchRecord {
    std::string name;
    nlohmann::json settings;
    bool paused = false;
    double created = 0;
    std::string last_job;  // empty: no batch yet
};

class JobStore {
  public:
    // ":memory:" keeps the store in memory (tests).
    static Result<std::unique_ptr<JobStore>> open(const std::filesystem::path& file);
    JobStore(const JobStore&) = delete;
    JobStore& operator=(const JobStore&) = delete;

    Status create(const JobRecord& job);
    Status set_state(const std::string& id, JobState state);
    Status mark_started(const std::string& id);
    Status record_image(const std::string& id, const ImageRecord& image);
    // The images a running job has started and not finished, kept through a crash of the server:
    // when the job is failed for killing the server, they are the suspects its reason names.
    // finish() and remove() forget them.
    Status note_image_started(const std::string& id, const std::string& image);
    Status note_image_finished(const std::string& id, const std::string& image);
    std::vector<std::string> images_in_progress(const std::string& id) const;
    Status finish(const std::string& id, JobState state, const JobRecord& counts,
                  const nlohmann::json& summary);

    std::optional<JobRecord> get(const std::string& id) const;
    // Newest first.
    std::vector<JobRecord> list(std::size_t offset, std::size_t limit) const;
    std::uint64_t count() const;
    // Oldest first: the jobs a restart must run again.
    std::vector<JobRecord> unfinished() const;
    std::vector<ImageRecord> images(const std::string& id) const;
    // filter -> images whose output for that filter succeeded in this job.
    std::map<std::string, std::set<std::string>> succeeded_outputs(const std::string& id) const;
    Status remove(const std::string& id);
    // Forgets who wrote `output` (its file was deleted).
    Status forget_output(const std::string& output);
    // The job was found `running` at start: counts one more crash in a row and returns the count.
    Result<std::uint64_t> count_crash(const std::string& id);
    Status clear_crashes(const std::string& id);

    // Watched folders, by name (oldest first in the list).
    Status save_watch(const WatchRecord& watch);
    Status set_watch_paused(const std::string& name, bool paused);
    Status set_watch_last_job(const std::string& name, const std::string& job);
    Status remove_watch(const std::string& name);
    std::vector<WatchRecord> watches() const;

    // Seconds since the epoch, as stored.
    static double now();

  private:
    explicit JobStore(db::Connection db) : db_(std::move(db)) {}
    std::vector<JobRecord> read_jobs(db::Statement& query) const;

    db::Connection db_;
    mutable std::mutex mutex_;
};

}  // namespace lote::server

#pragma once
// The server's watched folders ("hot folders"): an input sub-folder, a preset (by name or given
// whole) and an output sub-folder, each watched by a lote::watch::Watcher on a thread of its own.
// Every batch a watcher starts goes through the job manager as a job of the history (so the page
// and /api/jobs show it like any other); the watch waits for it before taking the next batch.
// Watches are kept in the job store and started again when the server starts; a paused watch
// keeps its place and, resumed, does what arrived meanwhile (the manifest skips the rest).
//
// Paths are checked by the very code that checks a `procesar` (parse_procesar), so a watch can
// reach no further than a job can.

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "server/protocol/procesar_request.hpp"
#include "util/result.hpp"

namespace lote::server {

struct ServerContext;

// The refusal of a name no watch has (404 watch_not_found).
Error watch_not_found(const std::string& name);

class WatchManager {
  public:
    explicit WatchManager(ServerContext& context);
    ~WatchManager();
    WatchManager(const WatchManager&) = delete;
    WatchManager& operator=(const WatchManager&) = delete;

    // Before the job manager resumes its jobs: a watch's batch a stop left unfinished is closed
    // as cancelled (its watch takes those files again when it starts). Returns how many.
    std::size_t close_unfinished_batches();
    // Starts every stored watch that is not paused.
    void start();
    // Stops every watcher (a batch running then is cancelled; nothing half-written stays).
    void stop();

    // Adds or replaces the watch `name`; `created` says which. The answer is the watch as listed.
    Result<nlohmann::json> put(const std::string& name, const nlohmann::json& body, bool& created);
    Status remove(const std::string& name);
    Result<nlohmann::json> pause(const std::string& name);
    Result<nlohmann::json> resume(const std::string& name);
    nlohmann::json list() const;
    std::optional<nlohmann::json> one(const std::string& name) const;

    // A watch's name: 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'.
    static Status check_name(const std::string& name);

  private:
    struct Entry;

    Result<JobRequest> request_for(const nlohmann::json& settings) const;
    void launch(const std::shared_ptr<Entry>& entry);
    void halt(Entry& entry);
    nlohmann::json describe(const Entry& entry) const;
    std::shared_ptr<Entry> find(const std::string& name) const;
    Status check_folder_free(const std::string& name, const JobRequest& request) const;

    ServerContext& context_;
    mutable std::mutex mutex_;  // the map
    std::mutex changes_;        // one change (put, remove, pause, resume, stop) at a time
    std::map<std::string, std::shared_ptr<Entry>> entries_;
    bool stopped_ = false;
};

}  // namespace lote::server

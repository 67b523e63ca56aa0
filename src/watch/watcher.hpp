#pragma once
// A watched folder: what is already there is processed first (incrementally, by the manifest),
// then every photo that lands, once it is whole, in batches; until stopped. Kernel notifications
// say when a file is closed or moved in, and a periodic scan catches what they miss (or, for a
// share that does not notify, is the only source). Each file is processed once however many
// notifications it causes; one that changes afterwards is looked at again, and the manifest
// redoes it only if its content changed. Optionally each input is moved away after its batch.
//
// Threads: an observer thread follows the folder; run()'s caller runs the batches, one at a
// time. The listener is called from run()'s thread, and for batch events from the batch's.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "batch/events.hpp"
#include "batch/job.hpp"
#include "batch/run_batch.hpp"
#include "util/cancel.hpp"
#include "watch/file_table.hpp"

namespace lote::watch {

struct WatchSettings {
    JobSpec job;                 // input: the watched folder; recursive: its sub-folders too
    double poll_seconds = 0;     // 0: kernel notifications; else only a scan this often
    double settle_seconds = 2;   // how long a file must stand still when nothing says it closed
    double rescan_seconds = 30;  // the safety net's scan when notifications are used
    std::size_t batch_limit = 500;
    std::filesystem::path move_done;    // empty: inputs stay where they are
    std::filesystem::path move_failed;  // empty: inputs stay where they are
};

enum class WatchState { watching, missing, stopped };

struct WatchStatus {
    WatchState state = WatchState::watching;
    std::string folder;
    std::string mode;  // "inotify" | "poll"
    TableCounts files;
    std::uint64_t batches = 0;
    std::uint64_t processed = 0;  // images processed by every batch so far
    std::uint64_t failed = 0;     // images that failed
    std::uint64_t moved = 0;      // inputs moved away
    std::string message;          // why the folder is missing
};

const char* watch_state_name(WatchState state);

class WatchListener {
  public:
    virtual ~WatchListener() = default;
    virtual void status(const WatchStatus& status) {}
    virtual void batch_event(const ProgressEvent& event) {}
    virtual void batch_finished(const BatchSummary& summary) {}
    virtual void image(const std::string& image, const ImageResult& result) {}
    virtual void moved(const std::string& image, const std::filesystem::path& to, bool done) {}
    virtual void warning(const std::string& message) {}
};

// How a batch runs: run_batch in the CLI; the server runs it as a job of its history.
using BatchRunner =
    std::function<Result<BatchSummary>(const JobSpec&, const InputScan&, const EventSink&,
                                       const CancelToken&, const ImageResultSink&)>;

Result<BatchSummary> run_batch_directly(const JobSpec& spec, const InputScan& scan,
                                        const EventSink& on_event, const CancelToken& cancel,
                                        const ImageResultSink& on_image);

class Watcher {
  public:
    Watcher(WatchSettings settings, WatchListener& listener,
            BatchRunner runner = run_batch_directly);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    // Checks the settings, then watches until `stop` fires (a batch running then is cancelled:
    // the images in progress finish, nothing half-written stays). Fails before watching when the
    // folder cannot be watched or a setting is wrong.
    Status run(const CancelToken& stop);
    // Makes run() look at its token now instead of within a quarter of a second.
    void wake();
    TableCounts counts() const;

  private:
    struct Batch;

    Status check_settings() const;
    void observe();
    void scan(const std::string& folder, bool at_start);
    bool is_input(const std::string& name) const;
    InputFile input_file(const std::string& name) const;
    void apply(const struct FolderEvent& event, std::vector<std::string>& to_scan);
    bool batch_due(Nanos now) const;
    Batch take_batch();
    void run_batch_of(Batch& batch, const CancelToken& stop);
    void settle_batch(Batch& batch, const Result<BatchSummary>& result);
    bool put_away(const std::string& name, const std::filesystem::path& path, bool done);
    void publish_status(bool force);
    void note_warning(const std::string& message);

    WatchSettings settings_;
    WatchListener& listener_;
    BatchRunner runner_;
    std::filesystem::path root_;
    ScanOptions scan_options_;
    std::filesystem::path confine_root_;  // links among the inputs must stay inside (resolved)

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    FileTable table_;
    Nanos last_event_ = 0;
    bool missing_ = false;
    std::string missing_message_;
    std::vector<std::string> warnings_;
    bool watch_limit_hit_ = false;
    Nanos backoff_until_ = 0;
    Nanos backoff_ = 0;

    int wake_fd_ = -1;
    std::atomic<bool> stopping_{false};
    std::thread observer_;

    WatchStatus last_status_;
    Nanos last_status_at_ = 0;
    std::uint64_t batches_ = 0;
    std::uint64_t processed_ = 0;
    std::uint64_t failed_ = 0;
    std::uint64_t moved_ = 0;
};

}  // namespace lote::watch

#include "watch/watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <system_error>

#include "batch/image_sniff.hpp"
#include "batch/input_links.hpp"
#include "watch/folder_scan.hpp"
#include "watch/inotify_source.hpp"
#include "watch/move_aside.hpp"

namespace lote::watch {

namespace fs = std::filesystem;

namespace {

constexpr Nanos kMillisecond = 1'000'000;
constexpr Nanos kSecond = 1'000'000'000;
// Files closed together go together: a batch starts once nothing new has closed for this long,
constexpr Nanos kQuietBeforeBatch = 300 * kMillisecond;
// or once the first ready file has waited this long, whatever keeps arriving.
constexpr Nanos kLongestWait = 1 * kSecond;
// How often run() looks at its token, and a missing folder is looked for again.
constexpr auto kRunnerTick = std::chrono::milliseconds(250);
constexpr int kMissingCheckMs = 1000;
// Settling runs at most this often while notifications pour in.
constexpr Nanos kSettleEvery = 50 * kMillisecond;
// Status lines while files wait, at most this often.
constexpr Nanos kStatusEvery = 1 * kSecond;

Nanos seconds(double s) {
    return static_cast<Nanos>(s * 1e9);
}

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Inputs whose outputs could share a name: same folder and stem, whatever the case or extension
// (plan_outputs gives the later ones another name).
std::string naming_key(const std::string& name) {
    fs::path path(name);
    return lower_ascii((path.parent_path() / path.stem()).string());
}

bool same_folder(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

// A dot-file anywhere in the name (a copy's temporary, lote's own files) is never an input.
bool hidden_name(const std::string& name) {
    for (const auto& part : fs::path(name)) {
        std::string text = part.string();
        if (!text.empty() && text.front() == '.') {
            return true;
        }
    }
    return false;
}

bool all_outputs_ok(const ImageResult& result) {
    return std::all_of(result.outputs.begin(), result.outputs.end(),
                       [](const OutputResult& output) { return output.ok; });
}

}  // namespace

const char* watch_state_name(WatchState state) {
    switch (state) {
        case WatchState::watching:
            return "watching";
        case WatchState::missing:
            return "missing";
        case WatchState::stopped:
            return "stopped";
    }
    return "watching";
}

Result<BatchSummary> run_batch_directly(const JobSpec& spec, const InputScan& scan,
                                        const EventSink& on_event, const CancelToken& cancel,
                                        const ImageResultSink& on_image) {
    return run_batch(spec, on_event, cancel, on_image, &scan);
}

struct Watcher::Batch {
    std::vector<std::string> names;  // the files worked on
    InputScan scan;                  // those and their naming neighbours
    std::map<std::string, FileLook> taken_as;
    std::map<std::string, bool> ok;  // per image reported
};

Watcher::Watcher(WatchSettings settings, WatchListener& listener, BatchRunner runner)
    : settings_(std::move(settings)),
      listener_(listener),
      runner_(std::move(runner)),
      root_(settings_.job.input),
      table_(seconds(settings_.settle_seconds)) {
    scan_options_ = batch_scan_options(settings_.job);
    std::error_code ec;
    const fs::path& confine =
        settings_.job.confine_inputs_to.empty() ? root_ : settings_.job.confine_inputs_to;
    confine_root_ = fs::weakly_canonical(confine, ec);
    if (ec) {
        confine_root_ = confine;
    }
    for (const fs::path& folder : {settings_.move_done, settings_.move_failed}) {
        if (!folder.empty()) {
            scan_options_.skip_dirs.push_back(folder);
        }
    }
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

Watcher::~Watcher() {
    stopping_ = true;
    wake();
    if (observer_.joinable()) {
        observer_.join();
    }
    if (wake_fd_ >= 0) {
        ::close(wake_fd_);
    }
}

void Watcher::wake() {
    std::uint64_t one = 1;
    if (wake_fd_ >= 0) {
        (void)!::write(wake_fd_, &one, sizeof one);
    }
    changed_.notify_all();
}

TableCounts Watcher::counts() const {
    std::lock_guard lock(mutex_);
    return table_.counts();
}

Status Watcher::check_settings() const {
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) {
        return fail(ErrorKind::not_found, "the folder to watch is not there: " + root_.string());
    }
    for (const fs::path& folder : {settings_.move_done, settings_.move_failed}) {
        if (!folder.empty() && same_folder(folder, root_)) {
            return fail("the folder for moved inputs cannot be the watched folder itself: " +
                        folder.string());
        }
    }
    if (settings_.settle_seconds < 0 || settings_.poll_seconds < 0 ||
        settings_.rescan_seconds <= 0 || settings_.batch_limit == 0) {
        return fail("the watch's timings must be positive");
    }
    if (wake_fd_ < 0) {
        return fail(ErrorKind::unavailable, "cannot make the watcher's wake-up descriptor");
    }
    return {};
}

void Watcher::note_warning(const std::string& message) {
    std::lock_guard lock(mutex_);
    warnings_.push_back(message);
    changed_.notify_all();
}

// Reads the folder (or one sub-folder) and tells the table what is there; false when gone.
void Watcher::scan(const std::string& folder, bool at_start) {
    auto seen = scan_folder(root_, folder, scan_options_);
    Nanos now = now_nanos();
    std::lock_guard lock(mutex_);
    if (!seen) {
        if (folder.empty()) {
            missing_ = true;
            missing_message_ = seen.message();
        }
        return;
    }
    std::vector<std::string> names;
    names.reserve(seen->size());
    for (const SeenFile& file : *seen) {
        table_.seen(file.name, file.path, file.size, file.mtime, now, at_start);
        names.push_back(file.name);
    }
    table_.forget_unseen(folder, names);
}

// Notifications name every file; a batch takes only those a scan of the folder would: images
// (by name or signature) that are not a step's own file (a logo kept among the photos). A link
// out of the folder is never opened: it is taken, by its name, to fail with its reason.
bool Watcher::is_input(const std::string& name) const {
    fs::path path = root_ / name;
    if (link_refusal(path, confine_root_)) {
        return refused_link_counts_as_image(path);
    }
    if (!is_image_candidate(path)) {
        return false;
    }
    std::error_code ec;
    for (const fs::path& file : scan_options_.skip_files) {
        if (fs::equivalent(file, path, ec)) {
            return false;
        }
    }
    return true;
}

InputFile Watcher::input_file(const std::string& name) const {
    InputFile file{root_ / name, name};
    if (auto why = link_refusal(file.path, confine_root_)) {
        file.refusal = *why;
    }
    return file;
}

void Watcher::apply(const FolderEvent& event, std::vector<std::string>& to_scan) {
    using Kind = FolderEvent::Kind;
    Nanos now = now_nanos();
    fs::path path = root_ / event.name;
    bool file_event =
        event.kind == Kind::closed || event.kind == Kind::written || event.kind == Kind::created;
    if (file_event && hidden_name(event.name)) {
        return;
    }
    switch (event.kind) {
        case Kind::closed:
            table_.closed(event.name, path, now);
            last_event_ = now;
            break;
        case Kind::written:
            table_.written(event.name, path, now);
            last_event_ = now;
            break;
        case Kind::created:
            table_.appeared(event.name, path, now);
            last_event_ = now;
            break;
        case Kind::removed:
            table_.removed(event.name);
            break;
        case Kind::folder_added:
            to_scan.push_back(event.name);
            break;
        case Kind::folder_removed:
            table_.removed_below(event.name);
            break;
        case Kind::overflow:
            to_scan.push_back("");
            break;
        case Kind::root_gone:
            missing_ = true;
            missing_message_ = "the watched folder " + root_.string() + " was removed or moved";
            break;
        case Kind::watch_limit:
            watch_limit_hit_ = true;
            warnings_.push_back("the system allows no more folder watches (" + event.name +
                                "); sub-folders without one are found by a scan every " +
                                std::to_string(static_cast<int>(settings_.settle_seconds + 1)) +
                                " s");
            break;
    }
}

void Watcher::observe() {
    bool notify = settings_.poll_seconds <= 0;
    Nanos interval = seconds(notify ? settings_.rescan_seconds : settings_.poll_seconds);
    std::unique_ptr<InotifySource> source;
    auto open_source = [&] {
        if (!notify) {
            return;
        }
        auto opened = InotifySource::open(root_, settings_.job.recursive, scan_options_.skip_dirs);
        if (!opened) {
            note_warning(opened.message() + "; scanning every " +
                         std::to_string(static_cast<int>(settings_.rescan_seconds)) + " s instead");
            return;
        }
        source = std::move(*opened);
    };
    open_source();
    scan("", true);
    Nanos next_scan = now_nanos() + interval;
    Nanos last_settle = 0;
    bool settle_pending = true;
    while (!stopping_) {
        bool missing;
        std::optional<Nanos> deadline;
        {
            std::lock_guard lock(mutex_);
            missing = missing_;
            deadline = table_.next_deadline();
            if (watch_limit_hit_ && interval > seconds(settings_.settle_seconds + 1)) {
                interval = seconds(settings_.settle_seconds + 1);  // watches ran out: scan more
                next_scan = std::min(next_scan, now_nanos() + interval);
            }
        }
        Nanos now = now_nanos();
        Nanos wait = next_scan - now;
        if (deadline) {
            wait = std::min(wait, std::max(*deadline - now, kSettleEvery));
        }
        if (settle_pending) {
            wait = std::min(wait, kSettleEvery);
        }
        int timeout_ms = missing
                             ? kMissingCheckMs
                             : static_cast<int>(std::clamp<Nanos>(wait / kMillisecond, 1, 60000));
        if (missing) {
            source.reset();
        }
        pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {source ? source->fd() : -1, POLLIN, 0}};
        ::poll(fds, 2, timeout_ms);
        if ((fds[0].revents & POLLIN) != 0) {
            std::uint64_t count;
            (void)!::read(wake_fd_, &count, sizeof count);
        }
        if (stopping_) {
            break;
        }
        if (missing) {
            std::error_code ec;
            if (!fs::is_directory(root_, ec)) {
                continue;
            }
            {
                std::lock_guard lock(mutex_);
                missing_ = false;
                missing_message_.clear();
                changed_.notify_all();
            }
            open_source();
            scan("", true);
            next_scan = now_nanos() + interval;
            settle_pending = true;
            continue;
        }
        std::vector<FolderEvent> events;
        if (source && (fds[1].revents & POLLIN) != 0) {
            source->read_events([&events](const FolderEvent& e) { events.push_back(e); });
        }
        std::vector<std::string> to_scan;
        if (!events.empty()) {
            std::lock_guard lock(mutex_);
            for (const FolderEvent& event : events) {
                apply(event, to_scan);
            }
            settle_pending = true;
        }
        now = now_nanos();
        if (now >= next_scan) {
            to_scan.assign(1, "");
            next_scan = now + interval;
        }
        bool whole = std::find(to_scan.begin(), to_scan.end(), "") != to_scan.end();
        if (whole) {
            to_scan.assign(1, "");
        }
        for (const std::string& folder : to_scan) {
            scan(folder, false);
            settle_pending = true;
        }
        now = now_nanos();
        bool due = deadline && now >= *deadline;
        if ((settle_pending && now - last_settle >= kSettleEvery) || due) {
            std::lock_guard lock(mutex_);
            table_.settle(now, look_at);
            last_settle = now;
            settle_pending = false;
            changed_.notify_all();
        }
    }
}

bool Watcher::batch_due(Nanos now) const {
    if (now < backoff_until_) {
        return false;
    }
    TableCounts counts = table_.counts();
    if (counts.ready == 0) {
        return false;
    }
    Nanos oldest = table_.oldest_ready_since();
    return counts.ready >= settings_.batch_limit || now - last_event_ >= kQuietBeforeBatch ||
           now - oldest >= kLongestWait;
}

// Takes the ready files with the settled ones that could share an output name with them.
Watcher::Batch Watcher::take_batch() {
    Batch batch;
    batch.names = table_.take_batch(settings_.batch_limit);
    std::erase_if(batch.names, [this](const std::string& name) {
        if (is_input(name)) {
            return false;
        }
        table_.forget(name);  // a notification named it; a scan would not have
        return true;
    });
    std::set<std::string> keys;
    for (const std::string& name : batch.names) {
        keys.insert(naming_key(name));
        const FileEntry* entry = table_.find(name);
        batch.taken_as[name] = FileLook{entry->size, entry->mtime, true};
    }
    std::vector<std::string> planned = table_.settled_names_where(
        [&keys](const std::string& name) { return keys.count(naming_key(name)) != 0; });
    for (const std::string& name : planned) {
        batch.scan.images.push_back(input_file(name));
    }
    batch.scan.selected = std::set<std::string>(batch.names.begin(), batch.names.end());
    return batch;
}

void Watcher::run_batch_of(Batch& batch, const CancelToken& stop) {
    auto on_event = [this](const ProgressEvent& event) { listener_.batch_event(event); };
    auto on_image = [this, &batch](const std::string& image, const ImageResult& result) {
        batch.ok[image] = all_outputs_ok(result);
        listener_.image(image, result);
    };
    Result<BatchSummary> result = fail("not run");
    try {
        result = runner_(settings_.job, batch.scan, on_event, stop, on_image);
    } catch (const std::exception& e) {
        result = fail(ErrorKind::internal, std::string("the batch stopped: ") + e.what());
    }
    if (result) {
        ++batches_;
        processed_ += result->processed;
        failed_ += result->failed_images;
        listener_.batch_finished(*result);
    } else {
        listener_.warning(result.message());
    }
    settle_batch(batch, result);
}

// Moves an input away after its batch; false when it stays (no folder asked, or the move failed).
bool Watcher::put_away(const std::string& name, const fs::path& path, bool done) {
    const fs::path& folder = done ? settings_.move_done : settings_.move_failed;
    if (folder.empty()) {
        return false;
    }
    auto moved = move_aside(path, folder, name);
    if (!moved) {
        listener_.warning(moved.message());
        return false;
    }
    ++moved_;
    listener_.moved(name, *moved, done);
    return true;
}

void Watcher::settle_batch(Batch& batch, const Result<BatchSummary>& result) {
    bool cancelled = !result || result->cancelled;
    for (const std::string& name : batch.names) {
        fs::path path = root_ / name;
        std::optional<FileLook> now = look_at(path, false);
        const FileLook& then = batch.taken_as[name];
        auto reported = batch.ok.find(name);
        BatchOutcome outcome = BatchOutcome::done;  // not reported: up to date
        if (!now) {
            std::lock_guard lock(mutex_);
            table_.forget(name);  // deleted meanwhile
            continue;
        }
        if (now->size != then.size || now->mtime != then.mtime) {
            outcome = BatchOutcome::again;  // changed while processed: whole again later
        } else if (reported != batch.ok.end()) {
            outcome = reported->second ? BatchOutcome::done : BatchOutcome::failed;
        } else if (cancelled) {
            outcome = BatchOutcome::again;
        }
        bool away =
            outcome != BatchOutcome::again && put_away(name, path, outcome == BatchOutcome::done);
        std::lock_guard lock(mutex_);
        if (away) {
            table_.forget(name);
        } else {
            table_.finish(name, outcome);
        }
    }
    std::lock_guard lock(mutex_);
    if (result) {
        backoff_ = 0;
    } else {
        // A batch that could not start (output folder gone, a logo missing) is tried again later.
        backoff_ = std::min(std::max(backoff_ * 2, kSecond), 60 * kSecond);
        backoff_until_ = now_nanos() + backoff_;
    }
}

void Watcher::publish_status(bool force) {
    WatchStatus status;
    std::vector<std::string> warnings;
    {
        std::lock_guard lock(mutex_);
        status.state = missing_ ? WatchState::missing : WatchState::watching;
        status.message = missing_message_;
        status.files = table_.counts();
        warnings.swap(warnings_);
    }
    for (const std::string& warning : warnings) {
        listener_.warning(warning);
    }
    status.folder = root_.string();
    status.mode = settings_.poll_seconds > 0 ? "poll" : "inotify";
    status.batches = batches_;
    status.processed = processed_;
    status.failed = failed_;
    status.moved = moved_;
    Nanos now = now_nanos();
    const TableCounts& a = status.files;
    const TableCounts& b = last_status_.files;
    bool changed = status.state != last_status_.state || a.arriving != b.arriving ||
                   a.ready != b.ready || a.in_batch != b.in_batch ||
                   status.batches != last_status_.batches;
    if (force || (changed && now - last_status_at_ >= kStatusEvery) ||
        status.state != last_status_.state) {
        listener_.status(status);
        last_status_ = status;
        last_status_at_ = now;
    }
}

Status Watcher::run(const CancelToken& stop) {
    if (Status valid = check_settings(); !valid) {
        return valid;
    }
    observer_ = std::thread([this] { observe(); });
    publish_status(true);
    while (!stop.cancelled()) {
        std::optional<Batch> batch;
        {
            std::unique_lock lock(mutex_);
            changed_.wait_for(lock, kRunnerTick);
            if (!stop.cancelled() && !missing_ && batch_due(now_nanos())) {
                batch = take_batch();
                if (batch->names.empty()) {
                    batch.reset();  // nothing in it was an input
                }
            }
        }
        if (batch) {
            publish_status(true);
            run_batch_of(*batch, stop);
            publish_status(true);
        } else {
            publish_status(false);
        }
    }
    stopping_ = true;
    wake();
    observer_.join();
    WatchStatus last = last_status_;
    last.state = WatchState::stopped;
    last.files = counts();
    listener_.status(last);
    return {};
}

}  // namespace lote::watch

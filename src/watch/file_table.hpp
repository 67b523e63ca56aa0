#pragma once
// What a watched folder knows about each of its files: still arriving, ready, in a batch, done or
// failed, and since when its size and time have stood still. Fed by kernel notifications and
// folder scans, asked for the next batch; one owner at a time (the watcher holds a lock).
//
// A file is ready when it is whole:
//  - closed after writing or moved in (a notification said so) and no write since, and its
//    container is complete (or it stood still for the settling time anyway);
//  - otherwise (a scan found it, a share that does not notify) when its size and modification
//    time stood still for the settling time. A write seen without its close keeps it waiting.
// A file that changes while in a batch, or after it was done or failed, arrives again: the
// manifest then redoes it once (its content changed) or finds it up to date.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lote::watch {

using Nanos = std::int64_t;  // wall-clock nanoseconds since the epoch (comparable with mtimes)

Nanos now_nanos();

enum class FileState { arriving, ready, in_batch, done, failed };

// What a look at the file found now; nullopt from a probe when it is gone.
struct FileLook {
    std::uint64_t size = 0;
    Nanos mtime = 0;
    bool complete = false;  // not cut short (pipeline/file_structure): whole, or not walkable
};

// Looks at a file now; `check_complete` only when a close was notified (it reads the file).
using Probe =
    std::function<std::optional<FileLook>(const std::filesystem::path&, bool check_complete)>;

struct FileEntry {
    std::filesystem::path path;
    FileState state = FileState::arriving;
    std::uint64_t size = 0;
    Nanos mtime = 0;
    Nanos still_since = 0;  // when size and mtime were last seen changing (or first seen)
    bool writing = false;   // a write was notified and its close not yet
    bool closed = false;    // a close after writing, or a move in, was notified since
    bool changed_in_batch = false;
    Nanos ready_at = 0;  // when it became ready
};

struct TableCounts {
    std::size_t arriving = 0;
    std::size_t ready = 0;
    std::size_t in_batch = 0;
    std::size_t done = 0;
    std::size_t failed = 0;
};

enum class BatchOutcome { done, failed, again };

class FileTable {
  public:
    explicit FileTable(Nanos settle) : settle_(settle) {}

    // Notifications.
    void written(const std::string& name, const std::filesystem::path& path, Nanos now);
    void closed(const std::string& name, const std::filesystem::path& path, Nanos now);
    void appeared(const std::string& name, const std::filesystem::path& path, Nanos now);
    void removed(const std::string& name);
    // A folder left (deleted or moved away): every file below `folder` ("a/b/") is gone.
    void removed_below(const std::string& folder);

    // A scan saw the file as it is now. `at_start`: found when watching began, so a file that
    // has not changed for the settling time by its mtime is ready at once.
    void seen(const std::string& name, const std::filesystem::path& path, std::uint64_t size,
              Nanos mtime, Nanos now, bool at_start);
    // After a scan of `folder` ("" for the root) saw `names`: the files below it it did not see
    // are gone (except those in a batch, which the batch reports on).
    void forget_unseen(const std::string& folder, const std::vector<std::string>& names);

    // Looks at the arriving files again and promotes the whole ones to ready.
    void settle(Nanos now, const Probe& probe);
    // When settle() should run next for a file to become ready by standing still; nullopt when
    // nothing waits on time.
    std::optional<Nanos> next_deadline() const;

    // Up to `limit` ready files, oldest first, now in a batch.
    std::vector<std::string> take_batch(std::size_t limit);
    // The outcome of one file of a batch; a file that changed meanwhile arrives again whatever
    // the outcome said.
    void finish(const std::string& name, BatchOutcome outcome);
    // A file moved out of the folder after its batch.
    void forget(const std::string& name) { entries_.erase(name); }

    const FileEntry* find(const std::string& name) const;
    // Names of the files that are neither arriving nor failed and that `wanted` accepts (their
    // outputs are planned with a batch's, so each keeps its name).
    std::vector<std::string> settled_names_where(
        const std::function<bool(const std::string&)>& wanted) const;
    TableCounts counts() const;
    Nanos oldest_ready_since() const;  // 0 when none is ready
    std::size_t size() const { return entries_.size(); }

  private:
    FileEntry& arrive(const std::string& name, const std::filesystem::path& path, Nanos now);
    bool ready_now(FileEntry& entry, const FileLook& look, Nanos now) const;

    Nanos settle_;
    std::map<std::string, FileEntry> entries_;
};

}  // namespace lote::watch

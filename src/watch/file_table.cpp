#include "watch/file_table.hpp"

#include <algorithm>
#include <chrono>

namespace lote::watch {

namespace fs = std::filesystem;

Nanos now_nanos() {
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

bool below(const std::string& name, const std::string& folder) {
    return folder.empty() || name.compare(0, folder.size(), folder) == 0;
}

}  // namespace

// Whatever happens to a file makes it arrive again, unless a batch holds it: then the batch's
// end decides (it arrives again there).
FileEntry& FileTable::arrive(const std::string& name, const fs::path& path, Nanos now) {
    auto [it, added] = entries_.try_emplace(name);
    FileEntry& entry = it->second;
    entry.path = path;
    if (entry.state == FileState::in_batch) {
        entry.changed_in_batch = true;
    } else {
        entry.state = FileState::arriving;
    }
    entry.still_since = now;
    if (added) {
        entry.size = 0;
        entry.mtime = 0;
    }
    return entry;
}

void FileTable::written(const std::string& name, const fs::path& path, Nanos now) {
    FileEntry& entry = arrive(name, path, now);
    entry.writing = true;
    entry.closed = false;
}

void FileTable::closed(const std::string& name, const fs::path& path, Nanos now) {
    FileEntry& entry = arrive(name, path, now);
    entry.writing = false;
    entry.closed = true;
}

void FileTable::appeared(const std::string& name, const fs::path& path, Nanos now) {
    FileEntry& entry = arrive(name, path, now);
    entry.closed = false;
}

void FileTable::removed(const std::string& name) {
    auto it = entries_.find(name);
    if (it == entries_.end()) {
        return;
    }
    if (it->second.state == FileState::in_batch) {
        it->second.changed_in_batch = true;  // the batch finds it gone
        return;
    }
    entries_.erase(it);
}

void FileTable::removed_below(const std::string& folder) {
    for (auto it = entries_.lower_bound(folder);
         it != entries_.end() && below(it->first, folder);) {
        if (it->second.state == FileState::in_batch) {
            it->second.changed_in_batch = true;
            ++it;
        } else {
            it = entries_.erase(it);
        }
    }
}

void FileTable::seen(const std::string& name, const fs::path& path, std::uint64_t size, Nanos mtime,
                     Nanos now, bool at_start) {
    auto it = entries_.find(name);
    if (it != entries_.end()) {
        FileEntry& entry = it->second;
        if (entry.size == size && entry.mtime == mtime) {
            return;  // unchanged since last seen
        }
        bool never_looked = entry.size == 0 && entry.mtime == 0;
        entry.size = size;
        entry.mtime = mtime;
        if (never_looked && entry.state == FileState::arriving) {
            return;  // a notified file, seen for the first time
        }
        arrive(name, path, now).closed = false;  // changed: wait for its close, or stillness
        return;
    }
    FileEntry& entry = arrive(name, path, now);
    entry.size = size;
    entry.mtime = mtime;
    if (at_start) {
        entry.still_since = std::min(now, mtime);
    }
}

void FileTable::forget_unseen(const std::string& folder, const std::vector<std::string>& names) {
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    for (auto it = entries_.lower_bound(folder);
         it != entries_.end() && below(it->first, folder);) {
        bool gone = !std::binary_search(sorted.begin(), sorted.end(), it->first);
        if (gone && it->second.state != FileState::in_batch) {
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
}

bool FileTable::ready_now(FileEntry& entry, const FileLook& look, Nanos now) const {
    if (look.size != entry.size || look.mtime != entry.mtime) {
        bool first_look = entry.size == 0 && entry.mtime == 0;
        entry.size = look.size;
        entry.mtime = look.mtime;
        if (!first_look) {
            entry.still_since = now;
            entry.closed = false;  // written to after its close: wait again
        }
    }
    if (entry.writing) {
        return false;  // its writer has not closed it yet
    }
    bool still = now - entry.still_since >= settle_;
    // An empty file may be a name made before its writer opens it again: only stillness counts.
    return (entry.closed && look.complete && look.size > 0) || still;
}

void FileTable::settle(Nanos now, const Probe& probe) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        FileEntry& entry = it->second;
        if (entry.state != FileState::arriving || entry.writing) {
            ++it;  // a file being written waits for its close
            continue;
        }
        std::optional<FileLook> look = probe(entry.path, entry.closed);
        if (!look) {
            it = entries_.erase(it);
            continue;
        }
        if (ready_now(entry, *look, now)) {
            entry.state = FileState::ready;
            entry.ready_at = now;
        }
        ++it;
    }
}

std::optional<Nanos> FileTable::next_deadline() const {
    std::optional<Nanos> next;
    for (const auto& [name, entry] : entries_) {
        if (entry.state != FileState::arriving || entry.writing) {
            continue;
        }
        Nanos due = entry.still_since + settle_;
        next = next ? std::min(*next, due) : due;
    }
    return next;
}

std::vector<std::string> FileTable::take_batch(std::size_t limit) {
    std::vector<std::pair<Nanos, std::string>> ready;
    for (const auto& [name, entry] : entries_) {
        if (entry.state == FileState::ready) {
            ready.emplace_back(entry.ready_at, name);
        }
    }
    std::sort(ready.begin(), ready.end());
    if (ready.size() > limit) {
        ready.resize(limit);
    }
    std::vector<std::string> batch;
    for (auto& [at, name] : ready) {
        FileEntry& entry = entries_.at(name);
        entry.state = FileState::in_batch;
        entry.changed_in_batch = false;
        batch.push_back(std::move(name));
    }
    std::sort(batch.begin(), batch.end());
    return batch;
}

void FileTable::finish(const std::string& name, BatchOutcome outcome) {
    auto it = entries_.find(name);
    if (it == entries_.end()) {
        return;
    }
    FileEntry& entry = it->second;
    if (entry.changed_in_batch || outcome == BatchOutcome::again) {
        entry.state = FileState::arriving;
        entry.closed = false;
        entry.size = 0;  // look again from scratch: the next probe sets size and time
        entry.mtime = 0;
        entry.changed_in_batch = false;
        return;
    }
    entry.state = outcome == BatchOutcome::done ? FileState::done : FileState::failed;
}

const FileEntry* FileTable::find(const std::string& name) const {
    auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : &it->second;
}

std::vector<std::string> FileTable::settled_names_where(
    const std::function<bool(const std::string&)>& wanted) const {
    std::vector<std::string> names;
    for (const auto& [name, entry] : entries_) {
        bool settled = entry.state == FileState::ready || entry.state == FileState::in_batch ||
                       entry.state == FileState::done;
        if (settled && wanted(name)) {
            names.push_back(name);
        }
    }
    return names;
}

TableCounts FileTable::counts() const {
    TableCounts counts;
    for (const auto& [name, entry] : entries_) {
        switch (entry.state) {
            case FileState::arriving:
                ++counts.arriving;
                break;
            case FileState::ready:
                ++counts.ready;
                break;
            case FileState::in_batch:
                ++counts.in_batch;
                break;
            case FileState::done:
                ++counts.done;
                break;
            case FileState::failed:
                ++counts.failed;
                break;
        }
    }
    return counts;
}

Nanos FileTable::oldest_ready_since() const {
    Nanos oldest = 0;
    for (const auto& [name, entry] : entries_) {
        if (entry.state == FileState::ready && (oldest == 0 || entry.ready_at < oldest)) {
            oldest = entry.ready_at;
        }
    }
    return oldest;
}

}  // namespace lote::watch

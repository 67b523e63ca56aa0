#pragma once
// The kernel's notifications for a folder (and, recursively, its sub-folders): which files were
// closed after writing, moved in, written to, created, deleted or moved away, and when the
// folder itself went. Sub-folders created or moved in are watched as they appear; the caller
// scans them (files may have landed before their watch existed).

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace lote::watch {

struct FolderEvent {
    enum class Kind {
        closed,          // closed after writing, or moved in: the writer is done with it
        written,         // written to: a writer is at work
        created,         // a new name (a hard link has nothing else)
        removed,         // deleted or moved away
        folder_added,    // a sub-folder appeared (now watched): scan it
        folder_removed,  // a sub-folder was deleted or moved away
        overflow,        // the kernel dropped notifications: scan everything
        root_gone,       // the watched folder itself was deleted, moved or unmounted
        watch_limit,     // no more watches allowed: the folder named is only scanned
    };
    Kind kind;
    std::string name;  // '/'-separated below the root; folders end with '/'
};

class InotifySource {
  public:
    // `skip`: folders never watched (the output tree, the moved-file folders), resolved.
    static Result<std::unique_ptr<InotifySource>> open(const std::filesystem::path& root,
                                                       bool recursive,
                                                       std::vector<std::filesystem::path> skip);
    ~InotifySource();
    InotifySource(const InotifySource&) = delete;
    InotifySource& operator=(const InotifySource&) = delete;

    int fd() const { return fd_; }
    // Reads what is waiting (never blocks) and reports each event.
    void read_events(const std::function<void(const FolderEvent&)>& on_event);
    std::size_t watches() const { return folders_.size(); }

  private:
    InotifySource(int fd, std::filesystem::path root, bool recursive,
                  std::vector<std::filesystem::path> skip);
    // Watches `name` ("" for the root) and, when recursive, every sub-folder below it.
    void watch_tree(const std::string& name, const std::function<void(const FolderEvent&)>& report);
    void unwatch_below(const std::string& name);
    bool skipped(const std::filesystem::path& folder) const;
    void handle(int wd, std::uint32_t mask, const std::string& leaf,
                const std::function<void(const FolderEvent&)>& report);

    int fd_;
    std::filesystem::path root_;
    bool recursive_;
    std::set<std::filesystem::path> skip_;
    std::map<int, std::string> folders_;  // watch descriptor -> folder name ("" or "a/b/")
    std::map<std::string, int> by_name_;
    bool limit_reported_ = false;
};

}  // namespace lote::watch

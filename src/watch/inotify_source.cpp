#include "watch/inotify_source.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace lote::watch {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kFolderMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_CREATE |
                                      IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF |
                                      IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;

bool hidden(const std::string& leaf) {
    return !leaf.empty() && leaf.front() == '.';
}

fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? path.lexically_normal() : canonical;
}

}  // namespace

Result<std::unique_ptr<InotifySource>> InotifySource::open(const fs::path& root, bool recursive,
                                                           std::vector<fs::path> skip) {
    int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        return fail(
            ErrorKind::unavailable,
            std::string("cannot use the kernel's file notifications: ") + std::strerror(errno));
    }
    std::unique_ptr<InotifySource> source(new InotifySource(fd, root, recursive, std::move(skip)));
    if (::inotify_add_watch(fd, root.c_str(), kFolderMask) < 0) {
        int error = errno;
        return fail(error == ENOENT ? ErrorKind::not_found : ErrorKind::io,
                    "cannot watch " + root.string() + ": " + std::strerror(error));
    }
    std::vector<FolderEvent> ignored;
    source->watch_tree("", [&ignored](const FolderEvent& e) { ignored.push_back(e); });
    return source;
}

InotifySource::InotifySource(int fd, fs::path root, bool recursive, std::vector<fs::path> skip)
    : fd_(fd), root_(std::move(root)), recursive_(recursive) {
    for (const fs::path& folder : skip) {
        skip_.insert(resolved(folder));
    }
}

InotifySource::~InotifySource() {
    ::close(fd_);
}

bool InotifySource::skipped(const fs::path& folder) const {
    return skip_.count(resolved(folder)) != 0;
}

void InotifySource::watch_tree(const std::string& name,
                               const std::function<void(const FolderEvent&)>& report) {
    fs::path folder = name.empty() ? root_ : root_ / name;
    if (!name.empty() && skipped(folder)) {
        return;
    }
    int wd = ::inotify_add_watch(fd_, folder.c_str(), kFolderMask);
    if (wd < 0) {
        if (errno == ENOSPC && !limit_reported_) {
            limit_reported_ = true;
            report({FolderEvent::Kind::watch_limit, name});
        }
        return;  // gone already, or over the limit: scans still find its files
    }
    if (auto old = folders_.find(wd); old != folders_.end()) {
        by_name_.erase(old->second);  // the same folder under a new name (moved)
    }
    folders_[wd] = name;
    by_name_[name] = wd;
    if (!recursive_) {
        return;
    }
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::string leaf = it->path().filename().string();
        std::error_code type_error;
        if (!hidden(leaf) && it->is_directory(type_error) && !it->is_symlink(type_error)) {
            watch_tree(name + leaf + "/", report);
        }
    }
}

void InotifySource::unwatch_below(const std::string& name) {
    for (auto it = by_name_.lower_bound(name);
         it != by_name_.end() && it->first.compare(0, name.size(), name) == 0;) {
        ::inotify_rm_watch(fd_, it->second);
        folders_.erase(it->second);
        it = by_name_.erase(it);
    }
}

void InotifySource::handle(int wd, std::uint32_t mask, const std::string& leaf,
                           const std::function<void(const FolderEvent&)>& report) {
    using Kind = FolderEvent::Kind;
    if ((mask & IN_Q_OVERFLOW) != 0) {
        report({Kind::overflow, ""});
        return;
    }
    auto found = folders_.find(wd);
    if (found == folders_.end()) {
        return;  // a watch removed a moment ago
    }
    std::string folder = found->second;
    if ((mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED)) != 0) {
        if (folder.empty()) {
            report({Kind::root_gone, ""});
        } else if ((mask & IN_IGNORED) != 0) {
            by_name_.erase(folder);
            folders_.erase(found);
        }
        return;
    }
    if (leaf.empty() || hidden(leaf)) {
        return;
    }
    std::string name = folder + leaf;
    if ((mask & IN_ISDIR) != 0) {
        if ((mask & (IN_CREATE | IN_MOVED_TO)) != 0 && recursive_ && !skipped(root_ / name)) {
            watch_tree(name + "/", report);
            report({Kind::folder_added, name + "/"});
        } else if ((mask & (IN_DELETE | IN_MOVED_FROM)) != 0) {
            unwatch_below(name + "/");
            report({Kind::folder_removed, name + "/"});
        }
        return;
    }
    if ((mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0) {
        report({Kind::closed, name});
    } else if ((mask & IN_MODIFY) != 0) {
        report({Kind::written, name});
    } else if ((mask & IN_CREATE) != 0) {
        report({Kind::created, name});
    } else if ((mask & (IN_DELETE | IN_MOVED_FROM)) != 0) {
        report({Kind::removed, name});
    }
}

void InotifySource::read_events(const std::function<void(const FolderEvent&)>& on_event) {
    alignas(struct inotify_event) char buffer[64 * 1024];
    while (true) {
        ssize_t got = ::read(fd_, buffer, sizeof buffer);
        if (got <= 0) {
            return;  // EAGAIN: nothing more waits
        }
        for (char* p = buffer; p < buffer + got;) {
            auto* event = reinterpret_cast<struct inotify_event*>(p);
            std::string leaf = event->len > 0 ? std::string(event->name) : std::string();
            handle(event->wd, event->mask, leaf, on_event);
            p += sizeof(struct inotify_event) + event->len;
        }
    }
}

}  // namespace lote::watch

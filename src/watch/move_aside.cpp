#include "watch/move_aside.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

namespace lote::watch {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxNames = 10000;

// `a.jpg`, then `a-1.jpg`, `a-2.jpg`, ...
fs::path candidate(const fs::path& target, int n) {
    if (n == 0) {
        return target;
    }
    std::string name =
        target.stem().string() + "-" + std::to_string(n) + target.extension().string();
    return target.parent_path() / name;
}

// 0, EEXIST when the name is taken, another errno when this way of moving cannot work here.
int rename_no_replace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        return errno;
    }
    // A file system without the flag: a hard link refuses to replace just the same.
    if (::link(from.c_str(), to.c_str()) != 0) {
        return errno;
    }
    ::unlink(from.c_str());
    return 0;
}

Status copy_flushed(const fs::path& from, const fs::path& to) {
    int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        return fail(ErrorKind::io, "cannot read " + from.string() + ": " + std::strerror(errno));
    }
    int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) {
        int error = errno;
        ::close(in);
        return fail(ErrorKind::io, "cannot write " + to.string() + ": " + std::strerror(error));
    }
    char buffer[1 << 16];
    bool ok = true;
    for (ssize_t got; ok && (got = ::read(in, buffer, sizeof buffer)) != 0;) {
        ok = got > 0 && ::write(out, buffer, static_cast<std::size_t>(got)) == got;
    }
    ok = ok && ::fsync(out) == 0;
    int error = errno;
    ::close(in);
    ok = ::close(out) == 0 && ok;
    if (!ok) {
        ::unlink(to.c_str());
        return fail(ErrorKind::io, "cannot copy to " + to.string() + ": " + std::strerror(error));
    }
    return {};
}

std::string hidden_name(const fs::path& target) {
    static std::mt19937_64 random{std::random_device{}()};
    return ".lote-move-" + std::to_string(random() % 1000000000) + "-" + target.filename().string();
}

// Across file systems: copy under a hidden name in the destination folder, then link it to the
// first free name.
Result<fs::path> move_across(const fs::path& file, const fs::path& target) {
    fs::path temporary = target.parent_path() / hidden_name(target);
    if (Status copied = copy_flushed(file, temporary); !copied) {
        return copied.error();
    }
    for (int n = 0; n < kMaxNames; ++n) {
        fs::path to = candidate(target, n);
        if (::link(temporary.c_str(), to.c_str()) == 0) {
            ::unlink(temporary.c_str());
            ::unlink(file.c_str());
            return to;
        }
        if (errno != EEXIST) {
            int error = errno;
            ::unlink(temporary.c_str());
            return fail(ErrorKind::io,
                        "cannot move to " + to.string() + ": " + std::strerror(error));
        }
    }
    ::unlink(temporary.c_str());
    return fail(ErrorKind::conflict, "no free name for " + target.string());
}

}  // namespace

Result<fs::path> move_aside(const fs::path& file, const fs::path& folder,
                            const std::string& relative) {
    fs::path target = folder / fs::path(relative);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
        return fail(ErrorKind::io, "cannot make the folder " + target.parent_path().string() +
                                       ": " + ec.message());
    }
    for (int n = 0; n < kMaxNames; ++n) {
        fs::path to = candidate(target, n);
        int error = rename_no_replace(file, to);
        if (error == 0) {
            return to;
        }
        if (error == EXDEV) {
            return move_across(file, target);
        }
        if (error != EEXIST) {
            return fail(ErrorKind::io, "cannot move " + file.string() + " to " + to.string() +
                                           ": " + std::strerror(error));
        }
    }
    return fail(ErrorKind::conflict, "no free name for " + target.string());
}

}  // namespace lote::watch

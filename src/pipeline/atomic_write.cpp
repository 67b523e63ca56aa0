#include "pipeline/atomic_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "pipeline/temporary_names.hpp"

namespace lote {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTemporaryMarker = ".lote-tmp-";
constexpr long kDefaultNameMax = 255;

fs::path temporary_path_for(const fs::path& target) {
    return target.parent_path() / temporary_name_for(target.filename().string());
}

// The longest file name the target's folder accepts (255 on the usual Linux file systems).
long name_max_of(const fs::path& folder) {
    long limit = ::pathconf(folder.empty() ? "." : folder.c_str(), _PC_NAME_MAX);
    return limit > 0 ? limit : kDefaultNameMax;
}

Status check_name_length(const fs::path& target) {
    const std::size_t length = target.filename().string().size();
    const long limit = name_max_of(target.parent_path());
    if (length > static_cast<std::size_t>(limit)) {
        return fail(ErrorKind::invalid,
                    "the output name is " + std::to_string(length) + " bytes, more than the " +
                        std::to_string(limit) +
                        " the file system allows (shorten the image's or the chain's name)");
    }
    return Status::success();
}

std::string system_error_text(int error) {
    return std::strerror(error);
}

Status write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(ErrorKind::io, "cannot write: " + system_error_text(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return Status::success();
}

Status flush_to_disk(int fd) {
    while (::fsync(fd) != 0) {
        if (errno != EINTR) {
            return fail(ErrorKind::io, "cannot flush to the disk: " + system_error_text(errno));
        }
    }
    return Status::success();
}

// Writes, flushes and closes the new file; on a failure the half-written file is removed.
Status write_new_file(const fs::path& path, std::string_view bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return fail(ErrorKind::io, "cannot create a file in " + path.parent_path().string() + ": " +
                                       system_error_text(errno));
    }
    Status written = write_all(fd, bytes);
    if (written) {
        written = flush_to_disk(fd);
    }
    if (::close(fd) != 0 && written) {
        written = fail(ErrorKind::io, "cannot write: " + system_error_text(errno));
    }
    if (!written) {
        ::unlink(path.c_str());
    }
    return written;
}

// A rename is an entry in the folder: flushing the folder puts it on the disk.
Status flush_folder(const fs::path& folder) {
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return fail(ErrorKind::io, "cannot open the folder " + folder.string() +
                                       " to flush it: " + system_error_text(errno));
    }
    Status flushed = flush_to_disk(fd);
    ::close(fd);
    return flushed;
}

// Creates the missing folders above `target`; each new folder is an entry in its parent, which
// is flushed too, or a power cut could lose the folder with the outputs in it.
Status create_parent_folders(const fs::path& target) {
    fs::path parent = target.parent_path();
    if (parent.empty()) {
        return Status::success();
    }
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path folder = parent; !folder.empty() && !fs::exists(folder, ec);
         folder = folder.parent_path()) {
        missing.push_back(folder);
        if (folder == folder.parent_path()) {
            break;
        }
    }
    fs::create_directories(parent, ec);
    if (ec) {
        return fail(ErrorKind::io,
                    "cannot create the folder " + parent.string() + ": " + ec.message());
    }
    for (const fs::path& created : missing) {
        if (Status flushed = flush_folder(created.parent_path()); !flushed) {
            return flushed;
        }
    }
    return Status::success();
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view bytes) {
    fs::path target(path);
    if (Status fits = check_name_length(target); !fits) {
        return fits;
    }
    if (Status folders = create_parent_folders(target); !folders) {
        return folders;
    }
    fs::path temporary = temporary_path_for(target);
    Status written = write_new_file(temporary, bytes);
    if (!written) {
        return written;
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        int error = errno;
        ::unlink(temporary.c_str());
        return fail(ErrorKind::io,
                    "cannot rename the finished file to " + path + ": " + system_error_text(error));
    }
    // The output exists under its name now; if its folder cannot be flushed it may still vanish
    // in a power cut, so the write is not reported as done.
    return flush_folder(target.parent_path());
}

bool is_temporary_output_name(std::string_view file_name) {
    return file_name.starts_with('.') && file_name.find(kTemporaryMarker) != std::string_view::npos;
}

}  // namespace lote

#include "pipeline/atomic_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "pipeline/temporary_names.hpp"

namespace lote {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTemporaryMarker = ".lote-tmp-";

fs::path temporary_path_for(const fs::path& target) {
    return target.parent_path() / temporary_name_for(target.filename().string());
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
            return fail("cannot write: " + system_error_text(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return Status::success();
}

// Writes and closes the new file; on a failed write the half-written file is removed.
Status write_new_file(const fs::path& path, std::string_view bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return fail("cannot create a file in " + path.parent_path().string() + ": " +
                    system_error_text(errno));
    }
    Status written = write_all(fd, bytes);
    if (::close(fd) != 0 && written) {
        written = fail("cannot write: " + system_error_text(errno));
    }
    if (!written) {
        ::unlink(path.c_str());
    }
    return written;
}

Status create_parent_folders(const fs::path& target) {
    fs::path parent = target.parent_path();
    if (parent.empty()) {
        return Status::success();
    }
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
        return fail("cannot create the folder " + parent.string() + ": " + ec.message());
    }
    return Status::success();
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view bytes) {
    fs::path target(path);
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
        return fail("cannot rename the finished file to " + path + ": " + system_error_text(error));
    }
    return Status::success();
}

bool is_temporary_output_name(std::string_view file_name) {
    return file_name.starts_with('.') && file_name.find(kTemporaryMarker) != std::string_view::npos;
}

}  // namespace lote

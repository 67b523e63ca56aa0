#include "server/api/upload_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "pipeline/input_format.hpp"
#include "server/api/upload_names.hpp"

namespace lote::server {

namespace {

constexpr unsigned kMaxRenameAttempts = 10000;

std::string random_suffix() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(random()));
    return text;
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

}  // namespace

UploadSink::UploadSink(std::filesystem::path folder, std::uint64_t max_file_bytes)
    : folder_(std::move(folder)), max_file_bytes_(max_file_bytes) {}

UploadSink::~UploadSink() {
    abandon();
}

void UploadSink::abandon() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
    temp_path_.clear();
}

void UploadSink::refuse_current(const std::string& message) {
    abandon();
    refused_ = true;
    files_.push_back({{"original", original_}, {"ok", false}, {"error", message}});
}

Status UploadSink::open_temporary() {
    // A hidden name: folder scans skip dot-files, so a half-written upload is never an input.
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto path = folder_ / (".lote-upload-" + random_suffix() + ".part");
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            fd_ = fd;
            temp_path_ = path;
            return {};
        }
        if (errno != EEXIST)
            return fail(ErrorKind::io,
                        std::string("cannot create a file: ") + std::strerror(errno));
    }
    return fail(ErrorKind::io, "cannot create a temporary file");
}

Status UploadSink::begin_part(const PartHeader& header) {
    is_file_ = header.has_filename;
    refused_ = false;
    written_ = 0;
    if (!is_file_) return {};  // plain form fields carry nothing we keep
    original_ = header.filename;
    auto clean = sanitize_upload_name(header.filename);
    if (!clean) {
        refuse_current(clean.message());
        return {};
    }
    clean_name_ = *clean;
    if (auto s = open_temporary(); !s) refuse_current(s.message());
    return {};
}

Status UploadSink::part_data(std::string_view bytes) {
    if (!is_file_ || refused_) return {};
    written_ += bytes.size();
    if (written_ > max_file_bytes_) {
        refuse_current("the file is larger than the limit of " + megabytes(max_file_bytes_));
        return {};
    }
    while (!bytes.empty()) {
        ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            refuse_current(std::string("cannot write the file: ") + std::strerror(errno));
            return {};
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

Result<std::string> UploadSink::move_into_place() {
    // link() fails when the name exists, so an existing file is never replaced, even by a
    // concurrent upload of the same name.
    for (unsigned n = 0; n < kMaxRenameAttempts; ++n) {
        std::string name = n == 0 ? clean_name_ : numbered_name(clean_name_, n);
        auto target = folder_ / name;
        if (::link(temp_path_.c_str(), target.c_str()) == 0) {
            ::unlink(temp_path_.c_str());
            temp_path_.clear();
            return name;
        }
        if (errno != EEXIST)
            return fail(ErrorKind::io,
                        std::string("cannot save the file: ") + std::strerror(errno));
    }
    return fail("too many files with this name");
}

Status UploadSink::end_part() {
    if (!is_file_ || refused_) return {};
    if (::close(fd_) != 0) {
        fd_ = -1;
        refuse_current(std::string("cannot write the file: ") + std::strerror(errno));
        return {};
    }
    fd_ = -1;
    auto format = detect_input_format(temp_path_.string());
    if (!format) {
        refuse_current("not an image lote can read: " + format.message());
        return {};
    }
    auto saved = move_into_place();
    if (!saved) {
        refuse_current(saved.message());
        return {};
    }
    bytes_saved_ += written_;
    files_.push_back({{"original", original_},
                      {"saved", *saved},
                      {"ok", true},
                      {"renamed", *saved != original_},
                      {"bytes", written_},
                      {"format", format->name}});
    return {};
}

}  // namespace lote::server

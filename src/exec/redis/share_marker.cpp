#include "exec/redis/share_marker.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "util/error_codes.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMarkerHeader = "lote-share ";

bool is_hex_id(const std::string& text) {
    if (text.size() < 16 || text.size() > 64) return false;
    for (char c : text) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

std::optional<dev_t> device_of(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return info.st_dev;
}

// Written under a temporary name, then linked into place: link() fails if another coordinator
// marked the folder meanwhile, and then its marker wins.
Result<std::string> write_marker(const fs::path& folder) {
    std::string id = random_hex_id();
    fs::path temporary =
        folder / (std::string(kShareMarkerName) + ".tmp-" + std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << kMarkerHeader << id << "\n";
        if (!out.flush()) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            return fail(ErrorKind::io, "cannot write the share marker in " + folder.string() +
                                           " (nodes check it to be sure they see this very folder)")
                .coded(codes::share_marker_failed);
        }
    }
    int linked = ::link(temporary.c_str(), (folder / kShareMarkerName).c_str());
    int link_error = errno;
    std::error_code ignored;
    fs::remove(temporary, ignored);
    if (linked == 0) return id;
    if (link_error == EEXIST) {
        if (auto existing = read_share_marker(folder)) return *existing;
    }
    return fail(ErrorKind::io, "cannot write the share marker in " + folder.string() + ": " +
                                   std::strerror(link_error))
        .coded(codes::share_marker_failed);
}

}  // namespace

std::string random_hex_id() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    static const char* digits = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 32; ++i) id += digits[random() % 16];
    return id;
}

std::optional<std::string> read_share_marker(const fs::path& folder) {
    std::ifstream in(folder / kShareMarkerName, std::ios::binary);
    if (!in) return std::nullopt;
    std::string header;
    std::string id;
    in.width(64);
    if (!(in >> header >> id) || header + " " != kMarkerHeader || !is_hex_id(id)) {
        return std::nullopt;
    }
    return id;
}

Result<Share> find_or_mark_share(const fs::path& folder) {
    std::error_code ec;
    fs::path start = fs::absolute(folder, ec).lexically_normal();
    if (ec || !fs::is_directory(start, ec)) {
        return fail(ErrorKind::not_found, "not a folder: " + folder.string());
    }
    if (!start.has_filename()) start = start.parent_path();  // a trailing '/'
    auto device = device_of(start);
    for (fs::path at = start;; at = at.parent_path()) {
        if (device_of(at) != device) break;  // a marker above the mount point is another disk's
        if (auto id = read_share_marker(at)) return Share{at, *id};
        if (at == at.parent_path()) break;
    }
    auto id = write_marker(start);
    if (!id) return id.error();
    return Share{start, *id};
}

}  // namespace lote

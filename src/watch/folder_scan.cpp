#include "watch/folder_scan.hpp"

#include <sys/stat.h>

#include "pipeline/file_structure.hpp"

namespace lote::watch {

namespace fs = std::filesystem;

namespace {

std::optional<std::pair<std::uint64_t, Nanos>> stat_now(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return std::nullopt;
    }
    Nanos mtime = static_cast<Nanos>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return std::make_pair(static_cast<std::uint64_t>(st.st_size), mtime);
}

}  // namespace

Result<std::vector<SeenFile>> scan_folder(const fs::path& root, const std::string& folder,
                                          const ScanOptions& options) {
    fs::path where = folder.empty() ? root : root / folder;
    std::error_code ec;
    if (!fs::is_directory(where, ec)) {
        return fail(ErrorKind::not_found, "the folder " + where.string() + " is not there");
    }
    auto scan = scan_inputs(where, options);
    if (!scan) {
        return scan.error();
    }
    std::vector<SeenFile> seen;
    seen.reserve(scan->images.size());
    for (const InputFile& file : scan->images) {
        auto stat = stat_now(file.path);
        if (stat) {
            seen.push_back({folder + file.relative, file.path, stat->first, stat->second});
        }
    }
    return seen;
}

std::optional<FileLook> look_at(const fs::path& path, bool check_complete) {
    auto stat = stat_now(path);
    if (!stat) {
        return std::nullopt;
    }
    FileLook look{stat->first, stat->second, false};
    if (check_complete) {
        // A format without an end lote can find (TIFF, HEIF) is trusted to its close.
        look.complete = check_file_structure(path).ending != FileEnding::truncated;
    }
    return look;
}

}  // namespace lote::watch

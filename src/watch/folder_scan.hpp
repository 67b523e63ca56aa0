#pragma once
// What a scan of a watched folder (or one of its sub-folders) finds: the files a batch would
// take, with their size and modification time, by the batch's own rules (scan_inputs).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "batch/scan_inputs.hpp"
#include "watch/file_table.hpp"

namespace lote::watch {

struct SeenFile {
    std::string name;  // below the watched root
    std::filesystem::path path;
    std::uint64_t size = 0;
    Nanos mtime = 0;
};

// `folder`: "" for the root, else "a/b/" below it. Fails when the folder is gone.
Result<std::vector<SeenFile>> scan_folder(const std::filesystem::path& root,
                                          const std::string& folder, const ScanOptions& options);

// How a file looks now: size, time and (if asked) whether its container is whole.
std::optional<FileLook> look_at(const std::filesystem::path& path, bool check_complete);

}  // namespace lote::watch

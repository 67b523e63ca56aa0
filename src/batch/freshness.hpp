#pragma once
// Is an output up to date? Yes when the manifest recorded it from the same input content with
// the same settings, and the file is still there with the size recorded.

#include <filesystem>
#include <optional>
#include <string>

#include "batch/manifest.hpp"

namespace lote {

struct FileStat {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

std::optional<FileStat> stat_file(const std::filesystem::path& path);

// The input's size, mtime and content hash; the hash is reused from the manifest when size and
// mtime are unchanged, so a re-run of a big folder reads no pixels. Fails if unreadable.
Result<InputStamp> stamp_input(const std::filesystem::path& input, const std::string& key,
                               const Manifest& manifest);

bool output_is_current(const std::optional<OutputRecord>& record, const std::string& input_hash,
                       const std::string& settings, const std::filesystem::path& output_path);

}  // namespace lote

#include "batch/freshness.hpp"

#include <chrono>
#include <system_error>

#include "batch/content_hash.hpp"

namespace lote {

namespace fs = std::filesystem;

std::optional<FileStat> stat_file(const fs::path& path) {
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (ec) {
        return std::nullopt;
    }
    auto written = fs::last_write_time(path, ec);
    if (ec) {
        return std::nullopt;
    }
    auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(written.time_since_epoch()).count();
    return FileStat{static_cast<std::uint64_t>(size), static_cast<std::int64_t>(ns)};
}

Result<InputStamp> stamp_input(const fs::path& input, const std::string& key,
                               const Manifest& manifest) {
    std::optional<FileStat> now = stat_file(input);
    if (!now) {
        return fail("cannot read " + input.string());
    }
    std::optional<InputStamp> before = manifest.find_input(key);
    if (before && before->size == now->size && before->mtime_ns == now->mtime_ns) {
        return *before;
    }
    auto hash = hash_file(input);
    if (!hash) {
        return hash.error();
    }
    return InputStamp{now->size, now->mtime_ns, *hash};
}

bool output_is_current(const std::optional<OutputRecord>& record, const std::string& input_hash,
                       const std::string& settings, const fs::path& output_path) {
    if (!record || record->input_hash != input_hash || record->settings != settings) {
        return false;
    }
    std::optional<FileStat> now = stat_file(output_path);
    return now && now->size == record->output_size;
}

}  // namespace lote

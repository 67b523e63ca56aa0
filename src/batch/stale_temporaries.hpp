#pragma once
// A batch killed hard (kill -9, power loss) may leave the hidden temporary file of an output being
// written (".<name>.lote-tmp-<pid>-<n>"). The next run over the same output folders removes
// those whose writer process is gone; a live writer's (another lote on the same folder) are kept.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace lote {

// The writer's pid in a temporary output name, or nothing for other names.
std::optional<long> temporary_writer_pid(std::string_view file_name);

// Removes stale temporaries under each folder; returns how many were removed.
std::uint64_t remove_stale_temporaries(const std::vector<std::filesystem::path>& folders);

}  // namespace lote

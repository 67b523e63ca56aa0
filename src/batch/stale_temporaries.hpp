#pragma once
// A batch killed hard (kill -9, power loss) may leave the hidden temporary file of an output being
// written (pipeline/temporary_names.hpp). The next run over the same output folders removes the
// ones whose writer is gone: this machine's own when their process is dead; another machine's
// (a node writing to a shared folder) only once they are old, since a pid says nothing about a
// process on another host and a live writer there must keep its file.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace lote {

// The writer's pid in a temporary output name, or nothing for other names.
std::optional<long> temporary_writer_pid(std::string_view file_name);

// How old another machine's temporary file must be to count as abandoned.
inline constexpr std::chrono::seconds kForeignTemporaryAge{3600};

// Removes stale temporaries under each folder; returns how many were removed.
std::uint64_t remove_stale_temporaries(const std::vector<std::filesystem::path>& folders,
                                       std::chrono::seconds foreign_age = kForeignTemporaryAge);

}  // namespace lote

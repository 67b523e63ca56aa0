#pragma once
// What a coordinator makes of the entries in a run's results stream: `started` (a node took the
// task), `done` (its result) and `dead` (it was lost with every node that took it). A result is
// the node's word, so it is checked against the plan: outputs are matched by chain and keep
// their planned paths, and whatever the node did not report counts as failed.

#include <cstdint>
#include <optional>
#include <string>

#include "exec/redis/stream_entries.hpp"
#include "pipeline/process_image.hpp"

namespace lote {

enum class ResultKind { Started, Done, Dead, Unknown };

ResultKind result_kind(const StreamEntry& entry);
// The task number the entry is about, if it is a number.
std::optional<std::uint64_t> result_task(const StreamEntry& entry);
// The node named in a consumer name ("studio-2:0" -> "studio-2").
std::string node_of_consumer(const std::string& consumer);

// A `done` entry for the task it names.
ImageResult planned_result(const StreamEntry& entry, const ImageTask& task);
// A `dead` entry: every output failed, saying why.
ImageResult dead_letter_result(const StreamEntry& entry, const ImageTask& task);
// Without the plan (an earlier run's leftovers): a `done` entry's result as the node sent it,
// or, for a `dead` entry, a result with no outputs (the note says which outputs failed).
Result<ImageResult> reported_result(const StreamEntry& entry);
std::string dead_letter_reason(const StreamEntry& entry);

}  // namespace lote

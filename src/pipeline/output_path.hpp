#pragma once
// Where one output goes: the planned path, or, for a name that needs the decoded image, the
// pattern filled in with the photo's date and the output's size, with an existing file lote did
// not make handled by the conflict policy.

#include <optional>
#include <string>
#include <vips/vips8>

#include "pipeline/process_image.hpp"
#include "util/result.hpp"

namespace lote {

// The path to write, or an empty string when the output is skipped (--on-conflict skip).
Result<std::string> output_path_for(const OutputRequest& request, const std::string& input,
                                    const std::optional<std::string>& date_taken,
                                    const vips::VImage& result);

// The day a file was last modified, in local time (YYYY-MM-DD), or "" if it cannot be read.
std::string modification_date(const std::string& path);

}  // namespace lote

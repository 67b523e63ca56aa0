#pragma once
// Cheap folder listings for the HTTP API: names only (no file is opened), so a folder of 100,000
// files is listed in one directory read and only the requested page's headers are read later.

#include <filesystem>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace lote::server {

// Regular, non-hidden files of `folder` with an image extension, or without one but starting
// like an image (what a batch would process), sorted by name (bytes). Links that lead out of
// `confine_to` (empty: `folder`) or nowhere are listed when their name is an image's, never opened
// (a batch refuses them with a reason: batch/input_links.hpp).
Result<std::vector<std::string>> list_image_names(const std::filesystem::path& folder,
                                                  const std::filesystem::path& confine_to = {});

// Sub-folders of `root` up to `max_depth` levels (relative, '/'-separated, "" for the root),
// hidden ones and `skip` (e.g. the output root inside the input) left out, sorted; at most
// `max_count` entries. Symlinked folders are not followed.
std::vector<std::string> list_folders(const std::filesystem::path& root,
                                      const std::filesystem::path& skip, int max_depth,
                                      std::size_t max_count);

}  // namespace lote::server

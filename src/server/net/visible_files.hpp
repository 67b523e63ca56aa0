#pragma once
// What a client may reach through the API, one rule for every route that names a file (outputs,
// zips, deletes, thumbnails, previews, listings, uploads, static files): a path confined to its
// root (net/paths.hpp) that is no hidden file or folder (a component starting with '.': the job
// store, the manifest, their -wal/-shm, the thumbnail cache, temporary files), no file lote keeps
// for itself (the job store wherever --state put it, temporary outputs), and no link that leads
// out of the root or nowhere.

#include <filesystem>
#include <string_view>

#include "util/result.hpp"

namespace lote::server {

// `file` (absolute, inside `root`) is hidden or one of lote's own; `state_file` is the job store.
bool is_private_file(const std::filesystem::path& root, const std::filesystem::path& file,
                     const std::filesystem::path& state_file);

// confine() plus the rule above: the resolved path, or a refusal naming the reason.
Result<std::filesystem::path> confine_visible(const std::filesystem::path& root,
                                              std::string_view user_path,
                                              const std::filesystem::path& state_file);

}  // namespace lote::server

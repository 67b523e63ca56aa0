#pragma once
// Every path a client names (an input folder, an image, an output file) is relative to one of the
// server's roots and must stay inside it, whatever `..`, symlinks or odd bytes it contains.

#include <filesystem>
#include <string_view>

#include "util/result.hpp"

namespace lote::server {

namespace fs = std::filesystem;

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Resolves `user_path` (relative, '/'-separated, may be empty for the root itself) against `root`
// and returns the absolute, symlink-resolved path when it stays inside the root. Refuses NUL
// bytes, invalid UTF-8, absolute paths, `..` components and symlinks that lead out, with a
// message naming the problem. The target need not exist.
Result<fs::path> confine(const fs::path& root, std::string_view user_path);

// The path of `inside` relative to `root` with '/' separators ("" for the root itself).
std::string relative_name(const fs::path& root, const fs::path& inside);

}  // namespace lote::server

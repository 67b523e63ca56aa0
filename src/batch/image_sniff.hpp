#pragma once
// A cheap first look at a file: does it start like an image lote may read? Used while scanning a
// folder, so it reads a few bytes and never decodes. Whether the image is really readable is the
// worker's business (a truncated JPEG is listed and then fails with a message).

#include <filesystem>
#include <string_view>

namespace lote {

// True when `head` (the first bytes of a file) carries a known image signature: JPEG, PNG, GIF,
// WebP, TIFF, BMP, HEIF/AVIF.
bool has_image_signature(std::string_view head);

// Reads the first bytes of `path` and checks them; false for unreadable files.
bool looks_like_image(const std::filesystem::path& path);

}  // namespace lote

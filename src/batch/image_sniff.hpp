#pragma once
// A cheap first look at a file: is it one a batch should work on? Used while scanning a folder,
// so it reads a few bytes at most and never decodes. Whether the image is really readable is the
// worker's business (a truncated JPEG, or text saved as `x.jpg`, is taken and then fails with a
// message the user sees).

#include <filesystem>
#include <string_view>

namespace lote {

// True when `head` (the first bytes of a file) carries a known image signature: JPEG, PNG, GIF,
// WebP, TIFF, BMP, HEIF/AVIF.
bool has_image_signature(std::string_view head);

// Reads the first bytes of `path` and checks them; false for unreadable files.
bool looks_like_image(const std::filesystem::path& path);

// True for the extensions of the formats lote reads (case-insensitive): .jpg .jpeg .jpe .png
// .webp .tif .tiff .gif .bmp .heic .heif .avif.
bool has_image_extension(std::string_view name);

// A file a batch takes: its name promises an image (then an unreadable one is a failure to report,
// not a file to skip; the name alone decides, so no file is opened), or its first bytes are an
// image's (a photo saved without an extension).
bool is_image_candidate(const std::filesystem::path& path);

}  // namespace lote

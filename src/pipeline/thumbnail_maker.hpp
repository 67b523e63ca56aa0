#pragma once
// Small upright sRGB JPEGs of any input lote reads: libvips' thumbnail (shrink-on-load, EXIF
// auto-rotate), then the pipeline's normal form (CMYK, 16-bit, palette, grey...), alpha
// flattened on white, 3-band sRGB.

#include <string>

#include "util/result.hpp"

namespace lote {

inline constexpr int kMaxThumbnailSize = 2048;

// The JPEG bytes of a thumbnail whose long side is at most `size` pixels (1..kMaxThumbnailSize).
Result<std::string> make_thumbnail_jpeg(const std::string& path, int size);

// The key of a cached thumbnail: a hash of what the file is (path, size, mtime) and the size
// asked; changes whenever the file does. 16 hex digits. Fails when the file cannot be stat'ed.
Result<std::string> thumbnail_key(const std::string& source, const std::string& path, int size);

}  // namespace lote

#pragma once
// What an input file is, decided by its content (never by its name), and the clear reason when it
// is no image lote reads.
#include <optional>
#include <string>

#include "pipeline/options.hpp"
#include "util/result.hpp"

namespace lote {

struct InputFormat {
    std::string name;    // "jpeg", "png", "webp", "tiff", "gif", "heif", "avif", "bmp"
    std::string loader;  // the libvips loader's nickname; empty for BMP (own reader)
    std::optional<Format> writable_as;  // the output format of the same kind, if lote has one
};

// Fails with "no such file", "the file is empty", "not an image file (text)", ... (no path prefix).
Result<InputFormat> detect_input_format(const std::string& path);

// The output format an output path asks for, by its extension (".jpg" -> Jpeg).
std::optional<Format> format_from_path(const std::string& path);

}  // namespace lote

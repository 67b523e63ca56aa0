#pragma once
// How images are read and written; shared by the CLI, the server and the workers.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace lote {

enum class Format { Jpeg, Png, Webp, Avif, Tiff, Gif, Heif };

struct LoadOptions {
    bool auto_orient = true;                 // apply the EXIF orientation
    std::uint64_t max_pixels = 179'000'000;  // Pillow's own hard limit
    // Truncated or corrupt pixel data fails by default (as Pillow does); accepted, the image
    // keeps what decodes and its result carries a warning.
    bool accept_damaged = false;
};

struct SaveOptions {
    std::optional<Format> format;  // empty: the input's own format (or the nearest writable)
    int quality = 85;              // 1..100
    bool strip = false;            // drop EXIF/XMP/IPTC, keep the ICC profile
};

std::optional<Format> parse_format(std::string_view name);  // "jpeg"|"jpg"|"png"|...
std::string format_name(Format f);                          // "jpeg"
std::string format_extension(Format f);                     // ".jpg"

nlohmann::json to_json(const LoadOptions& o);
nlohmann::json to_json(const SaveOptions& o);
LoadOptions load_options_from_json(const nlohmann::json& j);
SaveOptions save_options_from_json(const nlohmann::json& j);

}  // namespace lote

namespace lote {
// The extension an output of `input` gets: the chosen format's, else the input's own extension
// when libvips can write that format (detected by content), else ".png". Includes the dot.
std::string choose_output_extension(const std::string& input_path, const SaveOptions& save);
}  // namespace lote

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
    bool to_srgb = false;  // convert from the embedded profile to sRGB before the chain
    // Truncated or corrupt pixel data fails by default (as Pillow does); accepted, the image
    // keeps what decodes and its result carries a warning.
    bool accept_damaged = false;
};

// Which of the input's EXIF/XMP/IPTC an output keeps (the ICC profile is kept by all three).
enum class MetadataPolicy { All, Copyright, None };

struct MetadataOptions {
    MetadataPolicy policy = MetadataPolicy::All;
    bool no_location = false;  // drop GPS and the XMP/IPTC location fields
    std::string artist;        // written to EXIF, XMP and IPTC when not empty
    std::string copyright;     // likewise
};

struct SaveOptions {
    std::optional<Format> format;  // empty: the input's own format (or the nearest writable)
    int quality = 85;              // 1..100
    bool strip = false;            // drop EXIF/XMP/IPTC, keep the ICC profile
    MetadataOptions metadata;      // `strip` is the same as policy None
};

std::optional<MetadataPolicy> parse_metadata_policy(std::string_view name);  // "all"|...
std::string metadata_policy_name(MetadataPolicy p);                          // "copyright"
// The policy in force: `strip` forces None.
MetadataPolicy effective_policy(const SaveOptions& o);

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

#pragma once
// What an image file says about itself in its header, read without decoding a pixel: format,
// size, colour space and profile, bit depth, alpha, orientation, pages; or why it cannot be
// taken (a refused link, unreadable, not an image, corrupt or cut short, too large).

#include <cstdint>
#include <filesystem>
#include <string>

namespace lote::audit {

enum class Refusal { none, link_out, unreadable, unsupported, corrupt, too_large };

const char* refusal_name(Refusal refusal);  // "link_out", "unreadable", ...

struct ImageHeader {
    Refusal refusal = Refusal::none;
    std::string reason;  // the refusal in words
    std::string format;  // "jpeg", "png", "gif", ... (the loader's)
    int width = 0;
    int height = 0;
    std::string colour_space;  // "srgb", "b-w", "cmyk", ... (libvips' interpretation)
    int bands = 0;
    int bits = 0;  // per sample
    bool alpha = false;
    bool icc_profile = false;
    std::string profile;  // the ICC profile's own description, when it has one
    int orientation = 1;  // EXIF orientation, 1 = upright
    int pages = 1;        // frames of an animation, pages of a document
    std::uint64_t bytes = 0;
    double megapixels() const { return static_cast<double>(width) * height / 1e6; }
};

// `link_refusal`: the reason the file is refused as a link out of the folder, if it is one (then
// it is not opened at all).
ImageHeader read_image_header(const std::filesystem::path& path, const std::string& link_refusal,
                              std::uint64_t max_pixels);

}  // namespace lote::audit

#include "pipeline/thumbnail_maker.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <vips/vips8>

#include "pipeline/image_diagnostics.hpp"
#include "pipeline/load_image.hpp"
#include "pipeline/normal_form.hpp"

namespace lote {

namespace {

constexpr int kJpegQuality = 80;
constexpr const char* kKeyVersion = "thumb-v1";

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

// Upright, 8-bit, 3-band sRGB without alpha: what every browser shows the same way.
vips::VImage to_display_srgb(const vips::VImage& image) {
    vips::VImage out = lote::to_normal_form(image);
    if (out.has_alpha()) {
        out = out.flatten(vips::VImage::option()->set("background", std::vector<double>{255.0}));
    }
    if (out.bands() == 1) out = out.colourspace(VIPS_INTERPRETATION_sRGB);
    return out.cast(VIPS_FORMAT_UCHAR);
}

// A thumbnail shows what decodes of a damaged file, as libvips' own thumbnail does.
LoadOptions thumbnail_load_options() {
    LoadOptions options;
    options.accept_damaged = true;
    return options;
}

// Formats lote reads itself (BMP, GIF): their image streams through the shrink, so a GIF costs
// no more than a PNG of the same size.
vips::VImage thumbnail_through_pipeline(const std::string& path, const ImageHeader& header,
                                        int size) {
    auto opened = open_image(path, header, thumbnail_load_options());
    if (!opened) throw vips::VError(opened.message());
    return opened->thumbnail_image(size, vips::VImage::option()->set("height", size));
}

}  // namespace

Result<std::string> make_thumbnail_jpeg(const std::string& path, int size) {
    if (size < 1 || size > kMaxThumbnailSize) {
        return fail(ErrorKind::invalid,
                    "a thumbnail is 1 to " + std::to_string(kMaxThumbnailSize) + " pixels wide");
    }
    auto header = read_image_header(path, thumbnail_load_options());
    if (!header) return header.error();
    ImageDiagnostics diagnostics;  // its own reasons, whatever else the server decodes meanwhile
    try {
        vips::VImage thumb;
        if (read_by_lote(header->format)) {
            thumb = thumbnail_through_pipeline(path, *header, size);
        } else {
            thumb = vips::VImage::thumbnail(
                path.c_str(), size,
                vips::VImage::option()->set("height", size)->set("size", VIPS_SIZE_DOWN));
        }
        vips::VImage display = to_display_srgb(thumb);
        void* buffer = nullptr;
        size_t length = 0;
        display.write_to_buffer(".jpg", &buffer, &length,
                                vips::VImage::option()->set("Q", kJpegQuality)->set("strip", true));
        std::string bytes(static_cast<const char*>(buffer), length);
        g_free(buffer);
        return bytes;
    } catch (const vips::VError& e) {
        return fail(ErrorKind::corrupt, "cannot make a thumbnail: " + diagnostics.reason(e));
    }
}

Result<std::string> thumbnail_key(const std::string& source, const std::string& path, int size) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return fail("no such file");
    char text[96];
    std::snprintf(text, sizeof text, "|%lld|%lld.%09ld|%d|", static_cast<long long>(st.st_size),
                  static_cast<long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec, size);
    std::uint64_t hash = fnv1a(std::string(kKeyVersion) + "|" + source + "|" + path + text);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::string(hex);
}

}  // namespace lote

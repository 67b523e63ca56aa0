#include "pipeline/encode_image.hpp"

#include <array>
#include <mutex>
#include <vector>

#include "pipeline/metadata.hpp"
#include "pipeline/metadata_embed.hpp"
#include "pipeline/vips_error.hpp"

namespace lote {

namespace {

using vips::VImage;

VImage flatten_on_white(const VImage& image) {
    if (!image.has_alpha()) {
        return image;
    }
    std::vector<double> white(static_cast<std::size_t>(image.bands() - 1), 255.0);
    return image.flatten(VImage::option()->set("background", white)).cast(VIPS_FORMAT_UCHAR);
}

std::string take_blob(VipsBlob* blob) {
    std::size_t length = 0;
    const void* data = vips_blob_get(blob, &length);
    std::string bytes(static_cast<const char*>(data), length);
    vips_area_unref(VIPS_AREA(blob));
    return bytes;
}

// libvips' choices are kept where they are sound: JPEG chroma subsampling follows its default for
// the quality (4:2:0 below Q 90), Huffman tables are not optimised (faster, files ~5% larger),
// PNG uses zlib level 6, TIFF is LZW-compressed (lossless, read everywhere). HEIF/AVIF are written
// with 8 bits per sample, as the pixels have (libvips would otherwise pick 12).
VipsBlob* save_to_blob(const VImage& image, Format format, int quality) {
    switch (format) {
        case Format::Jpeg:
            return flatten_on_white(image).jpegsave_buffer(VImage::option()->set("Q", quality));
        case Format::Png:
            return image.pngsave_buffer();
        case Format::Webp:
            return image.webpsave_buffer(VImage::option()->set("Q", quality));
        case Format::Tiff:
            return image.tiffsave_buffer(
                VImage::option()->set("compression", VIPS_FOREIGN_TIFF_COMPRESSION_LZW));
        case Format::Gif:
            return image.gifsave_buffer();
        case Format::Avif:
        case Format::Heif: {
            auto codec = format == Format::Avif ? VIPS_FOREIGN_HEIF_COMPRESSION_AV1
                                                : VIPS_FOREIGN_HEIF_COMPRESSION_HEVC;
            return image.heifsave_buffer(
                VImage::option()->set("Q", quality)->set("compression", codec)->set("bitdepth", 8));
        }
    }
    return nullptr;
}

bool probe_writer(Format format) {
    try {
        VImage tiny =
            VImage::black(8, 8, VImage::option()->set("bands", 3)).cast(VIPS_FORMAT_UCHAR);
        tiny = tiny.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
        take_blob(save_to_blob(tiny, format, 50));
        return true;
    } catch (const vips::VError&) {
        vips_error_clear();
        return false;
    }
}

}  // namespace

Result<std::string> encode_image(const VImage& image, Format format, const SaveOptions& options) {
    try {
        VImage ready = prepare_output_metadata(image, options);
        VipsBlob* blob = save_to_blob(ready, format, std::clamp(options.quality, 1, 100));
        if (blob == nullptr) {
            return fail("no encoder for " + format_name(format));
        }
        return take_blob(blob);
    } catch (const vips::VError& e) {
        return fail("cannot encode " + format_name(format) + " (" + first_error_line(e.what()) +
                    ")");
    }
}

namespace {

// libvips writes its own small EXIF block into a JPEG that has none; a policy that asked for
// less than everything must not end up with one.
bool needs_embedding(Format format, const OutputMetadata& metadata, const VImage& image) {
    if (!libvips_writes_metadata(format)) {
        return format == Format::Webp || format == Format::Png || format == Format::Tiff;
    }
    return format == Format::Jpeg && metadata.policy() != MetadataPolicy::All &&
           metadata.exif_block(image.width(), image.height()).empty();
}

}  // namespace

Result<std::string> encode_image(const VImage& image, Format format, const SaveOptions& options,
                                 const OutputMetadata& metadata) {
    std::string bytes;
    try {
        VImage ready = with_output_fields(image, metadata, format);
        VipsBlob* blob = save_to_blob(ready, format, std::clamp(options.quality, 1, 100));
        if (blob == nullptr) {
            return fail("no encoder for " + format_name(format));
        }
        bytes = take_blob(blob);
    } catch (const vips::VError& e) {
        return fail("cannot encode " + format_name(format) + " (" + first_error_line(e.what()) +
                    ")");
    }
    if (!needs_embedding(format, metadata, image)) {
        return bytes;
    }
    return embed_metadata(bytes, metadata, image.width(), image.height());
}

bool can_write(Format format) {
    // One format at a time, on first use: starting the AV1 and HEVC encoders costs several MB
    // and some time, which a run that writes JPEG should not pay.
    static std::array<std::once_flag, 7> once;
    static std::array<bool, 7> writable{};
    auto f = static_cast<std::size_t>(format);
    std::call_once(once[f], [f] { writable[f] = probe_writer(static_cast<Format>(f)); });
    return writable[f];
}

}  // namespace lote

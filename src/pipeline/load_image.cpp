#include "pipeline/load_image.hpp"

#include <algorithm>
#include <cctype>

#include "pipeline/bmp_reader.hpp"
#include "pipeline/file_bytes.hpp"
#include "pipeline/metadata.hpp"
#include "pipeline/normal_form.hpp"
#include "pipeline/vips_error.hpp"

namespace lote {

namespace {

using vips::VImage;

struct Decoded {
    VImage image;
    SourceMetadata metadata;
};

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

// The options every trusted loader shares. fail_on=error turns truncated and undecodable data
// into an error instead of libvips' default of filling the rest of the image with grey.
// Sequential access lets the decoder produce strips top to bottom as they are asked for, instead
// of decoding the whole image into memory at the first pixel request.
VImage open_lazily(const std::string& path, const InputFormat& format, int shrink,
                   bool sequential = false) {
    auto* options = VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR);
    if (sequential) {
        options->set("access", VIPS_ACCESS_SEQUENTIAL);
    }
    if (shrink > 1 && format.loader == "jpegload") {
        options->set("shrink", shrink);
    } else if (shrink > 1 && format.loader == "webpload") {
        options->set("scale", 1.0 / shrink);
    }
    return VImage::new_from_file(path.c_str(), options);
}

int orientation_of(const VImage& image) {
    if (vips_image_get_typeof(image.get_image(), VIPS_META_ORIENTATION) == 0) {
        return 1;
    }
    return image.get_int(VIPS_META_ORIENTATION);
}

// Orientations 2-8 mirror or rotate the pixels, which reads the decoded image out of order.
bool needs_reorienting(const VImage& image) {
    int orientation = orientation_of(image);
    return orientation >= 2 && orientation <= 8;
}

bool swaps_sides(const VImage& image) {
    int orientation = orientation_of(image);
    return orientation >= 5 && orientation <= 8;
}

Status check_size_limit(int width, int height, const LoadOptions& options) {
    auto pixels = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
    if (pixels > options.max_pixels) {
        return fail(std::to_string(pixels) + " pixels (" + std::to_string(width) + "x" +
                    std::to_string(height) + ") exceeds the limit of " +
                    std::to_string(options.max_pixels) + " pixels");
    }
    return Status::success();
}

Result<ImageHeader> bmp_header(const std::string& path, const InputFormat& format) {
    auto header = read_bmp_header(read_file_prefix(path, 256));
    if (!header) {
        return fail(header.message());
    }
    return ImageHeader{format, header->width, header->height};
}

Result<ImageHeader> libvips_header(const std::string& path, const InputFormat& format,
                                   const LoadOptions& options) {
    try {
        VImage image = open_lazily(path, format, 1);
        bool swap = options.auto_orient && swaps_sides(image);
        return ImageHeader{format, swap ? image.height() : image.width(),
                           swap ? image.width() : image.height()};
    } catch (const vips::VError& e) {
        return fail("cannot read the " + upper(format.name) + " header (" +
                    first_error_line(e.what()) + ")");
    }
}

Result<Decoded> decode_bmp_file(const std::string& path) {
    auto image = decode_bmp(read_whole_file(path));
    if (!image) {
        return fail(image.message());
    }
    return Decoded{image->copy_memory(), {}};
}

std::string profile_space(const VImage& image) {
    SharedBlob icc = blob_field(image, VIPS_META_ICC_NAME);
    return icc.size() < 20 ? std::string() : std::string(icc.view().substr(16, 4));
}

// RGB and grey pixels with a profile go through it to sRGB (CMYK ones always do, in the normal
// form). A grey image stays grey: its sRGB rendering is brought back to one band.
VImage converted_to_srgb(const VImage& opened) {
    std::string space = profile_space(opened);
    if (space != "RGB " && space != "GRAY") {
        return opened;
    }
    VImage srgb =
        opened.icc_transform("srgb", VImage::option()->set("embedded", true)->set("depth", 8));
    return space == "GRAY" ? srgb.colourspace(VIPS_INTERPRETATION_B_W) : srgb;
}

// The decoded image in normal form and upright, not evaluated yet.
VImage upright_normal_form(const VImage& opened, const LoadOptions& options) {
    VImage image = to_normal_form(options.to_srgb ? converted_to_srgb(opened) : opened);
    return options.auto_orient ? image.autorot() : image;
}

SourceMetadata metadata_of(const VImage& upright, const VImage& opened,
                           const LoadOptions& options) {
    bool turned = options.auto_orient && needs_reorienting(opened);
    return capture_source_metadata(upright, orientation_of(opened), turned);
}

// --to-srgb tags every colour output sRGB, inputs without a profile included.
void tag_srgb(SourceMetadata& metadata, const VImage& decoded, const LoadOptions& options) {
    bool colour = decoded.bands() >= 3;
    if (!options.to_srgb || !colour) {
        return;
    }
    std::string_view icc = metadata.icc.view();
    if (icc.size() < 20 || icc.substr(16, 4) != "RGB ") {
        metadata.icc = srgb_profile();
    }
}

// Runs `evaluate`, which computes pixels from the file; a libvips error there is the decoder's.
template <class Evaluate>
Result<Decoded> decoding(const ImageHeader& header, const Evaluate& evaluate) {
    try {
        return evaluate();
    } catch (const vips::VError& e) {
        return fail("truncated or corrupt " + upper(header.format.name) + " data (" +
                    first_error_line(e.what()) + ")");
    }
}

Result<Decoded> decode_with_libvips(const std::string& path, const ImageHeader& header,
                                    const LoadOptions& options, int shrink) {
    return decoding(header, [&] {
        VImage opened = open_lazily(path, header.format, shrink);
        VImage upright = upright_normal_form(opened, options);
        // decode errors surface in copy_memory
        return Decoded{upright.copy_memory(), metadata_of(upright, opened, options)};
    });
}

Result<Decoded> decode_with_libvips_through(const std::string& path, const ImageHeader& header,
                                            const LoadOptions& options, int shrink,
                                            const StreamedStep& first_step) {
    return decoding(header, [&] {
        VImage opened = open_lazily(path, header.format, shrink, /*sequential=*/true);
        if (options.auto_orient && needs_reorienting(opened)) {
            VImage whole = upright_normal_form(open_lazily(path, header.format, shrink), options);
            return Decoded{first_step(whole.copy_memory()).copy_memory(),
                           metadata_of(whole, opened, options)};
        }
        // Evaluating the step's result pulls the decode through it: every decode error surfaces
        // here, and afterwards nothing refers to the file any more.
        VImage upright = upright_normal_form(opened, options);
        return Decoded{first_step(upright).copy_memory(), metadata_of(upright, opened, options)};
    });
}

Result<Decoded> decode_bmp_file_through(const std::string& path, const StreamedStep& first_step) {
    auto whole = decode_bmp_file(path);
    if (!whole) {
        return whole;
    }
    try {
        return Decoded{first_step(whole->image).copy_memory(), {}};
    } catch (const vips::VError& e) {
        return fail("cannot process the BMP image (" + first_error_line(e.what()) + ")");
    }
}

int shrink_for(const InputFormat& format, int shrink) {
    return supports_shrink_on_load(format) ? std::max(shrink, 1) : 1;
}

}  // namespace

Result<ImageHeader> read_image_header(const std::string& path, const LoadOptions& options) {
    auto format = detect_input_format(path);
    if (!format) {
        return fail(format.message());
    }
    auto header =
        format->loader.empty() ? bmp_header(path, *format) : libvips_header(path, *format, options);
    if (!header) {
        return header;
    }
    if (Status fits = check_size_limit(header->width, header->height, options); !fits) {
        return fail(fits.message());
    }
    return header;
}

bool supports_shrink_on_load(const InputFormat& format) {
    return format.loader == "jpegload" || format.loader == "webpload";
}

Result<DecodedImage> decode_image(const std::string& path, const LoadOptions& options, int shrink) {
    auto header = read_image_header(path, options);
    if (!header) {
        return fail(header.message());
    }
    return decode_image(path, *header, options, shrink);
}

Result<DecodedImage> decode_image(const std::string& path, const ImageHeader& header,
                                  const LoadOptions& options, int shrink) {
    int applied = shrink_for(header.format, shrink);
    auto image = header.format.loader.empty() ? decode_bmp_file(path)
                                              : decode_with_libvips(path, header, options, applied);
    if (!image) {
        return fail(image.message());
    }
    tag_srgb(image->metadata, image->image, options);
    return DecodedImage{std::move(image->image), header, applied, false,
                        std::move(image->metadata)};
}

Result<DecodedImage> decode_streamed(const std::string& path, const ImageHeader& header,
                                     const LoadOptions& options, int shrink,
                                     const StreamedStep& first_step) {
    int applied = shrink_for(header.format, shrink);
    auto image = header.format.loader.empty()
                     ? decode_bmp_file_through(path, first_step)
                     : decode_with_libvips_through(path, header, options, applied, first_step);
    if (!image) {
        return fail(image.message());
    }
    tag_srgb(image->metadata, image->image, options);
    return DecodedImage{std::move(image->image), header, applied, /*first_step_applied=*/true,
                        std::move(image->metadata)};
}

}  // namespace lote

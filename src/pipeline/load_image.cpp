#include "pipeline/load_image.hpp"

#include <algorithm>
#include <cctype>
#include <new>

#include "filters/geometry.hpp"
#include "pipeline/bmp_reader.hpp"
#include "pipeline/file_bytes.hpp"
#include "pipeline/gif_reader.hpp"
#include "pipeline/image_diagnostics.hpp"
#include "pipeline/memory_ceiling.hpp"
#include "pipeline/metadata.hpp"
#include "pipeline/normal_form.hpp"
#include "pipeline/vips_error.hpp"

namespace lote {

namespace {

using vips::VImage;

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

bool is_gif(const InputFormat& format) {
    return format.name == "gif";
}

bool is_bmp(const InputFormat& format) {
    return format.loader.empty();
}

// The options every trusted loader shares. fail_on=truncated turns truncated and undecodable
// data into an error instead of libvips' default of filling the rest of the image with grey
// (accept_damaged asks for that default). Sequential access lets the decoder produce strips top
// to bottom as they are asked for, instead of decoding the whole image into memory at the first
// pixel request.
VImage open_lazily(const std::string& path, const InputFormat& format, const LoadOptions& load,
                   int shrink, bool sequential = false) {
    auto* options = VImage::option()->set(
        "fail_on", load.accept_damaged ? VIPS_FAIL_ON_NONE : VIPS_FAIL_ON_TRUNCATED);
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

// The first frame of a GIF, decoded by lote's reader (as the libvips image it makes).
VImage open_gif_or_throw(const std::string& path, const LoadOptions& load) {
    auto image = open_gif(path, load);
    if (!image) {
        throw vips::VError(image.message());
    }
    return *image;
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
        return fail(ErrorKind::too_large, std::to_string(pixels) + " pixels (" +
                                              std::to_string(width) + "x" + std::to_string(height) +
                                              ") exceeds the limit of " +
                                              std::to_string(options.max_pixels) + " pixels");
    }
    return Status::success();
}

Result<ImageHeader> bmp_header(const std::string& path, const InputFormat& format) {
    auto header = read_bmp_header(read_file_prefix(path, 256));
    if (!header) {
        return header.error();
    }
    return ImageHeader{format, header->width, header->height};
}

Result<ImageHeader> gif_header(const std::string& path, const InputFormat& format) {
    auto header = read_gif_header(path);
    if (!header) {
        return header.error();
    }
    return ImageHeader{format, header->width, header->height};
}

Result<ImageHeader> libvips_header(const std::string& path, const InputFormat& format,
                                   const LoadOptions& options) {
    ImageDiagnostics diagnostics;
    try {
        VImage image = open_lazily(path, format, options, 1);
        bool swap = options.auto_orient && swaps_sides(image);
        return ImageHeader{format, swap ? image.height() : image.width(),
                           swap ? image.width() : image.height()};
    } catch (const vips::VError& e) {
        return fail(ErrorKind::corrupt, "cannot read the " + upper(format.name) + " header (" +
                                            diagnostics.reason(e) + ")");
    }
}

Result<VImage> decode_bmp_file(const std::string& path) {
    auto image = decode_bmp(read_whole_file(path));
    if (!image) {
        return image.error();
    }
    return image->copy_memory();
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

// The decoded image in normal form (in sRGB with --to-srgb), not evaluated yet.
VImage normal_form(const VImage& opened, const LoadOptions& options) {
    return to_normal_form(options.to_srgb ? converted_to_srgb(opened) : opened);
}

// The decoded image in normal form and upright, not evaluated yet.
VImage upright_normal_form(const VImage& opened, const LoadOptions& options) {
    VImage image = normal_form(opened, options);
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

// What the decoder said about damaged pixels it went past (it raised no error for them).
std::vector<std::string> damage_reported(const ImageDiagnostics& diagnostics) {
    std::vector<std::string> damage;
    for (const std::string& line : diagnostics.errors()) {
        if (means_damaged_pixels(line)) {
            damage.push_back(line);
        }
    }
    for (const std::string& line : diagnostics.warnings()) {
        if (means_damaged_pixels(line)) {
            damage.push_back(line);
        }
    }
    return damage;
}

struct Decoded {
    VImage image;
    SourceMetadata metadata;
    std::string warning;  // damaged data kept (LoadOptions::accept_damaged)
};

std::string damaged_data(const ImageHeader& header, const std::string& why) {
    return "truncated or corrupt " + upper(header.format.name) + " data (" + why + ")";
}

// Runs `evaluate`, which computes pixels from the file (and returns them with the metadata); a
// libvips error there is the decoder's, and so is a scan that stopped short without one (libjpeg's
// "premature end of data segment").
template <class Evaluate>
Result<Decoded> decoding(const ImageHeader& header, const LoadOptions& options,
                         const Evaluate& evaluate) {
    ImageDiagnostics diagnostics;  // this decode's own messages, whatever else runs meanwhile
    Decoded decoded;
    try {
        decoded = evaluate();
    } catch (const SizeRefused& e) {
        return e.error();
    } catch (const std::bad_alloc&) {
        return fail(ErrorKind::too_large, "cannot decode: " + out_of_memory_reason());
    } catch (const vips::VError& e) {
        std::string why = diagnostics.reason(e);
        if (why.find("out of memory") != std::string::npos) {
            return fail(ErrorKind::too_large, "cannot decode: " + out_of_memory_reason());
        }
        return fail(ErrorKind::corrupt, damaged_data(header, why));
    }
    std::vector<std::string> damage = damage_reported(diagnostics);
    if (!damage.empty() && !options.accept_damaged) {
        return fail(ErrorKind::corrupt, damaged_data(header, damage.front()));
    }
    if (!damage.empty()) {
        decoded.warning = "damaged " + upper(header.format.name) + " data, kept what decodes (" +
                          damage.front() + ")";
    }
    return decoded;
}

VImage open_for_decode(const std::string& path, const ImageHeader& header,
                       const LoadOptions& options, int shrink, bool sequential) {
    if (is_gif(header.format)) {
        return open_gif_or_throw(path, options);
    }
    return open_lazily(path, header.format, options, shrink, sequential);
}

// Sequential access decodes straight into the memory image: without it libvips would first
// decode a large image into a temporary file (and a smaller one into a second memory copy).
// Only a rotation or flip needs the decoded image in full first.
Result<Decoded> decode_with_libvips(const std::string& path, const ImageHeader& header,
                                    const LoadOptions& options, int shrink) {
    return decoding(header, options, [&] {
        VImage opened = open_for_decode(path, header, options, shrink, /*sequential=*/true);
        if (options.auto_orient && needs_reorienting(opened)) {
            VImage upright = normal_form(opened, options).copy_memory().autorot();
            return Decoded{upright.copy_memory(), metadata_of(upright, opened, options), {}};
        }
        VImage upright = upright_normal_form(opened, options);
        // decode errors surface in copy_memory
        return Decoded{upright.copy_memory(), metadata_of(upright, opened, options), {}};
    });
}

Result<Decoded> decode_with_libvips_through(const std::string& path, const ImageHeader& header,
                                            const LoadOptions& options, int shrink,
                                            const StreamedStep& first_step) {
    return decoding(header, options, [&] {
        VImage opened = open_for_decode(path, header, options, shrink, /*sequential=*/true);
        if (options.auto_orient && needs_reorienting(opened)) {
            VImage whole = normal_form(opened, options).copy_memory().autorot();
            return Decoded{first_step(whole.copy_memory()).copy_memory(),
                           metadata_of(whole, opened, options),
                           {}};
        }
        // Evaluating the step's result pulls the decode through it: every decode error surfaces
        // here, and afterwards nothing refers to the file any more.
        VImage upright = upright_normal_form(opened, options);
        return Decoded{
            first_step(upright).copy_memory(), metadata_of(upright, opened, options), {}};
    });
}

Result<Decoded> decode_bmp_file_through(const std::string& path, const StreamedStep& first_step) {
    auto whole = decode_bmp_file(path);
    if (!whole) {
        return whole.error();
    }
    try {
        return Decoded{first_step(*whole).copy_memory(), {}, {}};
    } catch (const SizeRefused& e) {
        return e.error();
    } catch (const vips::VError& e) {
        return fail("cannot process the BMP image (" + first_error_line(e.what()) + ")");
    }
}

int shrink_for(const InputFormat& format, int shrink) {
    return supports_shrink_on_load(format) ? std::max(shrink, 1) : 1;
}

Result<Decoded> decode_bmp_decoded(const std::string& path) {
    auto image = decode_bmp_file(path);
    if (!image) {
        return image.error();
    }
    return Decoded{std::move(*image), {}, {}};
}

}  // namespace

Result<ImageHeader> read_image_header(const std::string& path, const LoadOptions& options) {
    auto format = detect_input_format(path);
    if (!format) {
        return format.error();
    }
    auto header = is_bmp(*format)   ? bmp_header(path, *format)
                  : is_gif(*format) ? gif_header(path, *format)
                                    : libvips_header(path, *format, options);
    if (!header) {
        return header;
    }
    if (Status fits = check_size_limit(header->width, header->height, options); !fits) {
        return fits.error();
    }
    return header;
}

bool supports_shrink_on_load(const InputFormat& format) {
    return format.loader == "jpegload" || format.loader == "webpload";
}

bool read_by_lote(const InputFormat& format) {
    return is_bmp(format) || is_gif(format);
}

Result<VImage> open_image(const std::string& path, const ImageHeader& header,
                          const LoadOptions& options) {
    if (is_bmp(header.format)) {
        return decode_bmp_file(path);
    }
    if (is_gif(header.format)) {
        return open_gif(path, options);
    }
    try {
        return open_lazily(path, header.format, options, 1, /*sequential=*/true);
    } catch (const vips::VError& e) {
        return fail(ErrorKind::corrupt, "cannot open the " + upper(header.format.name) + " (" +
                                            first_error_line(e.what()) + ")");
    }
}

Result<DecodedImage> decode_image(const std::string& path, const LoadOptions& options, int shrink) {
    auto header = read_image_header(path, options);
    if (!header) {
        return header.error();
    }
    return decode_image(path, *header, options, shrink);
}

Result<DecodedImage> decode_image(const std::string& path, const ImageHeader& header,
                                  const LoadOptions& options, int shrink) {
    int applied = shrink_for(header.format, shrink);
    auto decoded = is_bmp(header.format) ? decode_bmp_decoded(path)
                                         : decode_with_libvips(path, header, options, applied);
    if (!decoded) {
        return decoded.error();
    }
    tag_srgb(decoded->metadata, decoded->image, options);
    DecodedImage result{
        std::move(decoded->image),  header, applied, false, std::move(decoded->metadata),
        std::move(decoded->warning)};
    return result;
}

Result<DecodedImage> decode_streamed(const std::string& path, const ImageHeader& header,
                                     const LoadOptions& options, int shrink,
                                     const StreamedStep& first_step) {
    int applied = shrink_for(header.format, shrink);
    auto decoded = is_bmp(header.format)
                       ? decode_bmp_file_through(path, first_step)
                       : decode_with_libvips_through(path, header, options, applied, first_step);
    if (!decoded) {
        return decoded.error();
    }
    tag_srgb(decoded->metadata, decoded->image, options);
    DecodedImage result{std::move(decoded->image),
                        header,
                        applied,
                        /*first_step_applied=*/true,
                        std::move(decoded->metadata),
                        std::move(decoded->warning)};
    return result;
}

}  // namespace lote

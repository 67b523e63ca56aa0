#include "pipeline/load_image.hpp"

#include <algorithm>
#include <cctype>

#include "pipeline/bmp_reader.hpp"
#include "pipeline/file_bytes.hpp"
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

Result<VImage> decode_bmp_file(const std::string& path) {
    auto image = decode_bmp(read_whole_file(path));
    if (!image) {
        return fail(image.message());
    }
    return image->copy_memory();
}

// The decoded image in normal form and upright, not evaluated yet.
VImage upright_normal_form(const VImage& opened, const LoadOptions& options) {
    VImage image = to_normal_form(opened);
    return options.auto_orient ? image.autorot() : image;
}

// Runs `evaluate`, which computes pixels from the file; a libvips error there is the decoder's.
template <class Evaluate>
Result<VImage> decoding(const ImageHeader& header, const Evaluate& evaluate) {
    try {
        return evaluate();
    } catch (const vips::VError& e) {
        return fail("truncated or corrupt " + upper(header.format.name) + " data (" +
                    first_error_line(e.what()) + ")");
    }
}

Result<VImage> decode_with_libvips(const std::string& path, const ImageHeader& header,
                                   const LoadOptions& options, int shrink) {
    return decoding(header, [&] {
        VImage opened = open_lazily(path, header.format, shrink);
        return upright_normal_form(opened, options).copy_memory();  // decode errors surface here
    });
}

Result<VImage> decode_with_libvips_through(const std::string& path, const ImageHeader& header,
                                           const LoadOptions& options, int shrink,
                                           const StreamedStep& first_step) {
    return decoding(header, [&] {
        VImage opened = open_lazily(path, header.format, shrink, /*sequential=*/true);
        if (options.auto_orient && needs_reorienting(opened)) {
            VImage whole = upright_normal_form(open_lazily(path, header.format, shrink), options);
            return first_step(whole.copy_memory()).copy_memory();
        }
        // Evaluating the step's result pulls the decode through it: every decode error surfaces
        // here, and afterwards nothing refers to the file any more.
        return first_step(upright_normal_form(opened, options)).copy_memory();
    });
}

Result<VImage> decode_bmp_file_through(const std::string& path, const StreamedStep& first_step) {
    auto whole = decode_bmp_file(path);
    if (!whole) {
        return whole;
    }
    try {
        return first_step(*whole).copy_memory();
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
    return DecodedImage{std::move(*image), header, applied};
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
    return DecodedImage{std::move(*image), header, applied, /*first_step_applied=*/true};
}

}  // namespace lote

#pragma once
// Reading an input: its header first (format by content, the size limit, before any pixel is
// decoded), then the pixels, brought to the filters' normal form and held in memory (in full, or
// only after a first reducing step the decode streams through).
//
// Multi-page and animated files (GIF, WebP, TIFF, HEIF): the first page/frame is read, and only
// it is decoded. BMP and GIF are read by lote's own readers (pipeline/bmp_reader.hpp,
// pipeline/gif_reader.hpp), everything else by libvips.
//
// Damaged data: a truncated or corrupt file fails ("truncated or corrupt JPEG data (...)", kind
// corrupt), including a JPEG whose scan stops short while its markers say it is complete, which
// libvips would fill with grey. With LoadOptions::accept_damaged the pixels that decode are kept
// and DecodedImage::warning says what was wrong. Every reason is this image's own
// (pipeline/image_diagnostics.hpp), whatever else runs at the same time.
#include <functional>
#include <string>
#include <vips/vips8>

#include "pipeline/input_format.hpp"
#include "pipeline/options.hpp"
#include "pipeline/source_metadata.hpp"
#include "util/result.hpp"

namespace lote {

struct ImageHeader {
    InputFormat format;
    int width = 0;  // as displayed: after the EXIF orientation when auto_orient is on
    int height = 0;
};

struct DecodedImage {
    vips::VImage image;  // normal form, in memory (decode errors have happened already)
    ImageHeader header;  // the full-size dimensions, whatever shrink was used
    int shrink = 1;      // the shrink-on-load factor actually applied (1 = none)
    bool first_step_applied = false;  // decode_streamed: `image` is the first step's result
    SourceMetadata metadata;          // the input's metadata; the outputs' is rebuilt from it
    std::string warning;  // with accept_damaged: what was wrong with the data, else empty
};

// With LoadOptions.to_srgb the pixels are converted from their embedded profile to sRGB (libvips'
// colour management) before anything else, and an input without a profile is taken as sRGB;
// either way the decoded image is tagged with the sRGB profile.
//
// A first processing step that turns the decoded image into a smaller one and cannot fail by
// itself (a resize), so any error while it runs is the decoder's.
using StreamedStep = std::function<vips::VImage(const vips::VImage&)>;

// Fails with a reason and no path prefix, e.g. "the file is empty",
// "10000000000 pixels (100000x100000) exceeds the limit of 179000000 pixels".
Result<ImageHeader> read_image_header(const std::string& path, const LoadOptions& options);

// shrink > 1 asks JPEG and WebP decoders for an image about 1/shrink the size (JPEG honours 2, 4
// and 8); other formats ignore it. The caller reads the real size from the image.
Result<DecodedImage> decode_image(const std::string& path, const LoadOptions& options,
                                  int shrink = 1);
// The same, with the header read_image_header() already returned (and checked) for this path.
Result<DecodedImage> decode_image(const std::string& path, const ImageHeader& header,
                                  const LoadOptions& options, int shrink = 1);

// The same, but the decoded pixels flow through `first_step` strip by strip (sequential access)
// and only its result is held in memory: for an image used by one output whose chain starts by
// making it smaller, the full decoded image never exists at once. Decode errors surface here, with
// the same messages as decode_image. An input whose EXIF orientation needs a rotation or flip is
// decoded in full first (those cannot be streamed), then `first_step` runs on it.
Result<DecodedImage> decode_streamed(const std::string& path, const ImageHeader& header,
                                     const LoadOptions& options, int shrink,
                                     const StreamedStep& first_step);

// True for the formats whose decoder can shrink while decoding.
bool supports_shrink_on_load(const InputFormat& format);

// True for the formats lote decodes itself rather than through a libvips loader (BMP, GIF).
bool read_by_lote(const InputFormat& format);

// The decoded image of `path`, not evaluated yet (sequential access for lote's readers): for
// callers that stream it straight into an operation of their own (thumbnails).
Result<vips::VImage> open_image(const std::string& path, const ImageHeader& header,
                                const LoadOptions& options);

}  // namespace lote

#pragma once
// The first frame of a GIF, read by lote with giflib: row by row, straight into the image that
// leaves the decoder, so a GIF costs what a PNG of the same size costs. (libvips 8.14's GIF
// loader first decodes the whole frame into a 4-byte-per-pixel buffer of its own and keeps it
// next to the decoded image: a 13000 x 13000 GIF cost 2.6 times a PNG's memory.)
//
// Only the first frame of an animation is read; the rest of the file is never decoded. The image
// is the logical screen's size, 8-bit sRGB: 3 bands, or 4 when a pixel of the frame is
// transparent or the frame does not cover the screen (the rest is then transparent).
//
// The image is a sequential libvips image, computed as it is read (like libvips' own loaders
// opened with access=sequential), except for interlaced GIFs, whose rows come in four passes:
// those are decoded into memory at once. A row that cannot be decoded (truncated or corrupt
// data) is a libvips error of the image; with `accept_damaged` the rows that decoded are kept,
// the rest left transparent (or black), and a warning is added to the image's diagnostics
// (pipeline/image_diagnostics.hpp).

#include <string>
#include <string_view>
#include <vips/vips8>

#include "pipeline/options.hpp"
#include "util/result.hpp"

namespace lote {

struct GifHeader {
    int width = 0;  // the logical screen
    int height = 0;
};

Result<GifHeader> read_gif_header(const std::string& path);
// The image of the first frame; check the header against the size limit first (this checks it
// too, against options.max_pixels).
Result<vips::VImage> open_gif(const std::string& path, const LoadOptions& options);

// The same over bytes in memory (the fuzz target's entry).
Result<vips::VImage> open_gif_bytes(std::string_view bytes, const LoadOptions& options);

}  // namespace lote

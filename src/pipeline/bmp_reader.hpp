#pragma once
// A small reader for the common Windows BMP kinds: uncompressed 24/32-bit, 32-bit with 8-bit
// channel masks (BI_BITFIELDS, alpha when a mask is given), and 1/4/8-bit palettes. libvips 8.14
// reads BMP only through ImageMagick, which lote blocks as untrusted. RLE-compressed BMPs and
// 16-bit ones are refused with a clear message.
#include <cstdint>
#include <string>
#include <vips/vips8>

#include "util/result.hpp"

namespace lote {

struct BmpHeader {
    int width = 0;
    int height = 0;  // always positive; top_down tells the row order
    bool top_down = false;
    int bits = 0;
};

// Reads only the headers (for the size limit before any pixel buffer is allocated).
Result<BmpHeader> read_bmp_header(const std::string& bytes);
// Decodes to uchar sRGB (3 bands, or 4 with alpha). Check the header against the size limit first.
Result<vips::VImage> decode_bmp(const std::string& bytes);

}  // namespace lote

#pragma once
// Contiguous 8-bit pixel buffers for the filters whose arithmetic libvips has no exact operation
// for: the input is evaluated into memory once, the output is written straight into a new
// memory image (no extra copy when it goes back into a libvips pipeline).

#include <cstddef>
#include <cstdint>
#include <vips/vips8>

namespace lote {

// Read-only view of an evaluated image: rows are contiguous, bands interleaved.
struct PixelsIn {
    vips::VImage image;  // keeps the memory alive
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int bands = 0;
    std::size_t row_bytes() const { return static_cast<std::size_t>(width) * bands; }
    const std::uint8_t* row(int y) const { return data + row_bytes() * y; }
};

struct PixelsOut {
    vips::VImage image;
    std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int bands = 0;
    std::size_t row_bytes() const { return static_cast<std::size_t>(width) * bands; }
    std::uint8_t* row(int y) const { return data + row_bytes() * y; }
};

// Evaluates the image into memory as 8-bit samples.
PixelsIn read_pixels(const vips::VImage& image);
// A new, uninitialised memory image; sRGB when it has 3 or 4 bands, B_W otherwise.
PixelsOut new_pixels(int width, int height, int bands);

// Bands that carry colour: all but a trailing alpha (2 = grey + alpha, 4 = RGB + alpha).
inline int colour_bands_of(int bands) {
    return (bands == 2 || bands == 4) ? bands - 1 : bands;
}
inline bool has_alpha(int bands) {
    return bands == 2 || bands == 4;
}

}  // namespace lote

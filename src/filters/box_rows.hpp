#pragma once
// Three extended box passes along each row of an 8-bit image. A running sum along a row is one
// chain of dependent additions; here the only sequential work is a prefix sum per channel (one
// addition per sample), and each output — a difference of two prefix sums and the two
// fractional samples — is computed for a whole row at once in vector lanes.

#include <cstddef>
#include <cstdint>

#include "filters/box_blur.hpp"

namespace lote {

// Blurs the first `channels` samples of each pixel of `src` (width × height pixels of `stride`
// samples) along the rows into `dst`, packed with `channels` samples a pixel. Samples beyond the
// ends of a row repeat the end samples.
void blur_rows_thrice(const std::uint8_t* src, int width, int height, int stride, int channels,
                      const ExtendedBox& box, std::uint8_t* dst);

}  // namespace lote

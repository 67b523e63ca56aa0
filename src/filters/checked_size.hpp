#pragma once
// Size arithmetic for the steps that choose an output size (framing, logo): every product in 64
// bits, every side and every area checked against the limits before any pixel is allocated.
// The framing steps' spelling of geometry.hpp's checked_size, which does the checking.

#include <cstdint>
#include <string_view>

#include "filters/geometry.hpp"

namespace lote {

// `width` × `height` as an image size, or a SizeRefused (a vips::VError) naming `step` when a
// side is below 1 or above kMaxSide, or the area is above the pixel limit in force
// (filters/geometry.hpp: checked_size; "rellenar: the result would be 70000x70000 = 4900000000
// pixels, more than the limit of 179000000").
Size checked_size(std::int64_t width, std::int64_t height, std::string_view step);

// round(side × scale), at least 1, saturated instead of overflowing.
std::int64_t scaled_side(std::int64_t side, double scale);

}  // namespace lote

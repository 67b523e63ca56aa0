#pragma once
// Three extended box passes down the columns of a packed 8-bit image, fused: each pass keeps
// only the few rows the next one still needs in a ring, so the image is read once and written
// once (instead of three times each) and the rows in flight stay in the processor's cache.

#include <cstddef>
#include <cstdint>

#include "filters/box_blur.hpp"

namespace lote {

// `plane` has `rows` rows of `row_samples` samples; rows beyond the ends repeat the end rows.
void blur_columns_thrice(std::uint8_t* plane, int rows, std::size_t row_samples,
                         const ExtendedBox& box);

}  // namespace lote

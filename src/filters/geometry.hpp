#pragma once
// Output sizes of the geometric filters, shared with the pipeline (which shrinks on load for
// `ajustar`) so both agree on the exact size.

#include <cstdint>
#include <vips/vips8>

#include "filters/params.hpp"

namespace lote {

struct Size {
    int width = 0;
    int height = 0;
    bool operator==(const Size&) const = default;
};

// Results larger than this are refused, like inputs (Pillow's own limit).
inline constexpr std::uint64_t kMaxOutputPixels = 179'000'000;

// redimensionar: trunc(w·p/100) × trunc(h·p/100), at least 1×1.
Size percent_size(Size input, double percent);
// ajustar: the largest size with the input's aspect ratio inside ancho × alto (either may be
// absent); never larger than the input unless `ampliar` (or `solo_reducir=false`). The limiting
// side gets the box's exact value, the other side is rounded.
Size fitted_size(Size input, const Params& params);
// Lanczos3 resampling to exactly `target` (antialiased when shrinking).
vips::VImage resize_exactly(const vips::VImage& image, Size target);

}  // namespace lote

#pragma once
// Pillow's GaussianBlur: three passes of an extended box blur along the rows, then three along
// the columns (see spec/filters.md). Exposed for the tests of the radius arithmetic.

#include <cstdint>

namespace lote {

// One extended box: the 2·whole+1 nearest samples weigh `weight`, the two at distance whole+1
// weigh `fraction`; both in 24-bit fixed point, as Pillow computes them.
struct ExtendedBox {
    int whole = 0;
    std::uint32_t weight = 0;
    std::uint32_t fraction = 0;
};

// The box radius r = l + a of one of `passes` passes approximating a Gaussian of `radius`
// (Gwosdek et al. 2011), in single precision as Pillow computes it.
float extended_box_radius(float radius, int passes);
ExtendedBox extended_box(float box_radius);

}  // namespace lote

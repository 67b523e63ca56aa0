#pragma once
// Pillow's ImageEnhance blends a "degenerate" image with the original:
// out = degenerate + factor·(in − degenerate), truncated. Pillow computes the interpolation
// (0 <= factor <= 1) in double and the extrapolation in float with clipping; doing the same keeps
// nitidez, brillo and contraste within ±1 of it (in practice identical).

#include <cstdint>

namespace lote {

inline std::uint8_t pillow_blend(int degenerate, int value, double factor) {
    if (factor >= 0.0 && factor <= 1.0) {
        return static_cast<std::uint8_t>(degenerate + factor * (value - degenerate));
    }
    auto mixed = static_cast<float>(degenerate + factor * (value - degenerate));
    if (mixed <= 0.0f) {
        return 0;
    }
    if (mixed >= 255.0f) {
        return 255;
    }
    return static_cast<std::uint8_t>(mixed);
}

}  // namespace lote

#include "filters/checked_size.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <vips/vips8>

namespace lote {

Size checked_size(std::int64_t width, std::int64_t height, std::string_view step) {
    if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide) {
        throw vips::VError(fmt::format("{}: the result would be {}x{} pixels, outside 1..{} a side",
                                       step, width, height, kMaxSide));
    }
    // Both sides are at most 10^7, so the product fits in 64 bits.
    const auto pixels = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
    if (pixels > kMaxOutputPixels) {
        throw vips::VError(
            fmt::format("{}: the result would be {}x{} = {} pixels, more than the limit of {}",
                        step, width, height, pixels, kMaxOutputPixels));
    }
    return {static_cast<int>(width), static_cast<int>(height)};
}

std::int64_t scaled_side(std::int64_t side, double scale) {
    const double v = std::round(static_cast<double>(side) * scale);
    if (!(v < static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2))) {
        return std::numeric_limits<std::int64_t>::max() / 2;
    }
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(v));
}

}  // namespace lote

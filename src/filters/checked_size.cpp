// The size check every step that makes a new size goes through (filters/geometry.hpp).
#include "filters/checked_size.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "filters/geometry.hpp"

namespace lote {

namespace {

thread_local std::uint64_t limit_in_force = kMaxOutputPixels;

Error refusal(ErrorKind kind, std::string_view step, WantedSize wanted, const std::string& why) {
    return fail(kind, fmt::format("{}: the result would be {}x{}{}", step, wanted.width,
                                  wanted.height, why));
}

}  // namespace

std::uint64_t pixel_limit() {
    return limit_in_force;
}

PixelLimitScope::PixelLimitScope(std::uint64_t max_pixels) : previous_(limit_in_force) {
    limit_in_force = max_pixels;
}

PixelLimitScope::~PixelLimitScope() {
    limit_in_force = previous_;
}

Result<Size> check_size(std::string_view step, WantedSize wanted, std::uint64_t max_pixels) {
    if (wanted.width < 1 || wanted.height < 1) {
        return refusal(ErrorKind::invalid, step, wanted, " pixels; an image has at least 1x1");
    }
    // Both sides are positive; a product beyond 64 bits is over any limit.
    std::uint64_t pixels = 0;
    const bool beyond = __builtin_mul_overflow(static_cast<std::uint64_t>(wanted.width),
                                               static_cast<std::uint64_t>(wanted.height), &pixels);
    if (beyond || pixels > max_pixels) {
        const double shown = static_cast<double>(wanted.width) * static_cast<double>(wanted.height);
        return refusal(
            ErrorKind::too_large, step, wanted,
            fmt::format(" = {:.0f} pixels, more than the limit of {}", shown, max_pixels));
    }
    if (wanted.width > kMaxSide || wanted.height > kMaxSide) {
        return refusal(ErrorKind::too_large, step, wanted,
                       fmt::format(" pixels; no side may be longer than {}", kMaxSide));
    }
    return Size{static_cast<int>(wanted.width), static_cast<int>(wanted.height)};
}

Size checked_size(std::string_view step, WantedSize wanted) {
    auto size = check_size(step, wanted, pixel_limit());
    if (!size) {
        throw SizeRefused(size.error());
    }
    return *size;
}

std::int64_t whole_pixels(double value) {
    // Beyond ±2^62 every size is refused anyway; NaN is no size at all.
    constexpr double kFar = 4.6e18;
    if (std::isnan(value)) {
        return -1;
    }
    return static_cast<std::int64_t>(std::clamp(value, -kFar, kFar));
}

Size checked_size(std::int64_t width, std::int64_t height, std::string_view step) {
    return checked_size(step, WantedSize{width, height});
}

std::int64_t scaled_side(std::int64_t side, double scale) {
    const double v = std::round(static_cast<double>(side) * scale);
    if (!(v < static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2))) {
        return std::numeric_limits<std::int64_t>::max() / 2;
    }
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(v));
}

}  // namespace lote

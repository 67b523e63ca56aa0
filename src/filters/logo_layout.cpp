#include "filters/logo_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace lote {

namespace {

int rounded_side(double v) {
    return static_cast<int>(std::max(1.0, std::round(v)));
}

}  // namespace

Size logo_size(Size image, Size logo, double percent, int margin) {
    const double width = std::max(1.0, std::round(image.width * percent / 100.0));
    const double height = std::max(1.0, std::round(width * logo.height / logo.width));
    const double room_w = std::max<std::int64_t>(1, std::int64_t{image.width} - 2 * margin);
    const double room_h = std::max<std::int64_t>(1, std::int64_t{image.height} - 2 * margin);
    const double shrink = std::min({1.0, room_w / width, room_h / height});
    if (shrink >= 1.0) {
        return {static_cast<int>(width), static_cast<int>(height)};
    }
    return {std::min(rounded_side(width * shrink), static_cast<int>(room_w)),
            std::min(rounded_side(height * shrink), static_cast<int>(room_h))};
}

}  // namespace lote

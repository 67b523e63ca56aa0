#include <algorithm>
#include <cmath>
#include <string>

#include "filters/filter_functions.hpp"
#include "filters/geometry.hpp"
#include "filters/lanczos_resample.hpp"

namespace lote {

namespace {

// At least one pixel, as the spec says for sizes that round below it.
std::int64_t at_least_one(std::int64_t v) {
    return std::max<std::int64_t>(1, v);
}

}  // namespace

WantedSize percent_size(WantedSize input, double percent) {
    // w·p/100 in double like the seed's int(width * porcentaje / 100).
    return {at_least_one(whole_pixels(static_cast<double>(input.width) * percent / 100.0)),
            at_least_one(whole_pixels(static_cast<double>(input.height) * percent / 100.0))};
}

WantedSize fitted_size(WantedSize input, const Params& params) {
    const double sx =
        params.has("ancho") ? params.number("ancho") / static_cast<double>(input.width) : HUGE_VAL;
    const double sy =
        params.has("alto") ? params.number("alto") / static_cast<double>(input.height) : HUGE_VAL;
    // `ampliar=true` (the older spelling) and `solo_reducir=false` both allow enlarging.
    const bool enlarge = (params.has("ampliar") && params.boolean("ampliar")) ||
                         (params.has("solo_reducir") && !params.boolean("solo_reducir"));
    if (!enlarge && sx >= 1.0 && sy >= 1.0) {
        return input;
    }
    // The other side is rounded in double and kept in 64 bits: 100000 px scaled by 65535 is
    // 6553500000, not what a 32-bit int makes of it.
    if (sx <= sy) {
        return {params.integer("ancho"),
                at_least_one(whole_pixels(std::round(static_cast<double>(input.height) * sx)))};
    }
    return {at_least_one(whole_pixels(std::round(static_cast<double>(input.width) * sy))),
            params.integer("alto")};
}

vips::VImage resize_exactly(const vips::VImage& image, Size target) {
    if (target.width == image.width() && target.height == image.height()) {
        return image;
    }
    return lanczos3_resample(image, target.width, target.height);
}

vips::VImage filters::redimensionar(const vips::VImage& image, const Params& params) {
    const Size target = checked_size(
        "redimensionar", percent_size(wanted_size_of(image), params.number("porcentaje")));
    return resize_exactly(image, target);
}

vips::VImage filters::ajustar(const vips::VImage& image, const Params& params) {
    const Size target = checked_size("ajustar", fitted_size(wanted_size_of(image), params));
    return resize_exactly(image, target);
}

// rotar and voltear only move pixels: their sizes are the input's (sides swapped), which are
// valid already.

vips::VImage filters::rotar(const vips::VImage& image, const Params& params) {
    const std::string& degrees = params.text("grados");
    VipsAngle angle = VIPS_ANGLE_D90;
    if (degrees == "180") {
        angle = VIPS_ANGLE_D180;
    } else if (degrees == "270") {
        angle = VIPS_ANGLE_D270;
    }
    return image.rot(angle);
}

vips::VImage filters::voltear(const vips::VImage& image, const Params& params) {
    const bool vertical = params.text("direccion") == "vertical";
    return image.flip(vertical ? VIPS_DIRECTION_VERTICAL : VIPS_DIRECTION_HORIZONTAL);
}

}  // namespace lote

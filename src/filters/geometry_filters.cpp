#include <algorithm>
#include <cmath>
#include <string>

#include "filters/filter_functions.hpp"
#include "filters/geometry.hpp"
#include "filters/lanczos_resample.hpp"

namespace lote {

namespace {

int at_least_one(double v) {
    return std::max(1, static_cast<int>(v));
}

void refuse_oversized(Size target, const char* filter) {
    const auto pixels = static_cast<std::uint64_t>(target.width) * target.height;
    if (pixels > kMaxOutputPixels) {
        throw vips::VError(std::string(filter) + ": the result would be " +
                           std::to_string(target.width) + "x" + std::to_string(target.height) +
                           " = " + std::to_string(pixels) + " pixels, more than the limit of " +
                           std::to_string(kMaxOutputPixels));
    }
}

}  // namespace

Size percent_size(Size input, double percent) {
    // w·p/100 in double like the seed's int(width * porcentaje / 100).
    return {at_least_one(input.width * percent / 100.0),
            at_least_one(input.height * percent / 100.0)};
}

Size fitted_size(Size input, const Params& params) {
    const double sx = params.has("ancho") ? params.number("ancho") / input.width : HUGE_VAL;
    const double sy = params.has("alto") ? params.number("alto") / input.height : HUGE_VAL;
    // `ampliar=true` (the older spelling) and `solo_reducir=false` both allow enlarging.
    const bool enlarge = (params.has("ampliar") && params.boolean("ampliar")) ||
                         (params.has("solo_reducir") && !params.boolean("solo_reducir"));
    if (!enlarge && sx >= 1.0 && sy >= 1.0) {
        return input;
    }
    if (sx <= sy) {
        const int width = static_cast<int>(params.integer("ancho"));
        return {width, std::max(1, static_cast<int>(std::lround(input.height * sx)))};
    }
    const int height = static_cast<int>(params.integer("alto"));
    return {std::max(1, static_cast<int>(std::lround(input.width * sy))), height};
}

vips::VImage resize_exactly(const vips::VImage& image, Size target) {
    if (target.width == image.width() && target.height == image.height()) {
        return image;
    }
    return lanczos3_resample(image, target.width, target.height);
}

vips::VImage filters::redimensionar(const vips::VImage& image, const Params& params) {
    const Size target = percent_size({image.width(), image.height()}, params.number("porcentaje"));
    refuse_oversized(target, "redimensionar");
    return resize_exactly(image, target);
}

vips::VImage filters::ajustar(const vips::VImage& image, const Params& params) {
    const Size target = fitted_size({image.width(), image.height()}, params);
    refuse_oversized(target, "ajustar");
    return resize_exactly(image, target);
}

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

// rellenar, lienzo, recortar: exact output sizes by covering and cropping, fitting and padding,
// or cutting to an aspect ratio or a rectangle. Sizes come from framing_geometry and are checked
// before any pixel exists; resampling is resize_exactly's (Lanczos3), as in `ajustar`.
#include <fmt/format.h>

#include "filters/checked_size.hpp"
#include "filters/colour_value.hpp"
#include "filters/filter_functions.hpp"
#include "filters/focus.hpp"
#include "filters/framing_geometry.hpp"
#include "filters/pixel_buffer.hpp"

namespace lote {

namespace {

WideSize size_of(const vips::VImage& image) {
    return {image.width(), image.height()};
}

WideSize requested_size(const Params& params) {
    return {params.integer("ancho"), params.integer("alto")};
}

Size checked(WideSize size, std::string_view step) {
    return checked_size(size.width, size.height, step);
}

Focus focus_of(const Params& params) {
    return focus_named(params.text("foco")).value_or(Focus{});
}

// smartcrop reads the pixels to choose the window; the image is held so the resize feeding it is
// not computed a second time when the window is encoded.
vips::VImage held_for(const vips::VImage& image, const Focus& focus) {
    return focus.kind == Focus::Kind::Placed ? image : image.copy_memory();
}

// The image with an alpha band (opaque where it had none).
vips::VImage with_alpha(const vips::VImage& image) {
    return has_alpha(image.bands()) ? image : image.bandjoin_const({255});
}

}  // namespace

vips::VImage filters::rellenar(const vips::VImage& image, const Params& params) {
    const WideSize input = size_of(image);
    const WideSize wanted = requested_size(params);
    const Size target = checked(wanted, "rellenar");
    const Focus focus = focus_of(params);
    if (cover_scale(input, wanted) <= 1.0) {
        // Reducing: scale the whole image, then choose the window on the smaller image.
        const Size cover = checked(covering_size(input, wanted), "rellenar");
        vips::VImage scaled = held_for(resize_exactly(image, cover), focus);
        return crop_window(scaled, target.width, target.height, focus);
    }
    // Enlarging: choose the window on the original, then enlarge only what is kept.
    const WideSize region = covered_region(input, wanted);
    vips::VImage kept =
        crop_window(image, static_cast<int>(region.width), static_cast<int>(region.height), focus);
    return resize_exactly(kept, target);
}

vips::VImage filters::lienzo(const vips::VImage& image, const Params& params) {
    const WideSize wanted = requested_size(params);
    const Size canvas = checked(wanted, "lienzo");
    const Size fitted =
        checked(contained_size(size_of(image), wanted, params.boolean("solo_reducir")), "lienzo");
    vips::VImage inside = resize_exactly(image, fitted);
    std::vector<double> background;
    if (!params.has("color")) {
        // Transparent padding; formats without alpha flatten it on white when encoding.
        inside = with_alpha(inside);
        background.assign(inside.bands(), 0.0);
    } else {
        const Rgb colour = rgb_of(params.text("color"));
        if (colour_bands_of(inside.bands()) == 1 && !colour.neutral()) {
            inside = inside.colourspace(VIPS_INTERPRETATION_sRGB);
        }
        background = samples_of(colour, colour_bands_of(inside.bands()));
        if (has_alpha(inside.bands())) {
            background.push_back(255);
        }
    }
    const auto where = placement_named(params.text("posicion")).value_or(Placement{});
    const Box box = place_item(canvas.width, canvas.height, fitted.width, fitted.height, where, 0);
    return inside.embed(box.left, box.top, canvas.width, canvas.height,
                        vips::VImage::option()
                            ->set("extend", VIPS_EXTEND_BACKGROUND)
                            ->set("background", background));
}

namespace {

void refuse_outside(const vips::VImage& image, std::int64_t left, std::int64_t top,
                    std::int64_t width, std::int64_t height) {
    if (left + width > image.width() || top + height > image.height()) {
        throw vips::VError(fmt::format(
            "recortar: the rectangle {}x{} at {},{} does not fit inside the {}x{} image", width,
            height, left, top, image.width(), image.height()));
    }
}

void refuse_larger(const vips::VImage& image, std::int64_t width, std::int64_t height) {
    if (width > image.width() || height > image.height()) {
        throw vips::VError(fmt::format("recortar: a {}x{} crop is larger than the {}x{} image",
                                       width, height, image.width(), image.height()));
    }
}

}  // namespace

vips::VImage filters::recortar(const vips::VImage& image, const Params& params) {
    const Focus focus = focus_of(params);
    if (params.has("proporcion")) {
        const auto ratio = parse_ratio(params.text("proporcion")).value_or(Ratio{});
        const Size kept = checked(aspect_size(size_of(image), ratio), "recortar");
        return crop_window(image, kept.width, kept.height, focus);
    }
    const WideSize wanted = requested_size(params);
    const Size kept = checked(wanted, "recortar");
    if (params.has("x")) {
        const std::int64_t left = params.integer("x");
        const std::int64_t top = params.integer("y");
        refuse_outside(image, left, top, kept.width, kept.height);
        return image.crop(static_cast<int>(left), static_cast<int>(top), kept.width, kept.height);
    }
    refuse_larger(image, kept.width, kept.height);
    return crop_window(image, kept.width, kept.height, focus);
}

}  // namespace lote

#include "pipeline/normal_form.hpp"

namespace lote {

namespace {

using vips::VImage;

// libvips' own test misses 16-bit grey + alpha (interpretation GREY16, two bands), so decide by the
// band count: 2 = grey + alpha, 4 = RGB + alpha (unless CMYK), more = colour + extra + alpha.
bool has_alpha(const VImage& image) {
    int bands = image.bands();
    return bands == 2 || (bands == 4 && image.interpretation() != VIPS_INTERPRETATION_CMYK) ||
           bands > 4;
}

int colour_bands(const VImage& image) {
    return image.bands() - (has_alpha(image) ? 1 : 0);
}

bool is_cmyk(const VImage& image) {
    return image.interpretation() == VIPS_INTERPRETATION_CMYK && colour_bands(image) >= 4;
}

// CMYK pixels mean nothing without a profile: use the file's own, else libvips' built-in CMYK
// profile. The result carries the sRGB profile, so no CMYK profile stays on RGB pixels.
VImage cmyk_to_srgb(const VImage& image) {
    return image.icc_transform(
        "srgb",
        VImage::option()->set("input_profile", "cmyk")->set("embedded", true)->set("depth", 8));
}

// Keeps the first `colours` colour bands and the alpha band (last) if there is one; multi-band
// TIFFs may carry more.
VImage keep_colour_and_alpha(const VImage& image, int colours) {
    bool alpha = has_alpha(image);
    if (image.bands() == colours + (alpha ? 1 : 0)) {
        return image;
    }
    VImage colour = image.extract_band(0, VImage::option()->set("n", colours));
    return alpha ? colour.bandjoin(image.extract_band(image.bands() - 1)) : colour;
}

// 16-bit samples keep their high byte (v >> 8, as libvips' own 16 -> 8 bit conversion and Pillow
// do); floats and other types are clipped to 0..255.
VImage to_uchar(const VImage& image) {
    switch (image.format()) {
        case VIPS_FORMAT_UCHAR:
            return image;
        case VIPS_FORMAT_USHORT:
            return (image >> 8).cast(VIPS_FORMAT_UCHAR);
        default:
            return image.cast(VIPS_FORMAT_UCHAR);
    }
}

bool known_colour_space(VipsInterpretation i) {
    switch (i) {
        case VIPS_INTERPRETATION_B_W:
        case VIPS_INTERPRETATION_GREY16:
        case VIPS_INTERPRETATION_sRGB:
        case VIPS_INTERPRETATION_RGB16:
        case VIPS_INTERPRETATION_scRGB:
        case VIPS_INTERPRETATION_LAB:
        case VIPS_INTERPRETATION_LABS:
        case VIPS_INTERPRETATION_LCH:
        case VIPS_INTERPRETATION_XYZ:
        case VIPS_INTERPRETATION_YXY:
        case VIPS_INTERPRETATION_HSV:
        case VIPS_INTERPRETATION_CMC:
            return true;
        default:
            return false;
    }
}

}  // namespace

vips::VImage to_normal_form(const vips::VImage& image) {
    if (is_normal_form(image)) {
        return image;
    }
    VImage converted = is_cmyk(image) ? cmyk_to_srgb(image) : image;
    bool colour = colour_bands(converted) >= 3;
    VipsInterpretation target = colour ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    if (known_colour_space(converted.interpretation()) && converted.interpretation() != target) {
        converted = converted.colourspace(target);
    }
    converted = keep_colour_and_alpha(to_uchar(converted), colour ? 3 : 1);
    return converted.copy(VImage::option()->set("interpretation", target));
}

bool is_normal_form(const vips::VImage& image) {
    if (image.format() != VIPS_FORMAT_UCHAR) {
        return false;
    }
    int bands = image.bands();
    auto interpretation = image.interpretation();
    return ((bands == 1 || bands == 2) && interpretation == VIPS_INTERPRETATION_B_W) ||
           ((bands == 3 || bands == 4) && interpretation == VIPS_INTERPRETATION_sRGB);
}

}  // namespace lote

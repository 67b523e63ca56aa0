// logo: a PNG or WebP logo drawn on the image at `posicion`, `tamano` % of the image's width,
// `margen` % of the shorter side from the edges, at `opacidad`. The logo is resized once per
// size with Lanczos3 on premultiplied alpha (no dark fringes), brought to the image's colour
// space (grey for grey images, the image's own ICC profile when it has one) and composited by
// libvips over the part of the image it covers, so the rest of the image is left untouched.

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "filters/filter_functions.hpp"
#include "filters/logo_layout.hpp"
#include "filters/logo_source.hpp"
#include "filters/pixel_buffer.hpp"
#include "filters/placement.hpp"

namespace lote {

namespace {

constexpr double kDefaultMarginPercent = 3;

std::uint64_t digest_of(const void* data, std::size_t size) {
    std::uint64_t h = 14695981039346656037ull;
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        h = (h ^ bytes[i]) * 1099511628211ull;
    }
    return h == 0 ? 1 : h;
}

struct ImageProfile {
    const void* data = nullptr;
    std::size_t size = 0;
    std::uint64_t digest = 0;  // 0: no profile
};

ImageProfile profile_of(const vips::VImage& image) {
    ImageProfile profile;
    if (colour_bands_of(image.bands()) != 3 || image.get_typeof(VIPS_META_ICC_NAME) == 0) {
        return profile;
    }
    profile.data = image.get_blob(VIPS_META_ICC_NAME, &profile.size);
    if (profile.data != nullptr && profile.size > 0) {
        profile.digest = digest_of(profile.data, profile.size);
    }
    return profile;
}

// The sRGB logo's colours in the image's profile (libvips reads output profiles from files). A
// profile lcms cannot use leaves the logo in sRGB, as the image's own pixels would be shown.
vips::VImage in_profile(const vips::VImage& rgba, const ImageProfile& profile) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file = fs::temp_directory_path(ec) /
                          fmt::format("lote-profile-{}-{:016x}.icc", getpid(), profile.digest);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(static_cast<const char*>(profile.data),
                  static_cast<std::streamsize>(profile.size));
        if (!out) {
            fs::remove(file, ec);
            return rgba;
        }
    }
    vips::VImage converted = rgba;
    try {
        converted = rgba.icc_transform(file.c_str(), vips::VImage::option()
                                                         ->set("input_profile", "srgb")
                                                         ->set("embedded", false)
                                                         ->set("depth", 8))
                        .copy_memory();
    } catch (const vips::VError&) {
        converted = rgba;
    }
    fs::remove(file, ec);
    return converted;
}

// Exactly `size`, whatever libvips' rounding of the scale gave.
vips::VImage to_exact_size(const vips::VImage& image, Size size) {
    if (image.width() == size.width && image.height() == size.height) {
        return image;
    }
    return image.embed(0, 0, size.width, size.height,
                       vips::VImage::option()->set("extend", VIPS_EXTEND_COPY));
}

// The logo as it is drawn for `key`: sized, in the image's colours, straight alpha scaled by
// the opacity, 8 bits, in memory.
vips::VImage make_variant(const Logo& logo, const LogoVariantKey& key,
                          const ImageProfile& profile) {
    vips::VImage source = logo.rgba();
    if (key.colour_bands == 1) {
        source = source.colourspace(VIPS_INTERPRETATION_B_W);
    } else if (profile.digest != 0) {
        source = in_profile(source, profile);
    }
    const double hscale = static_cast<double>(key.width) / logo.width();
    const double vscale = static_cast<double>(key.height) / logo.height();
    vips::VImage resized = source.premultiply().resize(
        hscale, vips::VImage::option()->set("vscale", vscale)->set("kernel", VIPS_KERNEL_LANCZOS3));
    resized = to_exact_size(resized, {key.width, key.height}).unpremultiply();
    const int colours = key.colour_bands;
    vips::VImage colour = resized.extract_band(0, vips::VImage::option()->set("n", colours));
    vips::VImage alpha = resized.extract_band(colours) * key.opacity;
    vips::VImage straight = (colour.bandjoin(alpha) + 0.5).cast(VIPS_FORMAT_UCHAR);
    return straight
        .copy(vips::VImage::option()->set(
            "interpretation", colours == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB))
        .copy_memory();
}

// `over` (straight alpha) composited on `under` by libvips, in `under`'s band layout.
vips::VImage composite_on(const vips::VImage& under, const vips::VImage& over) {
    const int colours = colour_bands_of(under.bands());
    const auto space = colours == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
    vips::VImage out = under.composite2(over, VIPS_BLEND_MODE_OVER,
                                        vips::VImage::option()->set("compositing_space", space));
    if (out.format() != VIPS_FORMAT_UCHAR) {
        out = (out + 0.5).cast(VIPS_FORMAT_UCHAR);
    }
    if (!has_alpha(under.bands())) {
        out = out.extract_band(0, vips::VImage::option()->set("n", colours));
    }
    return out;
}

}  // namespace

vips::VImage filters::logo(const vips::VImage& image, const Params& params) {
    auto found = LogoCache::instance().find_or_load(params.text("archivo"));
    if (!found) {
        throw vips::VError("logo: " + found.message());
    }
    const Logo& mark = **found;
    const Placement where = placement_named(params.text("posicion")).value_or(Placement{1, 1});
    const double margin_percent =
        params.has("margen") ? params.number("margen") : kDefaultMarginPercent;
    const int margin = margin_pixels(image.width(), image.height(), margin_percent, where);
    const Size size = logo_size({image.width(), image.height()}, {mark.width(), mark.height()},
                                params.number("tamano"), margin);
    const ImageProfile profile = profile_of(image);
    const LogoVariantKey key{size.width, size.height, colour_bands_of(image.bands()),
                             profile.digest, params.number("opacidad")};
    if (key.opacity <= 0.0) {
        return image;
    }
    vips::VImage drawn = mark.variant(key, [&] { return make_variant(mark, key, profile); });
    const Box box =
        place_item(image.width(), image.height(), size.width, size.height, where, margin);
    vips::VImage under = image.crop(box.left, box.top, box.width, box.height);
    vips::VImage result = image.insert(composite_on(under, drawn), box.left, box.top);
    return result.copy(vips::VImage::option()->set("interpretation", image.interpretation()));
}

}  // namespace lote

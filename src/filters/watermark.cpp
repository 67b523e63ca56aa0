// marca_agua: text at `opacidad` composited over the colour bands. By default (the seed's
// watermark) white DejaVu Sans, centred, about 60% of the image's width (at most 40% of its
// height), so it reads the same on a thumbnail and on a large photo. The optional parameters
// place it against a side or corner (`posicion`, `margen`), size it (`tamano`), colour it
// (`color`), give it a soft dark outline (`sombra`), repeat it diagonally over the whole image
// (`mosaico`) or choose another installed font (`fuente`).

#include <algorithm>
#include <cmath>
#include <string>

#include "filters/colour_value.hpp"
#include "filters/filter_functions.hpp"
#include "filters/fonts.hpp"
#include "filters/pixel_buffer.hpp"
#include "filters/placement.hpp"
#include "filters/text_mask.hpp"

namespace lote::filters {

namespace {

constexpr double kSeedWidthPercent = 60;
constexpr double kTileWidthPercent = 30;
constexpr double kHeightShare = 0.4;
constexpr double kDefaultMarginPercent = 3;
constexpr double kTileAngle = -30;  // rising to the right

struct TextStyle {
    std::string font = kDefaultFontFamily;
    std::vector<double> colour;  // one value per colour band
    bool white = true;
    bool shadow = false;
    double opacity = 0.3;
};

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

TextStyle style_of(const Params& params, int colour_bands) {
    TextStyle style;
    style.opacity = params.number("opacidad");
    if (params.has("fuente")) {
        style.font = font_description(params.text("fuente")).value_or(kDefaultFontFamily);
    }
    const Rgb colour = params.has("color") ? rgb_of(params.text("color")) : Rgb{};
    style.colour = samples_of(colour, colour_bands);
    style.white =
        std::all_of(style.colour.begin(), style.colour.end(), [](double v) { return v == 255; });
    style.shadow = params.has("sombra") && params.boolean("sombra");
    return style;
}

// `colour` at coverage·opacity over `under`, rounded to the nearest sample. For white this is
// the seed's formula term for term.
vips::VImage blend(const vips::VImage& under, const vips::VImage& coverage,
                   const std::vector<double>& colour, bool white, double opacity) {
    vips::VImage alpha = coverage * (opacity / 255.0);
    vips::VImage towards =
        white ? 255.0 - under : under.linear(std::vector<double>(colour.size(), -1.0), colour);
    return (under + towards * alpha + 0.5).cast(VIPS_FORMAT_UCHAR);
}

// A soft dark outline around the text: the mask grown and blurred, on a canvas `pad` pixels
// larger on every side (the text mask is padded the same way).
vips::VImage outline_of(const vips::VImage& padded_mask, int pad) {
    vips::VImage soft = padded_mask.gaussblur(std::max(0.5, pad / 2.0));
    return (soft * 3.0).cast(VIPS_FORMAT_UCHAR);  // cast clips at 255
}

int outline_pad(const vips::VImage& mask) {
    return std::max(1, mask.height() / 10);
}

// Draws the text (and its outline) over `under`, both masks the size of `under`.
vips::VImage draw_text(const vips::VImage& under, const vips::VImage& mask,
                       const vips::VImage* outline, const TextStyle& style) {
    vips::VImage out = under;
    if (outline != nullptr) {
        out = blend(out, *outline, std::vector<double>(style.colour.size(), 0.0), false,
                    style.opacity);
    }
    return blend(out, mask, style.colour, style.white, style.opacity);
}

double width_percent(const Params& params, bool tiled) {
    if (params.has("tamano")) {
        return params.number("tamano");
    }
    return tiled ? kTileWidthPercent : kSeedWidthPercent;
}

// The text once, at its place.
vips::VImage placed_text(const vips::VImage& colour, const std::string& text, const Params& params,
                         const TextStyle& style) {
    const int width = colour.width();
    const int height = colour.height();
    vips::VImage mask = text_mask(text, style.font, width, height,
                                  width_percent(params, false) / 100.0, kHeightShare);
    if (mask.is_null()) {
        return colour;  // nothing visible to draw
    }
    vips::VImage outline;
    if (style.shadow) {
        const int pad = outline_pad(mask);
        mask = mask.embed(pad, pad, mask.width() + 2 * pad, mask.height() + 2 * pad);
        outline = outline_of(mask, pad);
        // The outline may not leave the image either.
        const int w = std::min(mask.width(), width);
        const int h = std::min(mask.height(), height);
        const int left = (mask.width() - w) / 2;
        const int top = (mask.height() - h) / 2;
        mask = mask.crop(left, top, w, h);
        outline = outline.crop(left, top, w, h);
    }
    const Placement where =
        placement_named(params.has("posicion") ? params.text("posicion") : "centro")
            .value_or(Placement{});
    const double margin_percent =
        params.has("margen") ? params.number("margen") : kDefaultMarginPercent;
    const int margin = margin_pixels(width, height, margin_percent, where);
    const Box box = place_item(width, height, mask.width(), mask.height(), where, margin);
    vips::VImage under = colour.crop(box.left, box.top, box.width, box.height);
    vips::VImage over = draw_text(under, mask, style.shadow ? &outline : nullptr, style);
    return colour.insert(over, box.left, box.top);
}

// A cell of the diagonal pattern: the tilted mask with a gap of about its text height around it.
vips::VImage tile_cell(const vips::VImage& tilted, int gap) {
    return tilted.embed(gap / 2, gap / 2, tilted.width() + gap, tilted.height() + gap);
}

// The cell repeated over width × height, every other row shifted by half a cell.
vips::VImage tiled_over(const vips::VImage& cell, int width, int height) {
    const int across = width / cell.width() + 2;
    const int down = height / (2 * cell.height()) + 2;
    vips::VImage row = cell.replicate(across, 1);
    vips::VImage shifted =
        row.wrap(vips::VImage::option()->set("x", cell.width() / 2)->set("y", 0));
    vips::VImage pair = row.join(shifted, VIPS_DIRECTION_VERTICAL);
    vips::VImage pattern = pair.replicate(1, down);
    const int left = (pattern.width() - width) / 2;
    const int top = (pattern.height() - height) / 2;
    return pattern.crop(left, top, width, height);
}

// The text repeated diagonally over the whole image.
vips::VImage tiled_text(const vips::VImage& colour, const std::string& text, const Params& params,
                        const TextStyle& style) {
    const int width = colour.width();
    const int height = colour.height();
    vips::VImage mask = text_mask(text, style.font, width, height,
                                  width_percent(params, true) / 100.0, kHeightShare);
    if (mask.is_null()) {
        return colour;  // nothing visible to draw
    }
    const int gap = std::max(2, mask.height());
    if (style.shadow) {
        const int pad = outline_pad(mask);
        mask = mask.embed(pad, pad, mask.width() + 2 * pad, mask.height() + 2 * pad);
    }
    vips::VImage tilted = mask.rotate(kTileAngle).cast(VIPS_FORMAT_UCHAR);
    vips::VImage cell = tile_cell(tilted, gap).copy_memory();
    vips::VImage pattern = tiled_over(cell, width, height);
    if (!style.shadow) {
        return draw_text(colour, pattern, nullptr, style);
    }
    vips::VImage outline_cell = outline_of(cell, outline_pad(mask)).copy_memory();
    vips::VImage outline = tiled_over(outline_cell, width, height);
    return draw_text(colour, pattern, &outline, style);
}

}  // namespace

vips::VImage marca_agua(const vips::VImage& image, const Params& params) {
    const std::string& text = params.text("texto");
    const double opacity = params.number("opacidad");
    if (blank(text) || opacity <= 0.0) {
        return image;
    }
    const int bands = image.bands();
    const int channels = colour_bands_of(bands);
    vips::VImage colour = has_alpha(bands)
                              ? image.extract_band(0, vips::VImage::option()->set("n", channels))
                              : image;
    const TextStyle style = style_of(params, channels);
    const bool tiled = params.has("mosaico") && params.boolean("mosaico");
    vips::VImage result =
        tiled ? tiled_text(colour, text, params, style) : placed_text(colour, text, params, style);
    if (has_alpha(bands)) {
        result = result.bandjoin(image.extract_band(channels));
    }
    return result.copy(vips::VImage::option()->set("interpretation", image.interpretation()));
}

}  // namespace lote::filters

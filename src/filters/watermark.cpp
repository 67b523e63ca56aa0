// marca_agua: white text at `opacidad`, centred, composited over the colour bands. The text is
// rendered with DejaVu Sans at a size that makes it about 60% of the image's width (at most 40%
// of its height), so it reads the same on a thumbnail and on a large photo.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "filters/filter_functions.hpp"
#include "filters/geometry.hpp"
#include "filters/pixel_buffer.hpp"

namespace lote::filters {

namespace {

constexpr const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kFontName = "DejaVu Sans";
constexpr double kWidthShare = 0.6;
constexpr double kHeightShare = 0.4;
constexpr int kProbeDpi = 72;
// vips text's own range for the resolution.
constexpr double kMaxDpi = 1'000'000;

// vips text reads Pango markup; the user's text must be shown literally.
std::string escape_markup(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

vips::VImage render_text(const std::string& markup, int dpi) {
    auto* options = vips::VImage::option()->set("font", kFontName)->set("dpi", dpi);
    static const bool font_present = std::filesystem::exists(kFontFile);
    if (font_present) {
        options->set("fontfile", kFontFile);
    }
    return vips::VImage::text(markup.c_str(), options);
}

// An 8-bit coverage mask of the text sized for a width × height image; an empty image when the
// text draws nothing (only zero-width characters).
vips::VImage text_mask(const std::string& text, int width, int height) {
    const std::string markup = escape_markup(text);
    vips::VImage probe;
    try {
        probe = render_text(markup, kProbeDpi);
    } catch (const vips::VError& e) {
        if (std::string(e.what()).find("no text to render") != std::string::npos) {
            return {};  // only zero-width characters
        }
        throw;
    }
    if (probe.width() < 1 || probe.height() < 1) {
        return {};
    }
    const double scale =
        std::min(kWidthShare * width / probe.width(), kHeightShare * height / probe.height());
    const double dpi = std::clamp(std::round(kProbeDpi * scale), 1.0, kMaxDpi);
    // The text is rendered at about the probe's size times the scale: check that size like any
    // other before the renderer allocates it (at most the image's own size, give or take the
    // rounding of the resolution).
    checked_size("marca_agua", WantedSize{whole_pixels(probe.width() * dpi / kProbeDpi) + 1,
                                          whole_pixels(probe.height() * dpi / kProbeDpi) + 1});
    vips::VImage mask = render_text(markup, static_cast<int>(dpi));
    // Rounding of the dpi may overshoot a tiny image; the mask never leaves it.
    const int w = std::min(mask.width(), width);
    const int h = std::min(mask.height(), height);
    return mask.crop((mask.width() - w) / 2, (mask.height() - h) / 2, w, h);
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
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
    vips::VImage mask = text_mask(text, image.width(), image.height());
    if (mask.is_null()) {
        return image;
    }
    const int left = (image.width() - mask.width()) / 2;
    const int top = (image.height() - mask.height()) / 2;
    vips::VImage under = colour.crop(left, top, mask.width(), mask.height());
    // Alpha compositing of white at coverage·opacity, rounded to the nearest sample.
    vips::VImage alpha = mask * (opacity / 255.0);
    vips::VImage over = (under + (255.0 - under) * alpha + 0.5).cast(VIPS_FORMAT_UCHAR);
    vips::VImage result = colour.insert(over, left, top);
    if (has_alpha(bands)) {
        result = result.bandjoin(image.extract_band(channels));
    }
    return result.copy(vips::VImage::option()->set("interpretation", image.interpretation()));
}

}  // namespace lote::filters

#include "filters/text_mask.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>

#include "filters/fonts.hpp"
#include "filters/geometry.hpp"

namespace lote {

namespace {

constexpr const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
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

// The default family is also registered by file, so it renders the same where fontconfig has not
// indexed it. Only once per process: libvips 8.14 remembers a registered font file under the
// operation's own copy of its name, freed with the operation, so a second `fontfile` request
// reads freed memory (AddressSanitizer caught it). Once registered, the family is known to
// fontconfig for every later rendering.
void register_default_font_file() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (!std::filesystem::exists(kFontFile)) return;
        try {
            (void)vips::VImage::text(".", vips::VImage::option()
                                              ->set("font", kDefaultFontFamily)
                                              ->set("fontfile", kFontFile));
        } catch (const vips::VError&) {
            // Then fontconfig's own index is all there is; the rendering below says if it fails.
        }
    });
}

vips::VImage render_text(const std::string& markup, const std::string& font, int dpi) {
    if (font == kDefaultFontFamily) register_default_font_file();
    auto* options = vips::VImage::option()->set("font", font.c_str())->set("dpi", dpi);
    return vips::VImage::text(markup.c_str(), options);
}

}  // namespace

vips::VImage text_mask(const std::string& text, const std::string& font, int width, int height,
                       double width_share, double height_share) {
    const std::string markup = escape_markup(text);
    vips::VImage probe;
    try {
        probe = render_text(markup, font, kProbeDpi);
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
        std::min(width_share * width / probe.width(), height_share * height / probe.height());
    const double dpi = std::clamp(std::round(kProbeDpi * scale), 1.0, kMaxDpi);
    // The text is rendered at about the probe's size times the scale: check that size like any
    // other before the renderer allocates it (at most the image's own size, give or take the
    // rounding of the resolution).
    checked_size("marca_agua", WantedSize{whole_pixels(probe.width() * dpi / kProbeDpi) + 1,
                                          whole_pixels(probe.height() * dpi / kProbeDpi) + 1});
    vips::VImage mask = render_text(markup, font, static_cast<int>(dpi));
    // Rounding of the dpi may overshoot a tiny image; the mask never leaves it.
    const int w = std::min(mask.width(), width);
    const int h = std::min(mask.height(), height);
    return mask.crop((mask.width() - w) / 2, (mask.height() - h) / 2, w, h);
}

}  // namespace lote

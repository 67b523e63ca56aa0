#include "filters/fonts.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace lote {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::vector<std::string> list_families() {
    std::set<std::string> families;
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (config == nullptr) {
        return {};
    }
    FcPattern* pattern = FcPatternCreate();
    FcObjectSet* objects = FcObjectSetBuild(FC_FAMILY, nullptr);
    FcFontSet* fonts = FcFontList(config, pattern, objects);
    for (int i = 0; fonts != nullptr && i < fonts->nfont; ++i) {
        FcChar8* family = nullptr;
        for (int n = 0; FcPatternGetString(fonts->fonts[i], FC_FAMILY, n, &family) == FcResultMatch;
             ++n) {
            families.insert(reinterpret_cast<const char*>(family));
        }
    }
    if (fonts != nullptr) {
        FcFontSetDestroy(fonts);
    }
    FcObjectSetDestroy(objects);
    FcPatternDestroy(pattern);
    FcConfigDestroy(config);
    return {families.begin(), families.end()};
}

const std::string* family_named(const std::string& name) {
    const std::string wanted = lower(name);
    for (const auto& family : installed_font_families()) {
        if (lower(family) == wanted) {
            return &family;
        }
    }
    return nullptr;
}

}  // namespace

const std::vector<std::string>& installed_font_families() {
    static const std::vector<std::string> families = list_families();
    return families;
}

std::optional<std::string> font_description(const std::string& name) {
    if (const std::string* family = family_named(name)) {
        return *family;
    }
    static constexpr std::array<const char*, 5> kStyles = {" bold italic", " bold oblique", " bold",
                                                           " italic", " oblique"};
    const std::string lowered = lower(name);
    for (const char* style : kStyles) {
        const std::string suffix = style;
        if (lowered.size() > suffix.size() &&
            lowered.compare(lowered.size() - suffix.size(), suffix.size(), suffix) == 0) {
            if (const std::string* family =
                    family_named(name.substr(0, name.size() - suffix.size()))) {
                // The comma ends Pango's family list, so a family whose name ends like a style
                // word is still read as a family.
                return *family + "," + name.substr(name.size() - suffix.size());
            }
        }
    }
    return std::nullopt;
}

}  // namespace lote

#pragma once
// The font families installed on this machine (fontconfig), for `marca_agua`'s `fuente`: Pango
// quietly substitutes another font for a family it does not know, so a misspelt name is refused
// before any work instead of giving a batch in the wrong font.

#include <optional>
#include <string>
#include <vector>

namespace lote {

inline constexpr const char* kDefaultFontFamily = "DejaVu Sans";

// Sorted, each family once. Read once per process.
const std::vector<std::string>& installed_font_families();

// "DejaVu Serif", "dejavu sans bold", "DejaVu Sans Mono Bold Oblique": an installed family
// (any case) optionally followed by Bold, Italic or Oblique (or Bold Italic, Bold Oblique). The
// Pango font description to render it with, or nothing when no such family is installed.
std::optional<std::string> font_description(const std::string& name);

}  // namespace lote

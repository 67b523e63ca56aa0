#pragma once
// Names for the web: lower-case ASCII letters and digits with '-' between words ("Été à
// Málaga" -> "ete-a-malaga"). Latin letters with accents become their base letter; anything
// else separates words.

#include <string>
#include <string_view>

namespace lote {

// `keep` lists extra bytes kept as they are (the placeholders of a name pattern). May return
// an empty string (a name of symbols only).
std::string slugify(std::string_view text, std::string_view keep = {});

}  // namespace lote

#pragma once
// File names are bytes: on Linux a name need not be UTF-8 (a Latin-1 "caf\xe9.jpg" copied from an
// old disk), while JSON, the page and the terminal speak UTF-8. Two spellings of the same bytes:
//
// - the display form: valid UTF-8 for people, every byte that is not part of a valid sequence
//   shown as U+FFFD ("caf\xe9.jpg" -> "caf�.jpg"). Lossy: two names may look alike.
// - the escaped form: valid UTF-8 that gives the bytes back exactly. '%' and every byte outside a
//   valid sequence are written %XX (upper-case hex): "caf\xe9.jpg" -> "caf%E9.jpg",
//   "50%.jpg" -> "50%25.jpg"; valid UTF-8 other than '%' is kept as it is.
//
// "Valid" is RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF (what
// nlohmann::json accepts when it writes a string).

#include <string>
#include <string_view>

namespace lote {

bool is_valid_utf8(std::string_view bytes);

// The display form (see above). Valid UTF-8 comes back unchanged.
std::string display_text(std::string_view bytes);

// The escaped form (see above), and back. unescape_bytes(escape_bytes(b)) == b for any bytes; a
// '%' not followed by two hex digits is kept as it is.
std::string escape_bytes(std::string_view bytes);
std::string unescape_bytes(std::string_view escaped);

}  // namespace lote

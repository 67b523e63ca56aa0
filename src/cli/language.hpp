#pragma once
// The language of the command line's own sentences: Spanish when the locale asks for it
// (LC_ALL, else LC_MESSAGES, else LANG starting with "es"), English otherwise. LOTE_LANG=es|en
// overrides the locale.

#include <string>

namespace lote::cli {

bool spanish();

// The sentence in the user's language.
inline const char* say(const char* en, const char* es) {
    return spanish() ? es : en;
}

}  // namespace lote::cli

#include "cli/language.hpp"

#include <cstdlib>
#include <string_view>

namespace lote::cli {

namespace {

// The first of the variables that is set and not empty, as the C library reads them.
std::string_view chosen_locale() {
    for (const char* name : {"LOTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') {
            return value;
        }
    }
    return {};
}

}  // namespace

bool spanish() {
    static const bool es = chosen_locale().starts_with("es");
    return es;
}

}  // namespace lote::cli

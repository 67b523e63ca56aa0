// The settings file of `lote serve --config` (TOML `key = value` lines or one JSON object): any
// text is entries or a message, never a crash; an accepted entry has a key, and a single
// boolean is exactly "true" or "false".
#include "fuzz/fuzz_target.hpp"
#include "util/settings_file.hpp"

LOTE_FUZZ_TARGET(settings_file) {
    auto entries = lote::parse_settings(lote::fuzz::as_text(data, size));
    if (!entries) {
        if (entries.message().empty()) __builtin_trap();  // every refusal says why
        return 0;
    }
    for (const lote::SettingsEntry& entry : *entries) {
        if (entry.key.empty()) __builtin_trap();
        if (entry.is_boolean && (entry.values.size() != 1 ||
                                 (entry.values[0] != "true" && entry.values[0] != "false"))) {
            __builtin_trap();
        }
        if (!entry.is_list && entry.values.size() != 1) __builtin_trap();
    }
    return 0;
}

// Preset files (lote presets import, the page's import, a saved preset read back): any bytes are
// a preset or a reason that names the key, and an accepted preset, written out, is accepted again.
#include <nlohmann/json.hpp>

#include "batch/preset.hpp"
#include "fuzz/fuzz_target.hpp"

LOTE_FUZZ_TARGET(preset) {
    auto preset = lote::parse_preset(lote::fuzz::as_text(data, size));
    if (!preset) {
        return 0;
    }
    // Strict: what was accepted holds only valid UTF-8, so it can be saved and served.
    std::string written = preset->dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    if (!lote::parse_preset(written)) {
        __builtin_trap();
    }
    return 0;
}

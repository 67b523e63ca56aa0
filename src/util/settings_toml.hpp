#pragma once
// The TOML side of settings_file: top-level `key = value` lines (TOML 1.0's syntax for them),
// each value a basic or literal string, an integer, a float, a boolean, or an array of those
// (arrays may span lines and hold comments).

#include <string_view>
#include <vector>

#include "util/result.hpp"
#include "util/settings_file.hpp"

namespace lote {

Result<std::vector<SettingsEntry>> parse_settings_toml(std::string_view text);

}  // namespace lote

#pragma once
// The presets every lote has. Adding one is adding an entry to the table in
// builtin_presets.cpp: a name and its JSON document (batch/preset.hpp), nothing else.

#include <string_view>
#include <vector>

namespace lote {

struct BuiltinPreset {
    std::string_view name;
    std::string_view document;
};

const std::vector<BuiltinPreset>& builtin_presets();

}  // namespace lote

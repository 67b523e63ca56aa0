#pragma once
// A preset: a named recipe of job settings, as a JSON document with a schema `version`. Its keys
// are the `procesar` message's (docs/api.md), so the page sends a preset as it is and the
// command line maps its flags onto the same names:
//
//   version (required), descripcion, filtros, parametros, cadenas, formato, calidad, recursivo,
//   metadatos ("all"|"copyright"|"none"), sin_ubicacion, artista, copyright, a_srgb,
//   plantilla (name template), slug, conflictos ("overwrite"|"skip"|"rename")
//
// parse_preset is pure (bytes in, settings or the reason out), for the CLI, the server and a
// fuzz target alike; a refusal names the key.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote {

inline constexpr int kPresetVersion = 1;

// The document checked: every key known, every value valid (filters and parameters against
// the registry, the template parsed), the version not newer than kPresetVersion.
Result<nlohmann::json> parse_preset(std::string_view bytes);
// The same for a document already parsed as JSON.
Result<nlohmann::json> check_preset(const nlohmann::json& document);

// Preset names are file names: letters, digits, '-', '_' and '.', 1..64, not starting with '.'.
Status check_preset_name(std::string_view name);

}  // namespace lote

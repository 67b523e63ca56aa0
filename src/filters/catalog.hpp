#pragma once
// The definitions of every filter and operation: ids, aliases, labels, parameters, pixel code.

#include <vector>

#include "filters/registry.hpp"

namespace lote {

std::vector<FilterSpec> build_catalog();

// The watermark's optional placement, size, colour, shadow, tiling and font (catalog_studio.cpp).
std::vector<ParamSpec> watermark_style_params();
// Their rules across parameters (the font must be installed).
Status check_watermark_style(const FilterSpec& f, const Params& p);
// `solo_reducir` (never enlarge) with the given default.
ParamSpec only_shrink_param(bool def);
// logo, rellenar, lienzo, recortar (catalog_studio.cpp).
std::vector<FilterSpec> studio_operations();

}  // namespace lote

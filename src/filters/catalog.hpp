#pragma once
// The definitions of every filter and operation: ids, aliases, labels, parameters, pixel code.

#include <vector>

#include "filters/registry.hpp"

namespace lote {

std::vector<FilterSpec> build_catalog();

}  // namespace lote

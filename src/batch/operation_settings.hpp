#pragma once
// The text the manifest compares to decide whether an output is made the same way as last time.

#include <string>

#include "filters/chain.hpp"
#include "pipeline/options.hpp"

namespace lote {

// Changes when the chain (its filters, parameters, filter versions), the save options or the
// load options change; stable otherwise.
std::string operation_settings(const Chain& chain, const SaveOptions& save,
                               const LoadOptions& load);

}  // namespace lote

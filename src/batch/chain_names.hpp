#pragma once
// A chain's name becomes a folder and a file-name suffix, so it must be one safe path component,
// and two chains of one job may not share it (they would overwrite each other).

#include <vector>

#include "filters/chain.hpp"
#include "util/result.hpp"

namespace lote {

Status check_chain_name(const std::string& name);
Status check_chain_names(const std::vector<Chain>& chains);

}  // namespace lote

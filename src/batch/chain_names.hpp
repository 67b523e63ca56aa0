#pragma once
// Two chains of one job may not share a name (they would overwrite each other); each name must be
// one safe path component (filters/chain_name.hpp: the one rule for that).

#include <vector>

#include "filters/chain.hpp"
#include "filters/chain_name.hpp"
#include "util/result.hpp"

namespace lote {

Status check_chain_names(const std::vector<Chain>& chains);

}  // namespace lote

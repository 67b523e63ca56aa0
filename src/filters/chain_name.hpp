#pragma once
// A chain's name becomes a folder under the output root and part of every file name, so it
// must be one safe path component.

#include <string>

#include "util/result.hpp"

namespace lote {

inline constexpr std::size_t kMaxChainName = 64;

// Refuses empty names, hidden ones (a leading '.': a hidden folder is never served), "..",
// '/', '\\', NUL and other control characters, and names longer than kMaxChainName bytes.
Status check_chain_name(const std::string& name);

}  // namespace lote

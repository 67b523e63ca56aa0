#pragma once
// The command line's text form of steps and chains:
//   chain := step ('|' step)*        step := filter [':' pair ((',' | ';') pair)*]
//   pair  := key '=' value           value := bare text | '…' | "…" (quotes keep separators)

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace lote {

struct StepText {
    std::string filter;
    std::vector<std::pair<std::string, std::string>> pairs;  // in the order given
};

// Splits on `separator` where it is not inside quotes; pieces are trimmed.
std::vector<std::string> split_outside_quotes(std::string_view text, char separator);
Result<StepText> parse_step_text(std::string_view text);
std::string trim(std::string_view text);

}  // namespace lote

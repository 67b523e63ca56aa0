#pragma once
// Could two inputs get the same output name? Asked before any work, when {date}, {w} and {h} are
// not known yet: each stands for any value it can take (a size is digits, a date dddd-dd-dd), so
// "{date}" for two photos could collide while "{name}_{w}" cannot. Exact when a name has no such
// token. Names are compared ignoring ASCII case (one file on a case-insensitive file system).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/name_pattern.hpp"

namespace lote {

struct NamedOutput {
    std::string input;   // for the message
    std::string folder;  // outputs only collide within one folder
    NamePattern name;
};

// The first pair of inputs (by position) whose names could be the same, if any.
std::optional<std::pair<std::string, std::string>> find_possible_collision(
    const std::vector<NamedOutput>& outputs);

}  // namespace lote

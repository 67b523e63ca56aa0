#pragma once
// Short constructors for the catalog's filter and parameter entries.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "filters/registry.hpp"

namespace lote {

// The English name, unless it is the Spanish one too ("sepia", "factor").
std::vector<std::string> aliases_besides(const std::string& id, std::string alias);

ParamSpec number_param(std::string id, std::string alias, double min, double max, double def,
                       Label label, bool min_exclusive = false);
ParamSpec integer_param(std::string id, std::string alias, double min, double max,
                        nlohmann::json def, Label label);
ParamSpec choice_param(std::string id, std::string alias, std::vector<std::string> choices,
                       std::string def, Label label);
ParamSpec boolean_param(std::string id, std::string alias, bool def, Label label);
ParamSpec text_param(std::string id, std::string alias, std::size_t max_length, nlohmann::json def,
                     Label label);
FilterSpec filter(std::string id, std::string alias, Label label, Label description, FilterFn fn,
                  std::vector<ParamSpec> params = {}, bool seed = true);

}  // namespace lote

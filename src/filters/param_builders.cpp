#include "filters/param_builders.hpp"

namespace lote {

std::vector<std::string> aliases_besides(const std::string& id, std::string alias) {
    if (alias == id) {
        return {};
    }
    return {std::move(alias)};
}

ParamSpec number_param(std::string id, std::string alias, double min, double max, double def,
                       Label label, bool min_exclusive) {
    ParamSpec p;
    p.aliases = aliases_besides(id, std::move(alias));
    p.id = std::move(id);
    p.type = ParamType::Number;
    p.min = min;
    p.max = max;
    p.min_exclusive = min_exclusive;
    p.default_value = def;
    p.label = std::move(label);
    return p;
}

ParamSpec integer_param(std::string id, std::string alias, double min, double max,
                        nlohmann::json def, Label label) {
    ParamSpec p = number_param(std::move(id), std::move(alias), min, max, 0, std::move(label));
    p.type = ParamType::Integer;
    p.default_value = std::move(def);
    return p;
}

ParamSpec choice_param(std::string id, std::string alias, std::vector<std::string> choices,
                       std::string def, Label label) {
    ParamSpec p;
    p.id = std::move(id);
    p.aliases = {std::move(alias)};
    p.type = ParamType::Choice;
    p.choices = std::move(choices);
    p.default_value = std::move(def);
    p.label = std::move(label);
    return p;
}

ParamSpec boolean_param(std::string id, std::string alias, bool def, Label label) {
    ParamSpec p;
    p.aliases = aliases_besides(id, std::move(alias));
    p.id = std::move(id);
    p.type = ParamType::Boolean;
    p.default_value = def;
    p.label = std::move(label);
    return p;
}

ParamSpec text_param(std::string id, std::string alias, std::size_t max_length, nlohmann::json def,
                     Label label) {
    ParamSpec p;
    p.aliases = aliases_besides(id, std::move(alias));
    p.id = std::move(id);
    p.type = ParamType::Text;
    p.max_length = max_length;
    p.default_value = std::move(def);
    p.label = std::move(label);
    return p;
}

FilterSpec filter(std::string id, std::string alias, Label label, Label description, FilterFn fn,
                  std::vector<ParamSpec> params, bool seed) {
    FilterSpec f;
    f.aliases = aliases_besides(id, std::move(alias));
    f.id = std::move(id);
    f.label = std::move(label);
    f.description = std::move(description);
    f.apply = std::move(fn);
    f.params = std::move(params);
    f.seed = seed;
    return f;
}

}  // namespace lote

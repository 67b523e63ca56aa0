#include "filters/registry.hpp"

#include <algorithm>

#include "filters/catalog.hpp"

namespace lote {

const Registry& Registry::instance() {
    static const Registry registry(build_catalog());
    return registry;
}

std::vector<const FilterSpec*> Registry::seed_filters() const {
    std::vector<const FilterSpec*> out;
    for (const auto& f : filters_) {
        if (f.seed) {
            out.push_back(&f);
        }
    }
    return out;
}

const FilterSpec* Registry::find(std::string_view id_or_alias) const {
    for (const auto& f : filters_) {
        if (f.id == id_or_alias ||
            std::find(f.aliases.begin(), f.aliases.end(), id_or_alias) != f.aliases.end()) {
            return &f;
        }
    }
    return nullptr;
}

namespace {

const char* type_name(ParamType type) {
    switch (type) {
        case ParamType::Integer:
            return "integer";
        case ParamType::Number:
            return "number";
        case ParamType::Text:
            return "text";
        case ParamType::Choice:
            return "choice";
        case ParamType::Boolean:
            return "boolean";
    }
    return "number";
}

nlohmann::json label_json(const Label& label) {
    return {{"es", label.es}, {"en", label.en}};
}

nlohmann::json param_schema(const ParamSpec& p) {
    nlohmann::json j = {{"id", p.id},
                        {"aliases", p.aliases},
                        {"type", type_name(p.type)},
                        {"default", p.default_value},
                        {"label", label_json(p.label)}};
    if (p.type == ParamType::Integer || p.type == ParamType::Number) {
        j["min"] = p.min;
        j["max"] = p.max;
        j["min_exclusive"] = p.min_exclusive;
    }
    if (p.type == ParamType::Integer) {
        j["min"] = static_cast<std::int64_t>(p.min);
        j["max"] = static_cast<std::int64_t>(p.max);
    }
    if (p.type == ParamType::Choice) {
        j["choices"] = p.choices;
        if (!p.choice_aliases.empty()) {
            j["choice_aliases"] = p.choice_aliases;
        }
        if (!p.choice_labels.empty()) {
            auto labels = nlohmann::json::array();
            for (const auto& l : p.choice_labels) {
                labels.push_back(label_json(l));
            }
            j["choice_labels"] = labels;
        }
    }
    if (p.type == ParamType::Text && p.max_length > 0) {
        j["max_length"] = p.max_length;
    }
    if (p.type == ParamType::Text && p.format != TextFormat::Plain) {
        j["format"] = p.format == TextFormat::Colour ? "color" : "file";
    }
    if (!p.accept.empty()) {
        j["accept"] = p.accept;
    }
    if (p.required) {
        j["required"] = true;
    }
    return j;
}

}  // namespace

nlohmann::json Registry::schema() const {
    auto filters = nlohmann::json::array();
    for (const auto& f : filters_) {
        auto params = nlohmann::json::array();
        for (const auto& p : f.params) {
            params.push_back(param_schema(p));
        }
        filters.push_back({{"id", f.id},
                           {"aliases", f.aliases},
                           {"seed", f.seed},
                           {"label", label_json(f.label)},
                           {"description", label_json(f.description)},
                           {"params", params}});
    }
    return {{"filters", filters}};
}

}  // namespace lote

// Registry::validate: the one gate every parameter passes, from the CLI, the WebSocket and the
// HTTP API alike.

#include <fmt/format.h>

#include <algorithm>

#include "filters/param_rules.hpp"
#include "filters/registry.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace {

const ParamSpec* find_param(const FilterSpec& filter, const std::string& key) {
    for (const auto& p : filter.params) {
        if (p.id == key || std::find(p.aliases.begin(), p.aliases.end(), key) != p.aliases.end()) {
            return &p;
        }
    }
    return nullptr;
}

std::string known_params(const FilterSpec& filter) {
    if (filter.params.empty()) {
        return "it takes no parameters";
    }
    std::vector<std::string> names;
    for (const auto& p : filter.params) {
        names.push_back(p.aliases.empty() ? p.id : p.id + "/" + p.aliases.front());
    }
    return fmt::format("known: {}", fmt::join(names, ", "));
}

ParamValue default_of(const ParamSpec& spec) {
    const auto& d = spec.default_value;
    switch (spec.type) {
        case ParamType::Integer:
            return d.get<std::int64_t>();
        case ParamType::Number:
            return d.get<double>();
        case ParamType::Boolean:
            return d.get<bool>();
        case ParamType::Text:
        case ParamType::Choice:
            return d.get<std::string>();
    }
    return d.get<double>();
}

}  // namespace

Result<Params> Registry::validate(const FilterSpec& filter, const nlohmann::json& given) const {
    if (!given.is_null() && !given.is_object()) {
        return fail(fmt::format("{}: parameters must be a JSON object (got {})", filter.id,
                                shown(given)))
            .coded(codes::invalid_field, {{"field", filter.id}, {"expected", "object"}});
    }
    Params params;
    if (given.is_object()) {
        for (const auto& [key, value] : given.items()) {
            const ParamSpec* spec = find_param(filter, key);
            if (spec == nullptr) {
                return fail(fmt::format("{}: unknown parameter {} ({})", filter.id,
                                        shown(nlohmann::json(key)), known_params(filter)))
                    .coded(codes::unknown_param, {{"filter", filter.id}, {"parameter", key}});
            }
            if (params.has(spec->id)) {
                return fail(fmt::format("{}: parameter \"{}\" is given twice", filter.id, spec->id))
                    .coded(codes::param_repeated, {{"filter", filter.id}, {"parameter", spec->id}});
            }
            auto checked = check_param(filter.id, *spec, value);
            if (!checked) {
                return checked.error();
            }
            params.set(spec->id, std::move(checked.value()));
        }
    }
    for (const auto& spec : filter.params) {
        if (!params.has(spec.id) && spec.required) {
            return fail(fmt::format("{}: parameter \"{}\" is required ({})", filter.id, spec.id,
                                    allowed_values(spec)));
        }
        if (!params.has(spec.id) && !spec.default_value.is_null()) {
            params.set(spec.id, default_of(spec));
        }
    }
    if (filter.check) {
        if (Status rule = filter.check(filter, params); !rule) {
            return fail(rule.message()).coded(codes::param_invalid, {{"filter", filter.id}});
        }
    }
    return params;
}

}  // namespace lote

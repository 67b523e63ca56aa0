#include "filters/chain.hpp"

#include <fmt/format.h>

#include "filters/chain_name.hpp"
#include "filters/param_rules.hpp"
#include "filters/step_syntax.hpp"

namespace lote {

namespace {

// A chain is a recipe, not a program: a few steps at most.
constexpr std::size_t kMaxSteps = 32;

const ParamSpec* param_named(const FilterSpec& filter, const std::string& key) {
    for (const auto& p : filter.params) {
        if (p.id == key || std::find(p.aliases.begin(), p.aliases.end(), key) != p.aliases.end()) {
            return &p;
        }
    }
    return nullptr;
}

Result<const FilterSpec*> known_filter(const std::string& name) {
    const FilterSpec* filter = Registry::instance().find(name);
    if (filter == nullptr) {
        return fail(fmt::format("unknown filter {} (`lote filters` lists them)",
                                shown(nlohmann::json(name))));
    }
    return filter;
}

std::string joined_ids(const std::vector<Step>& steps) {
    std::string name;
    for (const auto& step : steps) {
        name += (name.empty() ? "" : "+") + step.filter->id;
    }
    return name;
}

Result<Step> step_from_json(const nlohmann::json& j) {
    if (!j.is_object()) {
        return fail("a step must be an object {\"filtro\": ..., \"parametros\": {...}}");
    }
    const auto filter_it = j.find("filtro");
    if (filter_it == j.end() || !filter_it->is_string()) {
        return fail("a step needs \"filtro\": the filter's id");
    }
    auto filter = known_filter(filter_it->get<std::string>());
    if (!filter) {
        return filter.error();
    }
    const auto params_it = j.find("parametros");
    const nlohmann::json given = params_it == j.end() ? nlohmann::json() : *params_it;
    auto params = Registry::instance().validate(**filter, given);
    if (!params) {
        return params.error();
    }
    return Step{*filter, std::move(*params)};
}

Result<std::string> name_or_default(const nlohmann::json& j, const std::vector<Step>& steps) {
    const auto it = j.find("nombre");
    if (it == j.end() || it->is_null()) {
        return joined_ids(steps);
    }
    if (!it->is_string()) {
        return fail(fmt::format("a chain's \"nombre\" must be a text (got {})", shown(*it)));
    }
    std::string name = it->get<std::string>();
    if (Status ok = check_chain_name(name); !ok) {
        return ok.error();
    }
    return name;
}

}  // namespace

Result<Step> parse_step(std::string_view text) {
    auto parsed = parse_step_text(text);
    if (!parsed) {
        return parsed.error();
    }
    auto filter = known_filter(parsed->filter);
    if (!filter) {
        return filter.error();
    }
    auto given = nlohmann::json::object();
    for (const auto& [key, value] : parsed->pairs) {
        const ParamSpec* spec = param_named(**filter, key);
        // Unknown keys go through as text so validate refuses them with its usual message.
        given[key] = spec == nullptr ? nlohmann::json(value) : json_from_text(*spec, value);
    }
    auto params = Registry::instance().validate(**filter, given);
    if (!params) {
        return params.error();
    }
    return Step{*filter, std::move(*params)};
}

Result<Chain> parse_chain(std::string_view text, std::string name) {
    Chain chain;
    const auto pieces = split_outside_quotes(text, '|');
    if (pieces.size() > kMaxSteps) {
        return fail(fmt::format("a chain has at most {} steps (got {})", kMaxSteps, pieces.size()));
    }
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (pieces[i].empty()) {
            return fail(fmt::format("step {} of the chain \"{}\" is empty", i + 1, trim(text)));
        }
        auto step = parse_step(pieces[i]);
        if (!step) {
            return fail(fmt::format("step {} (\"{}\"): {}", i + 1, pieces[i], step.message()));
        }
        chain.steps.push_back(std::move(*step));
    }
    if (name.empty()) {
        name = joined_ids(chain.steps);
    } else if (Status ok = check_chain_name(name); !ok) {
        return fail(ok.message());
    }
    chain.name = std::move(name);
    return chain;
}

Result<Chain> chain_from_json(const nlohmann::json& j) {
    if (!j.is_object()) {
        return fail("a chain must be an object {\"nombre\": ..., \"pasos\": [...]}");
    }
    const auto steps_it = j.find("pasos");
    if (steps_it == j.end() || !steps_it->is_array() || steps_it->empty()) {
        return fail("a chain needs \"pasos\": a non-empty array of steps");
    }
    if (steps_it->size() > kMaxSteps) {
        return fail(
            fmt::format("a chain has at most {} steps (got {})", kMaxSteps, steps_it->size()));
    }
    Chain chain;
    for (std::size_t i = 0; i < steps_it->size(); ++i) {
        auto step = step_from_json((*steps_it)[i]);
        if (!step) {
            Error why = step.error();  // its code and params kept, the step added
            why.message = fmt::format("step {}: {}", i + 1, step.message());
            if (!why.code.empty()) why.params["step"] = i + 1;
            return why;
        }
        chain.steps.push_back(std::move(*step));
    }
    auto name = name_or_default(j, chain.steps);
    if (!name) {
        return name.error();
    }
    chain.name = std::move(*name);
    return chain;
}

nlohmann::json chain_to_json(const Chain& chain) {
    auto steps = nlohmann::json::array();
    for (const auto& step : chain.steps) {
        steps.push_back({{"filtro", step.filter->id}, {"parametros", step.params.to_json()}});
    }
    return {{"nombre", chain.name}, {"pasos", steps}};
}

Chain single_filter_chain(Step step) {
    Chain chain;
    chain.name = step.filter->id;
    chain.steps.push_back(std::move(step));
    return chain;
}

namespace {

// The step's parameters as fingerprinted: parameters added later are left out while they hold
// their default (the outputs made before they existed are still up to date).
nlohmann::json fingerprinted_params(const Step& step) {
    nlohmann::json values = step.params.to_json();
    for (const auto& spec : step.filter->params) {
        if (!spec.fingerprint_default && values.contains(spec.id) &&
            values[spec.id] == spec.default_value) {
            values.erase(spec.id);
        }
    }
    return values;
}

}  // namespace

std::string chain_fingerprint(const Chain& chain) {
    // The name is left out: it places the output, it does not change its pixels.
    std::string text = "chain-v1";
    for (const auto& step : chain.steps) {
        text += fmt::format("|{}@{}{}", step.filter->id, step.filter->version,
                            fingerprinted_params(step).dump());
        if (step.filter->resource_stamp) {
            text += "#" + step.filter->resource_stamp(step.params);
        }
    }
    return text;
}

vips::VImage apply_chain(const vips::VImage& image, const Chain& chain) {
    vips::VImage current = image;
    for (const auto& step : chain.steps) {
        current = step.filter->apply(current, step.params);
    }
    return current;
}

}  // namespace lote

#include "cli/preset_args.hpp"

#include <fstream>
#include <sstream>

#include "batch/preset.hpp"
#include "batch/preset_store.hpp"

namespace lote::cli {

using nlohmann::json;

namespace {

bool given(const std::set<std::string>& flags, const char* name) {
    return flags.count(name) > 0;
}

bool filters_given(const std::set<std::string>& flags) {
    return given(flags, "--filter") || given(flags, "--chain");
}

Result<std::vector<Chain>> preset_chains(const json& preset) {
    std::vector<Chain> chains;
    json parameters = preset.value("parametros", json::object());
    for (const auto& id : preset.value("filtros", json::array())) {
        const FilterSpec* f = Registry::instance().find(id.get<std::string>());
        json values = json::object();
        for (const auto& [key, v] : parameters.items()) {
            if (Registry::instance().find(key) == f) values = v;
        }
        auto params = Registry::instance().validate(*f, values);
        if (!params) return params.error();
        chains.push_back(single_filter_chain(Step{f, *params}));
    }
    for (const auto& item : preset.value("cadenas", json::array())) {
        auto chain = chain_from_json(item);
        if (!chain) return chain.error();
        chains.push_back(std::move(*chain));
    }
    return chains;
}

template <class T>
void take(const json& preset, const char* key, const std::set<std::string>& flags, const char* flag,
          T& field) {
    if (preset.contains(key) && !given(flags, flag)) field = preset[key].get<T>();
}

// A one-step chain named after its filter is what -f gives; everything else is a chain.
bool is_single_filter(const Chain& chain) {
    return chain.steps.size() == 1 && chain.name == chain.steps[0].filter->id;
}

}  // namespace

std::set<std::string> given_options(const CLI::App& cmd) {
    std::set<std::string> names;
    for (const CLI::Option* option : cmd.get_options()) {
        if (option->count() > 0) {
            names.insert(option->get_lnames().empty() ? option->get_name()
                                                      : "--" + option->get_lnames().front());
        }
    }
    return names;
}

Result<json> load_preset(const std::string& name_or_file) {
    bool file = name_or_file.ends_with(".json") || name_or_file.find('/') != std::string::npos;
    if (!file) {
        return PresetStore(PresetStore::user_folder()).find(name_or_file);
    }
    std::ifstream in(name_or_file, std::ios::binary);
    if (!in) return fail(ErrorKind::not_found, "cannot read the preset file " + name_or_file);
    std::ostringstream text;
    text << in.rdbuf();
    auto preset = parse_preset(text.str());
    if (!preset) return fail(preset.kind(), name_or_file + ": " + preset.message());
    return preset;
}

Status apply_preset(const json& preset, JobArgs& args, const std::set<std::string>& flags) {
    if (!filters_given(flags)) {
        auto chains = preset_chains(preset);
        if (!chains) return chains.error();
        args.preset_chains = std::move(*chains);
    }
    take(preset, "formato", flags, "--format", args.format);
    take(preset, "calidad", flags, "--quality", args.quality);
    take(preset, "recursivo", flags, "--recursive", args.recursive);
    if (!given(flags, "--strip")) take(preset, "metadatos", flags, "--metadata", args.metadata);
    take(preset, "sin_ubicacion", flags, "--no-location", args.no_location);
    take(preset, "artista", flags, "--artist", args.artist);
    take(preset, "copyright", flags, "--copyright", args.copyright);
    take(preset, "a_srgb", flags, "--to-srgb", args.to_srgb);
    take(preset, "plantilla", flags, "--name", args.name_template);
    take(preset, "slug", flags, "--slug", args.slug);
    take(preset, "conflictos", flags, "--on-conflict", args.on_conflict);
    return {};
}

Result<json> preset_from_args(const JobArgs& args, const std::set<std::string>& flags,
                              const std::string& description) {
    json preset{{"version", kPresetVersion}};
    if (!description.empty()) preset["descripcion"] = description;
    auto chains = parse_filter_args(args);
    if (!chains) return chains.error();
    json filters = json::array();
    json parameters = json::object();
    json chain_list = json::array();
    for (const Chain& chain : *chains) {
        if (is_single_filter(chain)) {
            filters.push_back(chain.name);
            parameters[chain.name] = chain.steps[0].params.to_json();
        } else {
            chain_list.push_back(chain_to_json(chain));
        }
    }
    if (!filters.empty()) {
        preset["filtros"] = filters;
        preset["parametros"] = parameters;
    }
    if (!chain_list.empty()) preset["cadenas"] = chain_list;
    if (given(flags, "--format")) preset["formato"] = args.format;
    if (given(flags, "--quality")) preset["calidad"] = args.quality;
    if (given(flags, "--recursive")) preset["recursivo"] = args.recursive;
    if (given(flags, "--metadata")) preset["metadatos"] = args.metadata;
    if (given(flags, "--strip")) preset["metadatos"] = "none";
    if (given(flags, "--no-location")) preset["sin_ubicacion"] = args.no_location;
    if (given(flags, "--artist")) preset["artista"] = args.artist;
    if (given(flags, "--copyright")) preset["copyright"] = args.copyright;
    if (given(flags, "--to-srgb")) preset["a_srgb"] = args.to_srgb;
    if (given(flags, "--name")) preset["plantilla"] = args.name_template;
    if (given(flags, "--slug")) preset["slug"] = args.slug;
    if (given(flags, "--on-conflict")) preset["conflictos"] = args.on_conflict;
    return check_preset(preset);
}

Status use_preset_option(const std::string& value, JobArgs& args, const CLI::App& cmd) {
    if (value.empty()) {
        return {};
    }
    auto preset = load_preset(value);
    if (!preset) {
        return fail(preset.kind(), "--preset " + value + ": " + preset.message());
    }
    return apply_preset(*preset, args, given_options(cmd));
}

}  // namespace lote::cli

#include "batch/preset.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "batch/output_naming.hpp"
#include "filters/chain.hpp"
#include "filters/registry.hpp"
#include "pipeline/options.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace {

// A name as params may carry it: bytes that are not UTF-8 become U+FFFD.
std::string valid_text(std::string_view name) {
    return nlohmann::json::parse(
               nlohmann::json(std::string(name))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .get<std::string>();
}

using nlohmann::json;

enum class Kind {
    Text,
    Flag,
    Quality,
    Filters,
    Parameters,
    Chains,
    Format,
    Policy,
    Template,
    Conflict,
    Version
};

struct Key {
    const char* name;
    Kind kind;
};

constexpr std::array<Key, 16> kKeys{{
    {"version", Kind::Version},
    {"descripcion", Kind::Text},
    {"filtros", Kind::Filters},
    {"parametros", Kind::Parameters},
    {"cadenas", Kind::Chains},
    {"formato", Kind::Format},
    {"calidad", Kind::Quality},
    {"recursivo", Kind::Flag},
    {"metadatos", Kind::Policy},
    {"sin_ubicacion", Kind::Flag},
    {"artista", Kind::Text},
    {"copyright", Kind::Text},
    {"a_srgb", Kind::Flag},
    {"plantilla", Kind::Template},
    {"slug", Kind::Flag},
    {"conflictos", Kind::Conflict},
}};

std::string known_keys() {
    std::string list;
    for (const Key& key : kKeys) list += (list.empty() ? "" : ", ") + std::string(key.name);
    return list;
}

Status bad(const std::string& key, const std::string& why) {
    return fail(ErrorKind::invalid, "preset key \"" + key + "\": " + why)
        .coded(codes::invalid_preset, {{"key", key}});
}

Status check_version(const json& v) {
    if (!v.is_number_integer() || v.get<long long>() < 1) {
        return bad("version", "must be a whole number from 1");
    }
    if (v.get<long long>() > kPresetVersion) {
        return bad("version", "version " + v.dump() + " is newer than this lote reads (" +
                                  std::to_string(kPresetVersion) + "); update lote");
    }
    return {};
}

Status check_filters(const json& v) {
    if (!v.is_array()) return bad("filtros", "must be a list of filter names");
    std::set<std::string> seen;
    for (const auto& id : v) {
        if (!id.is_string()) return bad("filtros", "must be a list of filter names");
        const FilterSpec* f = Registry::instance().find(id.get<std::string>());
        if (f == nullptr) return bad("filtros", "unknown filter \"" + id.get<std::string>() + "\"");
        if (!seen.insert(f->id).second) return bad("filtros", "\"" + f->id + "\" given twice");
    }
    return {};
}

Status check_parameters(const json& v) {
    if (!v.is_object()) return bad("parametros", "must be an object: filter -> {parameter: value}");
    for (const auto& [id, values] : v.items()) {
        const FilterSpec* f = Registry::instance().find(id);
        if (f == nullptr) return bad("parametros", "unknown filter \"" + id + "\"");
        if (!values.is_object()) return bad("parametros." + id, "must be an object");
        auto checked = Registry::instance().validate(*f, values);
        if (!checked) return bad("parametros." + id, checked.message());
    }
    return {};
}

Status check_chains(const json& v) {
    if (!v.is_array()) return bad("cadenas", "must be a list of chains {nombre, pasos}");
    for (std::size_t i = 0; i < v.size(); ++i) {
        auto chain = chain_from_json(v[i]);
        if (!chain)
            return bad("cadenas", "chain " + std::to_string(i + 1) + ": " + chain.message());
    }
    return {};
}

Status check_choice(const std::string& key, const json& v, bool valid, const char* choices) {
    if (!v.is_string() || !valid) return bad(key, std::string("must be one of ") + choices);
    return {};
}

Status check_value(const Key& key, const json& v) {
    const std::string name = key.name;
    switch (key.kind) {
        case Kind::Version:
            return check_version(v);
        case Kind::Text:
            if (!v.is_string()) return bad(name, "must be text");
            if (v.get<std::string>().size() > 2000) return bad(name, "is longer than 2000 bytes");
            return {};
        case Kind::Flag:
            return v.is_boolean() ? Status() : bad(name, "must be true or false");
        case Kind::Quality:
            if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 100) {
                return bad(name, "must be a whole number from 1 to 100");
            }
            return {};
        case Kind::Filters:
            return check_filters(v);
        case Kind::Parameters:
            return check_parameters(v);
        case Kind::Chains:
            return check_chains(v);
        case Kind::Format:
            return check_choice(name, v, v.is_string() && parse_format(v.get<std::string>()),
                                "jpeg, png, webp, avif, tiff, gif, heif");
        case Kind::Policy:
            return check_choice(name, v,
                                v.is_string() && parse_metadata_policy(v.get<std::string>()),
                                "all, copyright, none");
        case Kind::Conflict:
            return check_choice(name, v,
                                v.is_string() && parse_conflict_policy(v.get<std::string>()),
                                "overwrite, skip, rename");
        case Kind::Template: {
            if (!v.is_string()) return bad(name, "must be text");
            auto parsed = parse_name_template(v.get<std::string>());
            return parsed ? Status() : bad(name, parsed.message());
        }
    }
    return {};
}

const Key* find_key(const std::string& name) {
    for (const Key& key : kKeys) {
        if (name == key.name) return &key;
    }
    return nullptr;
}

}  // namespace

Result<json> check_preset(const json& document) {
    if (!document.is_object()) {
        return fail(ErrorKind::invalid, "a preset must be a JSON object")
            .coded(codes::invalid_preset);
    }
    if (!document.contains("version")) {
        return bad("version",
                   "missing (presets carry \"version\": " + std::to_string(kPresetVersion) + ")")
            .error();
    }
    if (Status version = check_version(document["version"]); !version) {
        return version.error();
    }
    for (const auto& [name, value] : document.items()) {
        const Key* key = find_key(name);
        if (key == nullptr) {
            return bad(name, "unknown key (known: " + known_keys() + ")").error();
        }
        if (Status valid = check_value(*key, value); !valid) {
            return valid.error();
        }
    }
    return document;
}

Result<json> parse_preset(std::string_view bytes) {
    json document = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        return fail(ErrorKind::invalid, "a preset must be JSON (this does not parse)")
            .coded(codes::invalid_preset);
    }
    return check_preset(document);
}

Status check_preset_name(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return fail(ErrorKind::invalid, "a preset name has 1 to 64 characters")
            .coded(codes::invalid_preset_name, {{"preset", valid_text(name)}});
    }
    bool allowed = std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.';
    });
    if (!allowed || name.front() == '.') {
        return fail(ErrorKind::invalid, "preset name \"" + std::string(name) +
                                            "\": use letters, digits, '-', '_' and '.' "
                                            "(not first)")
            .coded(codes::invalid_preset_name, {{"preset", valid_text(name)}});
    }
    return {};
}

}  // namespace lote

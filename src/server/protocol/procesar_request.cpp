#include "server/protocol/procesar_request.hpp"

#include <set>

#include "batch/output_naming.hpp"
#include "batch/run_batch.hpp"
#include "batch/scan_inputs.hpp"
#include "filters/chain.hpp"
#include "filters/chain_resources.hpp"
#include "filters/registry.hpp"
#include "server/errors.hpp"
#include "server/net/paths.hpp"
#include "server/net/visible_files.hpp"
#include "server/protocol/step_files.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

using nlohmann::json;

namespace {

Error wrong_type(const std::string& message, std::string field, const char* expected) {
    return fail(message).coded(codes::invalid_field,
                               {{"field", std::move(field)}, {"expected", expected}});
}

Result<std::vector<const FilterSpec*>> requested_filters(const json& message) {
    std::vector<const FilterSpec*> filters;
    json ids = json::array({"grises"});
    if (message.contains("filtros")) {
        ids = message["filtros"];
    } else if (message.contains("cadenas")) {
        ids = json::array();  // a request of chains only asks for no single filter
    }
    const char* kNotAList = "'filtros' debe ser una lista de nombres de filtro";
    if (!ids.is_array()) return wrong_type(kNotAList, "filtros", "list");
    std::set<std::string> seen;
    for (const auto& id : ids) {
        if (!id.is_string()) return wrong_type(kNotAList, "filtros", "list");
        const std::string& name = id.get_ref<const std::string&>();
        const FilterSpec* f = Registry::instance().find(name);
        if (!f) {
            return fail("Filtro desconocido: " + name)
                .coded(codes::unknown_filter, {{"filter", name}});
        }
        if (!seen.insert(f->id).second) {
            return fail("Filtro repetido: " + f->id)
                .coded(codes::filter_repeated, {{"filter", f->id}});
        }
        filters.push_back(f);
    }
    return filters;
}

Result<json> parameters_object(const json& message) {
    if (!message.contains("parametros")) return json::object();
    const json& p = message["parametros"];
    if (!p.is_object()) {
        return wrong_type("'parametros' debe ser un objeto: filtro -> {parámetro: valor}",
                          "parametros", "object");
    }
    for (const auto& [id, values] : p.items()) {
        if (!Registry::instance().find(id)) {
            return fail("Filtro desconocido en 'parametros': " + id)
                .coded(codes::unknown_filter, {{"filter", id}, {"field", "parametros"}});
        }
        if (!values.is_object()) {
            return wrong_type("'parametros." + id + "' debe ser un objeto", "parametros." + id,
                              "object");
        }
    }
    return p;
}

// The parameters given for `f`, under its id or one of its aliases.
json given_parameters(const json& parameters, const FilterSpec& f) {
    for (const auto& [key, values] : parameters.items()) {
        if (Registry::instance().find(key) == &f) return values;
    }
    return json::object();
}

Status check_chain_name(const std::string& name) {
    auto refused = [&name](std::string message) {
        return fail(std::move(message))
            .coded(codes::invalid_chain_name,
                   {{"chain", is_valid_utf8(name) ? name : std::string()}});
    };
    if (name.empty() || name.size() > 100) {
        return refused("el nombre de una cadena debe tener 1 a 100 caracteres");
    }
    if (!is_valid_utf8(name)) return refused("el nombre de una cadena no es UTF-8 válido");
    if (name.front() == '.' || name.find_first_of("/\\:") != std::string::npos ||
        name.find('\0') != std::string::npos) {
        return refused("nombre de cadena no permitido: " + name);
    }
    return {};
}

Status add_filter_chains(const json& message, JobRequest& out, json& normalised_params) {
    auto filters = requested_filters(message);
    if (!filters) return filters.error();
    auto parameters = parameters_object(message);
    if (!parameters) return parameters.error();
    for (const auto& [id, values] : parameters->items()) {
        auto checked = Registry::instance().validate(*Registry::instance().find(id), values);
        if (!checked) {
            return reworded(checked.error(), "Parámetro inválido: ", codes::param_invalid);
        }
    }
    for (const FilterSpec* f : *filters) {
        auto params = Registry::instance().validate(*f, given_parameters(*parameters, *f));
        if (!params) {
            return reworded(params.error(), "Parámetro inválido: ", codes::param_invalid);
        }
        normalised_params[f->id] = params->to_json();
        out.spec.chains.push_back(single_filter_chain(Step{f, *params}));
        out.names.push_back(f->id);
    }
    return {};
}

Status add_chains(const json& message, JobRequest& out, json& normalised_chains) {
    if (!message.contains("cadenas")) return {};
    const json& chains = message["cadenas"];
    if (!chains.is_array()) {
        return wrong_type("'cadenas' debe ser una lista de cadenas", "cadenas", "list");
    }
    for (const auto& c : chains) {
        if (!c.is_object()) {
            return wrong_type("cada cadena debe ser un objeto {nombre, pasos}", "cadenas",
                              "list of objects");
        }
        auto chain = chain_from_json(c);
        if (!chain) {
            nlohmann::json named = nlohmann::json::object();
            if (c.contains("nombre") && c["nombre"].is_string()) named["chain"] = c["nombre"];
            // A step's own refusal (unknown_param, invalid_chain_name...) keeps its code.
            Error why = reworded(chain.error(), "Cadena inválida: ", codes::invalid_chain);
            for (const auto& [key, value] : named.items()) why.params.emplace(key, value);
            return why;
        }
        if (auto named = check_chain_name(chain->name); !named)
            return reworded(named.error(), "Cadena inválida: ", codes::invalid_chain_name);
        for (const auto& existing : out.names) {
            if (existing == chain->name) {
                return fail("Nombre de salida repetido: " + chain->name)
                    .coded(codes::output_name_repeated, {{"name", chain->name}});
            }
        }
        normalised_chains.push_back(chain_to_json(*chain));
        out.names.push_back(chain->name);
        out.spec.chains.push_back(std::move(*chain));
    }
    return {};
}

Result<ExecutorKind> mode_of(const json& message, bool has_broker) {
    if (!message.contains("modo")) {
        return has_broker ? ExecutorKind::distributed : ExecutorKind::processes;
    }
    const json& m = message["modo"];
    if (!m.is_string()) {
        return wrong_type("'modo' debe ser \"procesos\", \"threads\" o \"distribuido\"", "modo",
                          "text");
    }
    auto kind = executor_kind_from_name(m.get<std::string>());
    if (!kind) {
        return fail("Modo desconocido: " + m.get<std::string>())
            .coded(codes::unknown_mode, {{"mode", m.get<std::string>()}});
    }
    if (*kind == ExecutorKind::distributed && !has_broker) {
        return fail(ErrorKind::unavailable,
                    "Modo distribuido no disponible: el servidor no tiene broker (lote serve "
                    "--broker redis://...)")
            .coded(codes::no_broker, {{"mode", m.get<std::string>()}});
    }
    return *kind;
}

Result<bool> flag(const json& message, const char* name, bool fallback = false) {
    if (!message.contains(name)) return fallback;
    if (!message[name].is_boolean())
        return wrong_type(std::string("'") + name + "' debe ser true o false", name, "boolean");
    return message[name].get<bool>();
}

Result<long long> bounded_integer(const json& message, const char* name, long long lo, long long hi,
                                  long long fallback) {
    if (!message.contains(name)) return fallback;
    const json& v = message[name];
    if (!v.is_number_integer())
        return wrong_type(std::string("'") + name + "' debe ser un entero", name, "integer");
    long long value = v.get<long long>();
    if (value < lo || value > hi) {
        return fail(std::string("'") + name + "' debe estar entre " + std::to_string(lo) + " y " +
                    std::to_string(hi))
            .coded(codes::field_out_of_range, {{"field", name}, {"min", lo}, {"max", hi}});
    }
    return value;
}

Result<std::filesystem::path> input_folder(const json& message, const Roots& roots,
                                           std::string& relative) {
    if (!message.contains("entrada")) return roots.input;
    if (!message["entrada"].is_string())
        return wrong_type("'entrada' debe ser una carpeta (texto)", "entrada", "text");
    relative = message["entrada"].get<std::string>();
    auto folder = confine_visible(roots.input, relative, {});
    if (!folder)
        return reworded(folder.error(), "Carpeta de entrada inválida: ", codes::path_refused);
    std::error_code ec;
    if (!std::filesystem::is_directory(*folder, ec)) {
        return fail(ErrorKind::not_found,
                    "Carpeta de entrada inválida: no existe la carpeta " + relative)
            .coded(codes::folder_not_found, {{"folder", relative}});
    }
    return folder;
}

Status apply_output_options(const json& message, JobRequest& out, unsigned cores) {
    if (message.contains("formato")) {
        if (!message["formato"].is_string())
            return wrong_type("'formato' debe ser un texto", "formato", "text");
        const std::string& asked = message["formato"].get_ref<const std::string&>();
        auto format = parse_format(asked);
        if (!format) {
            return fail("Formato desconocido: " + asked)
                .coded(codes::unknown_format, {{"format", asked}});
        }
        out.spec.save.format = format;
        out.settings["formato"] = format_name(*format);
    }
    auto quality = bounded_integer(message, "calidad", 1, 100, out.spec.save.quality);
    if (!quality) return quality.error();
    out.spec.save.quality = static_cast<int>(*quality);
    out.settings["calidad"] = *quality;
    auto workers = bounded_integer(message, "trabajadores", 1, cores, 0);
    if (!workers) return workers.error();
    out.spec.workers = static_cast<unsigned>(*workers);
    // 0 means "one per core" and is not a value a client may send, so it is not stored: the
    // stored settings are parsed again when a job resumes or is re-run.
    if (*workers > 0) out.settings["trabajadores"] = *workers;
    return {};
}

// A job on the input sub-folder `A/B` writes under `<output root>/A/B/<filter>/...`, as
// `lote run input/A/B -o output/A/B` would: jobs on different folders never share an output path.
// The folder is named as resolved (a link to a folder inside the root counts as that folder).
std::filesystem::path output_folder_for(const std::filesystem::path& folder, const Roots& roots) {
    std::string relative = relative_name(roots.input, folder);
    return relative.empty() ? roots.output : roots.output / relative;
}

Result<std::string> text_field(const json& message, const char* name, std::size_t limit);

// `salida`: a sub-folder of the output root the job writes into ("clientes/boda"), given
// relative; no empty, ".", ".." or hidden component, no backslash or control character, and no
// link on the way (it could lead out of the output root). "" is the output root itself.
Result<std::string> output_subfolder(const json& message, const Roots& roots) {
    auto text = text_field(message, "salida", 200);
    if (!text) return text;
    std::string relative = *text;
    while (!relative.empty() && relative.back() == '/') relative.pop_back();
    if (relative.empty()) return relative;
    auto bad = [&relative](const std::string& why, const char* reason) {
        return fail("Carpeta de salida inválida: " + why)
            .coded(codes::invalid_output_folder,
                   {{"folder", is_valid_utf8(relative) ? relative : std::string()},
                    {"reason", reason}});
    };
    std::filesystem::path walked = roots.output;
    std::size_t start = 0;
    while (start <= relative.size()) {
        std::size_t end = relative.find('/', start);
        if (end == std::string::npos) end = relative.size();
        std::string part = relative.substr(start, end - start);
        if (part.empty() || part == "." || part == ".." || part.front() == '.')
            return bad("\"" + relative + "\" (cada parte, un nombre sin punto delante)", "dot");
        for (unsigned char c : part) {
            if (c < 0x20 || c == 0x7f || c == '\\')
                return bad("\"" + relative + "\" (carácter no permitido)", "character");
        }
        walked /= part;
        std::error_code ec;
        if (std::filesystem::is_symlink(std::filesystem::symlink_status(walked, ec)))
            return bad("\"" + relative + "\" pasa por un enlace", "link");
        start = end + 1;
    }
    return relative;
}

Result<std::string> text_field(const json& message, const char* name, std::size_t limit) {
    if (!message.contains(name)) return std::string();
    if (!message[name].is_string())
        return wrong_type(std::string("'") + name + "' debe ser un texto", name, "text");
    std::string text = message[name].get<std::string>();
    if (text.size() > limit || !is_valid_utf8(text)) {
        return fail(std::string("'") + name + "' debe ser UTF-8 de hasta " + std::to_string(limit) +
                    " bytes")
            .coded(codes::invalid_text, {{"field", name}, {"max_bytes", limit}});
    }
    return text;
}

// metadatos, sin_ubicacion, artista, copyright, a_srgb: what outputs carry.
Status apply_metadata_options(const json& message, JobRequest& out) {
    if (message.contains("metadatos")) {
        const json& m = message["metadatos"];
        auto policy = m.is_string() ? parse_metadata_policy(m.get<std::string>()) : std::nullopt;
        if (!policy) {
            return fail("'metadatos' debe ser \"all\", \"copyright\" o \"none\"")
                .coded(codes::invalid_choice,
                       {{"field", "metadatos"}, {"choices", {"all", "copyright", "none"}}});
        }
        out.spec.save.metadata.policy = *policy;
        out.settings["metadatos"] = metadata_policy_name(*policy);
    }
    auto no_location = flag(message, "sin_ubicacion");
    if (!no_location) return no_location.error();
    auto to_srgb = flag(message, "a_srgb");
    if (!to_srgb) return to_srgb.error();
    auto artist = text_field(message, "artista", 2000);
    if (!artist) return artist.error();
    auto copyright = text_field(message, "copyright", 2000);
    if (!copyright) return copyright.error();
    out.spec.save.metadata.no_location = *no_location;
    out.spec.save.metadata.artist = *artist;
    out.spec.save.metadata.copyright = *copyright;
    out.spec.load.to_srgb = *to_srgb;
    out.settings["sin_ubicacion"] = *no_location;
    out.settings["a_srgb"] = *to_srgb;
    if (!artist->empty()) out.settings["artista"] = *artist;
    if (!copyright->empty()) out.settings["copyright"] = *copyright;
    return {};
}

// plantilla, slug, conflictos: how outputs are named.
Status apply_naming_options(const json& message, JobRequest& out) {
    auto name_template = text_field(message, "plantilla", 200);
    if (!name_template) return name_template.error();
    if (!name_template->empty()) {
        if (auto parsed = parse_name_template(*name_template); !parsed) {
            return fail("'plantilla' no es válida: " + parsed.message())
                .coded(codes::invalid_name_template, {{"template", *name_template}});
        }
        out.spec.naming.name_template = *name_template;
        out.settings["plantilla"] = *name_template;
    }
    auto slug = flag(message, "slug");
    if (!slug) return slug.error();
    out.spec.naming.slug = *slug;
    out.settings["slug"] = *slug;
    if (message.contains("conflictos")) {
        const json& c = message["conflictos"];
        auto policy = c.is_string() ? parse_conflict_policy(c.get<std::string>()) : std::nullopt;
        if (!policy) {
            return fail("'conflictos' debe ser \"overwrite\", \"skip\" o \"rename\"")
                .coded(codes::invalid_choice,
                       {{"field", "conflictos"}, {"choices", {"overwrite", "skip", "rename"}}});
        }
        out.spec.naming.on_conflict = *policy;
        out.settings["conflictos"] = conflict_policy_name(*policy);
    }
    return {};
}

}  // namespace

Result<json> with_preset(const json& message, const PresetStore& presets) {
    if (!message.is_object() || !message.contains("preset")) return message;
    if (!message["preset"].is_string())
        return wrong_type("'preset' debe ser el nombre de un preset", "preset", "text");
    std::string name = message["preset"].get<std::string>();
    auto preset = presets.find(name);
    if (!preset) return reworded(preset.error(), "Preset inválido: ", codes::invalid_preset);
    return under_preset(*preset, message);
}

json under_preset(json preset, const json& message) {
    preset.erase("version");
    preset.erase("descripcion");
    if (message.contains("filtros") || message.contains("cadenas")) {
        preset.erase("filtros");
        preset.erase("parametros");
        preset.erase("cadenas");
    }
    for (const auto& [key, value] : message.items()) preset[key] = value;
    return preset;
}

Result<std::vector<std::string>> list_input_images(const std::filesystem::path& folder,
                                                   const Roots& roots, bool recursive,
                                                   const std::vector<std::string>& skip_files) {
    ScanOptions options;
    options.recursive = recursive;
    options.skip_dirs.push_back(roots.output);
    options.skip_files.assign(skip_files.begin(), skip_files.end());
    options.confine_to = roots.input;
    auto scan = scan_inputs(folder, options);
    if (!scan) return scan.error();
    std::vector<std::string> names;
    names.reserve(scan->images.size());
    for (const auto& image : scan->images) names.push_back(image.relative);
    return names;
}

Result<JobRequest> parse_procesar(const json& message, const Roots& roots, unsigned cores,
                                  bool has_broker, bool allow_empty) {
    JobRequest out;
    json params = json::object();
    json chains = json::array();
    if (auto s = add_filter_chains(message, out, params); !s) return s.error();
    if (auto s = add_chains(message, out, chains); !s) return s.error();
    if (out.spec.chains.empty())
        return fail("No se ha pedido ningún filtro").coded(codes::no_filters);
    // After the settings are normalised: they keep the paths as the client gave them.
    if (auto s = confine_step_files(out.spec.chains, roots.input); !s) {
        return reworded(s.error(), "Parámetro inválido: ", codes::step_file_unusable);
    }
    auto mode = mode_of(message, has_broker);
    if (!mode) return mode.error();
    out.spec.executor = *mode;
    auto recursive = flag(message, "recursivo");
    if (!recursive) return recursive.error();
    // The seed redid every output on every request and v1 clients count on a progreso line per
    // image, so the server redoes everything unless the client asks for an incremental run.
    auto force = flag(message, "forzar", true);
    if (!force) return force.error();
    std::string entrada;
    auto folder = input_folder(message, roots, entrada);
    if (!folder) return folder.error();
    if (auto s = apply_output_options(message, out, cores); !s) return s.error();
    if (auto s = apply_metadata_options(message, out); !s) return s.error();
    if (auto s = apply_naming_options(message, out); !s) return s.error();
    auto accept_damaged = flag(message, "aceptar_danadas");
    if (!accept_damaged) return accept_damaged.error();

    out.spec.input = *folder;
    out.spec.confine_inputs_to = roots.input;
    auto salida = output_subfolder(message, roots);
    if (!salida) return salida.error();
    out.spec.output = output_folder_for(*folder, roots);
    if (!salida->empty()) {
        // <output>/<salida>/<entrada>/<filter>/: the sub-folder first, so one client's jobs on
        // several input folders stay together.
        std::string relative = relative_name(roots.input, *folder);
        out.spec.output = roots.output / *salida;
        if (!relative.empty()) out.spec.output /= relative;
    }
    out.spec.skip_inputs.push_back(roots.output);
    out.spec.recursive = *recursive;
    out.spec.force = *force;
    out.spec.load.accept_damaged = *accept_damaged;
    auto scan = scan_inputs(*folder, batch_scan_options(out.spec));
    if (!scan) {
        return fail(ErrorKind::not_found, "Carpeta de entrada inválida: " + scan.message())
            .coded(codes::folder_not_found, {{"folder", entrada}});
    }
    if (scan->images.empty() && !allow_empty) {
        return fail(ErrorKind::not_found, "No se encontraron imágenes para procesar")
            .coded(codes::no_images, {{"folder", entrada}});
    }
    out.images = scan->images.size();
    out.inputs = std::move(*scan);

    json filter_names = json::array();
    for (std::size_t i = 0; i < out.names.size() - chains.size(); ++i)
        filter_names.push_back(out.names[i]);
    out.settings["filtros"] = filter_names;
    out.settings["parametros"] = params;
    if (!chains.empty()) out.settings["cadenas"] = chains;
    out.settings["modo"] = executor_kind_id(out.spec.executor);
    out.settings["entrada"] = entrada;
    if (!salida->empty()) out.settings["salida"] = *salida;
    out.settings["recursivo"] = *recursive;
    out.settings["forzar"] = *force;
    if (message.contains("preset") && message["preset"].is_string()) {
        out.settings["preset"] = message["preset"];  // for the history; never looked up again
    }
    if (*accept_damaged) out.settings["aceptar_danadas"] = true;
    return out;
}

}  // namespace lote::server

#include "server/protocol/procesar_request.hpp"

#include <set>

#include "batch/run_batch.hpp"
#include "batch/scan_inputs.hpp"
#include "filters/chain.hpp"
#include "filters/registry.hpp"
#include "server/net/paths.hpp"

namespace lote::server {

using nlohmann::json;

namespace {

Result<std::vector<const FilterSpec*>> requested_filters(const json& message) {
    std::vector<const FilterSpec*> filters;
    json ids = json::array({"grises"});
    if (message.contains("filtros")) {
        ids = message["filtros"];
    } else if (message.contains("cadenas")) {
        ids = json::array();  // a request of chains only asks for no single filter
    }
    if (!ids.is_array()) return fail("'filtros' debe ser una lista de nombres de filtro");
    std::set<std::string> seen;
    for (const auto& id : ids) {
        if (!id.is_string()) return fail("'filtros' debe ser una lista de nombres de filtro");
        const FilterSpec* f = Registry::instance().find(id.get<std::string>());
        if (!f) return fail("Filtro desconocido: " + id.get<std::string>());
        if (!seen.insert(f->id).second) return fail("Filtro repetido: " + f->id);
        filters.push_back(f);
    }
    return filters;
}

Result<json> parameters_object(const json& message) {
    if (!message.contains("parametros")) return json::object();
    const json& p = message["parametros"];
    if (!p.is_object())
        return fail("'parametros' debe ser un objeto: filtro -> {parámetro: valor}");
    for (const auto& [id, values] : p.items()) {
        if (!Registry::instance().find(id))
            return fail("Filtro desconocido en 'parametros': " + id);
        if (!values.is_object()) return fail("'parametros." + id + "' debe ser un objeto");
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
    if (name.empty() || name.size() > 100)
        return fail("el nombre de una cadena debe tener 1 a 100 caracteres");
    if (!is_valid_utf8(name)) return fail("el nombre de una cadena no es UTF-8 válido");
    if (name.front() == '.' || name.find_first_of("/\\:") != std::string::npos ||
        name.find('\0') != std::string::npos) {
        return fail("nombre de cadena no permitido: " + name);
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
        if (!checked) return fail("Parámetro inválido: " + checked.message());
    }
    for (const FilterSpec* f : *filters) {
        auto params = Registry::instance().validate(*f, given_parameters(*parameters, *f));
        if (!params) return fail("Parámetro inválido: " + params.message());
        normalised_params[f->id] = params->to_json();
        out.spec.chains.push_back(single_filter_chain(Step{f, *params}));
        out.names.push_back(f->id);
    }
    return {};
}

Status add_chains(const json& message, JobRequest& out, json& normalised_chains) {
    if (!message.contains("cadenas")) return {};
    const json& chains = message["cadenas"];
    if (!chains.is_array()) return fail("'cadenas' debe ser una lista de cadenas");
    for (const auto& c : chains) {
        if (!c.is_object()) return fail("cada cadena debe ser un objeto {nombre, pasos}");
        auto chain = chain_from_json(c);
        if (!chain) return fail("Cadena inválida: " + chain.message());
        if (auto named = check_chain_name(chain->name); !named)
            return fail("Cadena inválida: " + named.message());
        for (const auto& existing : out.names) {
            if (existing == chain->name) return fail("Nombre de salida repetido: " + chain->name);
        }
        normalised_chains.push_back(chain_to_json(*chain));
        out.names.push_back(chain->name);
        out.spec.chains.push_back(std::move(*chain));
    }
    return {};
}

Result<ExecutorKind> mode_of(const json& message) {
    if (!message.contains("modo")) return ExecutorKind::processes;
    const json& m = message["modo"];
    if (!m.is_string()) return fail("'modo' debe ser \"procesos\" o \"threads\"");
    auto kind = executor_kind_from_name(m.get<std::string>());
    if (!kind) return fail("Modo desconocido: " + m.get<std::string>());
    return *kind;
}

Result<bool> flag(const json& message, const char* name, bool fallback = false) {
    if (!message.contains(name)) return fallback;
    if (!message[name].is_boolean())
        return fail(std::string("'") + name + "' debe ser true o false");
    return message[name].get<bool>();
}

Result<long long> bounded_integer(const json& message, const char* name, long long lo, long long hi,
                                  long long fallback) {
    if (!message.contains(name)) return fallback;
    const json& v = message[name];
    if (!v.is_number_integer()) return fail(std::string("'") + name + "' debe ser un entero");
    long long value = v.get<long long>();
    if (value < lo || value > hi) {
        return fail(std::string("'") + name + "' debe estar entre " + std::to_string(lo) + " y " +
                    std::to_string(hi));
    }
    return value;
}

Result<std::filesystem::path> input_folder(const json& message, const Roots& roots,
                                           std::string& relative) {
    if (!message.contains("entrada")) return roots.input;
    if (!message["entrada"].is_string()) return fail("'entrada' debe ser una carpeta (texto)");
    relative = message["entrada"].get<std::string>();
    auto folder = confine(roots.input, relative);
    if (!folder) return fail("Carpeta de entrada inválida: " + folder.message());
    if (!std::filesystem::is_directory(*folder)) {
        return fail("Carpeta de entrada inválida: no existe la carpeta " + relative);
    }
    return folder;
}

Status apply_output_options(const json& message, JobRequest& out, unsigned cores) {
    if (message.contains("formato")) {
        if (!message["formato"].is_string()) return fail("'formato' debe ser un texto");
        auto format = parse_format(message["formato"].get<std::string>());
        if (!format) return fail("Formato desconocido: " + message["formato"].get<std::string>());
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

}  // namespace

Result<std::vector<std::string>> list_input_images(const std::filesystem::path& folder,
                                                   const Roots& roots, bool recursive) {
    ScanOptions options;
    options.recursive = recursive;
    options.skip_dirs.push_back(roots.output);
    auto scan = scan_inputs(folder, options);
    if (!scan) return scan.error();
    std::vector<std::string> names;
    names.reserve(scan->images.size());
    for (const auto& image : scan->images) names.push_back(image.relative);
    return names;
}

Result<JobRequest> parse_procesar(const json& message, const Roots& roots, unsigned cores) {
    JobRequest out;
    json params = json::object();
    json chains = json::array();
    if (auto s = add_filter_chains(message, out, params); !s) return fail(s.message());
    if (auto s = add_chains(message, out, chains); !s) return fail(s.message());
    if (out.spec.chains.empty()) return fail("No se ha pedido ningún filtro");
    auto mode = mode_of(message);
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
    if (auto s = apply_output_options(message, out, cores); !s) return fail(s.message());

    out.spec.input = *folder;
    out.spec.output = roots.output;
    out.spec.recursive = *recursive;
    out.spec.force = *force;
    auto scan = scan_inputs(*folder, batch_scan_options(out.spec));
    if (!scan) return fail("Carpeta de entrada inválida: " + scan.message());
    if (scan->images.empty()) return fail("No se encontraron imágenes para procesar");
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
    out.settings["recursivo"] = *recursive;
    out.settings["forzar"] = *force;
    return out;
}

}  // namespace lote::server

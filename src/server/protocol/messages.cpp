#include "server/protocol/messages.hpp"

#include <cmath>

#include "batch/events_json.hpp"
#include "filters/registry.hpp"
#include "server/errors.hpp"

namespace lote::server {

double round2(double value) {
    return std::round(value * 100.0) / 100.0;
}

json conexion_message() {
    return {{"tipo", "conexion"},
            {"mensaje", "Conectado al servidor de procesamiento"},
            {"estado", "conectado"}};
}

json error_message(const Error& error) {
    return ws_error_message(error);
}

json info_message(const std::string& text) {
    return {{"tipo", "info"}, {"mensaje", text}};
}

json filtros_message() {
    json ids = json::array();
    const auto& registry = Registry::instance();
    for (const auto& f : registry.all()) {
        if (f.seed) ids.push_back(f.id);
    }
    for (const auto& f : registry.all()) {
        if (!f.seed) ids.push_back(f.id);
    }
    return {{"tipo", "filtros"}, {"datos", ids}};
}

json imagenes_message(const std::vector<std::string>& names) {
    return {{"tipo", "imagenes"}, {"datos", {{"cantidad", names.size()}, {"imagenes", names}}}};
}

json aceptado_message(const std::string& job, bool queued, std::size_t position) {
    std::string text = queued ? "Trabajo en cola (posición " + std::to_string(position) + ")"
                              : "Procesamiento iniciado";
    return {{"tipo", "aceptado"},
            {"mensaje", text},
            {"trabajo", job},
            {"en_cola", queued},
            {"posicion", position}};
}

json inicio_message(const JobHeader& h) {
    return {{"tipo", "inicio_procesamiento"},
            {"trabajo", h.job},
            {"datos",
             {{"imagenes", h.images},
              {"filtros", h.names},
              {"modo", executor_kind_id(h.mode)},
              {"trabajo", h.job},
              {"total", h.total},
              {"omitidas", h.skipped},
              {"nucleos", h.cores}}}};
}

json progreso_message(const std::string& job, const ProgressEvent& e) {
    json datos = {{"imagen", e.image},
                  {"estado", image_state_id(e.state)},
                  {"mensaje", e.message},
                  {"procesadas", e.processed},
                  {"total", e.total},
                  {"porcentaje", round2(e.percent)},
                  {"tiempo_transcurrido", round2(e.elapsed)},
                  {"nucleos", e.cores},
                  {"trabajo", job},
                  {"velocidad", round2(e.throughput)},
                  {"eta", round2(e.eta)},
                  {"fallidas", e.failed}};
    if (!e.filter.empty()) datos["filtro"] = e.filter;
    if (!e.node.empty()) datos["nodo"] = e.node;
    if (!e.warning.empty()) datos["aviso"] = e.warning;  // a damaged image kept (aceptar_danadas)
    return {{"tipo", "progreso"}, {"trabajo", job}, {"datos", datos}};
}

json cancelado_message(const std::string& job, std::uint64_t processed, std::uint64_t total,
                       std::uint64_t cancelled) {
    return {{"tipo", "cancelado"},
            {"trabajo", job},
            {"datos",
             {{"trabajo", job},
              {"procesadas", processed},
              {"total", total},
              {"canceladas", cancelled}}}};
}

namespace {

json resultado_entry(const FilterStats& f) {
    std::uint64_t done = f.succeeded + f.failed;
    double per_image = done > 0 ? f.total_seconds / static_cast<double>(done) : 0.0;
    return {{"filtro", f.filter},
            // An output already up to date is a success: it exists and is right. Counting it so
            // keeps exitosas + fallidas equal to the number of images, as the protocol promises.
            {"exitosas", f.succeeded + f.skipped},
            {"fallidas", f.failed},
            {"tiempo_total", round2(f.total_seconds)},
            {"nucleos_usados", f.cores},
            {"omitidas", f.skipped},
            {"canceladas", f.cancelled},
            {"tiempo_por_imagen", std::round(per_image * 10000.0) / 10000.0}};
}

json fallos_list(const std::vector<Failure>& failures) {
    json list = json::array();
    for (const auto& f : failures) {
        list.push_back({{"imagen", f.image}, {"filtro", f.filter}, {"mensaje", f.message}});
    }
    return list;
}

std::string final_text(const BatchSummary& s) {
    if (s.cancelled) return "Procesamiento cancelado";
    return "Procesamiento completado exitosamente";
}

}  // namespace

json finalizado_message(const std::string& job, const BatchSummary& s) {
    json resultados = json::array();
    for (const auto& f : s.filters) resultados.push_back(resultado_entry(f));
    return {{"tipo", "finalizado"},
            {"trabajo", job},
            {"datos",
             {{"mensaje", final_text(s)},
              {"resultados", resultados},
              {"trabajo", job},
              {"cancelado", s.cancelled},
              {"omitidas", s.skipped},
              {"canceladas", s.cancelled_images},
              {"tiempo_total", round2(s.wall_seconds)},
              {"fallos", fallos_list(s.failures)}}}};
}

json estado_message(const ServerState& st) {
    json running = st.running.empty() ? json(nullptr) : json(st.running.front());
    json message = {{"tipo", "estado"},
                    {"datos",
                     {{"procesando", st.processing},
                      {"clientes_conectados", st.clients},
                      {"trabajo", running},
                      {"trabajos_en_curso", st.running},
                      {"cola", st.queued},
                      {"nucleos", st.cores}}}};
    if (st.distributed) {
        json nodos = json::array();
        for (const auto& node : st.nodes) {
            nodos.push_back({{"nombre", node.name},
                             {"slots", node.slots},
                             {"hechas", node.done},
                             {"visto", round2(node.seen_seconds)}});
        }
        message["datos"]["nodos"] = nodos;
    }
    return message;
}

}  // namespace lote::server

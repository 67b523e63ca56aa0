#include "server/jobs/jobs_json.hpp"

namespace lote::server {

nlohmann::json job_summary_json(const JobRecord& job) {
    nlohmann::json filters = nlohmann::json::array();
    if (job.settings.is_object()) {
        if (job.settings.contains("filtros")) filters = job.settings["filtros"];
        if (job.settings.contains("cadenas")) {
            for (const auto& c : job.settings["cadenas"]) {
                if (c.contains("nombre")) filters.push_back(c["nombre"]);
            }
        }
    }
    nlohmann::json summary = {
        {"id", job.id},           {"state", job_state_id(job.state)}, {"created", job.created},
        {"started", job.started}, {"finished", job.finished},         {"filters", filters},
        {"total", job.total},     {"processed", job.processed},       {"failed", job.failed},
        {"skipped", job.skipped}};
    // What a history row shows beside the filters: the input folder, the format, the preset.
    if (job.settings.is_object()) {
        summary["folder"] = job.settings.value("entrada", std::string());
        summary["format"] = job.settings.value("formato", std::string());
        if (job.settings.contains("preset") && job.settings["preset"].is_string())
            summary["preset"] = job.settings["preset"];
        // A watched folder's batch names its watch.
        if (job.settings.contains("vigilancia") && job.settings["vigilancia"].is_string())
            summary["watch"] = job.settings["vigilancia"];
    }
    // Images a cancel stopped half-way, from the stored `finalizado` (0 for older stores).
    summary["cancelled"] = job.summary.is_object() ? job.summary.value("canceladas", 0) : 0;
    // Why a failed job failed (it could not resume, its batch failed, it crashed the server),
    // with the code and params a client translates.
    if (job.state == JobState::failed && job.summary.is_object() &&
        job.summary.contains("mensaje") && job.summary["mensaje"].is_string()) {
        summary["error"] = job.summary["mensaje"];
        if (job.summary.contains("codigo")) summary["code"] = job.summary["codigo"];
        if (job.summary.contains("parametros")) summary["params"] = job.summary["parametros"];
    }
    return summary;
}

}  // namespace lote::server

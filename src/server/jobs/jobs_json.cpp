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
    return {{"id", job.id},           {"state", job_state_id(job.state)}, {"created", job.created},
            {"started", job.started}, {"finished", job.finished},         {"filters", filters},
            {"total", job.total},     {"processed", job.processed},       {"failed", job.failed},
            {"skipped", job.skipped}};
}

}  // namespace lote::server

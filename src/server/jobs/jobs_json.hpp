#pragma once
// A stored job as the HTTP API (GET /api/jobs) and the `trabajos` message show it.

#include <nlohmann/json.hpp>

#include "server/jobs/job_store.hpp"

namespace lote::server {

nlohmann::json job_summary_json(const JobRecord& job);

}  // namespace lote::server

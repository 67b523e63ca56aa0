#pragma once
// A job-store write that fails costs the job's history or its resume data, never the job: the
// job goes on, and the failure is logged (what was written, for which job, why) and counted
// (lote_job_store_write_failures_total on /metrics) so that a full or failing disk shows.

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote::server {

// Logs and counts `written` when it failed; `what` says what was being written ("record an
// image", ...).
void note_store_write(const Status& written, std::string_view what, const std::string& job);

}  // namespace lote::server

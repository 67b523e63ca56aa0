#include "server/jobs/store_writes.hpp"

#include <spdlog/spdlog.h>

#include "server/metrics_registry.hpp"

namespace lote::server {

void note_store_write(const Status& written, std::string_view what, const std::string& job) {
    if (written) return;
    api_metrics().add_store_write_failure();
    spdlog::error("job {}: the job store could not {}: {}", job, what, written.message());
}

}  // namespace lote::server

#include "server/api/routes.hpp"

namespace lote::server {

void add_api_routes(Router& router) {
    add_image_routes(router);
    add_upload_routes(router);
    add_thumbnail_routes(router);
    add_preview_routes(router);
    add_report_routes(router);
    add_zip_routes(router);  // before the jobs' /api/jobs/{id} patterns of the same length
    add_job_routes(router);
    add_metrics_routes(router);
    add_preset_routes(router);
    add_watch_routes(router);
    add_audit_routes(router);
}

}  // namespace lote::server

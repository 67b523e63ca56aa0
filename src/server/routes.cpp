// The one place that installs the server's routes. The router refuses a (method, pattern) that
// is already taken, so a family cannot silently shadow another; order only matters for the
// page's catch-all `/*`, which comes last.
#include "server/routes.hpp"

#include "server/api/routes.hpp"

namespace lote::server {

void add_all_routes(Router& router) {
    add_health_routes(router);
    add_filter_routes(router);
    add_image_routes(router);
    add_upload_routes(router);
    add_thumbnail_routes(router);
    add_preview_routes(router);
    add_report_routes(router);
    add_zip_routes(router);
    add_job_routes(router);
    add_metrics_routes(router);
    add_preset_routes(router);
    add_watch_routes(router);
    add_audit_routes(router);
    add_static_routes(router);  // the page: every GET/HEAD no route above took
}

}  // namespace lote::server

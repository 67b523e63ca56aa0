#pragma once
// The HTTP API of docs/api.md, one family of endpoints per file (server/api/<family>.cpp). The
// server installs every family in one place, add_all_routes() (server/routes.cpp).

#include "server/net/router.hpp"

namespace lote::server {

void add_health_routes(Router& router);     // health.cpp: /healthz
void add_filter_routes(Router& router);     // filters.cpp: /api/filters
void add_image_routes(Router& router);      // images.cpp: /api/images, /api/folders
void add_upload_routes(Router& router);     // uploads.cpp: POST /api/uploads
void add_thumbnail_routes(Router& router);  // thumbnails.cpp: /api/thumbnail
void add_preview_routes(Router& router);    // preview.cpp: POST /api/preview
void add_job_routes(Router& router);        // jobs.cpp: /api/jobs..., /api/output
void add_zip_routes(Router& router);        // zip.cpp: /api/jobs/{id}/zip
void add_report_routes(Router& router);     // report.cpp: /api/jobs/{id}/report
void add_metrics_routes(Router& router);    // metrics.cpp: /metrics
void add_preset_routes(Router& router);     // presets.cpp: /api/presets[/{name}]
void add_audit_routes(Router& router);      // audit.cpp: GET /api/audit
void add_watch_routes(Router& router);      // watches.cpp: /api/watches[/{name}[/pause|resume]]

}  // namespace lote::server

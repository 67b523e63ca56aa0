#pragma once
// The HTTP API of docs/api.md, one family of endpoints per file (server/api/<family>.cpp). The
// server installs them with add_api_routes() before its own routes, so they take precedence.

#include "server/net/router.hpp"

namespace lote::server {

void add_api_routes(Router& router);

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

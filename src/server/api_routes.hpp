#pragma once
// The HTTP API of docs/api.md, one family of endpoints per file (api_<family>.cpp). The server
// installs them with add_api_routes() before its own routes, so they take precedence.

#include "server/router.hpp"

namespace lote::server {

void add_api_routes(Router& router);

void add_image_routes(Router& router);      // api_images.cpp: /api/images, /api/folders
void add_upload_routes(Router& router);     // api_uploads.cpp: POST /api/uploads
void add_thumbnail_routes(Router& router);  // api_thumbnails.cpp: /api/thumbnail
void add_preview_routes(Router& router);    // api_preview.cpp: POST /api/preview
void add_job_routes(Router& router);        // api_jobs.cpp: /api/jobs..., /api/output
void add_zip_routes(Router& router);        // api_zip.cpp: /api/jobs/{id}/zip
void add_metrics_routes(Router& router);    // api_metrics.cpp: /metrics

}  // namespace lote::server

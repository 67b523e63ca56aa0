// Every HTTP route of the server, in matching order: specific endpoints first, the page last.
#include "server/api/routes.hpp"

#include "server/net/router.hpp"

namespace lote::server {

void add_all_routes(Router& router) {
    // The HTTP API (docs/api.md: images, folders, uploads, thumbnails, previews, jobs, zips,
    // metrics) first: its /api/images replaces the basic one.
    add_api_routes(router);
    add_basic_routes(router);
    add_static_routes(router);
}

}  // namespace lote::server

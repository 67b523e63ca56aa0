// Every HTTP route of the server, in matching order: specific endpoints first, the page last.
#include "server/router.hpp"

namespace lote::server {

void add_all_routes(Router& router) {
    add_basic_routes(router);
    // The richer HTTP API (docs/api.md: uploads, thumbnails, previews, jobs, zips, metrics)
    // registers its routes here, before the catch-all static route.
    add_static_routes(router);
}

}  // namespace lote::server

#pragma once
// Every route the server answers, installed in one place.

#include "server/net/router.hpp"

namespace lote::server {

// The HTTP API (server/api/) and the page (server/net/static_files.cpp); throws
// std::logic_error if two families claim the same (method, pattern).
void add_all_routes(Router& router);

}  // namespace lote::server

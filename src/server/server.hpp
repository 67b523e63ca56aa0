#pragma once
// `lote serve`: one port for the page, the WebSocket and the HTTP API; jobs on their own threads;
// SIGINT/SIGTERM stop it cleanly (unfinished jobs resume on the next start).

#include <ostream>

#include "server/options.hpp"

namespace lote::server {

// Blocks until a signal stops the server. Prints the address (and the token when one is needed)
// to `out` once it listens. Returns the process exit status.
int run_server(ServerOptions options, std::ostream& out);

}  // namespace lote::server

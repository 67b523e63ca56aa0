#pragma once
// The messages of the WebSocket protocol (../shared/spec/protocol.md plus docs/api.md), built in
// one place so field names and types cannot drift between senders.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "batch/events.hpp"
#include "util/result.hpp"

namespace lote::server {

using nlohmann::json;

// Rounded to two decimals, as the seed's round(x, 2).
double round2(double value);

json conexion_message();
// {"tipo":"error","mensaje","codigo","parametros"} (server/errors.hpp).
json error_message(const Error& error);
json info_message(const std::string& text);
// Every registry id, the twelve seed filters first (the seed page shows them as checkboxes).
json filtros_message();
json imagenes_message(const std::vector<std::string>& names);
json aceptado_message(const std::string& job, bool queued, std::size_t position);

struct JobHeader {
    std::string job;
    std::uint64_t images = 0;        // inputs found
    std::uint64_t total = 0;         // to process (up-to-date ones excluded)
    std::uint64_t skipped = 0;       // up to date
    std::vector<std::string> names;  // filters and chains, in request order
    ExecutorKind mode = ExecutorKind::processes;
    unsigned cores = 0;
};
json inicio_message(const JobHeader& header);
json progreso_message(const std::string& job, const ProgressEvent& event);
json cancelado_message(const std::string& job, std::uint64_t processed, std::uint64_t total,
                       std::uint64_t cancelled = 0);
json finalizado_message(const std::string& job, const BatchSummary& summary);

struct ServerState {
    bool processing = false;
    std::size_t clients = 0;
    std::vector<std::string> running;
    std::vector<std::string> queued;
    unsigned cores = 0;
    // A server with a broker (`lote serve --broker`): the nodes connected to it.
    bool distributed = false;
    std::vector<NodeStatus> nodes;
};
json estado_message(const ServerState& state);

}  // namespace lote::server

#pragma once
// What every connection needs to reach: the options, the confined roots, the hub, the job store
// and manager, the HTTP routes. Each part is built before the context, in the order they depend
// on each other (run_server: options, roots, store, hub, routes, jobs, the request pool, then
// this), and outlives
// it; the context only refers to them, so every part is always there.

#include <atomic>
#include <filesystem>

#include "server/net/hub.hpp"
#include "server/net/security.hpp"
#include "server/options.hpp"

namespace lote::server {

class JobStore;
class JobManager;
class Router;
class WatchManager;
class WorkPool;

}  // namespace lote::server

namespace lote {
class NodeWatch;
}  // namespace lote

namespace lote::server {

struct ServerContext {
    const ServerOptions& options;
    std::filesystem::path input_root;   // canonical
    std::filesystem::path output_root;  // canonical
    std::filesystem::path web_root;     // canonical; may not exist (then only the API answers)
    std::filesystem::path state_file;   // the job store, never served (net/visible_files.hpp)
    OriginPolicy origins;
    Hub& hub;
    JobStore& store;
    JobManager& jobs;
    const Router& router;
    WorkPool& requests;  // blocking work of the WebSocket commands (scans, checks, the store)
    unsigned cores = 1;
    NodeWatch* nodes = nullptr;            // with a broker: the nodes connected to it
    WatchManager* watches = nullptr;       // the watched folders
    std::filesystem::path presets_folder;  // the server's saved presets, beside its job store
    std::atomic<bool> stopping{false};
};

}  // namespace lote::server

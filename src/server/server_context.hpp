#pragma once
// What every connection needs to reach: the options, the confined roots, the hub, the job store
// and manager, the HTTP routes. One per server, alive for as long as the io_context runs.

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

}  // namespace lote::server

namespace lote {
class NodeWatch;
}  // namespace lote

namespace lote::server {

struct ServerContext {
    ServerOptions options;
    std::filesystem::path input_root;   // canonical
    std::filesystem::path output_root;  // canonical
    std::filesystem::path web_root;     // canonical; may not exist (then only the API answers)
    std::filesystem::path state_file;   // the job store, never served (net/visible_files.hpp)
    OriginPolicy origins;
    Hub hub;
    JobStore* store = nullptr;
    JobManager* jobs = nullptr;
    const Router* router = nullptr;
    NodeWatch* nodes = nullptr;       // with a broker: the nodes connected to it
    WatchManager* watches = nullptr;  // the watched folders
    unsigned cores = 1;
    std::filesystem::path presets_folder;  // the server's saved presets, beside its job store
    std::atomic<bool> stopping{false};
};

}  // namespace lote::server

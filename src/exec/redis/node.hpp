#pragma once
// `lote node`: a machine's share of the work. It checks everything it can at start (the broker
// answers and accepts its credentials, its --map leads to folders holding the coordinators'
// share markers, no live node has its name) and refuses with a message (exit 2) before
// consuming anything; then runs its slots until stopped. A polite stop (SIGTERM, the first
// Ctrl-C) lets the images in progress finish; a second one, or the grace running out, hands them
// back to the broker for other nodes.

#include <chrono>
#include <string>
#include <vector>

#include "exec/redis/node_slot.hpp"
#include "exec/redis/path_map.hpp"

namespace lote {

struct NodeOptions {
    std::string broker;
    unsigned slots = 0;  // 0: one per core
    std::vector<PathMapping> maps;
    std::string name;            // empty: this host's name
    std::string worker_program;  // empty: this binary
    std::chrono::milliseconds stop_grace{45'000};
};

inline constexpr int kNodeOk = 0;
inline constexpr int kNodeRefused = 2;

// Node names become consumer names (name:slot) and temporary file names.
Status check_node_name(const std::string& name);

int run_node(const NodeOptions& options, NodeControl& control);

}  // namespace lote

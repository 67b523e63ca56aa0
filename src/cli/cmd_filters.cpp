// Placeholder until the subcommand is written.
#include <iostream>

#include "cli/commands.hpp"

namespace lote::cli {

void add_filters_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("filters", "not available yet");
    cmd->callback([&exit_code] {
        std::cerr << "lote filters: not available yet\n";
        exit_code = kExitUsage;
    });
}

}  // namespace lote::cli

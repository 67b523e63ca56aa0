// Placeholder until the subcommand is written.
#include <iostream>

#include "cli/commands.hpp"

namespace lote::cli {

void add_compare_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("compare", "not available yet");
    cmd->callback([&exit_code] {
        std::cerr << "lote compare: not available yet\n";
        exit_code = kExitUsage;
    });
}

}  // namespace lote::cli

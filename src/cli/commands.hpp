#pragma once
// One file per subcommand; each registers itself on the app and sets `exit_code` when it runs.
#include <CLI/CLI.hpp>

namespace lote::cli {

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

void add_run_command(CLI::App& app, int& exit_code);
void add_filters_command(CLI::App& app, int& exit_code);
void add_samples_command(CLI::App& app, int& exit_code);
void add_worker_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_node_command(CLI::App& app, int& exit_code);
void add_watch_command(CLI::App& app, int& exit_code);
void add_audit_command(CLI::App& app, int& exit_code);
// Also sets the app's --version flag.
void add_version_command(CLI::App& app, int& exit_code);
void add_presets_command(CLI::App& app, int& exit_code);

}  // namespace lote::cli

#pragma once
// `--config FILE` for a subcommand (`lote serve --config /etc/lote/lote.toml`): every long
// option of the command can be a key of the file (util/settings_file.hpp: TOML or JSON), written
// without its dashes, `_` allowed for `-` (`port = 8080`, `allow-origin = ["https://x"]`,
// `no-samples = true`). What the command line gives wins over the file.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace lote::cli {

// Adds `--config FILE` to `cmd`, whose callback then calls apply_config_file(cmd) first.
void add_config_option(CLI::App& cmd);

// Sets each option of `cmd` that the command line left out from the --config file, through the
// option's own checks; returns the file read (nullopt without --config). An unreadable file, an
// unknown or repeated key, a switch given anything but true/false, a list for a one-value option
// or a value the option refuses throws CLI::ConfigError (exit status 2) naming the file, the
// line and the key.
std::optional<std::string> apply_config_file(CLI::App& cmd);

}  // namespace lote::cli

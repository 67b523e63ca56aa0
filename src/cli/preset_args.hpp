#pragma once
// Presets on the command line: `--preset NAME|FILE.json` fills the job's settings, flags given
// on the command line win; `presets save` turns the flags given into a preset document.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli/job_options.hpp"

namespace lote::cli {

// The long names ("--quality", "-f" as "--filter") of the options given on the command line.
std::set<std::string> given_options(const CLI::App& cmd);

// A saved or built-in preset by name, or a file when the value ends in ".json" or has a '/'.
Result<nlohmann::json> load_preset(const std::string& name_or_file);

// Copies the preset's settings into `args` where the flag was not given.
Status apply_preset(const nlohmann::json& preset, JobArgs& args,
                    const std::set<std::string>& given);

// `--preset VALUE` of `cmd`: loads it and fills what the command line did not say; nothing when
// `value` is empty.
Status use_preset_option(const std::string& value, JobArgs& args, const CLI::App& cmd);

// The preset document for the flags given (and only those).
Result<nlohmann::json> preset_from_args(const JobArgs& args, const std::set<std::string>& given,
                                        const std::string& description);

}  // namespace lote::cli

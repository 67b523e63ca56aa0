#pragma once
// The options `lote run` and `lote compare` share: what to read, which filters or chains, how to
// save; turned into a JobSpec and checked before any work starts.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "batch/job.hpp"

namespace lote::cli {

struct JobArgs {
    std::string input;
    std::string output;
    std::vector<std::string> filters;      // -f, each "id[:k=v,...]" or "all"
    std::vector<std::string> chains;       // --chain "a | b:k=v"
    std::vector<std::string> chain_names;  // --chain-name, paired with --chain in order
    std::string format;
    int quality = SaveOptions{}.quality;
    bool strip = false;
    bool no_auto_orient = false;
    std::uint64_t max_pixels = LoadOptions{}.max_pixels;
    bool recursive = false;
    std::string mode = "procesos";
    unsigned workers = 0;
    bool force = false;
    double timeout = JobSpec{}.task_timeout_seconds;
    std::string metadata;  // --metadata all|copyright|none (empty: all)
    bool no_location = false;
    std::string artist;
    std::string copyright;
    bool to_srgb = false;
    std::string name_template = std::string(kDefaultNameTemplate);
    bool slug = false;
    std::string on_conflict = "overwrite";
    std::vector<Chain>
        preset_chains;        // a preset's filters and chains, when -f/--chain are not given
    bool mode_given = false;  // --mode was on the command line
    std::string broker;       // --broker: send the images to `lote node`s through Redis
    double claim_timeout = JobSpec{}.claim_timeout_seconds;
    unsigned max_deliveries = JobSpec{}.max_deliveries;
    bool filters_optional = false;  // lote audit describes a folder without any filters
    bool accept_damaged = false;
    std::string worker_memory = "auto";  // MB per worker process, 0 for none, or "auto"
};

// -f/--filter, --chain, --chain-name (the -f help lists the registry's filters).
void add_filter_options(CLI::App& cmd, JobArgs& args);
// --format, --quality, --strip, --no-auto-orient, --max-pixels, -r.
void add_image_options(CLI::App& cmd, JobArgs& args);
// --workers.
void add_workers_option(CLI::App& cmd, JobArgs& args);
// --metadata, --no-location, --artist, --copyright, --to-srgb.
void add_metadata_options(CLI::App& cmd, JobArgs& args);
// --name, --slug, --on-conflict.
void add_naming_options(CLI::App& cmd, JobArgs& args);

// The chains -f/--chain/--chain-name ask for (possibly none).
Result<std::vector<Chain>> parse_filter_args(const JobArgs& args);
// --broker, --claim-timeout, --max-deliveries.
void add_broker_options(CLI::App& cmd, JobArgs& args);
// --worker-memory.
void add_worker_memory_option(CLI::App& cmd, JobArgs& args);

// "auto" (a share of the machine's memory: nothing), or a number of MB (0: no ceiling).
Result<std::optional<std::uint64_t>> worker_memory_from_text(const std::string& text);

// Parses every filter and chain (messages name the filter, parameter and range), expands
// `-f all`, and checks the input folder.
Result<JobSpec> job_spec_from_args(const JobArgs& args);

}  // namespace lote::cli

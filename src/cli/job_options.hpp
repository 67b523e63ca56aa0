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
    bool accept_damaged = false;
    std::string worker_memory = "auto";  // MB per worker process, 0 for none, or "auto"
};

// -f/--filter, --chain, --chain-name (the -f help lists the registry's filters).
void add_filter_options(CLI::App& cmd, JobArgs& args);
// --format, --quality, --strip, --no-auto-orient, --max-pixels, -r.
void add_image_options(CLI::App& cmd, JobArgs& args);
// --workers.
void add_workers_option(CLI::App& cmd, JobArgs& args);
// --worker-memory.
void add_worker_memory_option(CLI::App& cmd, JobArgs& args);

// "auto" (a share of the machine's memory: nothing), or a number of MB (0: no ceiling).
Result<std::optional<std::uint64_t>> worker_memory_from_text(const std::string& text);

// Parses every filter and chain (messages name the filter, parameter and range), expands
// `-f all`, and checks the input folder.
Result<JobSpec> job_spec_from_args(const JobArgs& args);

}  // namespace lote::cli

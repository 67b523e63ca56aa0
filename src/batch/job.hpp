#pragma once
// What a user asks for: a job is a set of inputs times a list of chains.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "batch/output_naming.hpp"
#include "exec/executor_kind.hpp"
#include "filters/chain.hpp"
#include "pipeline/options.hpp"

namespace lote {

struct JobSpec {
    std::filesystem::path input;   // a folder (or a single file)
    std::filesystem::path output;  // output root; one sub-folder per chain
    bool recursive = false;
    std::vector<Chain> chains;  // single filters are one-step chains named after the filter
    LoadOptions load;
    SaveOptions save;
    ExecutorKind executor = ExecutorKind::processes;
    unsigned workers = 0;               // 0: one per core
    bool force = false;                 // redo outputs the manifest says are up to date
    double task_timeout_seconds = 300;  // per image, process executor
    NamingOptions naming;               // file-name template, --slug, --on-conflict
    // The program the process executor starts as `<program> worker`; empty: this binary. Not
    // part of the JSON form (tests point it at the built `lote`).
    std::string worker_program;
    // The distributed executor's broker, redis://[user:password@]host:port. Not part of the
    // JSON form either: it may hold a password, and a server fills it in from its own option.
    std::string broker;
    double claim_timeout_seconds = 30;  // a node silent this long loses its task to another
    unsigned max_deliveries = 3;        // deliveries lost to dying nodes before a task is set aside
    // Links among the inputs must lead inside this folder (the server's input root); empty: the
    // input folder itself. Not part of the JSON form either.
    std::filesystem::path confine_inputs_to;
    // Folders never read as input besides `output` (the server's whole output root, when a job
    // writes to a sub-folder of it). Not part of the JSON form.
    std::vector<std::filesystem::path> skip_inputs;
    // Each worker process's memory ceiling in MB (0: none); unset: a share of the machine's
    // memory. Threads have none (they share the process).
    std::optional<std::uint64_t> worker_memory_mb;
};

nlohmann::json job_spec_to_json(const JobSpec& spec);
Result<JobSpec> job_spec_from_json(const nlohmann::json& j);

}  // namespace lote

#pragma once
// A `procesar` message checked field by field and turned into a job: nothing starts unless every
// filter, parameter, chain and path is valid. The normalised settings are what the job store
// keeps, so a resumed job is rebuilt by the very same checks.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "batch/job.hpp"
#include "batch/preset_store.hpp"
#include "batch/run_batch.hpp"
#include "batch/scan_inputs.hpp"
#include "util/result.hpp"

namespace lote::server {

struct Roots {
    std::filesystem::path input;
    std::filesystem::path output;
};

struct JobRequest {
    nlohmann::json settings;  // normalised request, stored with the job
    JobSpec spec;
    std::vector<std::string> names;  // filters then chains, in request order
    std::uint64_t images = 0;        // inputs found when the request was checked
    // Those inputs, scanned as the batch would (batch_scan_options) and handed to it, so a job
    // works on what was checked and the folder is read once. A watched folder's batch puts only
    // the files that arrived here.
    InputScan inputs;
    // A watched folder's batch: each image's results also told to `on_image`, and the end (run,
    // failed or cancelled in the queue) told to `on_end`. Never stored: a restart does not
    // resume such a batch as it is.
    ImageResultSink on_image = {};
    std::function<void(const Result<BatchSummary>&)> on_end = {};
};

// Reads the input folder (blocking: not on an io thread). `has_broker`: the server was started
// with --broker, so `modo: "distribuido"` is possible (and the default when the request names
// no mode). `allow_empty`: a folder without images is accepted (a watched folder waits for
// them).
Result<JobRequest> parse_procesar(const nlohmann::json& message, const Roots& roots, unsigned cores,
                                  bool has_broker = false, bool allow_empty = false);

// A `procesar` with "preset": the preset's settings under the message's own fields (a message
// naming filters or chains replaces the preset's). Without "preset" the message as it is.
Result<nlohmann::json> with_preset(const nlohmann::json& message, const PresetStore& presets);
// A preset's settings under a message's own fields, as with_preset merges them (the message's
// "preset" key included).
nlohmann::json under_preset(nlohmann::json preset, const nlohmann::json& message);

// The images of one input folder (relative names, sorted), as a batch would see them (files
// the job's steps read, such as a logo, are left out).
Result<std::vector<std::string>> list_input_images(const std::filesystem::path& folder,
                                                   const Roots& roots, bool recursive,
                                                   const std::vector<std::string>& skip_files = {});

}  // namespace lote::server

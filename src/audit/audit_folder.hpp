#pragma once
// A pre-flight look at a folder before a batch: what is in it (formats, sizes, colour, depth,
// alpha, orientation, pages), what will be refused and why, duplicates by content, inputs whose
// outputs would clash by name, and — given a job — what the batch would do and how long it would
// take on this machine (timed on one or two of the photos, scaled by megapixels). Reads headers
// only; writes nothing but the calibration's outputs, in a temporary folder removed after.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "audit/image_header.hpp"
#include "batch/dry_run.hpp"
#include "batch/job.hpp"
#include "util/result.hpp"

namespace lote::audit {

struct RefusedFile {
    std::string name;
    Refusal refusal = Refusal::none;
    std::string reason;
};

struct Estimate {
    double seconds = 0;  // for the outputs to write or redo, on `workers` workers
    double seconds_per_megapixel = 0;
    std::vector<std::string> timed;  // the photos timed
    unsigned workers = 1;
};

struct AuditReport {
    std::uint64_t files = 0;  // images and refused files
    std::uint64_t ignored = 0;
    std::map<std::string, std::uint64_t> formats, colour_spaces, profiles, bit_depths;
    std::uint64_t with_alpha = 0, rotated = 0, multipage = 0;
    std::vector<std::string> multipage_files, rotated_files;
    int min_width = 0, min_height = 0, max_width = 0, max_height = 0;
    double megapixels = 0;
    std::vector<RefusedFile> refused;
    std::vector<std::vector<std::string>> duplicates;  // groups of same content
    std::vector<std::vector<std::string>> clashes;     // groups that name one output alike
    std::string naming_refused;  // why the name template would be refused (two inputs, one name)
    std::optional<DryRunPlan> plan;  // given a job with an output folder
    std::optional<Estimate> estimate;
};

struct AuditOptions {
    bool with_plan = false;  // the job names filters and an output folder
    bool calibrate = true;
};

Result<AuditReport> audit_folder(const JobSpec& spec, const AuditOptions& options);

nlohmann::json to_json(const AuditReport& report);

}  // namespace lote::audit

#pragma once
// The worker's job, identical in every executor: decode one input once, run each wanted chain on
// it, write each output atomically, and report one result per output.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "filters/chain.hpp"
#include "pipeline/name_pattern.hpp"
#include "pipeline/options.hpp"

namespace lote {

struct OutputRequest {
    Chain chain;
    std::string path;  // final output path; the format follows from SaveOptions/the input
    // When `path` is empty the name needs the decoded image ({date}, {w}, {h}): the worker
    // renders `name` in `folder`, and treats an existing file there that is not one of
    // `replaceable` (the manifest's outputs of this input) by `on_conflict`.
    std::string folder;
    NamePattern name;
    ConflictPolicy on_conflict = ConflictPolicy::Overwrite;
    std::vector<std::string> replaceable;
};

struct ImageTask {
    std::uint64_t id = 0;
    std::string input;  // absolute or cwd-relative path of the input file
    std::vector<OutputRequest> outputs;
    LoadOptions load;
    SaveOptions save;
};

struct OutputResult {
    std::string chain;  // chain name
    std::string path;   // written path (empty on failure)
    bool ok = false;
    std::string message;  // the failure's reason, or empty
    double seconds = 0;   // time spent on this output (its share of the decode included)
    std::uint64_t bytes = 0;
    bool skipped = false;  // a file lote did not make was there and was kept (--on-conflict skip)
    // Stopped by a cancel before it was written: neither done nor failed, redone by the next run.
    bool cancelled = false;
    // Already up to date from an earlier run: not made again, but one of this batch's outputs.
    bool up_to_date = false;
    ErrorKind kind = ErrorKind::internal;  // the failure's kind (when !ok)
    // When ok: what the decoder reported about a damaged file it was allowed to keep
    // (LoadOptions::accept_damaged), or empty.
    std::string warning;
};

struct ImageResult {
    std::uint64_t id = 0;
    std::string input;
    std::vector<OutputResult> outputs;
    std::vector<std::string> warnings;  // e.g. a malformed EXIF block left out
    std::string node;  // the machine that did it (distributed executor); empty otherwise
};

ImageResult process_image(const ImageTask& task);

nlohmann::json to_json(const ImageTask& t);
Result<ImageTask> image_task_from_json(const nlohmann::json& j);
nlohmann::json to_json(const ImageResult& r);
Result<ImageResult> image_result_from_json(const nlohmann::json& j);

}  // namespace lote

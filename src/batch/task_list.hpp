#pragma once
// From a plan to the tasks that still need doing: each image's outputs the manifest does not
// show as up to date (all of them with `force`). An image with nothing left is skipped.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "batch/freshness.hpp"
#include "batch/manifest.hpp"
#include "batch/plan_outputs.hpp"
#include "pipeline/process_image.hpp"

namespace lote {

// What the manifest needs to record one output once its result arrives.
struct OutputNote {
    std::string relative;  // below the output root; empty when the worker names the file
    std::string settings;
    std::string folder;  // below the output root, with '/': where a worker-named file goes
};

struct TaskNote {
    std::string image;      // relative input name (events)
    std::string input_key;  // the manifest's key for the input
    InputStamp stamp;
    std::map<std::string, OutputNote> outputs;  // by chain name
    std::string refusal = {};                   // set: the input is refused, never opened
};

// An output the manifest shows as up to date: not redone, still one of the batch's results.
struct CurrentOutput {
    std::string image;  // relative input name
    std::string chain;  // chain name
    std::string path;   // the file on disk
};

struct TaskList {
    std::vector<ImageTask> tasks;  // task.id indexes `notes`
    // Inputs the scan refused (InputFile::refusal): they fail with their note's reason without
    // reaching an executor. Their ids index `notes` too.
    std::vector<ImageTask> refused;
    std::vector<TaskNote> notes;
    std::vector<std::uint64_t> skipped_outputs;  // per chain
    std::uint64_t skipped_images = 0;
    std::vector<CurrentOutput> current;  // the up-to-date outputs, in plan order
    std::uint64_t kept_files = 0;        // outputs not written over a file lote did not make
};

struct TaskSettings {
    const std::vector<Chain>* chains = nullptr;
    const std::vector<std::string>* settings = nullptr;  // per chain (operation_settings)
    LoadOptions load;
    SaveOptions save;
    bool force = false;
    ConflictPolicy on_conflict = ConflictPolicy::Overwrite;
    std::filesystem::path output_root;
};

// The manifest's key for an input: its absolute, normalised path.
std::string input_key(const std::filesystem::path& input);

TaskList make_task_list(const std::vector<PlannedImage>& plan, const TaskSettings& settings,
                        const Manifest& manifest);

}  // namespace lote

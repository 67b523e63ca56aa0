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
    std::string relative;  // below the output root
    std::string settings;
};

struct TaskNote {
    std::string image;      // relative input name (events)
    std::string input_key;  // the manifest's key for the input
    InputStamp stamp;
    std::map<std::string, OutputNote> outputs;  // by chain name
    std::string refusal = {};                   // set: the input is refused, never opened
};

struct TaskList {
    std::vector<ImageTask> tasks;  // task.id indexes `notes`
    // Inputs the scan refused (InputFile::refusal): they fail with their note's reason without
    // reaching an executor. Their ids index `notes` too.
    std::vector<ImageTask> refused;
    std::vector<TaskNote> notes;
    std::vector<std::uint64_t> skipped_outputs;  // per chain
    std::uint64_t skipped_images = 0;
};

struct TaskSettings {
    const std::vector<Chain>* chains = nullptr;
    const std::vector<std::string>* settings = nullptr;  // per chain (operation_settings)
    LoadOptions load;
    SaveOptions save;
    bool force = false;
};

// The manifest's key for an input: its absolute, normalised path.
std::string input_key(const std::filesystem::path& input);

TaskList make_task_list(const std::vector<PlannedImage>& plan, const TaskSettings& settings,
                        const Manifest& manifest);

}  // namespace lote

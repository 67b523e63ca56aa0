#include "batch/task_list.hpp"

#include <algorithm>

namespace lote {

namespace fs = std::filesystem;

std::string input_key(const fs::path& input) {
    return fs::absolute(input).lexically_normal().string();
}

namespace {

// An unreadable input still becomes a task: the worker then reports why it cannot be read.
InputStamp stamp_or_empty(const fs::path& input, const std::string& key, const Manifest& manifest) {
    auto stamp = stamp_input(input, key, manifest);
    return stamp ? *stamp : InputStamp{};
}

bool needs_output(const PlannedOutput& output, const std::string& settings, const InputStamp& stamp,
                  const Manifest& manifest, bool force) {
    if (force || stamp.hash.empty()) {
        return true;
    }
    return !output_is_current(manifest.find_output(output.relative), stamp.hash, settings,
                              output.path);
}

// The biggest inputs go first (by file size, a free proxy for pixels): with one image per task,
// a big image started last keeps one core busy while the others have nothing left to do.
// Ids keep indexing `notes`; only the order of hand-out changes.
void order_largest_first(TaskList& list) {
    std::stable_sort(list.tasks.begin(), list.tasks.end(),
                     [&](const ImageTask& a, const ImageTask& b) {
                         return list.notes[a.id].stamp.size > list.notes[b.id].stamp.size;
                     });
}

}  // namespace

TaskList make_task_list(const std::vector<PlannedImage>& plan, const TaskSettings& settings,
                        const Manifest& manifest) {
    const auto& chains = *settings.chains;
    TaskList list;
    list.skipped_outputs.assign(chains.size(), 0);
    for (const PlannedImage& image : plan) {
        TaskNote note{image.input.relative, input_key(image.input.path), {}, {}};
        note.refusal = image.input.refusal;
        // A refused input is never read, not even to stamp it; it is always "to do" (and fails).
        if (note.refusal.empty()) {
            note.stamp = stamp_or_empty(image.input.path, note.input_key, manifest);
        }
        ImageTask task{
            list.notes.size(), image.input.path.string(), {}, settings.load, settings.save};
        for (const PlannedOutput& output : image.outputs) {
            const std::string& output_settings = (*settings.settings)[output.chain];
            if (!needs_output(output, output_settings, note.stamp, manifest, settings.force)) {
                ++list.skipped_outputs[output.chain];
                continue;
            }
            task.outputs.push_back({chains[output.chain], output.path.string()});
            note.outputs[chains[output.chain].name] = {output.relative, output_settings};
        }
        if (task.outputs.empty()) {
            ++list.skipped_images;
            continue;
        }
        (note.refusal.empty() ? list.tasks : list.refused).push_back(std::move(task));
        list.notes.push_back(std::move(note));
    }
    order_largest_first(list);
    return list;
}

}  // namespace lote

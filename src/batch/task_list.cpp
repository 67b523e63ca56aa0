#include "batch/task_list.hpp"

#include <algorithm>
#include <set>

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

std::string file_name_of(const std::string& relative) {
    auto slash = relative.rfind('/');
    return slash == std::string::npos ? relative : relative.substr(slash + 1);
}

// A record of this input made with these settings under this name pattern (possibly renamed
// away from a file of the user's): the output of an earlier run with a name the planner
// could not know, or moved aside by --on-conflict rename.
bool is_same_output(const OutputRecord& record, const PlannedOutput& output,
                    const std::string& settings) {
    return record.settings == settings && record.output.starts_with(output.folder) &&
           record.output.find('/', output.folder.size()) == std::string::npos &&
           name_matches(output.name, file_name_of(record.output));
}

bool recorded_current(const std::vector<OutputRecord>& records, const PlannedOutput& output,
                      const std::string& settings, const InputStamp& stamp,
                      const TaskSettings& task) {
    for (const OutputRecord& record : records) {
        if (is_same_output(record, output, settings) &&
            output_is_current(record, stamp.hash, settings, task.output_root / record.output)) {
            return true;
        }
    }
    return false;
}

bool needs_output(const PlannedOutput& output, const std::string& settings, const InputStamp& stamp,
                  const Manifest& manifest, const std::vector<OutputRecord>& records,
                  const TaskSettings& task) {
    if (task.force || stamp.hash.empty()) {
        return true;
    }
    if (!output.relative.empty() && output_is_current(manifest.find_output(output.relative),
                                                      stamp.hash, settings, output.path)) {
        return false;
    }
    return !recorded_current(records, output, settings, stamp, task);
}

bool occupied(const fs::path& path) {
    std::error_code ec;
    return fs::symlink_status(path, ec).type() != fs::file_type::not_found && !ec;
}

// A planned path holding a file the manifest knows nothing of is the user's.
bool belongs_to_user(const std::string& relative, const fs::path& path, const Manifest& manifest) {
    return occupied(path) && !manifest.find_output(relative);
}

// --on-conflict for an output whose path is known now. False: leave the user's file, skip.
// `claimed` holds every path planned or taken by a rename in this run.
bool settle_conflict(PlannedOutput& output, const Manifest& manifest, const TaskSettings& task,
                     std::set<std::string>& claimed) {
    if (task.on_conflict == ConflictPolicy::Overwrite ||
        !belongs_to_user(output.relative, output.path, manifest)) {
        return true;
    }
    if (task.on_conflict == ConflictPolicy::Skip) {
        return false;
    }
    std::string name = file_name_of(output.relative);
    for (int n = 1;; ++n) {
        std::string relative = output.folder + renamed(name, n);
        fs::path path = task.output_root / fs::path(relative);
        if (claimed.count(relative) == 0 && !belongs_to_user(relative, path, manifest)) {
            output.relative = relative;
            output.path = path;
            claimed.insert(relative);
            return true;
        }
    }
}

OutputRequest request_for(const PlannedOutput& output, const Chain& chain,
                          const std::vector<OutputRecord>& records, const TaskSettings& task) {
    OutputRequest request{chain, output.path.string()};
    if (!output.relative.empty()) {
        return request;
    }
    request.folder = (task.output_root / fs::path(output.folder)).string();
    request.name = output.name;
    request.on_conflict = task.on_conflict;
    for (const OutputRecord& record : records) {
        if (record.output.starts_with(output.folder)) {
            request.replaceable.push_back((task.output_root / fs::path(record.output)).string());
        }
    }
    return request;
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

// The manifest's records of an input are only needed when a name is not known in advance or
// may have been moved aside; a plain run reads none.
bool needs_records(const PlannedImage& image, const TaskSettings& settings) {
    if (settings.on_conflict == ConflictPolicy::Rename) {
        return true;
    }
    return std::any_of(image.outputs.begin(), image.outputs.end(),
                       [](const PlannedOutput& o) { return o.relative.empty(); });
}

TaskList make_task_list(const std::vector<PlannedImage>& plan, const TaskSettings& settings,
                        const Manifest& manifest) {
    const auto& chains = *settings.chains;
    TaskList list;
    list.skipped_outputs.assign(chains.size(), 0);
    // Every planned name, so a rename never takes the name of another input's output.
    std::set<std::string> claimed;
    if (settings.on_conflict == ConflictPolicy::Rename) {
        for (const PlannedImage& image : plan) {
            for (const PlannedOutput& output : image.outputs) claimed.insert(output.relative);
        }
    }
    for (const PlannedImage& image : plan) {
        TaskNote note{image.input.relative, input_key(image.input.path), {}, {}};
        note.refusal = image.input.refusal;
        // A refused input is never read, not even to stamp it; it is always "to do" (and fails).
        if (note.refusal.empty()) {
            note.stamp = stamp_or_empty(image.input.path, note.input_key, manifest);
        }
        std::vector<OutputRecord> records;
        if (needs_records(image, settings)) {
            records = manifest.outputs_of_input(note.input_key);
        }
        ImageTask task{
            list.notes.size(), image.input.path.string(), {}, settings.load, settings.save};
        for (PlannedOutput output : image.outputs) {
            const std::string& output_settings = (*settings.settings)[output.chain];
            if (!needs_output(output, output_settings, note.stamp, manifest, records, settings)) {
                ++list.skipped_outputs[output.chain];
                list.current.push_back(
                    {image.input.relative, chains[output.chain].name, output.path.string()});
                continue;
            }
            if (!output.relative.empty() && !settle_conflict(output, manifest, settings, claimed)) {
                ++list.skipped_outputs[output.chain];
                ++list.kept_files;
                continue;
            }
            task.outputs.push_back(request_for(output, chains[output.chain], records, settings));
            note.outputs[chains[output.chain].name] = {output.relative, output_settings,
                                                       output.folder};
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

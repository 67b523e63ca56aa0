#include "batch/run_batch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "batch/batch_planning.hpp"
#include "batch/chain_names.hpp"
#include "batch/manifest.hpp"
#include "batch/operation_settings.hpp"
#include "batch/plan_outputs.hpp"
#include "batch/progress_aggregator.hpp"
#include "batch/run_ledger.hpp"
#include "batch/scan_inputs.hpp"
#include "batch/stale_temporaries.hpp"
#include "batch/task_list.hpp"
#include "batch/task_note_json.hpp"
#include "exec/executor.hpp"
#include "exec/failed_result.hpp"
#include "filters/chain_resources.hpp"
#include "pipeline/encode_image.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

// Two chains whose names differ only by characters a folder cannot hold (or by case, or
// once folded by --slug) would share a folder.
Status check_chain_folders(const JobSpec& spec) {
    std::map<std::string, std::string> seen;
    for (const Chain& chain : spec.chains) {
        std::string folder = chain_folder_name(chain.name, spec.naming.slug);
        std::string key = folder;
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto [it, added] = seen.emplace(key, chain.name);
        if (!added) {
            return fail("\"" + it->second + "\" and \"" + chain.name +
                        "\" would share the output folder \"" + folder +
                        "\"; give them names that differ in letters or digits")
                .coded(codes::output_folder_shared,
                       {{"chain", chain.name}, {"other", it->second}, {"folder", folder}});
        }
    }
    return {};
}

Status check_spec(const JobSpec& spec) {
    if (Status names = check_chain_names(spec.chains); !names) {
        return names;
    }
    if (Status folders = check_chain_folders(spec); !folders) {
        return folders;
    }
    if (spec.output.empty()) {
        return fail("no output folder given");
    }
    // What the steps read besides the images (a logo), loaded once for the whole job.
    return prepare_chain_resources(spec.chains);
}

Status make_output_root(const fs::path& output) {
    std::error_code ec;
    fs::create_directories(output, ec);
    if (ec || !fs::is_directory(output)) {
        return fail("cannot create the output folder " + output.string() +
                    (ec ? ": " + ec.message() : ""));
    }
    return {};
}

}  // namespace

// The output tree is never read back as input (it may lie inside the input folder).
ScanOptions batch_scan_options(const JobSpec& spec) {
    ScanOptions options;
    options.recursive = spec.recursive;
    options.skip_dirs = spec.skip_inputs;
    options.confine_to = spec.confine_inputs_to;
    std::error_code ec;
    if (!fs::equivalent(spec.output, spec.input, ec)) {
        options.skip_dirs.push_back(spec.output);
    }
    for (const Chain& chain : spec.chains) {
        options.skip_dirs.push_back(spec.output / chain_folder_name(chain.name, spec.naming.slug));
    }
    // A logo kept beside the photos is not one of them.
    for (const std::string& file : files_read_by(spec.chains)) {
        options.skip_files.push_back(file);
    }
    return options;
}

namespace {

std::vector<std::string> chain_names_of(const std::vector<Chain>& chains) {
    std::vector<std::string> names;
    for (const Chain& chain : chains) {
        names.push_back(chain.name);
    }
    return names;
}

// A name template is part of how an output is made (its name), so changing it redoes the
// outputs; the default adds nothing, so manifests written before templates stay current.
std::vector<std::string> settings_of(const JobSpec& spec) {
    std::vector<std::string> settings;
    std::string naming;
    if (!spec.naming.is_default()) {
        naming = "|name=" + spec.naming.name_template + (spec.naming.slug ? "|slug" : "");
    }
    for (const Chain& chain : spec.chains) {
        settings.push_back(operation_settings(chain, spec.save, spec.load) + naming);
    }
    return settings;
}

// Only the images the scan selects become tasks; the others kept their names in the plan.
void keep_selected(std::vector<PlannedImage>& plan, const InputScan& scan) {
    if (!scan.selected) {
        return;
    }
    std::erase_if(plan, [&scan](const PlannedImage& image) {
        return scan.selected->count(image.input.relative) == 0;
    });
}

std::uint64_t images_worked_on(const InputScan& scan) {
    return scan.selected ? scan.selected->size() : scan.images.size();
}

// A refused input (InputFile::refusal) is never opened, not even to pick its output's extension:
// that follows its name.
std::string extension_by_name(const fs::path& input, const SaveOptions& save) {
    if (save.format) {
        return format_extension(*save.format);
    }
    std::string own = input.extension().string();
    auto format = own.empty() ? std::nullopt : parse_format(own.substr(1));
    return format && can_write(*format) ? own : format_extension(Format::Png);
}

Result<std::vector<PlannedImage>> plan_names(const JobSpec& spec, const InputScan& scan) {
    std::set<fs::path> refused;
    for (const InputFile& input : scan.images) {
        if (!input.refusal.empty()) {
            refused.insert(input.path);
        }
    }
    auto extension_for = [&spec, &refused](const fs::path& input) {
        if (refused.count(input) != 0) {
            return extension_by_name(input, spec.save);
        }
        return choose_output_extension(input.string(), spec.save);
    };
    auto planned = plan_named_outputs(scan.images, chain_names_of(spec.chains), spec.output,
                                      extension_for, spec.naming);
    if (planned) {
        keep_selected(*planned, scan);
    }
    return planned;
}

TaskList plan_tasks(const JobSpec& spec, const std::vector<PlannedImage>& plan,
                    const Manifest& manifest) {
    std::vector<std::string> settings = settings_of(spec);
    TaskSettings task_settings{&spec.chains, &settings,  spec.load,
                               spec.save,    spec.force, spec.naming.on_conflict,
                               spec.output};
    return make_task_list(plan, task_settings, manifest);
}

}  // namespace

Status check_job(const JobSpec& spec) {
    return check_spec(spec);
}

Result<TaskList> plan_batch_tasks(const JobSpec& spec, const InputScan& scan,
                                  const Manifest& manifest) {
    auto plan = plan_names(spec, scan);
    if (!plan) {
        return plan.error();
    }
    return plan_tasks(spec, *plan, manifest);
}

namespace {

// Where the output of a result went, below the output root.
std::string relative_output(const OutputNote& note, const OutputResult& output) {
    if (!note.relative.empty()) {
        return note.relative;
    }
    return note.folder + fs::path(output.path).filename().string();
}

// Writes the outcome of one image to the manifest: outputs written are recorded with their size
// and mtime now on disk, failed ones forgotten.
void record_result(Manifest& manifest, const TaskNote& note, const ImageResult& result) {
    std::vector<OutputRecord> written;
    std::vector<std::string> failed;
    for (const OutputResult& output : result.outputs) {
        auto found = note.outputs.find(output.chain);
        if (found == note.outputs.end()) {
            continue;
        }
        if (output.skipped) {
            continue;  // the user's file stays, and is not lote's to record
        }
        std::string relative = relative_output(found->second, output);
        std::optional<FileStat> stat = output.ok ? stat_file(output.path) : std::nullopt;
        if (!stat || note.stamp.hash.empty()) {
            if (!relative.empty() && !found->second.relative.empty()) {
                failed.push_back(relative);
            }
            continue;
        }
        written.push_back({relative, note.input_key, note.stamp.hash, found->second.settings,
                           stat->size, stat->mtime_ns});
    }
    // A manifest that cannot be written only costs redoing this image next time: said, not fatal.
    if (Status recorded = manifest.record_image(note.input_key, note.stamp, written, failed);
        !recorded) {
        spdlog::warn("{}: not recorded in the manifest ({}); it will be redone next time",
                     note.image, recorded.message());
    }
}

// The outputs left as they were still belong to this batch's results (a job's gallery and zip);
// they are told to the result sink, one ImageResult per image, marked up to date.
void report_current_outputs(const TaskList& list, const ImageResultSink& on_image) {
    std::size_t i = 0;
    while (i < list.current.size()) {
        ImageResult result;
        const std::string& image = list.current[i].image;
        for (; i < list.current.size() && list.current[i].image == image; ++i) {
            OutputResult output;
            output.chain = list.current[i].chain;
            output.path = list.current[i].path;
            output.ok = true;
            output.up_to_date = true;
            result.outputs.push_back(std::move(output));
        }
        on_image(image, result);
    }
}

AggregatorSetup aggregator_setup(const JobSpec& spec, const InputScan& scan, const TaskList& list,
                                 const Executor& executor) {
    AggregatorSetup setup;
    setup.filters = chain_names_of(spec.chains);
    setup.skipped_outputs = list.skipped_outputs;
    setup.images_found = images_worked_on(scan);
    setup.skipped_images = list.skipped_images;
    setup.kept_files = list.kept_files;
    setup.total = list.tasks.size() + list.refused.size();
    setup.machine_cores = std::max(1u, std::thread::hardware_concurrency());
    setup.workers = executor.workers();
    setup.executor = executor.kind();
    return setup;
}

bool uses_broker(const Executor& executor) {
    return executor.kind() == ExecutorKind::distributed;
}

// The folders nodes must find: the input's (a single file's own folder) and the output.
std::vector<std::string> shared_folders(const JobSpec& spec) {
    std::error_code ec;
    fs::path input = fs::is_directory(spec.input, ec) ? spec.input : spec.input.parent_path();
    return {(input.empty() ? fs::path(".") : input).string(), spec.output.string()};
}

ExecutorOptions executor_options(const JobSpec& spec) {
    ExecutorOptions options;
    options.workers = spec.workers;
    options.task_timeout_seconds = spec.task_timeout_seconds;
    options.worker_program = spec.worker_program;
    options.worker_memory_mb = spec.worker_memory_mb;
    options.broker = spec.broker;
    options.claim_timeout_seconds = spec.claim_timeout_seconds;
    options.max_deliveries = spec.max_deliveries;
    options.shared_folders = shared_folders(spec);
    return options;
}

std::vector<std::string> notes_of(const TaskList& list) {
    std::vector<std::string> notes;
    notes.reserve(list.notes.size());
    for (const TaskNote& note : list.notes) {
        notes.push_back(task_note_to_text(note));
    }
    return notes;
}

// A result a crashed earlier run left on the broker: recorded like any other, with the output
// paths the note gives (the node's own paths are not trusted for where the outputs are).
void record_leftover(const JobSpec& spec, Manifest& manifest, const std::string& note_text,
                     const ImageResult& result, const ImageResultSink& on_image) {
    auto note = task_note_from_text(note_text);
    if (!note) {
        return;
    }
    ImageResult placed = result;
    for (OutputResult& output : placed.outputs) {
        auto found = note->outputs.find(output.chain);
        std::string relative;
        if (found != note->outputs.end() && output.ok) {
            // A name the worker rendered after decoding: only its file name is taken, in the
            // folder the note planned.
            std::string name = fs::path(output.path).filename().string();
            bool plain = !name.empty() && name != "." && name != "..";
            relative = !found->second.relative.empty()          ? found->second.relative
                       : plain && !found->second.folder.empty() ? found->second.folder + name
                                                                : std::string();
        }
        output.path = relative.empty() ? std::string() : (spec.output / relative).string();
        output.ok = output.ok && !output.path.empty();
    }
    record_result(manifest, *note, placed);
    if (on_image && !placed.outputs.empty()) {
        on_image(note->image, placed);
    }
}

BatchSummary execute(const JobSpec& spec, const InputScan& scan, const TaskList& list,
                     Executor& executor, Manifest& manifest, const EventSink& on_event,
                     const CancelToken& cancel, const ImageResultSink& on_image) {
    ProgressAggregator aggregator(aggregator_setup(spec, scan, list, executor), on_event);
    aggregator.start();
    executor.watch_cluster(
        [&](const ClusterStatus& status) { aggregator.cluster_changed(status); });
    auto on_start = [&](const ImageTask& task) {
        aggregator.image_started(list.notes.at(task.id).image);
    };
    auto on_result = [&](const ImageResult& result) {
        if (result.id >= list.notes.size()) {
            return;
        }
        const TaskNote& note = list.notes[result.id];
        record_result(manifest, note, result);
        aggregator.image_done(note.image, result.outputs, result.warnings, result.node);
        if (on_image) {
            on_image(note.image, result);
        }
    };
    if (on_image) report_current_outputs(list, on_image);
    for (const ImageTask& task : list.refused) {
        on_start(task);
        on_result(failed_result(task, list.notes[task.id].refusal));
    }
    if (!list.tasks.empty()) {
        executor.run(list.tasks, cancel, on_start, on_result);
    }
    return aggregator.finish(cancel.cancelled());
}

}  // namespace

Result<BatchSummary> run_batch(const JobSpec& spec, const EventSink& on_event,
                               const CancelToken& cancel, const ImageResultSink& on_image,
                               const InputScan* scanned) {
    if (Status valid = check_spec(spec); !valid) {
        return valid.error();
    }
    // First: an unreachable broker or refused credentials must fail before anything is touched.
    auto executor = make_executor(spec.executor, executor_options(spec));
    if (!executor) {
        return executor.error();
    }
    std::optional<InputScan> own_scan;
    if (scanned == nullptr) {
        auto found = scan_inputs(spec.input, batch_scan_options(spec));
        if (!found) {
            return found.error();
        }
        own_scan = std::move(*found);
        scanned = &*own_scan;
    }
    auto plan = plan_names(spec, *scanned);  // a refused name template stops before any work
    if (!plan) {
        return plan.error();
    }
    if (Status made = make_output_root(spec.output); !made) {
        return fail(made.message());
    }
    auto manifest = Manifest::open(spec.output);
    if (!manifest) {
        return manifest.error();
    }
    std::unique_ptr<RunLedger> ledger;
    if (uses_broker(**executor)) {
        auto opened = RunLedger::open(spec.output);
        if (!opened) {
            return opened.error();
        }
        ledger = std::move(*opened);
        auto leftovers = [&](const std::string& note, const ImageResult& result) {
            record_leftover(spec, **manifest, note, result, on_image);
        };
        if (Status prepared = (*executor)->prepare(*ledger, leftovers); !prepared) {
            return prepared.error();
        }
    }
    std::vector<fs::path> chain_folders;
    for (const Chain& chain : spec.chains) {
        chain_folders.push_back(spec.output / chain_folder_name(chain.name, spec.naming.slug));
    }
    remove_stale_temporaries(chain_folders);
    TaskList list = plan_tasks(spec, *plan, **manifest);
    if (ledger) {
        (*executor)->attach_notes(notes_of(list));
    }
    BatchSummary summary =
        execute(spec, *scanned, list, **executor, **manifest, on_event, cancel, on_image);
    summary.ignored_files = scanned->not_images;
    return summary;
}

}  // namespace lote

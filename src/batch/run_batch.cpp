#include "batch/run_batch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "batch/chain_names.hpp"
#include "batch/manifest.hpp"
#include "batch/operation_settings.hpp"
#include "batch/plan_outputs.hpp"
#include "batch/progress_aggregator.hpp"
#include "batch/scan_inputs.hpp"
#include "batch/stale_temporaries.hpp"
#include "batch/task_list.hpp"
#include "exec/executor.hpp"
#include "exec/failed_result.hpp"
#include "filters/chain_resources.hpp"
#include "pipeline/encode_image.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

Status check_spec(const JobSpec& spec) {
    if (Status names = check_chain_names(spec.chains); !names) {
        return names;
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
        options.skip_dirs.push_back(spec.output / chain.name);
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

std::vector<std::string> settings_of(const JobSpec& spec) {
    std::vector<std::string> settings;
    for (const Chain& chain : spec.chains) {
        settings.push_back(operation_settings(chain, spec.save, spec.load));
    }
    return settings;
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

TaskList plan_tasks(const JobSpec& spec, const InputScan& scan, const Manifest& manifest) {
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
    auto plan = plan_outputs(scan.images, chain_names_of(spec.chains), spec.output, extension_for);
    std::vector<std::string> settings = settings_of(spec);
    TaskSettings task_settings{&spec.chains, &settings, spec.load, spec.save, spec.force};
    return make_task_list(plan, task_settings, manifest);
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
        std::optional<FileStat> stat = output.ok ? stat_file(output.path) : std::nullopt;
        if (!stat || note.stamp.hash.empty()) {
            failed.push_back(found->second.relative);
            continue;
        }
        written.push_back({found->second.relative, note.input_key, note.stamp.hash,
                           found->second.settings, stat->size, stat->mtime_ns});
    }
    // A manifest that cannot be written only costs redoing this image next time: said, not fatal.
    if (Status recorded = manifest.record_image(note.input_key, note.stamp, written, failed);
        !recorded) {
        spdlog::warn("{}: not recorded in the manifest ({}); it will be redone next time",
                     note.image, recorded.message());
    }
}

AggregatorSetup aggregator_setup(const JobSpec& spec, const InputScan& scan, const TaskList& list,
                                 const Executor& executor) {
    AggregatorSetup setup;
    setup.filters = chain_names_of(spec.chains);
    setup.skipped_outputs = list.skipped_outputs;
    setup.images_found = scan.images.size();
    setup.skipped_images = list.skipped_images;
    setup.total = list.tasks.size() + list.refused.size();
    setup.machine_cores = std::max(1u, std::thread::hardware_concurrency());
    setup.workers = executor.workers();
    setup.executor = executor.kind();
    return setup;
}

BatchSummary execute(const JobSpec& spec, const InputScan& scan, const TaskList& list,
                     Executor& executor, Manifest& manifest, const EventSink& on_event,
                     const CancelToken& cancel, const ImageResultSink& on_image) {
    ProgressAggregator aggregator(aggregator_setup(spec, scan, list, executor), on_event);
    aggregator.start();
    auto on_start = [&](const ImageTask& task) {
        aggregator.image_started(list.notes.at(task.id).image);
    };
    auto on_result = [&](const ImageResult& result) {
        if (result.id >= list.notes.size()) {
            return;
        }
        const TaskNote& note = list.notes[result.id];
        record_result(manifest, note, result);
        aggregator.image_done(note.image, result.outputs);
        if (on_image) {
            on_image(note.image, result);
        }
    };
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
        return fail(valid.message());
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
    if (Status made = make_output_root(spec.output); !made) {
        return fail(made.message());
    }
    auto manifest = Manifest::open(spec.output);
    if (!manifest) {
        return manifest.error();
    }
    std::vector<fs::path> chain_folders;
    for (const Chain& chain : spec.chains) {
        chain_folders.push_back(spec.output / chain.name);
    }
    remove_stale_temporaries(chain_folders);
    TaskList list = plan_tasks(spec, *scanned, **manifest);
    ExecutorOptions options;
    options.workers = spec.workers;
    options.task_timeout_seconds = spec.task_timeout_seconds;
    options.worker_program = spec.worker_program;
    auto executor = make_executor(spec.executor, options);
    BatchSummary summary =
        execute(spec, *scanned, list, *executor, **manifest, on_event, cancel, on_image);
    summary.ignored_files = scanned->not_images;
    return summary;
}

}  // namespace lote

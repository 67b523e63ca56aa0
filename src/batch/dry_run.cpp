#include "batch/dry_run.hpp"

#include <algorithm>
#include <system_error>

#include "batch/batch_planning.hpp"
#include "batch/manifest.hpp"
#include "batch/run_batch.hpp"
#include "batch/scan_inputs.hpp"
#include "batch/task_list.hpp"

namespace lote {

namespace fs = std::filesystem;

const char* plan_action_name(PlanAction action) {
    switch (action) {
        case PlanAction::write:
            return "write";
        case PlanAction::redo:
            return "redo";
        case PlanAction::refuse:
            return "refuse";
    }
    return "write";
}

std::uint64_t DryRunPlan::count(PlanAction action) const {
    return static_cast<std::uint64_t>(
        std::count_if(writes.begin(), writes.end(),
                      [action](const PlannedWrite& w) { return w.action == action; }));
}

namespace {

// An output already on disk or known to the manifest is written again; otherwise it is new.
PlanAction action_for(const TaskNote& note, const std::string& chain, const fs::path& path,
                      const Manifest& manifest) {
    if (!note.refusal.empty()) {
        return PlanAction::refuse;
    }
    std::error_code ec;
    auto found = note.outputs.find(chain);
    bool known = found != note.outputs.end() && manifest.find_output(found->second.relative);
    return known || fs::exists(path, ec) ? PlanAction::redo : PlanAction::write;
}

void add_writes(DryRunPlan& plan, const std::vector<ImageTask>& tasks, const TaskList& list,
                const Manifest& manifest) {
    for (const ImageTask& task : tasks) {
        const TaskNote& note = list.notes.at(task.id);
        for (const auto& output : task.outputs) {
            plan.writes.push_back({note.image, output.chain.name, output.path,
                                   action_for(note, output.chain.name, output.path, manifest),
                                   note.refusal});
        }
    }
}

}  // namespace

Result<DryRunPlan> plan_dry_run(const JobSpec& spec) {
    if (Status valid = check_job(spec); !valid) {
        return fail(valid.message());
    }
    auto scan = scan_inputs(spec.input, batch_scan_options(spec));
    if (!scan) {
        return scan.error();
    }
    auto manifest = Manifest::open_for_reading(spec.output);
    if (!manifest) {
        return manifest.error();
    }
    auto planned = plan_batch_tasks(spec, *scan, **manifest);
    if (!planned) {
        return planned.error();
    }
    const TaskList& list = *planned;
    DryRunPlan plan;
    for (const Chain& chain : spec.chains) {
        plan.chains.push_back(chain.name);
    }
    plan.images = scan->images.size();
    plan.ignored = scan->not_images;
    plan.up_to_date_images = list.skipped_images;
    for (std::uint64_t skipped : list.skipped_outputs) {
        plan.up_to_date_outputs += skipped;
    }
    add_writes(plan, list.tasks, list, **manifest);
    add_writes(plan, list.refused, list, **manifest);
    std::stable_sort(
        plan.writes.begin(), plan.writes.end(),
        [](const PlannedWrite& a, const PlannedWrite& b) { return a.image < b.image; });
    return plan;
}

}  // namespace lote

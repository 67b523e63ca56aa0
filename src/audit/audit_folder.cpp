#include "audit/audit_folder.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <system_error>
#include <thread>

#include "batch/batch_planning.hpp"
#include "batch/content_hash.hpp"
#include "batch/plan_outputs.hpp"
#include "batch/run_batch.hpp"
#include "batch/scan_inputs.hpp"
#include "pipeline/options.hpp"
#include "pipeline/process_image.hpp"

namespace lote::audit {

namespace fs = std::filesystem;

namespace {

struct Found {
    InputFile input;
    ImageHeader header;
};

void count_header(AuditReport& report, const Found& found) {
    const ImageHeader& h = found.header;
    ++report.formats[h.format];
    ++report.colour_spaces[h.colour_space];
    ++report.profiles[h.icc_profile ? (h.profile.empty() ? "(unnamed profile)" : h.profile)
                                    : "(none)"];
    ++report.bit_depths[std::to_string(h.bits) + "-bit"];
    report.with_alpha += h.alpha ? 1 : 0;
    if (h.orientation > 1) {
        ++report.rotated;
        report.rotated_files.push_back(found.input.relative);
    }
    if (h.pages > 1) {
        ++report.multipage;
        report.multipage_files.push_back(found.input.relative);
    }
    bool first = report.max_width == 0;
    report.min_width = first ? h.width : std::min(report.min_width, h.width);
    report.min_height = first ? h.height : std::min(report.min_height, h.height);
    report.max_width = std::max(report.max_width, h.width);
    report.max_height = std::max(report.max_height, h.height);
    report.megapixels += h.megapixels();
}

void find_duplicates(AuditReport& report, const std::vector<Found>& found) {
    std::map<std::pair<std::uint64_t, std::string>, std::vector<std::string>> by_content;
    for (const Found& f : found) {
        if (f.header.refusal == Refusal::link_out || f.header.refusal == Refusal::unreadable) {
            continue;
        }
        auto hash = hash_file(f.input.path);
        if (hash) {
            by_content[{f.header.bytes, *hash}].push_back(f.input.relative);
        }
    }
    for (auto& [key, names] : by_content) {
        if (names.size() > 1) {
            report.duplicates.push_back(std::move(names));
        }
    }
}

// An input clashes when the batch cannot give it the name it would get alone (another input
// took it): grouped with the input that kept it.
void find_clashes(AuditReport& report, const JobSpec& spec, const std::vector<InputFile>& inputs) {
    std::vector<std::string> chains = {spec.chains.empty() ? "grises" : spec.chains[0].name};
    auto extension_for = [&spec](const fs::path& input) {
        return choose_output_extension(input.string(), spec.save);
    };
    fs::path root = spec.output.empty() ? fs::path("out") : spec.output;
    if (!spec.naming.is_default()) {
        // A template that could give two inputs one name is refused by the batch: say which.
        auto named = plan_named_outputs(inputs, chains, root, extension_for, spec.naming);
        if (!named) {
            report.naming_refused = named.message();
        }
        return;
    }
    auto together = plan_outputs(inputs, chains, root, extension_for);
    std::map<std::string, std::string> kept_by;  // natural name -> the input that has it
    for (const PlannedImage& image : together) {
        kept_by[image.outputs[0].relative] = image.input.relative;
    }
    std::map<std::string, std::vector<std::string>> groups;
    for (const PlannedImage& image : together) {
        auto alone = plan_outputs({image.input}, chains, root, extension_for);
        const std::string& natural = alone[0].outputs[0].relative;
        if (natural != image.outputs[0].relative) {
            auto& group = groups[natural];
            if (group.empty() && kept_by.count(natural) != 0) {
                group.push_back(kept_by[natural]);
            }
            group.push_back(image.input.relative);
        }
    }
    for (auto& [name, group] : groups) {
        report.clashes.push_back(std::move(group));
    }
}

// Times the job's chains on up to two photos of middling size, in a folder removed after.
std::optional<Estimate> calibrate(const JobSpec& spec, const std::vector<Found>& found,
                                  const AuditReport& report) {
    std::vector<const Found*> usable;
    for (const Found& f : found) {
        if (f.header.refusal == Refusal::none && f.header.width > 0) {
            usable.push_back(&f);
        }
    }
    if (usable.empty() || spec.chains.empty()) {
        return std::nullopt;
    }
    std::sort(usable.begin(), usable.end(), [](const Found* a, const Found* b) {
        return a->header.megapixels() < b->header.megapixels();
    });
    std::vector<const Found*> timed = {usable[usable.size() / 2]};
    if (usable.size() > 2) {
        timed.push_back(usable[usable.size() / 4]);
    }
    fs::path scratch =
        fs::temp_directory_path() /
        ("lote-audit-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::error_code ec;
    fs::create_directories(scratch, ec);
    Estimate estimate;
    double seconds = 0, megapixels = 0;
    for (const Found* f : timed) {
        ImageTask task{0, f->input.path.string(), {}, spec.load, spec.save};
        for (std::size_t i = 0; i < spec.chains.size(); ++i) {
            OutputRequest request;
            request.chain = spec.chains[i];
            request.path = (scratch / ("calibration-" + std::to_string(i))).string() +
                           choose_output_extension(f->input.path.string(), spec.save);
            task.outputs.push_back(std::move(request));
        }
        auto start = std::chrono::steady_clock::now();
        ImageResult result = process_image(task);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        megapixels += f->header.megapixels();
        estimate.timed.push_back(f->input.relative);
        (void)result;
    }
    fs::remove_all(scratch, ec);
    estimate.seconds_per_megapixel = megapixels > 0 ? seconds / megapixels : 0;
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    estimate.workers = spec.workers > 0 ? std::min(spec.workers, cores) : cores;
    // The megapixels still to do: every image when there is no plan, else those with work.
    double to_do = 0;
    if (report.plan) {
        std::set<std::string> images;
        for (const PlannedWrite& w : report.plan->writes) {
            if (w.action != PlanAction::refuse) {
                images.insert(w.image);
            }
        }
        for (const Found& f : found) {
            to_do += images.count(f.input.relative) != 0 ? f.header.megapixels() : 0;
        }
    } else {
        to_do = report.megapixels;
    }
    estimate.seconds = to_do * estimate.seconds_per_megapixel / estimate.workers;
    return estimate;
}

}  // namespace

Result<AuditReport> audit_folder(const JobSpec& spec, const AuditOptions& options) {
    if (options.with_plan) {
        if (Status valid = check_job(spec); !valid) {
            return fail(valid.message());
        }
    }
    ScanOptions scan_options = options.with_plan ? batch_scan_options(spec) : ScanOptions{};
    scan_options.recursive = spec.recursive;
    auto scan = scan_inputs(spec.input, scan_options);
    if (!scan) {
        return scan.error();
    }
    AuditReport report;
    report.ignored = scan->not_images;
    std::vector<Found> found;
    for (const InputFile& input : scan->images) {
        found.push_back(
            {input, read_image_header(input.path, input.refusal, spec.load.max_pixels)});
    }
    report.files = found.size();
    for (const Found& f : found) {
        if (f.header.refusal == Refusal::none) {
            count_header(report, f);
        } else {
            report.refused.push_back({f.input.relative, f.header.refusal, f.header.reason});
        }
    }
    find_duplicates(report, found);
    find_clashes(report, spec, scan->images);
    if (options.with_plan) {
        auto plan = plan_dry_run(spec);
        if (plan) {
            report.plan = std::move(*plan);
        } else if (report.naming_refused.empty()) {
            report.naming_refused = plan.message();  // the batch would stop before any work
        }
    }
    if (options.calibrate) {
        report.estimate = calibrate(spec, found, report);
    }
    return report;
}

nlohmann::json to_json(const AuditReport& r) {
    nlohmann::json refused = nlohmann::json::array();
    for (const RefusedFile& f : r.refused) {
        refused.push_back(
            {{"file", f.name}, {"reason", refusal_name(f.refusal)}, {"message", f.reason}});
    }
    nlohmann::json j = {
        {"event", "audit"},
        {"files", r.files},
        {"ignored_files", r.ignored},
        {"formats", r.formats},
        {"colour_spaces", r.colour_spaces},
        {"profiles", r.profiles},
        {"bit_depths", r.bit_depths},
        {"with_alpha", r.with_alpha},
        {"rotated", r.rotated_files},
        {"multipage", r.multipage_files},
        {"size",
         {{"min_width", r.min_width},
          {"min_height", r.min_height},
          {"max_width", r.max_width},
          {"max_height", r.max_height}}},
        {"megapixels", r.megapixels},
        {"refused", refused},
        {"duplicates", r.duplicates},
        {"clashes", r.clashes},
    };
    if (!r.naming_refused.empty()) {
        j["naming_refused"] = r.naming_refused;
    }
    if (r.plan) {
        j["plan"] = {{"write", r.plan->count(PlanAction::write)},
                     {"redo", r.plan->count(PlanAction::redo)},
                     {"refuse", r.plan->count(PlanAction::refuse)},
                     {"up_to_date", r.plan->up_to_date_outputs}};
    }
    if (r.estimate) {
        j["estimate"] = {{"seconds", r.estimate->seconds},
                         {"seconds_per_megapixel", r.estimate->seconds_per_megapixel},
                         {"workers", r.estimate->workers},
                         {"timed", r.estimate->timed}};
    }
    return j;
}

}  // namespace lote::audit

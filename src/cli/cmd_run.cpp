// `lote run`: process every image of a folder with filters or chains, incrementally.
#include <algorithm>
#include <iostream>
#include <memory>
#include <mutex>

#include "batch/batch_report.hpp"
#include "batch/dry_run.hpp"
#include "batch/events_json.hpp"
#include "batch/input_links.hpp"
#include "batch/run_batch.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/job_options.hpp"
#include "cli/language.hpp"
#include "cli/preset_args.hpp"
#include "cli/progress_display.hpp"
#include "cli/summary_table.hpp"
#include "exec/executor.hpp"
#include "util/json_paths.hpp"

namespace lote::cli {

namespace {

struct RunArgs {
    JobArgs job;
    bool json = false;
    bool dry_run = false;
    std::string report;
    std::string preset;
};

// --preset fills what the command line did not say.
Status use_preset(RunArgs& args, const CLI::App& cmd) {
    if (args.preset.empty()) {
        return {};
    }
    auto preset = load_preset(args.preset);
    if (!preset) {
        return fail(preset.kind(), "--preset " + args.preset + ": " + preset.message());
    }
    return apply_preset(*preset, args.job, given_options(cmd));
}

int exit_status(const BatchSummary& summary) {
    if (summary.cancelled) {
        return kExitInterrupted;
    }
    return summary.failed_images > 0 ? kExitSomeFailed : kExitOk;
}

void report(const BatchSummary& summary, bool json) {
    if (json) {
        std::cout << dump_json({{"event", "finished"}, {"summary", to_json(summary)}}) << '\n';
    } else {
        print_summary(std::cout, summary);
    }
    std::cout.flush();
}

void print_plan(const DryRunPlan& plan, bool json) {
    if (json) {
        for (const PlannedWrite& w : plan.writes) {
            nlohmann::json line = {{"event", "planned"},
                                   {"image", w.image},
                                   {"filter", w.chain},
                                   {"output", w.output},
                                   {"action", plan_action_name(w.action)}};
            if (!w.reason.empty()) {
                line["reason"] = w.reason;
            }
            std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                      << '\n';
        }
        std::cout << nlohmann::json{{"event", "dry_run"},
                                    {"images", plan.images},
                                    {"ignored_files", plan.ignored},
                                    {"write", plan.count(PlanAction::write)},
                                    {"redo", plan.count(PlanAction::redo)},
                                    {"refuse", plan.count(PlanAction::refuse)},
                                    {"up_to_date", plan.up_to_date_outputs}}
                         .dump()
                  << '\n';
        return;
    }
    for (const PlannedWrite& w : plan.writes) {
        const char* action = w.action == PlanAction::write  ? say("write ", "nueva ")
                             : w.action == PlanAction::redo ? say("redo  ", "rehacer")
                                                            : say("refuse", "rechazo");
        std::cout << action << "  " << w.image << " -> " << w.output;
        if (!w.reason.empty()) {
            std::cout << "  (" << w.reason << ")";
        }
        std::cout << '\n';
    }
    std::cout << plan.images << say(" images: ", " imágenes: ") << plan.count(PlanAction::write)
              << say(" outputs to write, ", " salidas nuevas, ") << plan.count(PlanAction::redo)
              << say(" to redo, ", " a rehacer, ") << plan.up_to_date_outputs
              << say(" up to date, ", " al día, ") << plan.count(PlanAction::refuse)
              << say(" refused. Dry run: nothing was written.\n",
                     " rechazadas. Simulación: no se escribió nada.\n");
}

int dry_run_command(const JobSpec& spec, bool json) {
    auto plan = plan_dry_run(spec);
    if (!plan) {
        std::cerr << "lote run: " << plan.message() << '\n';
        return kExitUsage;
    }
    print_plan(*plan, json);
    return kExitOk;
}

// The folder the inputs' links must stay inside: the input folder (or a single input's folder).
std::filesystem::path link_root(const JobSpec& spec) {
    std::error_code ec;
    std::filesystem::path root =
        std::filesystem::is_directory(spec.input, ec) ? spec.input : spec.input.parent_path();
    auto canonical = std::filesystem::weakly_canonical(root.empty() ? "." : root, ec);
    return ec ? root : canonical;
}

int run_command(RunArgs& args, const CLI::App& cmd) {
    if (Status preset = use_preset(args, cmd); !preset) {
        std::cerr << "lote run: " << preset.message() << '\n';
        return kExitUsage;
    }
    auto spec = job_spec_from_args(args.job);
    if (!spec) {
        std::cerr << "lote run: " << spec.message() << '\n';
        return kExitUsage;
    }
    if (!args.report.empty()) {
        if (auto format = report_format_for(args.report); !format) {
            std::cerr << "lote run: " << format.message() << '\n';
            return kExitUsage;
        }
    }
    if (args.dry_run) {
        return dry_run_command(*spec, args.json);
    }
    ProgressDisplay display(choose_display_mode(args.json));
    CancelToken cancel;
    InterruptGuard guard(cancel);
    std::vector<ReportRow> rows;
    std::mutex rows_mutex;  // results may arrive from several threads
    ImageResultSink on_image;
    if (!args.report.empty()) {
        std::filesystem::path links = link_root(*spec);
        on_image = [&rows, &rows_mutex, links](const std::string& image,
                                               const ImageResult& result) {
            bool readable = !link_refusal(result.input, links);  // a refused link is never opened
            auto more = report_rows(image, result.input, result, readable);
            std::lock_guard lock(rows_mutex);
            rows.insert(rows.end(), more.begin(), more.end());
        };
    }
    auto summary = run_batch(
        *spec, [&display](const ProgressEvent& e) { display.on_event(e); }, cancel, on_image);
    if (!summary) {
        std::cerr << "lote run: " << summary.message() << '\n';
        return kExitUsage;
    }
    report(*summary, args.json);
    if (!args.report.empty()) {
        std::sort(rows.begin(), rows.end(), [](const ReportRow& a, const ReportRow& b) {
            return a.input != b.input ? a.input < b.input : a.chain < b.chain;
        });
        if (Status written = write_report(args.report, rows); !written) {
            std::cerr << "lote run: " << written.message() << '\n';
            return kExitSomeFailed;
        }
    }
    return exit_status(*summary);
}

void add_run_options(CLI::App& cmd, RunArgs& args) {
    cmd.add_option("input", args.job.input, "the folder of images to process, or one image")
        ->required();
    cmd.add_option("-o,--output", args.job.output, "the output folder (one sub-folder per filter)")
        ->required();
    add_filter_options(cmd, args.job);
    add_image_options(cmd, args.job);
    add_metadata_options(cmd, args.job);
    add_naming_options(cmd, args.job);
    cmd.add_option("--mode", args.job.mode,
                   "executor: threads, procesos/processes, or distribuido (with --broker)")
        ->check(CLI::IsMember(executor_names()));
    add_broker_options(cmd, args.job);
    add_workers_option(cmd, args.job);
    add_worker_memory_option(cmd, args.job);
    cmd.add_flag("--force", args.job.force, "redo outputs that are already up to date");
    cmd.add_flag("--json", args.json, "one JSON event per line on stdout");
    cmd.add_flag("--dry-run", args.dry_run,
                 say("print what would be written where, and write nothing",
                     "mostrar qué se escribiría y dónde, sin escribir nada"));
    cmd.add_option("--report", args.report,
                   say("write a report of every output to FILE.csv or FILE.json",
                       "escribir un informe de cada salida en ARCHIVO.csv o ARCHIVO.json"));
    cmd.add_option("--preset", args.preset,
                   "a saved or built-in preset (`lote presets`), or a preset .json file; flags "
                   "given here override its settings");
    cmd.add_option("--timeout", args.job.timeout, "seconds one image may take (process mode)")
        ->check(CLI::PositiveNumber);
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("run", "process every image of a folder with filters or chains");
    auto args = std::make_shared<RunArgs>();
    add_run_options(*cmd, *args);
    cmd->callback([args, cmd, &exit_code] {
        args->job.mode_given = cmd->count("--mode") > 0;
        exit_code = run_command(*args, *cmd);
    });
}

}  // namespace lote::cli

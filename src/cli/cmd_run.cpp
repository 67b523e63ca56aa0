// `lote run`: process every image of a folder with filters or chains, incrementally.
#include <iostream>
#include <memory>

#include "batch/events_json.hpp"
#include "batch/run_batch.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/job_options.hpp"
#include "cli/progress_display.hpp"
#include "cli/summary_table.hpp"
#include "exec/executor.hpp"
#include "util/json_paths.hpp"

namespace lote::cli {

namespace {

struct RunArgs {
    JobArgs job;
    bool json = false;
};

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

int run_command(const RunArgs& args) {
    auto spec = job_spec_from_args(args.job);
    if (!spec) {
        std::cerr << "lote run: " << spec.message() << '\n';
        return kExitUsage;
    }
    ProgressDisplay display(choose_display_mode(args.json));
    CancelToken cancel;
    InterruptGuard guard(cancel);
    auto summary = run_batch(
        *spec, [&display](const ProgressEvent& e) { display.on_event(e); }, cancel);
    if (!summary) {
        std::cerr << "lote run: " << summary.message() << '\n';
        return kExitUsage;
    }
    report(*summary, args.json);
    return exit_status(*summary);
}

void add_run_options(CLI::App& cmd, RunArgs& args) {
    cmd.add_option("input", args.job.input, "the folder of images to process, or one image")
        ->required();
    cmd.add_option("-o,--output", args.job.output, "the output folder (one sub-folder per filter)")
        ->required();
    add_filter_options(cmd, args.job);
    add_image_options(cmd, args.job);
    cmd.add_option("--mode", args.job.mode, "executor: threads or procesos/processes")
        ->check(CLI::IsMember(executor_names()));
    add_workers_option(cmd, args.job);
    add_worker_memory_option(cmd, args.job);
    cmd.add_flag("--force", args.job.force, "redo outputs that are already up to date");
    cmd.add_flag("--json", args.json, "one JSON event per line on stdout");
    cmd.add_option("--timeout", args.job.timeout, "seconds one image may take (process mode)")
        ->check(CLI::PositiveNumber);
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("run", "process every image of a folder with filters or chains");
    auto args = std::make_shared<RunArgs>();
    add_run_options(*cmd, *args);
    cmd->callback([args, &exit_code] { exit_code = run_command(*args); });
}

}  // namespace lote::cli

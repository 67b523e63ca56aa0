// `lote compare`: the same batch on threads and on processes, side by side. Honest by
// construction: the same inputs and chains, a fresh output folder per run (so nothing is skipped),
// several runs of each with the order alternated (neither always gets the warm cache), medians.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "batch/run_batch.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/job_options.hpp"

namespace lote::cli {

namespace fs = std::filesystem;

namespace {

constexpr ExecutorKind kModes[] = {ExecutorKind::threads, ExecutorKind::processes};

struct CompareArgs {
    JobArgs job;
    unsigned runs = 3;
};

struct ModeTimes {
    std::string mode;
    std::vector<double> seconds;
    std::uint64_t images = 0;
    std::uint64_t failed = 0;
    unsigned workers = 0;
};

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// A private, empty output folder for one run; removed when the run is over.
class ScratchFolder {
  public:
    ScratchFolder() {
        std::string pattern = (fs::temp_directory_path() / "lote-compare-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr) {
            path_ = pattern;
        }
    }
    ~ScratchFolder() {
        std::error_code ec;
        if (!path_.empty()) {
            fs::remove_all(path_, ec);
        }
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

Result<BatchSummary> timed_run(JobSpec spec, ExecutorKind mode, const CancelToken& cancel) {
    ScratchFolder scratch;
    if (scratch.path().empty()) {
        return fail("cannot create a temporary folder");
    }
    spec.output = scratch.path();
    spec.executor = mode;
    spec.force = true;
    return run_batch(spec, {}, cancel);
}

void record(ModeTimes& times, const BatchSummary& summary) {
    times.seconds.push_back(summary.wall_seconds);
    times.images = summary.processed;
    times.failed = std::max(times.failed, summary.failed_images);
    times.workers = summary.workers;
}

void print_mode(const ModeTimes& times) {
    std::string runs;
    for (double s : times.seconds) {
        runs += fmt::format("{}{:.2f}", runs.empty() ? "" : " ", s);
    }
    double m = median(times.seconds);
    double rate = m > 0 ? static_cast<double>(times.images) / m : 0.0;
    std::cout << fmt::format("{:<9} {:>7} {:>10.2f} {:>9.1f}   {}\n", times.mode, times.workers, m,
                             rate, runs);
}

void print_comparison(const ModeTimes& a, const ModeTimes& b, std::uint64_t chains) {
    std::cout << fmt::format("{} images x {} outputs, {} runs each (medians)\n", a.images, chains,
                             a.seconds.size());
    std::cout << fmt::format("{:<9} {:>7} {:>10} {:>9}   {}\n", "mode", "workers", "median (s)",
                             "images/s", "runs (s)");
    print_mode(a);
    print_mode(b);
    double ma = median(a.seconds);
    double mb = median(b.seconds);
    const ModeTimes& winner = ma <= mb ? a : b;
    double speedup = std::min(ma, mb) > 0 ? std::max(ma, mb) / std::min(ma, mb) : 1.0;
    std::cout << fmt::format("winner: {} ({:.2f}x faster)\n", winner.mode, speedup);
    if (a.failed > 0 || b.failed > 0) {
        std::cout << fmt::format("note: {} images failed in each run (see `lote run`)\n",
                                 std::max(a.failed, b.failed));
    }
}

int compare_command(const CompareArgs& args) {
    JobArgs job = args.job;
    job.output = "unused";  // every run writes to its own temporary folder
    auto spec = job_spec_from_args(job);
    if (!spec) {
        std::cerr << "lote compare: " << spec.message() << '\n';
        return kExitUsage;
    }
    CancelToken cancel;
    InterruptGuard guard(cancel);
    ModeTimes times[2] = {{std::string(executor_kind_id(kModes[0])), {}, 0, 0, 0},
                          {std::string(executor_kind_id(kModes[1])), {}, 0, 0, 0}};
    for (unsigned run = 0; run < args.runs; ++run) {
        for (int k = 0; k < 2; ++k) {
            int mode =
                (static_cast<int>(run) + k) % 2;  // threads first on even runs, processes on odd
            auto summary = timed_run(*spec, kModes[mode], cancel);
            if (!summary) {
                std::cerr << "lote compare: " << summary.message() << '\n';
                return kExitUsage;
            }
            if (summary->cancelled) {
                return kExitInterrupted;
            }
            record(times[mode], *summary);
        }
    }
    print_comparison(times[0], times[1], spec->chains.size());
    return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("compare", "time threads against processes on the same batch");
    auto args = std::make_shared<CompareArgs>();
    cmd->add_option("input", args->job.input, "the folder of images")->required();
    add_filter_options(*cmd, args->job);
    add_image_options(*cmd, args->job);
    add_workers_option(*cmd, args->job);
    cmd->add_option("--runs", args->runs, "runs of each mode (the median counts)")
        ->check(CLI::Range(1u, 50u));
    cmd->callback([args, &exit_code] { exit_code = compare_command(*args); });
}

}  // namespace lote::cli

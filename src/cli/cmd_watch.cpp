// `lote watch`: process what a folder holds, then every photo that lands in it, until Ctrl-C.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/job_options.hpp"
#include "cli/language.hpp"
#include "cli/preset_args.hpp"
#include "cli/watch_display.hpp"
#include "exec/executor.hpp"
#include "watch/watcher.hpp"

namespace lote::cli {

namespace {

struct WatchArgs {
    JobArgs job;
    bool json = false;
    double poll = 0;
    double settle = watch::WatchSettings{}.settle_seconds;
    double rescan = watch::WatchSettings{}.rescan_seconds;
    std::size_t batch = watch::WatchSettings{}.batch_limit;
    std::string move_done;
    std::string move_failed;
    std::string preset;
};

Result<watch::WatchSettings> settings_from_args(const WatchArgs& args) {
    auto spec = job_spec_from_args(args.job);
    if (!spec) {
        return spec.error();
    }
    watch::WatchSettings settings;
    settings.job = std::move(*spec);
    settings.poll_seconds = args.poll;
    settings.settle_seconds = args.settle;
    settings.rescan_seconds = args.poll > 0 ? args.poll : args.rescan;
    settings.batch_limit = args.batch;
    settings.move_done = args.move_done;
    settings.move_failed = args.move_failed;
    return settings;
}

int watch_command(WatchArgs& args, const CLI::App& cmd) {
    if (Status preset = use_preset_option(args.preset, args.job, cmd); !preset) {
        std::cerr << "lote watch: " << preset.message() << '\n';
        return kExitUsage;
    }
    auto settings = settings_from_args(args);
    if (!settings) {
        std::cerr << "lote watch: " << settings.message() << '\n';
        return kExitUsage;
    }
    WatchDisplay display(choose_display_mode(args.json));
    watch::Watcher watcher(std::move(*settings), display);
    display.follow(&watcher);
    CancelToken stop;
    InterruptGuard guard(stop);
    if (Status watched = watcher.run(stop); !watched) {
        std::cerr << "lote watch: " << watched.message() << '\n';
        return kExitUsage;
    }
    return kExitOk;
}

void add_watch_options(CLI::App& cmd, WatchArgs& args) {
    cmd.add_option("input", args.job.input, say("the folder to watch", "la carpeta a vigilar"))
        ->required();
    cmd.add_option("-o,--output", args.job.output,
                   say("the output folder (one sub-folder per filter)",
                       "la carpeta de salida (una sub-carpeta por filtro)"))
        ->required();
    add_filter_options(cmd, args.job);
    add_image_options(cmd, args.job);
    add_metadata_options(cmd, args.job);
    add_naming_options(cmd, args.job);
    cmd.add_option("--preset", args.preset,
                   say("a saved or built-in preset (`lote presets`), or a preset .json file; flags "
                       "given here override its settings",
                       "un ajuste guardado o incorporado (`lote presets`), o un archivo .json; "
                       "las opciones dadas aquí mandan sobre las suyas"));
    cmd.add_option("--mode", args.job.mode, "executor: threads or procesos/processes")
        ->check(CLI::IsMember(executor_names()));
    add_workers_option(cmd, args.job);
    cmd.add_option("--timeout", args.job.timeout, "seconds one image may take (process mode)")
        ->check(CLI::PositiveNumber);
    cmd.add_flag("--json", args.json,
                 say("one JSON event per line on stdout (those of lote run, plus watching, moved "
                     "and warning)",
                     "un evento JSON por línea en stdout (los de lote run, más watching, moved y "
                     "warning)"));
    cmd.add_option("--poll", args.poll,
                   say("for shares that do not notify (network folders): only scan every SECONDS",
                       "para carpetas que no avisan (de red): solo revisar cada SEGUNDOS"))
        ->check(CLI::PositiveNumber);
    cmd.add_option("--settle", args.settle,
                   say("seconds a file's size and time must stand still before it is taken when "
                       "nothing says it was closed (default 2)",
                       "segundos que el tamaño y la hora de un archivo deben quedarse quietos "
                       "antes de tomarlo si nada avisa de que se cerró (por defecto 2)"))
        ->check(CLI::NonNegativeNumber);
    cmd.add_option("--rescan", args.rescan,
                   say("seconds between the safety-net scans that catch what notifications miss",
                       "segundos entre las revisiones de respaldo que encuentran lo que los "
                       "avisos no dicen"))
        ->check(CLI::PositiveNumber);
    cmd.add_option("--batch", args.batch,
                   say("at most this many photos per batch", "como mucho tantas fotos por lote"))
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
    cmd.add_option("--move-done", args.move_done,
                   say("move each input there once processed (never replacing a file)",
                       "mover allí cada original ya procesado (sin reemplazar nunca un archivo)"));
    cmd.add_option("--move-failed", args.move_failed,
                   say("move each input that failed there (never replacing a file)",
                       "mover allí cada original que falló (sin reemplazar nunca un archivo)"));
}

}  // namespace

void add_watch_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "watch", say("process a folder, then every photo that lands in it, until Ctrl-C",
                     "procesar una carpeta y luego cada foto que llegue, hasta Ctrl-C"));
    auto args = std::make_shared<WatchArgs>();
    add_watch_options(*cmd, *args);
    cmd->callback([args, cmd, &exit_code] { exit_code = watch_command(*args, *cmd); });
}

}  // namespace lote::cli

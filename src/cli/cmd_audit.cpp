// `lote audit`: what a folder holds and what a batch of it would do, before running it.
#include <fmt/core.h>

#include <iostream>
#include <memory>

#include "audit/audit_folder.hpp"
#include "cli/commands.hpp"
#include "cli/job_options.hpp"
#include "cli/language.hpp"
#include "cli/preset_args.hpp"

namespace lote::cli {

namespace {

struct AuditArgs {
    JobArgs job;
    bool json = false;
    bool no_estimate = false;
    std::string preset;
};

std::string counts_text(const std::map<std::string, std::uint64_t>& counts) {
    std::string text;
    for (const auto& [name, n] : counts) {
        text += (text.empty() ? "" : ", ") + fmt::format("{} {}", n, name);
    }
    return text.empty() ? "-" : text;
}

std::string refusal_words(audit::Refusal refusal) {
    switch (refusal) {
        case audit::Refusal::link_out:
            return say("link out of the folder", "enlace fuera de la carpeta");
        case audit::Refusal::unreadable:
            return say("unreadable", "ilegible");
        case audit::Refusal::unsupported:
            return say("unsupported", "formato no admitido");
        case audit::Refusal::corrupt:
            return say("corrupt", "dañado");
        case audit::Refusal::too_large:
            return say("too large", "demasiado grande");
        case audit::Refusal::none:
            break;
    }
    return "";
}

std::string duration_text(double seconds) {
    if (seconds < 60) {
        return fmt::format("{:.1f} s", seconds);
    }
    auto whole = static_cast<long>(seconds + 0.5);
    if (whole < 3600) {
        return fmt::format("{} min {} s", whole / 60, whole % 60);
    }
    return fmt::format("{} h {} min", whole / 3600, whole / 60 % 60);
}

void print_groups(const char* title, const std::vector<std::vector<std::string>>& groups) {
    if (groups.empty()) {
        return;
    }
    std::cout << title << '\n';
    for (const auto& group : groups) {
        std::string line;
        for (const auto& name : group) {
            line += (line.empty() ? "  " : " = ") + name;
        }
        std::cout << line << '\n';
    }
}

void print_report(const audit::AuditReport& r) {
    std::cout << fmt::format(fmt::runtime(say("{} images ({} other files ignored)\n",
                                              "{} imágenes ({} otros archivos ignorados)\n")),
                             r.files, r.ignored);
    std::cout << say("formats:       ", "formatos:      ") << counts_text(r.formats) << '\n';
    std::cout << fmt::format(
        fmt::runtime(say("sizes:         {}x{} to {}x{}, {:.1f} megapixels in all\n",
                         "tamaños:       de {}x{} a {}x{}, {:.1f} megapíxeles en total\n")),
        r.min_width, r.min_height, r.max_width, r.max_height, r.megapixels);
    std::cout << say("colour spaces: ", "espacios:      ") << counts_text(r.colour_spaces) << '\n';
    std::cout << say("profiles:      ", "perfiles:      ") << counts_text(r.profiles) << '\n';
    std::cout << say("bit depths:    ", "profundidad:   ") << counts_text(r.bit_depths) << '\n';
    std::cout << fmt::format(
        fmt::runtime(say("alpha:         {}\nrotated (EXIF): {}\nanimated or multi-page: {}\n",
                         "transparencia: {}\ngiradas (EXIF): {}\nanimadas o de varias páginas: "
                         "{}\n")),
        r.with_alpha, r.rotated, r.multipage);
    if (!r.refused.empty()) {
        std::cout << fmt::format(fmt::runtime(say("refused ({}):\n", "rechazadas ({}):\n")),
                                 r.refused.size());
        for (const auto& f : r.refused) {
            std::cout << "  " << f.name << ": " << refusal_words(f.refusal) << " (" << f.reason
                      << ")\n";
        }
    }
    print_groups(say("duplicates (same content):", "duplicadas (mismo contenido):"), r.duplicates);
    print_groups(say("names that clash (the later ones get another output name):",
                     "nombres que chocan (las siguientes reciben otro nombre de salida):"),
                 r.clashes);
    if (!r.naming_refused.empty()) {
        std::cout << say("the name template would be refused: ",
                         "la plantilla de nombres se rechazaría: ")
                  << r.naming_refused << '\n';
    }
    if (r.plan) {
        std::cout << fmt::format(
            fmt::runtime(say("the batch would write {} outputs, redo {}, leave {} up to date\n",
                             "el lote escribiría {} salidas, rehará {}, dejará {} al día\n")),
            r.plan->count(PlanAction::write), r.plan->count(PlanAction::redo),
            r.plan->up_to_date_outputs);
    }
    if (r.estimate) {
        std::cout << fmt::format(
            fmt::runtime(say("estimated time on this machine: {} ({} workers, {:.2f} s "
                             "per megapixel)\n",
                             "tiempo estimado en esta máquina: {} ({} procesos, {:.2f} s "
                             "por megapíxel)\n")),
            duration_text(r.estimate->seconds), r.estimate->workers,
            r.estimate->seconds_per_megapixel);
    }
}

int audit_command(AuditArgs& args, const CLI::App& cmd) {
    if (Status preset = use_preset_option(args.preset, args.job, cmd); !preset) {
        std::cerr << "lote audit: " << preset.message() << '\n';
        return kExitUsage;
    }
    args.job.filters_optional = true;  // the plan and the estimate need filters, the rest does not
    auto spec = job_spec_from_args(args.job);
    if (!spec) {
        std::cerr << "lote audit: " << spec.message() << '\n';
        return kExitUsage;
    }
    audit::AuditOptions options;
    options.with_plan = !spec->chains.empty() && !spec->output.empty();
    options.calibrate = !spec->chains.empty() && !args.no_estimate;
    auto report = audit::audit_folder(*spec, options);
    if (!report) {
        std::cerr << "lote audit: " << report.message() << '\n';
        return kExitUsage;
    }
    if (args.json) {
        std::cout << audit::to_json(*report).dump(-1, ' ', false,
                                                  nlohmann::json::error_handler_t::replace)
                  << '\n';
    } else {
        print_report(*report);
    }
    return kExitOk;
}

}  // namespace

void add_audit_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "audit", say("what a folder holds and what a batch would do, reading headers only",
                     "qué contiene una carpeta y qué haría un lote, leyendo solo las cabeceras"));
    auto args = std::make_shared<AuditArgs>();
    cmd->add_option("input", args->job.input, say("the folder to look at", "la carpeta a revisar"))
        ->required();
    cmd->add_option("-o,--output", args->job.output,
                    say("the batch's output folder (with filters: what is up to date)",
                        "la carpeta de salida del lote (con filtros: qué está al día)"));
    add_filter_options(*cmd, args->job);
    add_image_options(*cmd, args->job);
    add_naming_options(*cmd, args->job);
    add_workers_option(*cmd, args->job);
    cmd->add_option("--preset", args->preset,
                    say("a saved or built-in preset (`lote presets`), or a preset .json file",
                        "un ajuste guardado o incorporado (`lote presets`), o un archivo .json"));
    cmd->add_flag("--json", args->json,
                  say("one JSON object on stdout", "un objeto JSON en stdout"));
    cmd->add_flag("--no-estimate", args->no_estimate,
                  say("do not time the filters on a photo", "no medir los filtros en una foto"));
    cmd->callback([args, cmd, &exit_code] { exit_code = audit_command(*args, *cmd); });
}

}  // namespace lote::cli

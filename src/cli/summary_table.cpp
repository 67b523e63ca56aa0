#include "cli/summary_table.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <string>

#include "cli/language.hpp"

namespace lote::cli {

namespace {

std::size_t name_width(const BatchSummary& summary) {
    std::size_t width = 6;  // "filter", "filtro"
    for (const FilterStats& stats : summary.filters) {
        width = std::max(width, stats.filter.size());
    }
    return width;
}

void print_filter_rows(std::ostream& out, const BatchSummary& summary) {
    std::size_t w = name_width(summary);
    out << fmt::format("{:<{}}  {:>9}  {:>6}  {:>7}  {:>9}  {:>9}  {:>5}\n",
                       say("filter", "filtro"), w, say("succeeded", "hechas"),
                       say("failed", "fallos"), say("skipped", "omitidas"), "total (s)",
                       say("s/image", "s/imagen"), say("cores", "núcleos"));
    // "succeeded" counts up-to-date outputs too (they exist and are right); "skipped" says how
    // many of them were not made again.
    for (const FilterStats& stats : summary.filters) {
        std::uint64_t done = stats.succeeded + stats.failed;
        double per_image = done > 0 ? stats.total_seconds / static_cast<double>(done) : 0.0;
        out << fmt::format("{:<{}}  {:>9}  {:>6}  {:>7}  {:>9.2f}  {:>9.3f}  {:>5}\n", stats.filter,
                           w, stats.succeeded + stats.skipped, stats.failed, stats.skipped,
                           stats.total_seconds, per_image, stats.cores);
    }
}

// Which machine did how many images (distributed batches).
void print_nodes(std::ostream& out, const BatchSummary& summary) {
    if (summary.images_by_node.empty()) {
        return;
    }
    std::string text;
    for (const auto& [node, images] : summary.images_by_node) {
        text += fmt::format("{}{} {} {}", text.empty() ? "" : ", ", node, images,
                            images == 1 ? say("image", "imagen") : say("images", "imágenes"));
    }
    out << say("nodes: ", "nodos: ") << text << "\n";
}

// Who did the work: the local workers, or the machines of a distributed batch.
std::string executor_text(const BatchSummary& summary) {
    if (!summary.images_by_node.empty()) {
        return fmt::format(fmt::runtime(say("{}, {} machines", "{}, {} máquinas")),
                           executor_kind_id(summary.executor), summary.images_by_node.size());
    }
    return fmt::format(fmt::runtime(say("{}, {} workers", "{}, {} trabajadores")),
                       executor_kind_id(summary.executor), summary.workers);
}

void print_totals(std::ostream& out, const BatchSummary& summary) {
    // Up-to-date images are done: "3 done (3 already up to date)", never "0 processed". A failed
    // image was processed but is not done.
    std::uint64_t made = summary.processed - std::min(summary.processed, summary.failed_images);
    out << fmt::format(
        fmt::runtime(say("total: {} images found, {} done ({} made now, {} already up to date), "
                         "{} failed, in {:.2f} s ({})\n",
                         "total: {} imágenes encontradas, {} hechas ({} ahora, {} ya al día), "
                         "{} con fallos, en {:.2f} s ({})\n")),
        summary.images, made + summary.skipped, made, summary.skipped, summary.failed_images,
        summary.wall_seconds, executor_text(summary));
    std::uint64_t outputs_skipped = 0;
    for (const FilterStats& stats : summary.filters) {
        outputs_skipped += stats.skipped;
    }
    if (summary.skipped > 0 || outputs_skipped > 0) {
        out << fmt::format(
            fmt::runtime(say("skipped: {} images already up to date ({} outputs; --force redoes "
                             "them)\n",
                             "omitidas: {} imágenes ya al día ({} salidas; --force las rehace)\n")),
            summary.skipped, outputs_skipped);
    }
    if (summary.ignored_files > 0) {
        out << fmt::format(fmt::runtime(say("ignored: {} files that are not images\n",
                                            "ignorados: {} archivos que no son imágenes\n")),
                           summary.ignored_files);
    }
    if (summary.cancelled) {
        out << fmt::format(
            fmt::runtime(say("cancelled: {} images stopped while in progress (not failed); they "
                             "and the images not started are left for the next run\n",
                             "cancelado: {} imágenes paradas a medias (no son fallos); ellas y "
                             "las que no empezaron quedan para la próxima vez\n")),
            summary.cancelled_images);
    }
    print_nodes(out, summary);
}

void print_warnings(std::ostream& out, const BatchSummary& summary) {
    if (summary.kept_files > 0) {
        out << fmt::format(
            fmt::runtime(say("kept: {} files lote did not make were left as they were "
                             "(--on-conflict skip)\n",
                             "conservados: {} archivos que lote no hizo se dejaron como "
                             "estaban (--on-conflict skip)\n")),
            summary.kept_files);
    }
    if (summary.warnings.empty()) {
        return;
    }
    // Damaged data kept (--accept-damaged) and metadata blocks left out both land here: the
    // image was written, but the photographer should know what it was written despite.
    std::set<std::string> images;
    for (const Failure& warning : summary.warnings) {
        images.insert(warning.image);
    }
    out << fmt::format(fmt::runtime(say("warnings: {} images written despite a problem\n",
                                        "avisos: {} imágenes escritas pese a un problema\n")),
                       images.size());
    for (const Failure& warning : summary.warnings) {
        out << fmt::format("  {}: {}\n", warning.image, warning.message);
    }
}

void print_failures(std::ostream& out, const BatchSummary& summary) {
    if (summary.failures.empty()) {
        return;
    }
    out << say("failures:\n", "fallos:\n");
    for (const Failure& failure : summary.failures) {
        out << fmt::format("  {} [{}]: {}\n", failure.image, failure.filter, failure.message);
    }
}

}  // namespace

void print_summary(std::ostream& out, const BatchSummary& summary) {
    print_filter_rows(out, summary);
    print_totals(out, summary);
    print_warnings(out, summary);
    print_failures(out, summary);
}

}  // namespace lote::cli

#include "cli/summary_table.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "cli/language.hpp"

namespace lote::cli {

namespace {

std::size_t name_width(const BatchSummary& summary) {
    std::size_t width = 6;  // "filter"
    for (const FilterStats& stats : summary.filters) {
        width = std::max(width, stats.filter.size());
    }
    return width;
}

void print_filter_rows(std::ostream& out, const BatchSummary& summary) {
    std::size_t w = name_width(summary);
    out << fmt::format("{:<{}}  {:>9}  {:>6}  {:>7}  {:>9}  {:>9}  {:>5}\n", "filter", w,
                       "succeeded", "failed", "skipped", "total (s)", "s/image", "cores");
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
        text += fmt::format("{}{} {} image{}", text.empty() ? "" : ", ", node, images,
                            images == 1 ? "" : "s");
    }
    out << "nodes: " << text << "\n";
}

void print_totals(std::ostream& out, const BatchSummary& summary) {
    // Up-to-date images are done: "3 done (3 already up to date)", never "0 processed".
    out << fmt::format(
        "total: {} images found, {} done ({} made now, {} already up to date), {} failed, in "
        "{:.2f} s ({}, {} workers)\n",
        summary.images, summary.processed + summary.skipped, summary.processed, summary.skipped,
        summary.failed_images, summary.wall_seconds, executor_kind_id(summary.executor),
        summary.workers);
    std::uint64_t outputs_skipped = 0;
    for (const FilterStats& stats : summary.filters) {
        outputs_skipped += stats.skipped;
    }
    if (summary.skipped > 0 || outputs_skipped > 0) {
        out << fmt::format(
            "skipped: {} images already up to date ({} outputs; --force redoes them)\n",
            summary.skipped, outputs_skipped);
    }
    if (summary.ignored_files > 0) {
        out << fmt::format("ignored: {} files that are not images\n", summary.ignored_files);
    }
    if (summary.cancelled) {
        out << fmt::format(
            "cancelled: {} images stopped while in progress (not failed); they and the images not "
            "started are left for the next run\n",
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
    out << say("warnings (the images were written):\n", "avisos (las imágenes se escribieron):\n");
    for (const Failure& warning : summary.warnings) {
        out << fmt::format("  {}: {}\n", warning.image, warning.message);
    }
}

void print_failures(std::ostream& out, const BatchSummary& summary) {
    if (summary.failures.empty()) {
        return;
    }
    out << "failures:\n";
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

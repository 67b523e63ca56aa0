#include "batch/progress_aggregator.hpp"

#include <cmath>

namespace lote {

namespace {

constexpr const char* kMessageDone = "Procesado exitosamente";
constexpr const char* kMessageCancelled = "Cancelado mientras se procesaba";

double round2(double value) {
    return std::round(value * 100.0) / 100.0;
}

// "blur: reason; sepia: reason" for the outputs that failed.
std::string failure_text(const std::vector<OutputResult>& outputs) {
    std::string text;
    for (const OutputResult& output : outputs) {
        if (!output.ok) {
            text += (text.empty() ? "" : "; ") + output.chain + ": " + output.message;
        }
    }
    return text;
}

// The warning of an image written from damaged data (every output of it carries the same one).
std::string warning_of(const std::vector<OutputResult>& outputs) {
    for (const OutputResult& output : outputs) {
        if (output.ok && !output.warning.empty()) {
            return output.warning;
        }
    }
    return {};
}

bool all_ok(const std::vector<OutputResult>& outputs) {
    for (const OutputResult& output : outputs) {
        if (!output.ok) {
            return false;
        }
    }
    return true;
}

bool any_failed(const std::vector<OutputResult>& outputs) {
    for (const OutputResult& output : outputs) {
        if (!output.ok && !output.cancelled) {
            return true;
        }
    }
    return false;
}

bool any_cancelled(const std::vector<OutputResult>& outputs) {
    for (const OutputResult& output : outputs) {
        if (output.cancelled) {
            return true;
        }
    }
    return false;
}

}  // namespace

ProgressAggregator::ProgressAggregator(AggregatorSetup setup, EventSink sink)
    : setup_(std::move(setup)),
      sink_(std::move(sink)),
      started_at_(std::chrono::steady_clock::now()) {
    summary_.images = setup_.images_found;
    summary_.skipped = setup_.skipped_images;
    summary_.executor = setup_.executor;
    summary_.workers = setup_.workers;
    summary_.kept_files = setup_.kept_files;
    for (std::size_t i = 0; i < setup_.filters.size(); ++i) {
        FilterStats stats;
        stats.filter = setup_.filters[i];
        stats.skipped = i < setup_.skipped_outputs.size() ? setup_.skipped_outputs[i] : 0;
        stats.cores = setup_.workers;
        summary_.filters.push_back(stats);
        filter_index_.emplace(setup_.filters[i], i);
    }
}

double ProgressAggregator::percent_of(std::uint64_t processed, std::uint64_t total) {
    if (total == 0 || processed >= total) {
        return 100.0;
    }
    // Rounding alone would show 100 for 19999 of 20000; 100 is kept for the very end.
    return std::min(round2(100.0 * static_cast<double>(processed) / static_cast<double>(total)),
                    99.99);
}

double ProgressAggregator::elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at_).count();
}

ProgressEvent ProgressAggregator::progress_event(EventKind kind) const {
    ProgressEvent event;
    event.kind = kind;
    event.processed = processed_;
    event.total = setup_.total;
    event.failed = summary_.failed_images;
    event.skipped = setup_.skipped_images;
    event.percent = kind == EventKind::Started ? 0.0 : percent_of(processed_, setup_.total);
    event.elapsed = round2(elapsed_seconds());
    double seconds = elapsed_seconds();
    event.throughput = seconds > 0 ? static_cast<double>(processed_) / seconds : 0.0;
    std::uint64_t remaining = setup_.total - std::min(processed_, setup_.total);
    event.eta = event.throughput > 0 ? static_cast<double>(remaining) / event.throughput : 0.0;
    event.cores = setup_.machine_cores;
    return event;
}

void ProgressAggregator::publish(const ProgressEvent& event) {
    if (sink_) {
        sink_(event);
    }
}

void ProgressAggregator::start() {
    std::lock_guard lock(mutex_);
    started_at_ = std::chrono::steady_clock::now();
    ProgressEvent event = progress_event(EventKind::Started);
    event.message = std::to_string(setup_.total) + " images to process, " +
                    std::to_string(setup_.skipped_images) + " up to date";
    publish(event);
}

void ProgressAggregator::image_started(const std::string& image) {
    std::lock_guard lock(mutex_);
    ProgressEvent event = progress_event(EventKind::ImageStarted);
    event.image = image;
    event.state = ImageState::processing;
    event.percent = percent_of(processed_, setup_.total);
    if (processed_ < setup_.total) {
        publish(event);
    }
}

void ProgressAggregator::count_outputs(const std::string& image,
                                       const std::vector<OutputResult>& outputs) {
    for (const OutputResult& output : outputs) {
        auto found = filter_index_.find(output.chain);
        if (found == filter_index_.end()) {
            continue;  // not one of ours; an executor bug, not worth a crash
        }
        FilterStats& stats = summary_.filters[found->second];
        stats.total_seconds += output.seconds;
        if (output.ok && output.skipped) {
            ++stats.skipped;
            ++summary_.kept_files;
        } else if (output.ok) {
            ++stats.succeeded;
        } else if (output.cancelled) {
            ++stats.cancelled;
        } else {
            ++stats.failed;
            summary_.failures.push_back({image, output.chain, output.message});
        }
    }
}

void ProgressAggregator::image_done(const std::string& image,
                                    const std::vector<OutputResult>& outputs,
                                    const std::vector<std::string>& warnings,
                                    const std::string& node) {
    std::lock_guard lock(mutex_);
    if (processed_ >= setup_.total) {
        return;  // more results than tasks: never let the counts run past the total
    }
    count_outputs(image, outputs);
    for (const std::string& warning : warnings) {
        summary_.warnings.push_back({image, "", warning});
    }
    bool ok = all_ok(outputs);
    // An image a cancel stopped half-way is cancelled, not failed, unless one of its outputs
    // really failed; it is not counted as processed (the next run does it).
    bool cancelled = !ok && !any_failed(outputs) && any_cancelled(outputs);
    if (cancelled) {
        ++summary_.cancelled_images;
    } else {
        if (!ok) {
            ++summary_.failed_images;
        }
        ++processed_;
    }
    if (!node.empty()) ++summary_.images_by_node[node];
    ProgressEvent event = progress_event(EventKind::ImageDone);
    event.image = image;
    event.node = node;
    event.state = cancelled ? ImageState::cancelled : ok ? ImageState::done : ImageState::failed;
    event.message = cancelled ? kMessageCancelled : ok ? kMessageDone : failure_text(outputs);
    event.warnings = warnings;
    event.warning = warning_of(outputs);
    if (!event.warning.empty()) {
        summary_.warnings.push_back({image, "", event.warning});
    }
    publish(event);
}

void ProgressAggregator::cluster_changed(const ClusterStatus& status) {
    std::lock_guard lock(mutex_);
    ProgressEvent event = progress_event(EventKind::Nodes);
    event.nodes = status.nodes;
    event.broker_reachable = status.broker_reachable;
    event.message = status.message;
    publish(event);
}

BatchSummary ProgressAggregator::finish(bool cancelled) {
    std::lock_guard lock(mutex_);
    summary_.processed = processed_;
    summary_.cancelled = cancelled;
    summary_.wall_seconds = elapsed_seconds();
    ProgressEvent event = progress_event(EventKind::Finished);
    event.state = cancelled                    ? ImageState::cancelled
                  : summary_.failed_images > 0 ? ImageState::failed
                                               : ImageState::done;
    event.message = cancelled ? "Procesamiento cancelado" : "Procesamiento completado";
    publish(event);
    return summary_;
}

}  // namespace lote

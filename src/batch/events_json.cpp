#include "batch/events_json.hpp"

#include "util/byte_text.hpp"
#include "util/json_paths.hpp"

namespace lote {

const char* event_kind_name(EventKind kind) {
    switch (kind) {
        case EventKind::Started:
            return "started";
        case EventKind::ImageStarted:
            return "image_started";
        case EventKind::ImageDone:
            return "image";
        case EventKind::Finished:
            return "finished";
        case EventKind::Nodes:
            return "nodes";
    }
    return "unknown";
}

const char* image_state_id(ImageState state) {
    switch (state) {
        case ImageState::none:
            return "";
        case ImageState::processing:
            return "procesando";
        case ImageState::done:
            return "completado";
        case ImageState::failed:
            return "error";
        case ImageState::cancelled:
            return "cancelado";
    }
    return "";
}

nlohmann::json to_json(const ProgressEvent& event) {
    nlohmann::json j = {{"event", event_kind_name(event.kind)},
                        {"processed", event.processed},
                        {"total", event.total},
                        {"failed", event.failed},
                        {"skipped", event.skipped},
                        {"percent", event.percent},
                        {"elapsed", event.elapsed},
                        {"throughput", event.throughput},
                        {"eta", event.eta},
                        {"cores", event.cores}};
    if (!event.image.empty()) {
        put_path(j, "image", event.image);
    }
    if (event.state != ImageState::none) {
        j["state"] = image_state_id(event.state);
    }
    if (!event.message.empty()) {
        j["message"] = display_text(event.message);
    }
    if (!event.filter.empty()) {
        j["filter"] = event.filter;
    }
    if (!event.node.empty()) {
        j["node"] = event.node;
    }
    if (event.kind == EventKind::Nodes) {
        nlohmann::json nodes = nlohmann::json::array();
        for (const NodeStatus& node : event.nodes) {
            nodes.push_back({{"name", node.name},
                             {"slots", node.slots},
                             {"done", node.done},
                             {"seen", node.seen_seconds}});
        }
        j["nodes"] = nodes;
        j["broker_reachable"] = event.broker_reachable;
    }
    if (!event.warnings.empty()) {
        j["warnings"] = event.warnings;
    }
    if (!event.warning.empty()) {
        j["warning"] = display_text(event.warning);
    }
    return j;
}

namespace {

nlohmann::json to_json(const FilterStats& stats) {
    std::uint64_t done = stats.succeeded + stats.failed;
    return {{"filter", stats.filter},
            {"succeeded", stats.succeeded},
            {"failed", stats.failed},
            {"skipped", stats.skipped},
            {"cancelled", stats.cancelled},
            {"total_seconds", stats.total_seconds},
            {"seconds_per_image", done > 0 ? stats.total_seconds / static_cast<double>(done) : 0.0},
            {"cores", stats.cores}};
}

}  // namespace

nlohmann::json to_json(const BatchSummary& summary) {
    nlohmann::json filters = nlohmann::json::array();
    for (const FilterStats& stats : summary.filters) {
        filters.push_back(to_json(stats));
    }
    nlohmann::json failures = nlohmann::json::array();
    for (const Failure& failure : summary.failures) {
        nlohmann::json entry = {{"filter", failure.filter},
                                {"message", display_text(failure.message)}};
        put_path(entry, "image", failure.image);
        failures.push_back(std::move(entry));
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const Failure& warning : summary.warnings) {
        nlohmann::json entry = {{"message", display_text(warning.message)}};
        put_path(entry, "image", warning.image);
        warnings.push_back(std::move(entry));
    }
    nlohmann::json j = {{"images", summary.images},
                        {"processed", summary.processed},
                        {"skipped", summary.skipped},
                        {"failed_images", summary.failed_images},
                        {"cancelled_images", summary.cancelled_images},
                        {"ignored_files", summary.ignored_files},
                        {"cancelled", summary.cancelled},
                        {"wall_seconds", summary.wall_seconds},
                        {"executor", executor_kind_id(summary.executor)},
                        {"workers", summary.workers},
                        {"filters", filters},
                        {"failures", failures},
                        {"warnings", warnings},
                        {"kept_files", summary.kept_files}};
    if (!summary.images_by_node.empty()) {
        j["nodes"] = summary.images_by_node;
    }
    return j;
}

}  // namespace lote

#include "cli/progress_display.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <iostream>

#include "batch/events_json.hpp"
#include "util/json_paths.hpp"

namespace lote::cli {

namespace {

constexpr int kBarWidth = 30;
// A terminal redrawn more often than this only burns time.
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

std::string bar_text(double percent) {
    int filled = static_cast<int>(percent / 100.0 * kBarWidth);
    return std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(kBarWidth - filled), '.');
}

std::string eta_text(double seconds) {
    auto s = static_cast<long>(seconds + 0.5);
    return s >= 60 ? fmt::format("{}m{:02}s", s / 60, s % 60) : fmt::format("{}s", s);
}

}  // namespace

DisplayMode choose_display_mode(bool json) {
    if (json) {
        return DisplayMode::Json;
    }
    return ::isatty(STDERR_FILENO) ? DisplayMode::Bar : DisplayMode::Lines;
}

void ProgressDisplay::note_nodes(const ProgressEvent& event) {
    distributed_ = true;
    nodes_ = event.nodes.size();
    waiting_ = event.message;
}

std::string ProgressDisplay::nodes_text() const {
    if (!distributed_) {
        return {};
    }
    if (!waiting_.empty()) {
        return fmt::format("  {} nodes: {}", nodes_, waiting_);
    }
    return fmt::format("  {} node{}", nodes_, nodes_ == 1 ? "" : "s");
}

void ProgressDisplay::on_event(const ProgressEvent& event) {
    if (event.kind == EventKind::Nodes) {
        note_nodes(event);
    }
    switch (mode_) {
        case DisplayMode::Bar:
            draw_bar(event, event.kind == EventKind::Finished);
            break;
        case DisplayMode::Lines:
            print_line(event);
            break;
        case DisplayMode::Json:
            print_json(event);
            break;
    }
}

void ProgressDisplay::draw_bar(const ProgressEvent& event, bool final_frame) {
    auto now = std::chrono::steady_clock::now();
    bool last_image = event.kind == EventKind::ImageDone && event.processed == event.total;
    bool news = event.kind == EventKind::Nodes;
    if (!final_frame && !last_image && !news && bar_drawn_ && now - last_draw_ < kRedrawInterval) {
        return;
    }
    last_draw_ = now;
    bar_drawn_ = true;
    std::string failures = event.failed > 0 ? fmt::format("  {} failed", event.failed) : "";
    std::cerr << fmt::format("\r[{}] {:6.2f}%  {}/{}  {:.1f} img/s  ETA {}{}{}\x1b[K",
                             bar_text(event.percent), event.percent, event.processed, event.total,
                             event.throughput, eta_text(event.eta), failures, nodes_text());
    if (final_frame) {
        std::cerr << '\n';
    }
    std::cerr.flush();
}

void ProgressDisplay::print_line(const ProgressEvent& event) {
    if (event.kind == EventKind::Started) {
        std::cerr << event.message << '\n';
    } else if (event.kind == EventKind::ImageDone) {
        std::string detail = event.state == ImageState::done ? "" : ": " + event.message;
        if (!event.warning.empty()) {
            detail += " (warning: " + event.warning + ")";
        }
        std::string by = event.node.empty() ? "" : " (" + event.node + ")";
        std::cerr << fmt::format("[{}/{}] {:.2f}% {} {}{}{}\n", event.processed, event.total,
                                 event.percent, event.image, image_state_id(event.state), by,
                                 detail);
    } else if (event.kind == EventKind::Nodes) {
        std::string names;
        for (const NodeStatus& node : event.nodes) {
            names +=
                fmt::format("{}{} ({} slots)", names.empty() ? ": " : ", ", node.name, node.slots);
        }
        std::cerr << fmt::format("nodes: {} connected{}{}\n", event.nodes.size(), names,
                                 event.message.empty() ? "" : " - " + event.message);
    }
}

// Started and one line per image; the command itself prints the final line with the summary.
void ProgressDisplay::print_json(const ProgressEvent& event) {
    if (event.kind == EventKind::Started || event.kind == EventKind::ImageDone ||
        event.kind == EventKind::Nodes) {
        std::cout << dump_json(to_json(event)) << '\n';
        std::cout.flush();
    }
}

}  // namespace lote::cli

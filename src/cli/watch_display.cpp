#include "cli/watch_display.hpp"

#include <fmt/core.h>

#include <iostream>

#include "batch/events_json.hpp"
#include "cli/language.hpp"
#include "watch/watch_json.hpp"

namespace lote::cli {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

void print_json(const nlohmann::json& j) {
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    std::cout.flush();
}

std::string idle_text(const watch::WatchStatus& status) {
    return fmt::format(fmt::runtime(say("watching {} · {} processed, {} failed",
                                        "vigilando {} · {} procesadas, {} con error")),
                       status.folder, status.processed, status.failed);
}

}  // namespace

std::string WatchDisplay::queue_text(const watch::TableCounts& files) const {
    std::string text;
    if (files.arriving > 0) {
        text += fmt::format(fmt::runtime(say(" · {} arriving", " · {} llegando")), files.arriving);
    }
    if (files.ready > 0) {
        text += fmt::format(fmt::runtime(say(" · {} waiting", " · {} en cola")), files.ready);
    }
    return text;
}

void WatchDisplay::draw(const std::string& line) {
    std::cerr << '\r' << line << "\x1b[K";
    std::cerr.flush();
    line_drawn_ = true;
    last_draw_ = std::chrono::steady_clock::now();
}

// A line of its own, above the redrawn one.
void WatchDisplay::print(const std::string& line) {
    if (mode_ == DisplayMode::Bar && line_drawn_) {
        std::cerr << "\r\x1b[K";
        line_drawn_ = false;
    }
    std::cerr << line << '\n';
    std::cerr.flush();
}

void WatchDisplay::status(const watch::WatchStatus& status) {
    folder_ = status.folder;
    if (mode_ == DisplayMode::Json) {
        print_json(watch::to_json(status));
        return;
    }
    if (status.state == watch::WatchState::missing) {
        print(fmt::format(fmt::runtime(say("lote watch: {}; waiting for it to come back",
                                           "lote watch: {}; esperando a que vuelva")),
                          status.message));
        return;
    }
    if (status.state == watch::WatchState::stopped) {
        print(fmt::format(
            fmt::runtime(say("stopped watching {}: {} processed, {} failed in {} batches",
                             "vigilancia de {} detenida: {} procesadas, {} con error en {} lotes")),
            status.folder, status.processed, status.failed, status.batches));
        return;
    }
    std::string line = idle_text(status) + queue_text(status.files);
    if (mode_ == DisplayMode::Bar) {
        draw(line);
    } else {
        print(line);
    }
}

void WatchDisplay::batch_event(const ProgressEvent& event) {
    if (mode_ != DisplayMode::Bar) {
        batch_display_.on_event(event);
        return;
    }
    if (event.kind == EventKind::ImageDone && event.state == ImageState::failed) {
        print(fmt::format("{}: {}", event.image, event.message));
    }
    auto now = std::chrono::steady_clock::now();
    if (event.kind != EventKind::Finished && line_drawn_ && now - last_draw_ < kRedrawInterval) {
        return;
    }
    watch::TableCounts files = watcher_ != nullptr ? watcher_->counts() : watch::TableCounts{};
    int filled = static_cast<int>(event.percent / 100.0 * 20);
    draw(fmt::format("[{}{}] {:6.2f}%  {}/{}  {:.1f} img/s{}", std::string(filled, '#'),
                     std::string(20 - filled, '.'), event.percent, event.processed, event.total,
                     event.throughput, queue_text(files)));
}

void WatchDisplay::batch_finished(const BatchSummary& summary) {
    if (mode_ == DisplayMode::Json) {
        print_json({{"event", "finished"}, {"summary", to_json(summary)}});
        return;
    }
    if (summary.processed == 0 && summary.failed_images == 0) {
        return;  // everything was up to date: nothing to say
    }
    print(fmt::format(fmt::runtime(say("batch: {} processed, {} failed, {} up to date ({:.1f} s)",
                                       "lote: {} procesadas, {} con error, {} al día ({:.1f} s)")),
                      summary.processed, summary.failed_images, summary.skipped,
                      summary.wall_seconds));
}

void WatchDisplay::moved(const std::string& image, const std::filesystem::path& to, bool done) {
    if (mode_ == DisplayMode::Json) {
        print_json({{"event", "moved"},
                    {"image", image},
                    {"to", to.string()},
                    {"outcome", done ? "done" : "failed"}});
    } else if (mode_ == DisplayMode::Lines) {
        print(
            fmt::format(fmt::runtime(say("moved {} to {}", "{} movida a {}")), image, to.string()));
    }
}

void WatchDisplay::warning(const std::string& message) {
    if (mode_ == DisplayMode::Json) {
        print_json({{"event", "warning"}, {"message", message}});
        return;
    }
    print("lote watch: " + message);
}

}  // namespace lote::cli

#pragma once
// How `lote watch` shows a watched folder: on a terminal one line redrawn in place (the queue
// while idle, the batch's bar and the queue while working); otherwise plain lines; with --json
// the events of `lote run --json` for each batch plus `watching`, `moved` and `warning` events.

#include <chrono>
#include <string>

#include "cli/progress_display.hpp"
#include "watch/watcher.hpp"

namespace lote::cli {

class WatchDisplay : public watch::WatchListener {
  public:
    explicit WatchDisplay(DisplayMode mode) : mode_(mode), batch_display_(mode) {}
    // The watcher whose queue the bar shows (set once it exists).
    void follow(const watch::Watcher* watcher) { watcher_ = watcher; }

    void status(const watch::WatchStatus& status) override;
    void batch_event(const ProgressEvent& event) override;
    void batch_finished(const BatchSummary& summary) override;
    void moved(const std::string& image, const std::filesystem::path& to, bool done) override;
    void warning(const std::string& message) override;

  private:
    void draw(const std::string& line);
    void print(const std::string& line);
    std::string queue_text(const watch::TableCounts& files) const;

    DisplayMode mode_;
    ProgressDisplay batch_display_;
    const watch::Watcher* watcher_ = nullptr;
    std::string folder_;
    bool line_drawn_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace lote::cli

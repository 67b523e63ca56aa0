#pragma once
// How `lote run` shows a batch while it runs: one bar redrawn in place on a terminal, plain lines
// otherwise, or one JSON object per line on stdout for scripts.

#include <chrono>
#include <cstdio>
#include <string>

#include "batch/events.hpp"

namespace lote::cli {

enum class DisplayMode { Bar, Lines, Json };

// Bar when stderr is a terminal, else Lines; Json when asked.
DisplayMode choose_display_mode(bool json);

class ProgressDisplay {
  public:
    explicit ProgressDisplay(DisplayMode mode) : mode_(mode) {}
    // Called for every event, one at a time (the aggregator serialises them).
    void on_event(const ProgressEvent& event);

  private:
    void draw_bar(const ProgressEvent& event, bool final_frame);
    void print_line(const ProgressEvent& event);
    void print_json(const ProgressEvent& event);
    void note_nodes(const ProgressEvent& event);
    std::string nodes_text() const;

    DisplayMode mode_;
    std::chrono::steady_clock::time_point last_draw_{};
    bool bar_drawn_ = false;
    // A distributed batch: how many nodes work for it, and what it waits for.
    bool distributed_ = false;
    std::size_t nodes_ = 0;
    std::string waiting_;
};

}  // namespace lote::cli

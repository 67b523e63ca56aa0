#pragma once
// What the batch tells its observers (CLI bar, WebSocket hub, job store, metrics, tests).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "exec/executor_kind.hpp"

namespace lote {

struct FilterStats {
    std::string filter;  // chain name
    std::uint64_t succeeded = 0;
    std::uint64_t failed = 0;
    std::uint64_t skipped = 0;  // up to date in the manifest
    double total_seconds = 0;   // summed processing time of this filter's outputs
    unsigned cores = 0;
};

struct Failure {
    std::string image;
    std::string filter;
    std::string message;
};

enum class EventKind { Started, ImageStarted, ImageDone, Finished };

// Where an image stands (in a Finished event: how the batch ended). The protocol's words for it
// ("procesando", "completado", ...) are image_state_id() in batch/events_json.hpp.
enum class ImageState { none, processing, done, failed, cancelled };

struct ProgressEvent {
    EventKind kind = EventKind::ImageDone;
    std::string image;  // relative input path
    ImageState state = ImageState::none;
    std::string message;
    std::string filter;           // for a per-output event; empty for a whole-image event
    std::uint64_t processed = 0;  // images finished (all outputs) in this batch
    std::uint64_t total = 0;      // images in this batch (skipped ones excluded)
    std::uint64_t failed = 0;     // images with at least one failed output so far
    std::uint64_t skipped = 0;    // images whose every output was up to date (not in `total`)
    // 0..100, two decimals. Among ImageDone events it reaches 100 exactly once (on the last
    // image) and never goes down; Finished repeats the final value (100 when total is 0).
    double percent = 0;
    double elapsed = 0;     // seconds since start
    double throughput = 0;  // images per second
    double eta = 0;         // seconds
    unsigned cores = 0;
};

struct BatchSummary {
    std::vector<FilterStats> filters;  // in request order
    std::uint64_t images = 0;          // inputs found
    std::uint64_t processed = 0;
    std::uint64_t skipped = 0;        // images with every output up to date
    std::uint64_t ignored_files = 0;  // files in the input folder that are no images
    std::uint64_t failed_images = 0;
    std::vector<Failure> failures;
    double wall_seconds = 0;
    bool cancelled = false;
    ExecutorKind executor = ExecutorKind::processes;
    unsigned workers = 0;
};

using EventSink = std::function<void(const ProgressEvent&)>;

}  // namespace lote

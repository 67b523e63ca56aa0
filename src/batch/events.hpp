#pragma once
// What the batch tells its observers (CLI bar, WebSocket hub, job store, metrics, tests).

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "exec/executor_kind.hpp"
#include "exec/node_status.hpp"

namespace lote {

struct FilterStats {
    std::string filter;  // chain name
    std::uint64_t succeeded = 0;
    std::uint64_t failed = 0;
    std::uint64_t skipped = 0;    // up to date in the manifest
    std::uint64_t cancelled = 0;  // stopped by a cancel while being made (neither done nor failed)
    double total_seconds = 0;     // summed processing time of this filter's outputs
    unsigned cores = 0;
};

struct Failure {
    std::string image;
    std::string filter;
    std::string message;
};

// Nodes: the machines working for a distributed batch changed (or what it waits for did).
enum class EventKind { Started, ImageStarted, ImageDone, Finished, Nodes };

// Where an image stands (in a Finished event: how the batch ended). The protocol's words for it
// ("procesando", "completado", ...) are image_state_id() in batch/events_json.hpp.
enum class ImageState { none, processing, done, failed, cancelled };

struct ProgressEvent {
    EventKind kind = EventKind::ImageDone;
    std::string image;  // relative input path
    ImageState state = ImageState::none;
    std::string message;
    std::string filter;           // for a per-output event; empty for a whole-image event
    std::string warning;          // ImageDone: a damaged input kept (--accept-damaged), or empty
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
    std::vector<std::string> warnings;  // ImageDone: what the image succeeded despite
    std::string node;                   // ImageDone of a distributed batch: the machine that did it
    std::vector<NodeStatus> nodes;      // Nodes: every node connected to the broker
    bool broker_reachable = true;       // Nodes
};

struct BatchSummary {
    std::vector<FilterStats> filters;  // in request order
    std::uint64_t images = 0;          // inputs found
    std::uint64_t processed = 0;
    std::uint64_t skipped = 0;        // images with every output up to date
    std::uint64_t ignored_files = 0;  // files in the input folder that are no images
    std::uint64_t failed_images = 0;
    std::uint64_t cancelled_images = 0;  // stopped by a cancel while in progress (not failed)
    std::vector<Failure> failures;
    // Images that succeeded with a warning (filter empty): metadata that could not be kept, or
    // damaged data kept with --accept-damaged (one entry per image, its warning as the message).
    std::vector<Failure> warnings;
    std::uint64_t kept_files = 0;  // outputs skipped to keep a file lote did not make
    double wall_seconds = 0;
    bool cancelled = false;
    ExecutorKind executor = ExecutorKind::processes;
    unsigned workers = 0;
    std::map<std::string, std::uint64_t> images_by_node;  // distributed batches
};

using EventSink = std::function<void(const ProgressEvent&)>;

}  // namespace lote

#pragma once
// The one place where results become counts: receives task starts and image results from any
// thread, keeps the per-filter statistics, and publishes ProgressEvents in order.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "batch/events.hpp"
#include "exec/node_status.hpp"
#include "pipeline/process_image.hpp"

namespace lote {

struct AggregatorSetup {
    std::vector<std::string> filters;            // chain names, request order
    std::vector<std::uint64_t> skipped_outputs;  // per filter, up to date outputs
    std::uint64_t images_found = 0;
    std::uint64_t skipped_images = 0;
    std::uint64_t kept_files = 0;  // outputs not written over a file lote did not make
    std::uint64_t total = 0;       // images to process
    unsigned machine_cores = 0;    // what events report as `cores`
    unsigned workers = 0;          // what the summary reports as cores used
    ExecutorKind executor = ExecutorKind::processes;
};

class ProgressAggregator {
  public:
    // The sink is called with the aggregator's lock held, so events arrive one at a time and in
    // order; it must be quick and must not call back into the aggregator.
    ProgressAggregator(AggregatorSetup setup, EventSink sink);

    void start();
    void image_started(const std::string& image);
    // `warnings`: what the image succeeded despite (a malformed metadata block left out);
    // `node`: the machine that did it (distributed batches).
    void image_done(const std::string& image, const std::vector<OutputResult>& outputs,
                    const std::vector<std::string>& warnings = {}, const std::string& node = {});
    // A distributed batch's machines changed, or what it waits for did.
    void cluster_changed(const ClusterStatus& status);
    // Publishes Finished and returns the summary; call once, after the last result.
    BatchSummary finish(bool cancelled);

    // Rounded to two decimals; below 100 until every image is done.
    static double percent_of(std::uint64_t processed, std::uint64_t total);

  private:
    ProgressEvent progress_event(EventKind kind) const;
    double elapsed_seconds() const;
    void count_outputs(const std::string& image, const std::vector<OutputResult>& outputs);
    void publish(const ProgressEvent& event);

    AggregatorSetup setup_;
    EventSink sink_;
    std::chrono::steady_clock::time_point started_at_;
    mutable std::mutex mutex_;
    BatchSummary summary_;
    std::map<std::string, std::size_t> filter_index_;
    std::uint64_t processed_ = 0;
};

}  // namespace lote

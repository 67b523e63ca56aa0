#pragma once
// The numbers GET /metrics shows, kept as they happen: counters and per-filter time histograms
// fed by the job manager's results, byte counters fed by the HTTP API. Thread-safe; one per
// process (api_metrics()). Gauges (queue, jobs by state, clients) are read at scrape time.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/process_image.hpp"

namespace lote::server {

class MetricsRegistry {
  public:
    // Upper bounds of the processing-time histogram buckets, in seconds (+Inf is implicit).
    static constexpr std::array<double, 10> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,  1,     2.5,  10};

    struct FilterNumbers {
        std::uint64_t processed = 0;
        std::uint64_t failed = 0;
        std::array<std::uint64_t, kBuckets.size()> buckets{};  // not cumulative
        std::uint64_t count = 0;                               // observations (successes)
        double seconds = 0;
    };

    // Distinct names a client may choose (chain names) that get a label of their own; the rest
    // are counted under kOtherLabel, so a client cannot grow /metrics without bound. Filter ids of
    // the registry always have their own.
    static constexpr std::size_t kMaxChosenLabels = 200;
    static constexpr const char* kOtherLabel = "other";

    // One processed image: every output counted under its filter (chain) name.
    void record_image(const std::string& input_path, const ImageResult& result);
    void add_http_bytes_read(std::uint64_t bytes);
    void add_http_bytes_written(std::uint64_t bytes);
    // A job-store write that failed (the job went on without it).
    void add_store_write_failure();

    std::map<std::string, FilterNumbers> filters() const;
    std::uint64_t image_bytes_read() const;
    std::uint64_t image_bytes_written() const;
    std::uint64_t http_bytes_read() const;
    std::uint64_t http_bytes_written() const;
    std::uint64_t store_write_failures() const;

  private:
    const std::string& label_for(const std::string& name);

    mutable std::mutex mutex_;
    std::size_t chosen_labels_ = 0;
    std::map<std::string, FilterNumbers> filters_;
    std::uint64_t image_bytes_read_ = 0;
    std::uint64_t image_bytes_written_ = 0;
    std::uint64_t http_bytes_read_ = 0;
    std::uint64_t http_bytes_written_ = 0;
    std::uint64_t store_write_failures_ = 0;
};

MetricsRegistry& api_metrics();

// Gauges and counters rendered in the Prometheus text format (version 0.0.4).
struct MetricsSnapshot {
    std::map<std::string, MetricsRegistry::FilterNumbers> filters;
    std::uint64_t image_bytes_read = 0;
    std::uint64_t image_bytes_written = 0;
    std::uint64_t http_bytes_read = 0;
    std::uint64_t http_bytes_written = 0;
    std::size_t queue_length = 0;
    std::size_t running_jobs = 0;
    std::map<std::string, std::uint64_t> jobs_by_state;
    std::size_t clients = 0;
    std::uint64_t store_write_failures = 0;
};

std::string render_prometheus(const MetricsSnapshot& snapshot);

}  // namespace lote::server

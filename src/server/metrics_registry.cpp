#include "server/metrics_registry.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "filters/registry.hpp"

namespace lote::server {

namespace {

// Label values escape backslash, double quote and newline (exposition format).
std::string escape_label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void histogram(std::string& out, const std::string& filter,
               const MetricsRegistry::FilterNumbers& n) {
    std::string label = escape_label(filter);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < MetricsRegistry::kBuckets.size(); ++i) {
        cumulative += n.buckets[i];
        out += fmt::format("lote_filter_seconds_bucket{{filter=\"{}\",le=\"{}\"}} {}\n", label,
                           MetricsRegistry::kBuckets[i], cumulative);
    }
    out +=
        fmt::format("lote_filter_seconds_bucket{{filter=\"{}\",le=\"+Inf\"}} {}\n", label, n.count);
    out += fmt::format("lote_filter_seconds_sum{{filter=\"{}\"}} {}\n", label, n.seconds);
    out += fmt::format("lote_filter_seconds_count{{filter=\"{}\"}} {}\n", label, n.count);
}

}  // namespace

// Called under the lock.
const std::string& MetricsRegistry::label_for(const std::string& name) {
    static const std::string other = kOtherLabel;
    if (filters_.count(name) != 0) return name;
    const FilterSpec* known = Registry::instance().find(name);
    if (known && known->id == name) return name;
    if (chosen_labels_ >= kMaxChosenLabels) return other;
    ++chosen_labels_;
    return name;
}

void MetricsRegistry::record_image(const std::string& input_path, const ImageResult& result) {
    std::error_code ec;
    auto input_bytes = input_path.empty() ? 0 : std::filesystem::file_size(input_path, ec);
    std::lock_guard lock(mutex_);
    if (!ec) image_bytes_read_ += input_bytes;
    for (const auto& output : result.outputs) {
        auto& n = filters_[label_for(output.chain)];
        if (!output.ok) {
            ++n.failed;
            continue;
        }
        ++n.processed;
        image_bytes_written_ += output.bytes;
        ++n.count;
        n.seconds += output.seconds;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            if (output.seconds <= kBuckets[i]) {
                ++n.buckets[i];
                break;
            }
        }
    }
}

void MetricsRegistry::add_http_bytes_read(std::uint64_t bytes) {
    std::lock_guard lock(mutex_);
    http_bytes_read_ += bytes;
}

void MetricsRegistry::add_http_bytes_written(std::uint64_t bytes) {
    std::lock_guard lock(mutex_);
    http_bytes_written_ += bytes;
}

std::map<std::string, MetricsRegistry::FilterNumbers> MetricsRegistry::filters() const {
    std::lock_guard lock(mutex_);
    return filters_;
}

std::uint64_t MetricsRegistry::image_bytes_read() const {
    std::lock_guard lock(mutex_);
    return image_bytes_read_;
}
std::uint64_t MetricsRegistry::image_bytes_written() const {
    std::lock_guard lock(mutex_);
    return image_bytes_written_;
}
std::uint64_t MetricsRegistry::http_bytes_read() const {
    std::lock_guard lock(mutex_);
    return http_bytes_read_;
}
std::uint64_t MetricsRegistry::http_bytes_written() const {
    std::lock_guard lock(mutex_);
    return http_bytes_written_;
}

void MetricsRegistry::add_store_write_failure() {
    std::lock_guard lock(mutex_);
    ++store_write_failures_;
}

std::uint64_t MetricsRegistry::store_write_failures() const {
    std::lock_guard lock(mutex_);
    return store_write_failures_;
}

MetricsRegistry& api_metrics() {
    static MetricsRegistry registry;
    return registry;
}

std::string render_prometheus(const MetricsSnapshot& s) {
    std::string out;
    header(out, "lote_images_processed_total", "counter",
           "Outputs written successfully, by filter.");
    for (const auto& [name, n] : s.filters) {
        out += fmt::format("lote_images_processed_total{{filter=\"{}\"}} {}\n", escape_label(name),
                           n.processed);
    }
    header(out, "lote_images_failed_total", "counter", "Outputs that failed, by filter.");
    for (const auto& [name, n] : s.filters) {
        out += fmt::format("lote_images_failed_total{{filter=\"{}\"}} {}\n", escape_label(name),
                           n.failed);
    }
    header(out, "lote_filter_seconds", "histogram", "Processing time of one output, by filter.");
    for (const auto& [name, n] : s.filters) histogram(out, name, n);
    header(out, "lote_queue_length", "gauge", "Jobs waiting to start.");
    out += fmt::format("lote_queue_length {}\n", s.queue_length);
    header(out, "lote_jobs", "gauge", "Stored jobs by state.");
    for (const auto& [state, count] : s.jobs_by_state) {
        out += fmt::format("lote_jobs{{state=\"{}\"}} {}\n", escape_label(state), count);
    }
    header(out, "lote_connected_clients", "gauge", "WebSocket clients connected.");
    out += fmt::format("lote_connected_clients {}\n", s.clients);
    header(out, "lote_image_bytes_read_total", "counter", "Bytes of input images processed.");
    out += fmt::format("lote_image_bytes_read_total {}\n", s.image_bytes_read);
    header(out, "lote_image_bytes_written_total", "counter", "Bytes of output images written.");
    out += fmt::format("lote_image_bytes_written_total {}\n", s.image_bytes_written);
    header(out, "lote_http_bytes_read_total", "counter", "Bytes of uploads received.");
    out += fmt::format("lote_http_bytes_read_total {}\n", s.http_bytes_read);
    header(out, "lote_http_bytes_written_total", "counter",
           "Bytes of zips, thumbnails and previews sent.");
    out += fmt::format("lote_http_bytes_written_total {}\n", s.http_bytes_written);
    header(out, "lote_job_store_write_failures_total", "counter",
           "Job-store writes that failed (history or resume data lost; the jobs went on).");
    out += fmt::format("lote_job_store_write_failures_total {}\n", s.store_write_failures);
    return out;
}

}  // namespace lote::server

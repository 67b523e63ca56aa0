#include "server/metrics_registry.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <thread>
#include <vector>

using namespace lote::server;

namespace {

lote::ImageResult result_with(std::vector<std::tuple<std::string, bool, double>> outputs) {
    lote::ImageResult r;
    for (const auto& [name, ok, seconds] : outputs) {
        lote::OutputResult o;
        o.chain = name;
        o.ok = ok;
        o.seconds = seconds;
        o.bytes = ok ? 100 : 0;
        r.outputs.push_back(o);
    }
    return r;
}

// Every line is a comment or `name{labels} value` (the text exposition format).
bool is_exposition_text(const std::string& text) {
    std::regex sample(
        R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*")*\})? [-+0-9.eEInfa]+$)");
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
        if (!std::regex_match(line, sample)) {
            ADD_FAILURE() << "bad line: " << line;
            return false;
        }
    }
    return true;
}

}  // namespace

TEST(MetricsRegistry, CountsOutputsByFilterAndBucketsTheirTimes) {
    MetricsRegistry registry;
    registry.record_image("", result_with({{"blur", true, 0.003}, {"gris", false, 0.0}}));
    registry.record_image("", result_with({{"blur", true, 0.2}, {"gris", true, 30.0}}));
    auto filters = registry.filters();
    EXPECT_EQ(filters["blur"].processed, 2u);
    EXPECT_EQ(filters["blur"].failed, 0u);
    EXPECT_EQ(filters["gris"].processed, 1u);
    EXPECT_EQ(filters["gris"].failed, 1u);
    EXPECT_EQ(filters["blur"].buckets[0], 1u);  // 0.003 <= 0.005
    EXPECT_EQ(filters["blur"].buckets[5], 1u);  // 0.2 <= 0.25
    EXPECT_EQ(filters["gris"].count, 1u);       // 30 s: only in +Inf
    EXPECT_EQ(registry.image_bytes_written(), 300u);
}

// Chain names are the client's to choose: past kMaxChosenLabels distinct ones, outputs are
// counted under "other", so the exposition stays bounded; nothing is dropped from the counts, and
// the registry's filter ids keep labels of their own.
TEST(MetricsRegistry, LabelsAClientChoosesAreBounded) {
    MetricsRegistry registry;
    const std::size_t chosen = MetricsRegistry::kMaxChosenLabels + 300;
    for (std::size_t i = 0; i < chosen; ++i) {
        registry.record_image("", result_with({{"chain-" + std::to_string(i), true, 0.01}}));
    }
    registry.record_image("", result_with({{"grises", true, 0.01}, {"chain-0", false, 0.0}}));
    auto filters = registry.filters();
    EXPECT_EQ(filters.size(), MetricsRegistry::kMaxChosenLabels + 2);  // + "other" + "grises"
    EXPECT_EQ(filters["other"].processed, 300u);
    EXPECT_EQ(filters["chain-0"].failed, 1u);
    EXPECT_EQ(filters["grises"].processed, 1u);
    std::uint64_t total = 0;
    for (const auto& [name, n] : filters) total += n.processed;
    EXPECT_EQ(total, chosen + 1);
    MetricsSnapshot snapshot;
    snapshot.filters = filters;
    auto text = render_prometheus(snapshot);
    EXPECT_EQ(text.find("chain-" + std::to_string(chosen - 1)), std::string::npos);
    EXPECT_NE(text.find("lote_images_processed_total{filter=\"other\"} 300"), std::string::npos);
}

TEST(MetricsRegistry, IsSafeUnderManyThreads) {
    MetricsRegistry registry;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                registry.record_image("", result_with({{"blur", true, 0.01}}));
                registry.add_http_bytes_read(1);
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(registry.filters()["blur"].processed, 4000u);
    EXPECT_EQ(registry.http_bytes_read(), 4000u);
}

TEST(MetricsRegistry, RendersValidPrometheusTextWithCumulativeBuckets) {
    MetricsRegistry registry;
    registry.record_image("", result_with({{"blur", true, 0.003}, {"we\"ird", true, 0.2}}));
    MetricsSnapshot s;
    s.filters = registry.filters();
    s.queue_length = 2;
    s.jobs_by_state = {{"done", 3}, {"running", 1}};
    s.clients = 5;
    std::string text = render_prometheus(s);
    EXPECT_TRUE(is_exposition_text(text)) << text;
    EXPECT_NE(text.find("lote_images_processed_total{filter=\"blur\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("filter=\"we\\\"ird\""), std::string::npos);
    EXPECT_NE(text.find("lote_filter_seconds_bucket{filter=\"blur\",le=\"0.005\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("lote_filter_seconds_bucket{filter=\"blur\",le=\"10\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("lote_filter_seconds_bucket{filter=\"blur\",le=\"+Inf\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("lote_queue_length 2\n"), std::string::npos);
    EXPECT_NE(text.find("lote_jobs{state=\"done\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("lote_connected_clients 5\n"), std::string::npos);
    EXPECT_NE(text.find("# TYPE lote_filter_seconds histogram"), std::string::npos);
}

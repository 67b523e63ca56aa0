#pragma once
// Shared helpers for the executor tests: a scratch folder, small synthetic images, real tasks,
// and a thread-safe record of what an executor reported.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>
#include <vips/vips8>

#include "exec/executor.hpp"
#include "filters/chain.hpp"
#include "support/temp_dir.hpp"

namespace lote::testing {

namespace fs = std::filesystem;

using ScratchDir = test_support::TempDir;

// A small noisy RGB JPEG: different pixels everywhere, so a wrong or partial output shows.
inline void write_noise_jpeg(const fs::path& path, int width = 48, int height = 32) {
    auto noise = [&] { return vips::VImage::gaussnoise(width, height).cast(VIPS_FORMAT_UCHAR); };
    auto rgb = noise().bandjoin(noise()).bandjoin(noise());
    rgb.write_to_file(path.c_str());
}

inline ImageTask make_task(std::uint64_t id, const fs::path& input, const fs::path& out_dir,
                           const std::string& chain_text = "grises") {
    auto chain = parse_chain(chain_text);
    EXPECT_TRUE(chain.ok()) << chain_text;
    ImageTask task;
    task.id = id;
    task.input = input.string();
    OutputRequest output{chain.ok() ? *chain : Chain{}, {}};
    output.path = (out_dir / (input.stem().string() + "_" + output.chain.name + ".jpg")).string();
    task.outputs.push_back(std::move(output));
    return task;
}

// `count` images img0.jpg.. in <root>/in, tasks writing to <root>/<out_name>.
inline std::vector<ImageTask> make_batch(const fs::path& root, int count,
                                         const std::string& out_name = "out") {
    fs::create_directories(root / "in");
    std::vector<ImageTask> tasks;
    for (int i = 0; i < count; ++i) {
        auto input = root / "in" / ("img" + std::to_string(i) + ".jpg");
        if (!fs::exists(input)) write_noise_jpeg(input);
        tasks.push_back(make_task(static_cast<std::uint64_t>(i + 1), input, root / out_name));
    }
    return tasks;
}

inline std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Everything an executor reported, safe to call from any thread.
class Recorder {
  public:
    StartCallback on_start() {
        return [this](const ImageTask& task) {
            std::lock_guard lock(mutex_);
            started_.push_back(task.id);
        };
    }
    ResultCallback on_result() {
        return [this](const ImageResult& result) {
            std::lock_guard lock(mutex_);
            results_.push_back(result);
        };
    }
    std::vector<std::uint64_t> started() const {
        std::lock_guard lock(mutex_);
        auto ids = started_;
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    std::vector<ImageResult> results() const {
        std::lock_guard lock(mutex_);
        auto copy = results_;
        std::sort(copy.begin(), copy.end(),
                  [](const ImageResult& a, const ImageResult& b) { return a.id < b.id; });
        return copy;
    }
    std::vector<std::uint64_t> result_ids() const {
        std::vector<std::uint64_t> ids;
        for (const auto& r : results()) ids.push_back(r.id);
        return ids;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<std::uint64_t> started_;
    std::vector<ImageResult> results_;
};

inline bool all_outputs_ok(const ImageResult& result) {
    return !result.outputs.empty() && std::all_of(result.outputs.begin(), result.outputs.end(),
                                                  [](const OutputResult& o) { return o.ok; });
}

// True when this process has no child left, not even a zombie.
inline bool no_children_left() {
    int status = 0;
    return ::waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

}  // namespace lote::testing

#include "exec/worker_main.hpp"

#include <vips/vips.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "exec/fault_injection.hpp"
#include "exec/frame.hpp"
#include "pipeline/process_image.hpp"
#include "util/json_paths.hpp"

namespace lote {

namespace {

constexpr int kExitBrokenStream = 2;

Result<ImageTask> parse_task(const std::string& payload) {
    auto json = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) return fail("task is not JSON");
    return image_task_from_json(json);
}

}  // namespace

void configure_worker_libvips(unsigned threads) {
    // Images come one after another and are never revisited: caching operations only costs memory.
    vips_cache_set_max(0);
    vips_concurrency_set(static_cast<int>(threads == 0 ? 1 : threads));
}

int run_worker(int in_fd, int out_fd) {
    const auto fault = fault_from_environment();
    for (;;) {
        FrameRead frame = read_frame(in_fd);
        if (frame.status == FrameStatus::EndOfStream) return 0;
        if (frame.status != FrameStatus::Ok) {
            std::cerr << "lote worker: " << frame.detail << "\n";
            return kExitBrokenStream;
        }
        auto task = parse_task(frame.payload);
        if (!task) {
            std::cerr << "lote worker: bad task: " << task.message() << "\n";
            return kExitBrokenStream;
        }
        inject_fault_if_matching(fault, task->input, out_fd);
        delay_task_for_tests();
        auto answer = write_frame(out_fd, dump_json(to_json(process_image(*task))));
        if (!answer) {
            std::cerr << "lote worker: " << answer.message() << "\n";
            return kExitBrokenStream;
        }
    }
}

}  // namespace lote

// The process pool's framing and task decoding: whatever a broken or hostile worker stream
// carries, the reader answers with a status and the task decoder with a result.
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "exec/frame.hpp"
#include "fuzz/fuzz_target.hpp"
#include "pipeline/process_image.hpp"

LOTE_FUZZ_TARGET(worker_frame) {
    int fds[2];
    if (::pipe(fds) != 0) {
        return 0;
    }
    // Small inputs fit in the pipe's buffer; the reader sees them, then the end of the stream.
    std::size_t fed = std::min<std::size_t>(size, 60000);
    [[maybe_unused]] auto written = ::write(fds[1], data, fed);
    ::close(fds[1]);
    for (;;) {
        lote::FrameRead frame = lote::read_frame(fds[0]);
        if (frame.status != lote::FrameStatus::Ok) {
            break;
        }
        auto json = nlohmann::json::parse(frame.payload, nullptr, false);
        if (json.is_discarded()) {
            continue;
        }
        auto task = lote::image_task_from_json(json);
        auto result = lote::image_result_from_json(json);
        if (task) {
            (void)lote::to_json(*task).dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::strict);
        }
        if (result) {
            (void)lote::to_json(*result).dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace);
        }
    }
    ::close(fds[0]);
    return 0;
}

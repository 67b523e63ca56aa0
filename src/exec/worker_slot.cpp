#include "exec/worker_slot.hpp"

#include <poll.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <functional>
#include <optional>
#include <sstream>

#include "exec/child_status.hpp"
#include "exec/failed_result.hpp"
#include "exec/worker_temporaries.hpp"
#include "pipeline/memory_ceiling.hpp"
#include "util/json_paths.hpp"

namespace lote {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Waits for the worker's answer, giving up at the task's deadline, or `grace` after a cancel
// (whichever comes first). Polls in short slices so that a cancel is noticed promptly.
class ResultWait {
  public:
    ResultWait(Clock::time_point deadline, const CancelToken& cancel, milliseconds grace)
        : deadline_(deadline), cancel_(cancel), grace_(grace) {}

    bool operator()(int fd) {
        for (;;) {
            auto now = Clock::now();
            if (!cancel_deadline_ && cancel_.cancelled()) cancel_deadline_ = now + grace_;
            auto limit = cancel_deadline_ ? std::min(deadline_, *cancel_deadline_) : deadline_;
            if (now >= limit) {
                gave_up_for_cancel_ = cancel_deadline_ && *cancel_deadline_ < deadline_;
                return false;
            }
            auto slice = std::min<Clock::duration>(limit - now, milliseconds(100));
            auto slice_ms = std::chrono::ceil<milliseconds>(slice).count();
            pollfd watched{fd, POLLIN, 0};
            int ready = ::poll(&watched, 1, static_cast<int>(slice_ms));
            // Readable, hung up or in error: the read that follows tells which.
            if (ready > 0 || (ready < 0 && errno != EINTR)) return true;
        }
    }
    bool gave_up_for_cancel() const { return gave_up_for_cancel_; }

  private:
    Clock::time_point deadline_;
    const CancelToken& cancel_;
    milliseconds grace_;
    std::optional<Clock::time_point> cancel_deadline_;
    bool gave_up_for_cancel_ = false;
};

std::string seconds_text(milliseconds duration) {
    std::ostringstream text;
    text << static_cast<double>(duration.count()) / 1000.0;
    return text.str();
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Result<std::string> task_payload(const ImageTask& task) {
    try {
        return dump_json(to_json(task));  // paths go as bytes (util/json_paths.hpp)
    } catch (const std::exception& e) {
        return fail(std::string("cannot send the task to a worker: ") + e.what());
    }
}

// The worker's answer, provided it is a result for this very task.
Result<ImageResult> parse_result(const ImageTask& task, const std::string& payload) {
    auto json = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) return fail("not JSON");
    auto result = image_result_from_json(json);
    if (!result) return fail(result.message());
    if (result->id != task.id) {
        return fail("result for task " + std::to_string(result->id) + " instead of " +
                    std::to_string(task.id));
    }
    return result;
}

}  // namespace

// Why a worker that died by itself is gone: its memory ceiling (it says so by its exit status),
// or whatever else ended it.
std::string WorkerSlot::death_reason(int status) const {
    if (WIFEXITED(status) && WEXITSTATUS(status) == kExitOutOfMemory) {
        return "the worker " + out_of_memory_reason(settings_.memory_mb);
    }
    return "worker crashed (" + describe_wait_status(status) + ")";
}

Status WorkerSlot::ensure_worker() {
    if (worker_) return Status::success();
    auto started = WorkerProcess::start(settings_.worker_program, settings_.vips_threads,
                                        settings_.writer_name, settings_.memory_mb);
    if (!started) return fail(started.message());
    worker_ = std::move(*started);
    return Status::success();
}

// A worker may have died while idle (killed from outside): then the task never reached it, and a
// fresh worker gets it instead of the task failing.
Status WorkerSlot::hand_over(const std::string& payload) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (auto ready = ensure_worker(); !ready) return ready;
        if (worker_->send(payload)) return Status::success();
        worker_->shutdown(milliseconds(500));
        worker_.reset();
    }
    return fail("cannot hand the task to a worker: its pipe is closed");
}

ImageResult WorkerSlot::serve(const ImageTask& task, const CancelToken& cancel) {
    auto started = Clock::now();
    auto payload = task_payload(task);
    if (!payload) return failed_result(task, payload.message());
    if (auto handed = hand_over(*payload); !handed) return failed_result(task, handed.message());

    ResultWait wait(started + settings_.task_timeout, cancel, settings_.cancel_grace);
    FrameRead frame = worker_->receive(std::ref(wait));
    const std::string where = " while processing " + display_name(task);
    switch (frame.status) {
        case FrameStatus::Ok: {
            auto result = parse_result(task, frame.payload);
            if (result) return std::move(*result);
            return replace_worker(
                task, started, Ending::Kill,
                "worker sent an invalid result (" + result.message() + ")" + where);
        }
        case FrameStatus::TimedOut: {
            if (wait.gave_up_for_cancel()) {
                ImageResult result =
                    replace_worker(task, started, Ending::Kill, "cancelled" + where);
                for (auto& output : result.outputs) output.cancelled = true;
                return result;
            }
            return replace_worker(
                task, started, Ending::Kill,
                "timed out after " + seconds_text(settings_.task_timeout) + " s" + where);
        }
        case FrameStatus::Malformed:
            return replace_worker(task, started, Ending::Kill,
                                  "worker sent a malformed frame (" + frame.detail + ")" + where);
        default:  // end of stream, truncated frame, read error: the worker is gone
            return replace_worker(task, started, Ending::Died, where);
    }
}

ImageResult WorkerSlot::replace_worker(const ImageTask& task, Clock::time_point started,
                                       Ending ending, const std::string& reason) {
    pid_t pid = worker_->pid();
    int status =
        ending == Ending::Kill ? worker_->kill_now() : worker_->shutdown(milliseconds(1000));
    worker_.reset();
    remove_worker_temporaries(task, pid, settings_.writer_name);
    std::string message = ending == Ending::Kill ? reason : death_reason(status) + reason;
    return failed_result(task, message, seconds_since(started));
}

void WorkerSlot::stop() {
    if (!worker_) return;
    worker_->shutdown(milliseconds(2000));
    worker_.reset();
}

}  // namespace lote

#pragma once
// One place in the process pool: it owns at most one worker process at a time, hands it one task,
// waits for the result under the timeout, and replaces the worker when it fails.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "exec/worker_process.hpp"
#include "pipeline/process_image.hpp"
#include "util/cancel.hpp"

namespace lote {

struct SlotSettings {
    std::string worker_program;  // empty: this binary
    unsigned vips_threads = 1;
    std::chrono::milliseconds task_timeout{300'000};
    // After a cancel, how long an image in flight may still take before its worker is killed.
    std::chrono::milliseconds cancel_grace{2'000};
    // The name the worker writes into its temporary files; empty: this host's name.
    std::string writer_name;
    std::uint64_t memory_mb = 0;  // each worker's memory ceiling (0: none)
};

class WorkerSlot {
  public:
    explicit WorkerSlot(const SlotSettings& settings) : settings_(settings) {}
    ~WorkerSlot() { stop(); }
    WorkerSlot(const WorkerSlot&) = delete;
    WorkerSlot& operator=(const WorkerSlot&) = delete;

    // Never throws; a worker failure becomes a failed result naming the reason.
    ImageResult serve(const ImageTask& task, const CancelToken& cancel);
    // Ends the worker, if any, politely (EOF, a grace, then SIGKILL) and reaps it.
    void stop();

  private:
    // How a failed worker is ended: it died by itself (reap it, its status is the reason), or it
    // misbehaved (hung, sent garbage) and is killed.
    enum class Ending { Died, Kill };

    Status ensure_worker();
    std::string death_reason(int status) const;
    Status hand_over(const std::string& payload);
    ImageResult replace_worker(const ImageTask& task, std::chrono::steady_clock::time_point started,
                               Ending ending, const std::string& reason);

    const SlotSettings& settings_;
    std::unique_ptr<WorkerProcess> worker_;
};

}  // namespace lote

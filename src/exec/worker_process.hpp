#pragma once
// One worker process of the pool: `<program> worker --threads N` started with posix_spawn (never
// fork: libvips is running in this process), with a pipe to its stdin for tasks and one from its
// stdout for results. The object owns the child: every way out ends with the child reaped.
// The worker asks to be killed when the thread that started it ends (PR_SET_PDEATHSIG works per
// thread), so a WorkerProcess must be ended by the thread that started it.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "exec/frame.hpp"
#include "util/result.hpp"

namespace lote {

class WorkerProcess {
  public:
    // `program` empty means this very binary (/proc/self/exe). `writer_name`, when given, is
    // the name the worker puts in its temporary files (a node's name; default: the host's).
    // `memory_mb` is the worker's memory ceiling (0: none), which it sets itself at start.
    static Result<std::unique_ptr<WorkerProcess>> start(const std::string& program,
                                                        unsigned vips_threads,
                                                        const std::string& writer_name = {},
                                                        std::uint64_t memory_mb = 0);
    ~WorkerProcess();  // shutdown() with a short grace if nobody did
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    pid_t pid() const { return pid_; }
    Status send(const std::string& payload);
    FrameRead receive(const ReadableWait& wait);

    // The polite end: close its stdin (a worker exits at EOF), give it `grace`, then SIGKILL.
    // Returns the wait status.
    int shutdown(std::chrono::milliseconds grace);
    // For a worker that misbehaved (hung, sent garbage): SIGKILL now. A child that already died
    // keeps its own status (kill does not touch a zombie's status).
    int kill_now();

  private:
    WorkerProcess(pid_t pid, int to_worker, int from_worker)
        : pid_(pid), to_worker_(to_worker), from_worker_(from_worker) {}
    void close_pipes();
    int reap(std::chrono::milliseconds grace);

    pid_t pid_;
    int to_worker_;
    int from_worker_;
    bool reaped_ = false;
    int status_ = 0;
};

}  // namespace lote

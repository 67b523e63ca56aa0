#pragma once
// A pool of persistent worker processes (`lote worker`), one task at a time each. A worker that
// crashes, is killed or hangs past the per-image timeout fails only the image it held; a new
// worker takes its slot and the batch goes on. Workers live for one run(): every child is reaped
// before run() returns.

#include "exec/executor.hpp"

namespace lote {

class ProcessExecutor final : public Executor {
  public:
    explicit ProcessExecutor(const ExecutorOptions& opts);

    ExecutorKind kind() const override { return ExecutorKind::processes; }
    unsigned workers() const override { return workers_; }
    void run(const std::vector<ImageTask>& tasks, const CancelToken& cancel,
             const StartCallback& on_start, const ResultCallback& on_result) override;

  private:
    unsigned workers_;
    double task_timeout_seconds_;
    std::string worker_program_;
    std::uint64_t worker_memory_mb_;
};

}  // namespace lote

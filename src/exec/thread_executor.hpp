#pragma once
// N threads in this process pulling tasks from one shared queue. Cheap to start and shares the
// decoded-nothing state of one process; a crash in a task takes the whole process down, which is
// what the process pool exists to prevent.

#include "exec/executor.hpp"

namespace lote {

class ThreadExecutor final : public Executor {
  public:
    // `workers` 0 means one per core; `run_task` is what each thread runs (process_image in the
    // product).
    ThreadExecutor(unsigned workers, TaskRunner run_task);

    ExecutorKind kind() const override { return ExecutorKind::threads; }
    unsigned workers() const override { return workers_; }
    void run(const std::vector<ImageTask>& tasks, const CancelToken& cancel,
             const StartCallback& on_start, const ResultCallback& on_result) override;

  private:
    unsigned workers_;
    TaskRunner run_task_;
};

}  // namespace lote

#pragma once
// Executors call on_start/on_result from several threads; serialising the calls here spares every
// caller (CLI, server, tests) from making its callbacks thread-safe.

#include <mutex>

#include "exec/executor.hpp"

namespace lote {

class Reporter {
  public:
    Reporter(const StartCallback& on_start, const ResultCallback& on_result)
        : on_start_(on_start), on_result_(on_result) {}

    void started(const ImageTask& task) {
        std::lock_guard lock(mutex_);
        if (on_start_) on_start_(task);
    }
    void finished(const ImageResult& result) {
        std::lock_guard lock(mutex_);
        if (on_result_) on_result_(result);
    }

  private:
    const StartCallback& on_start_;
    const ResultCallback& on_result_;
    std::mutex mutex_;
};

}  // namespace lote

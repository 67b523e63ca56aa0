#pragma once
// A small bounded pool for image work the HTTP API does on request (previews, thumbnails): a
// fixed number of threads, at most `max_waiting` requests waiting, the rest refused at once
// (429) instead of piling up behind a running batch. Work runs off the io threads; the request's
// coroutine awaits it.

#include <atomic>
#include <functional>
#include <memory>

#include "util/net.hpp"
#include "util/result.hpp"

namespace lote::server {

class WorkPool {
  public:
    WorkPool(unsigned threads, std::size_t max_waiting);
    ~WorkPool();

    // A place in the pool (running or waiting), released when the reservation dies; empty when
    // the pool is full.
    class Reservation {
      public:
        explicit Reservation(WorkPool* pool) : pool_(pool) {}
        Reservation(Reservation&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)) {}
        Reservation(const Reservation&) = delete;
        ~Reservation() { release(); }
        void release() {
            if (pool_) pool_->in_flight_.fetch_sub(1);
            pool_ = nullptr;
        }
        explicit operator bool() const { return pool_ != nullptr; }

      private:
        WorkPool* pool_;
    };
    Reservation reserve();

    // Runs `work` on a pool thread and resumes the caller on its own executor with the result.
    net::awaitable<Result<std::string>> run(std::function<Result<std::string>()> work);

    unsigned threads() const { return threads_; }
    std::size_t in_flight() const { return in_flight_.load(); }

  private:
    unsigned threads_;
    std::size_t capacity_;
    std::atomic<std::size_t> in_flight_{0};
    net::thread_pool pool_;
};

// The pools of the API, made on first use: previews get max(1, cores/2) threads.
WorkPool& preview_pool();
WorkPool& thumbnail_pool();

}  // namespace lote::server

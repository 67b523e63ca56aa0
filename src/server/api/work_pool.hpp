#pragma once
// A small bounded pool for blocking work done on request, off the io threads: image work of the
// HTTP API (previews, thumbnails), and folder scans and checks of the WebSocket commands. A fixed
// number of threads; with reserve(), at most `max_waiting` requests waiting, the rest refused at
// once (429) instead of piling up behind a running batch. The request's coroutine awaits it.

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
    // Runs `work` on a pool thread, without a reservation: for callers that bound themselves
    // (a WebSocket session has one command at a time here). `work` must not throw.
    void post(std::function<void()> work);
    // Waits for every posted and running piece of work to end; nothing more may be posted.
    void join();

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

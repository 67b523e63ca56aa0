#include "server/api/work_pool.hpp"

#include <algorithm>
#include <optional>
#include <thread>

namespace lote::server {

WorkPool::WorkPool(unsigned threads, std::size_t max_waiting)
    : threads_(std::max(1u, threads)), capacity_(threads_ + max_waiting), pool_(threads_) {}

WorkPool::~WorkPool() {
    pool_.join();
}

void WorkPool::post(std::function<void()> work) {
    net::post(pool_, std::move(work));
}

void WorkPool::join() {
    pool_.join();
}

WorkPool::Reservation WorkPool::reserve() {
    std::size_t now = in_flight_.load();
    while (now < capacity_) {
        if (in_flight_.compare_exchange_weak(now, now + 1)) return Reservation(this);
    }
    return Reservation(nullptr);
}

namespace {

// A free coroutine for co_spawn: its parameter lives in its own frame.
net::awaitable<std::optional<Result<std::string>>> run_work(
    std::function<Result<std::string>()> work) {
    try {
        co_return work();
    } catch (const std::exception& e) {
        co_return Result<std::string>(fail(std::string("internal error: ") + e.what()));
    }
}

}  // namespace

net::awaitable<Result<std::string>> WorkPool::run(std::function<Result<std::string>()> work) {
    // co_spawn's result must be default-constructible, a Result is not: carried in an optional.
    auto done =
        co_await net::co_spawn(pool_.get_executor(), run_work(std::move(work)), net::use_awaitable);
    co_return std::move(*done);
}

namespace {
unsigned half_the_cores() {
    return std::max(1u, std::thread::hardware_concurrency() / 2);
}
}  // namespace

WorkPool& preview_pool() {
    static WorkPool pool(half_the_cores(), 4);
    return pool;
}

WorkPool& thumbnail_pool() {
    static WorkPool pool(half_the_cores(), 256);
    return pool;
}

}  // namespace lote::server

// The request pool: posted work runs on the pool's threads, not the caller's, and join() waits
// for all of it; reservations bound what may wait.
#include "server/api/work_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace lote::server {
namespace {

TEST(WorkPool, PostedWorkRunsOnThePoolAndJoinWaitsForIt) {
    WorkPool pool(2, 0);
    std::atomic<int> done{0};
    std::atomic<bool> on_caller{false};
    const auto caller = std::this_thread::get_id();
    for (int i = 0; i < 20; ++i) {
        pool.post([&] {
            if (std::this_thread::get_id() == caller) on_caller = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            ++done;
        });
    }
    pool.join();
    EXPECT_EQ(done.load(), 20);
    EXPECT_FALSE(on_caller.load());
}

TEST(WorkPool, ReservationsAreBoundedAndReleased) {
    WorkPool pool(1, 1);
    auto a = pool.reserve();
    auto b = pool.reserve();
    auto c = pool.reserve();
    EXPECT_TRUE(a);
    EXPECT_TRUE(b);
    EXPECT_FALSE(c);  // one running + one waiting: full
    a.release();
    EXPECT_TRUE(pool.reserve());
    EXPECT_EQ(pool.in_flight(), 1u);
}

}  // namespace
}  // namespace lote::server

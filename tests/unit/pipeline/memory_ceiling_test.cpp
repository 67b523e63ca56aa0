// The worker memory ceiling's default and the reason an image gets when it runs out of it. (The
// ceiling itself is set in `lote worker`, and tested through it: tests/integration.)
#include "pipeline/memory_ceiling.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

namespace lote {
namespace {

std::uint64_t machine_mb() {
    return static_cast<std::uint64_t>(::sysconf(_SC_PHYS_PAGES)) *
           static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) / (1024 * 1024);
}

TEST(MemoryCeiling, TheDefaultSharesThreeQuartersOfTheMachineBetweenTheWorkers) {
    const std::uint64_t total = machine_mb();
    for (unsigned workers : {1u, 2u, 8u}) {
        const std::uint64_t each = default_worker_memory_mb(workers);
        EXPECT_GE(each, kMinWorkerMemoryMb);
        if (total * 3 / 4 / workers > kMinWorkerMemoryMb) {
            EXPECT_NEAR(static_cast<double>(each), static_cast<double>(total * 3 / 4 / workers),
                        2.0)
                << workers;
        }
    }
    EXPECT_EQ(default_worker_memory_mb(100000), kMinWorkerMemoryMb);
    EXPECT_EQ(default_worker_memory_mb(0), default_worker_memory_mb(1));
}

TEST(MemoryCeiling, TheReasonNamesTheCeiling) {
    EXPECT_EQ(out_of_memory_reason(900), "ran out of its memory ceiling of 900 MB");
    EXPECT_EQ(out_of_memory_reason(0), "ran out of memory");
    EXPECT_EQ(memory_ceiling_mb(), 0u);  // a test process sets none
    EXPECT_EQ(out_of_memory_reason(), "ran out of memory");
}

}  // namespace
}  // namespace lote

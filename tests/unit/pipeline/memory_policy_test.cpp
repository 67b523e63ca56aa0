#include "pipeline/memory_policy.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace lote {
namespace {

TEST(MemoryPolicy, SeveralOutputsReuseBuffersOneOutputReturnsThem) {
    EXPECT_EQ(memory_policy_for(12), MemoryPolicy::reuse_buffers);
    EXPECT_EQ(memory_policy_for(2), MemoryPolicy::reuse_buffers);
    EXPECT_EQ(memory_policy_for(1), MemoryPolicy::return_buffers);
}

// Switching back and forth between tasks of both shapes leaves a working allocator: big and
// small blocks are allocated, written and freed under each policy.
TEST(MemoryPolicy, AllocationsWorkUnderBothPolicies) {
    for (MemoryPolicy policy :
         {MemoryPolicy::reuse_buffers, MemoryPolicy::return_buffers, MemoryPolicy::reuse_buffers}) {
        apply_memory_policy(policy);
        for (std::size_t size : {std::size_t{64}, std::size_t{2} << 20, std::size_t{40} << 20}) {
            std::unique_ptr<char[]> block(new char[size]);
            std::memset(block.get(), 7, size);
            EXPECT_EQ(block[size - 1], 7);
        }
    }
}

}  // namespace
}  // namespace lote

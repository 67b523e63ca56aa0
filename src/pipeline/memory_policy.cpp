#include "pipeline/memory_policy.hpp"

#include <malloc.h>

namespace lote {

namespace {

constexpr int kMegabyte = 1 << 20;
// The most glibc accepts (half its 64 MB heap size on 64-bit): RGB buffers of up to 11 MP are
// reused; bigger ones are mapped either way.
constexpr int kReuseUpTo = 32 * kMegabyte;
constexpr int kKeepFreeTop = 256 * kMegabyte;

}  // namespace

MemoryPolicy memory_policy_for(std::size_t outputs) {
    return outputs > 1 ? MemoryPolicy::reuse_buffers : MemoryPolicy::return_buffers;
}

void apply_memory_policy(MemoryPolicy policy) {
    // One arena for every thread: a buffer freed by one worker thread is reused by the next
    // image on any other, and the memory of a process is not split over per-thread heaps that
    // each keep their own free blocks (measured: no cost in speed, ~8 MB less per process).
    mallopt(M_ARENA_MAX, 1);
    if (policy == MemoryPolicy::reuse_buffers) {
        mallopt(M_MMAP_THRESHOLD, kReuseUpTo);
        mallopt(M_TRIM_THRESHOLD, kKeepFreeTop);
    } else {
        mallopt(M_MMAP_THRESHOLD, kMegabyte);
        mallopt(M_TRIM_THRESHOLD, kMegabyte);
    }
}

}  // namespace lote

#pragma once
// A memory ceiling for the process: an image that escapes every size check (a decoder that needs
// far more than its pixels, a bomb nobody foresaw) then fails, or kills the process it runs in,
// instead of the machine. `lote worker` sets one at start, before any decode, so with the
// process pool one image can only cost its own worker; the pool replaces the worker.
//
// The ceiling is RLIMIT_DATA: the process's private writable memory (heap, anonymous mappings,
// thread stacks), not the code and files it maps. An allocation over it fails: libvips and
// lote's own buffers turn that into a failure of the image ("ran out of its memory ceiling of
// 900 MB"); an allocator that cannot fail (g_malloc) ends the process with kExitOutOfMemory, and
// the pool reports the same reason.

#include <cstdint>
#include <string>

#include "util/result.hpp"

namespace lote {

// The exit status of a worker that ran out of memory where it could not fail gracefully.
inline constexpr int kExitOutOfMemory = 86;

// The default ceiling of each of `workers` processes: three quarters of the machine's memory
// shared between them, and never below kMinWorkerMemoryMb.
inline constexpr std::uint64_t kMinWorkerMemoryMb = 256;
std::uint64_t default_worker_memory_mb(unsigned workers);

// Sets this process's ceiling (0: none) and makes the allocators that cannot fail exit with
// kExitOutOfMemory when they hit it.
Status apply_memory_ceiling(std::uint64_t megabytes);

// The ceiling apply_memory_ceiling set, 0 if none.
std::uint64_t memory_ceiling_mb();

// "ran out of its memory ceiling of 900 MB", or "ran out of memory" without a ceiling.
std::string out_of_memory_reason();
std::string out_of_memory_reason(std::uint64_t ceiling_mb);

}  // namespace lote

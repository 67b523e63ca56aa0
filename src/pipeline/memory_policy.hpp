#pragma once
// How the allocator treats image-sized buffers, chosen per task from its shape.
//
// An image with many outputs (the seed's batch: twelve filters of one decode) allocates and
// frees a full-size buffer per filter; taking them from a heap that keeps its memory means each
// is reused without the kernel mapping and clearing fresh pages (a third of the batch's system
// time otherwise). An image with one output (a web export) holds little at a time, and there
// what matters is that a process does not keep a fragmented heap from the images before it, so
// every buffer of a megabyte or more gets its own mapping, returned as soon as it is freed.

#include <cstddef>

namespace lote {

enum class MemoryPolicy { reuse_buffers, return_buffers };

MemoryPolicy memory_policy_for(std::size_t outputs);
// Sets the allocator for the policy (process-wide; cheap, so done before every task).
void apply_memory_policy(MemoryPolicy policy);

}  // namespace lote

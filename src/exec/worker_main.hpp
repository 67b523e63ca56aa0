#pragma once
// The worker side of the process pool (`lote worker`): read task frames from `in_fd`, run
// process_image on each, write result frames to `out_fd`, until `in_fd` reaches end of stream.

namespace lote {

// libvips settings for a process that handles one image after another with `threads` threads.
void configure_worker_libvips(unsigned threads);
// Returns the process exit status: 0 at a clean end of stream, non-zero when the stream from the
// pool is broken (then the pool sees this worker as failed).
int run_worker(int in_fd, int out_fd);

}  // namespace lote

#pragma once
// How many workers, and how many libvips threads each may use, so that workers × libvips threads
// never exceeds the cores (more would only make them fight over the same cores).

namespace lote {

unsigned core_count();
// `requested` 0 means one worker per core.
unsigned resolve_worker_count(unsigned requested);
unsigned vips_threads_per_worker(unsigned workers);

}  // namespace lote

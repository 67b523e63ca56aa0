#include "exec/concurrency.hpp"

#include <algorithm>
#include <thread>

namespace lote {

unsigned core_count() {
    // hardware_concurrency may answer 0 when it cannot tell.
    return std::max(1u, std::thread::hardware_concurrency());
}

unsigned resolve_worker_count(unsigned requested) {
    return requested == 0 ? core_count() : requested;
}

unsigned vips_threads_per_worker(unsigned workers) {
    return std::max(1u, core_count() / std::max(1u, workers));
}

}  // namespace lote

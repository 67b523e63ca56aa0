#include "pipeline/memory_ceiling.hpp"

#include <glib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

// AddressSanitizer reserves terabytes of address space for its shadow memory, which RLIMIT_DATA
// counts: under it (the sanitizer test build) no ceiling can be set.
#if defined(__SANITIZE_ADDRESS__)
#define LOTE_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOTE_ADDRESS_SANITIZER 1
#endif
#endif

namespace lote {

namespace {

constexpr std::uint64_t kMegabyte = 1024 * 1024;

std::atomic<std::uint64_t> ceiling_in_force{0};

std::uint64_t physical_memory_bytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page_size = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page_size <= 0) {
        return 0;
    }
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
}

// GLib's allocators abort when memory runs out (g_error "failed to allocate N bytes"). Under a
// ceiling that is an expected end, told to the pool by the exit status rather than a core dump.
void exit_on_failed_allocation(const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
    static constexpr char kNote[] = "lote worker: out of memory under its ceiling: ";
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, kNote, sizeof kNote - 1);
    if (message != nullptr) {
        written = ::write(STDERR_FILENO, message, std::strlen(message));
    }
    written = ::write(STDERR_FILENO, "\n", 1);
    ::_exit(kExitOutOfMemory);
}

}  // namespace

std::uint64_t default_worker_memory_mb(unsigned workers) {
    const std::uint64_t share = physical_memory_bytes() / 4 * 3 / std::max(1u, workers) / kMegabyte;
    return std::max(share, kMinWorkerMemoryMb);
}

Status apply_memory_ceiling(std::uint64_t megabytes) {
#ifdef LOTE_ADDRESS_SANITIZER
    megabytes = 0;
#endif
    if (megabytes == 0) {
        return Status::success();
    }
    rlimit limit{};
    limit.rlim_cur = static_cast<rlim_t>(megabytes * kMegabyte);
    limit.rlim_max = limit.rlim_cur;
    if (::setrlimit(RLIMIT_DATA, &limit) != 0) {
        return fail(ErrorKind::internal,
                    std::string("cannot set the memory ceiling: ") + std::strerror(errno));
    }
    ceiling_in_force = megabytes;
    g_log_set_handler("GLib", static_cast<GLogLevelFlags>(G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL),
                      exit_on_failed_allocation, nullptr);
    return Status::success();
}

std::uint64_t memory_ceiling_mb() {
    return ceiling_in_force;
}

std::string out_of_memory_reason(std::uint64_t ceiling_mb) {
    if (ceiling_mb == 0) {
        return "ran out of memory";
    }
    return "ran out of its memory ceiling of " + std::to_string(ceiling_mb) + " MB";
}

std::string out_of_memory_reason() {
    return out_of_memory_reason(memory_ceiling_mb());
}

}  // namespace lote

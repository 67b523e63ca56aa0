#pragma once
// Header facts of input images (dimensions, format, or why lote refuses the file), read without
// decoding pixels and remembered by (path, size, mtime): a second listing of the same folder
// reads no file at all. Thread-safe; bounded (the oldest half is dropped when full).

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lote::server {

struct HeaderInfo {
    std::uint64_t bytes = 0;
    int width = 0;
    int height = 0;
    std::string format;  // "jpeg", "png", ...; empty when refused before the format was known
    bool refused = false;
    std::string reason;  // why it is refused
};

class HeaderCache {
  public:
    explicit HeaderCache(std::size_t capacity = 200000) : capacity_(capacity) {}

    // Stats the file, then answers from the cache or reads the header.
    HeaderInfo info(const std::filesystem::path& file);
    std::size_t size() const;
    std::uint64_t header_reads() const;  // how many headers were actually read (for tests)

  private:
    struct Entry {
        std::uint64_t bytes = 0;
        std::int64_t mtime_ns = 0;
        std::uint64_t serial = 0;
        HeaderInfo info;
    };
    void evict_oldest_half();

    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::size_t capacity_;
    std::uint64_t serial_ = 0;
    std::uint64_t reads_ = 0;
};

HeaderCache& header_cache();

}  // namespace lote::server

#include "server/api/header_cache.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <vector>

#include "pipeline/load_image.hpp"

namespace lote::server {

namespace {

HeaderInfo read_header_info(const std::filesystem::path& file, std::uint64_t bytes) {
    HeaderInfo info;
    info.bytes = bytes;
    auto header = read_image_header(file.string(), LoadOptions{});
    if (!header) {
        info.refused = true;
        info.reason = header.message();
        return info;
    }
    info.width = header->width;
    info.height = header->height;
    info.format = header->format.name;
    return info;
}

}  // namespace

HeaderInfo HeaderCache::info(const std::filesystem::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return HeaderInfo{0, 0, 0, "", true, "no such file"};
    auto bytes = static_cast<std::uint64_t>(st.st_size);
    std::int64_t mtime =
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    std::string key = file.string();
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it != entries_.end() && it->second.bytes == bytes && it->second.mtime_ns == mtime) {
            return it->second.info;
        }
    }
    // Read outside the lock: other listings go on meanwhile.
    HeaderInfo info = read_header_info(file, bytes);
    std::lock_guard lock(mutex_);
    ++reads_;
    if (entries_.size() >= capacity_) evict_oldest_half();
    entries_[key] = Entry{bytes, mtime, ++serial_, info};
    return info;
}

void HeaderCache::evict_oldest_half() {
    std::vector<std::uint64_t> serials;
    serials.reserve(entries_.size());
    for (const auto& [key, e] : entries_) serials.push_back(e.serial);
    auto middle = serials.begin() + static_cast<std::ptrdiff_t>(serials.size() / 2);
    std::nth_element(serials.begin(), middle, serials.end());
    std::uint64_t cut = *middle;
    for (auto it = entries_.begin(); it != entries_.end();) {
        it = it->second.serial < cut ? entries_.erase(it) : std::next(it);
    }
}

std::size_t HeaderCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::uint64_t HeaderCache::header_reads() const {
    std::lock_guard lock(mutex_);
    return reads_;
}

HeaderCache& header_cache() {
    static HeaderCache cache;
    return cache;
}

}  // namespace lote::server

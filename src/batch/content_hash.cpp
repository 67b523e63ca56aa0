#include "batch/content_hash.hpp"

#include <cstring>
#include <fstream>
#include <vector>

namespace lote {

namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ull;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4Full;
constexpr std::size_t kBlock = 32;

std::uint64_t rotate_left(std::uint64_t x, int r) {
    return (x << r) | (x >> (64 - r));
}

std::uint64_t load64(const unsigned char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);  // host order: the hash only compares with itself on one host
    return v;
}

std::uint64_t avalanche(std::uint64_t h) {
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime1;
    h ^= h >> 32;
    return h;
}

}  // namespace

void ContentHasher::mix_block(const unsigned char* block) {
    for (int lane = 0; lane < 4; ++lane) {
        lanes_[lane] = rotate_left(lanes_[lane] + load64(block + 8 * lane) * kPrime2, 31) * kPrime1;
    }
}

void ContentHasher::update(std::string_view bytes) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t size = bytes.size();
    length_ += size;
    if (pending_size_ > 0) {
        std::size_t take = std::min(kBlock - pending_size_, size);
        std::memcpy(pending_ + pending_size_, data, take);
        pending_size_ += take;
        data += take;
        size -= take;
        if (pending_size_ < kBlock) {
            return;
        }
        mix_block(pending_);
        pending_size_ = 0;
    }
    for (; size >= kBlock; data += kBlock, size -= kBlock) {
        mix_block(data);
    }
    std::memcpy(pending_, data, size);
    pending_size_ = size;
}

std::uint64_t ContentHasher::digest() const {
    std::uint64_t h = rotate_left(lanes_[0], 1) + rotate_left(lanes_[1], 7) +
                      rotate_left(lanes_[2], 12) + rotate_left(lanes_[3], 18);
    h ^= length_ * kPrime1;
    for (std::size_t i = 0; i < pending_size_; ++i) {  // the tail, FNV-1a style
        h = (h ^ pending_[i]) * 0x100000001B3ull;
    }
    return avalanche(h);
}

std::uint64_t hash_bytes(std::string_view bytes) {
    ContentHasher hasher;
    hasher.update(bytes);
    return hasher.digest();
}

std::string hash_to_hex(std::uint64_t hash) {
    static const char digits[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) {
        hex[static_cast<std::size_t>(i)] = digits[hash & 0xF];
    }
    return hex;
}

Result<std::string> hash_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return fail("cannot read " + path.string());
    }
    ContentHasher hasher;
    std::vector<char> buffer(1 << 20);
    while (file) {
        file.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hasher.update(std::string_view(buffer.data(), static_cast<std::size_t>(file.gcount())));
    }
    if (file.bad()) {
        return fail("cannot read " + path.string());
    }
    return hash_to_hex(hasher.digest());
}

}  // namespace lote

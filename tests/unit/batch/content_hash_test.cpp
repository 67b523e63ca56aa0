#include "batch/content_hash.hpp"

#include <gtest/gtest.h>

#include <random>

#include "batch_test_support.hpp"

namespace lote {
namespace {

std::string random_bytes(std::size_t size, unsigned seed) {
    std::mt19937 generator(seed);
    std::string bytes(size, '\0');
    for (char& c : bytes) {
        c = static_cast<char>(generator());
    }
    return bytes;
}

TEST(ContentHash, SameBytesSameHashWhateverTheChunks) {
    std::string bytes = random_bytes(1000, 1);
    ContentHasher pieces;
    for (std::size_t at = 0; at < bytes.size(); at += 7) {
        pieces.update(std::string_view(bytes).substr(at, 7));
    }
    EXPECT_EQ(pieces.digest(), hash_bytes(bytes));
}

TEST(ContentHash, OneChangedByteOrLengthChangesTheHash) {
    std::string bytes = random_bytes(4096, 2);
    std::uint64_t original = hash_bytes(bytes);
    for (std::size_t at : {0ul, 31ul, 32ul, 2000ul, 4095ul}) {
        std::string changed = bytes;
        changed[at] = static_cast<char>(changed[at] ^ 1);
        EXPECT_NE(hash_bytes(changed), original) << "byte " << at;
    }
    EXPECT_NE(hash_bytes(bytes + '\0'), original);
    EXPECT_NE(hash_bytes(""), hash_bytes(std::string(1, '\0')));
    EXPECT_NE(hash_bytes(std::string(32, '\0')), hash_bytes(std::string(64, '\0')));
}

TEST(ContentHash, FileHashMatchesBytesHash) {
    testing::TempDir dir;
    std::string bytes = random_bytes(3 << 20, 3);  // spans several read buffers
    testing::write_file(dir.path() / "f", bytes);
    auto hash = hash_file(dir.path() / "f");
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(*hash, hash_to_hex(hash_bytes(bytes)));
    EXPECT_EQ(hash->size(), 16u);
    EXPECT_FALSE(hash_file(dir.path() / "missing").ok());
}

}  // namespace
}  // namespace lote

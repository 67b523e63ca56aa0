#include "server/api/zip_writer.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/zip_reader.hpp"

using namespace lote::server;

namespace {

std::string pattern(std::size_t size, unsigned seed) {
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>((i * 31 + seed) % 256);
    return s;
}

}  // namespace

TEST(ZipWriter, EntriesReadBackIdenticalStoredOrDeflated) {
    ZipWriter zip;
    std::string out;
    std::map<std::string, std::string> files{{"blur/a.jpg", pattern(200000, 1)},
                                             {"gris/b.tiff", std::string(50000, 'z')},
                                             {"empty.png", ""}};
    for (const auto& [name, bytes] : files) {
        ASSERT_TRUE(
            zip.begin_entry(name, bytes.size(), 1700000000, ZipWriter::worth_compressing(name)));
        for (std::size_t i = 0; i < bytes.size(); i += 7000) {
            ASSERT_TRUE(zip.write(std::string_view(bytes).substr(i, 7000)));
            out += zip.take();  // drained as it goes, like the HTTP sender
        }
        ASSERT_TRUE(zip.end_entry());
    }
    ASSERT_TRUE(zip.close());
    out += zip.take();
    EXPECT_EQ(lote::testing::read_zip(out), files);
    // The tiff of one repeated byte was deflated, the jpeg stored: the archive is smaller than
    // their sum but larger than the jpeg alone.
    EXPECT_LT(out.size(), 250000u);
    EXPECT_GT(out.size(), 200000u);
}

TEST(ZipWriter, OutputIsProducedWhileEntriesAreWritten) {
    ZipWriter zip;
    ASSERT_TRUE(zip.begin_entry("big.jpg", 1 << 20, 0, false));
    std::string piece = pattern(65536, 3);
    std::size_t largest_pending = 0;
    for (int i = 0; i < 16; ++i) {
        ASSERT_TRUE(zip.write(piece));
        largest_pending = std::max(largest_pending, zip.pending());
        zip.take();
    }
    // Never more than about one piece held: the archive streams.
    EXPECT_LE(largest_pending, 2u * 65536u);
    EXPECT_GT(largest_pending, 0u);
    ASSERT_TRUE(zip.end_entry());
    ASSERT_TRUE(zip.close());
}

TEST(ZipWriter, CompressionChoiceByExtension) {
    EXPECT_FALSE(ZipWriter::worth_compressing("a/b.JPG"));
    EXPECT_FALSE(ZipWriter::worth_compressing("x.webp"));
    EXPECT_TRUE(ZipWriter::worth_compressing("x.tif"));
}

// BMP files are written byte by byte here (libvips cannot write BMP) and read through the
// pipeline's own reader.
#include "pipeline/bmp_reader.hpp"
#include "pipeline/load_image.hpp"
#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

using BmpTest = PipelineTest;

std::string le32(std::uint32_t v) {
    return {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
            static_cast<char>(v >> 24)};
}
std::string le16(std::uint16_t v) {
    return {static_cast<char>(v), static_cast<char>(v >> 8)};
}

struct BmpSpec {
    int width;
    int height;  // negative: top-down rows
    int bits;
    std::uint32_t compression = 0;
    std::string extra;   // masks or palette, after the 40-byte header
    std::string pixels;  // rows, already padded
};

std::string bmp_bytes(const BmpSpec& s) {
    std::string info = le32(40) + le32(static_cast<std::uint32_t>(s.width)) +
                       le32(static_cast<std::uint32_t>(s.height)) + le16(1) +
                       le16(static_cast<std::uint16_t>(s.bits)) + le32(s.compression) +
                       le32(static_cast<std::uint32_t>(s.pixels.size())) + le32(2835) + le32(2835) +
                       le32(0) + le32(0);
    auto offset = static_cast<std::uint32_t>(14 + info.size() + s.extra.size());
    std::string file =
        "BM" + le32(offset + static_cast<std::uint32_t>(s.pixels.size())) + le32(0) + le32(offset);
    return file + info + s.extra + s.pixels;
}

// 3x2, bottom-up: first stored row is the bottom one. Rows padded to 4 bytes (9 -> 12).
std::string rgb24_pixels() {
    std::string bottom = std::string(
                             "\x00\x00\xff"
                             "\x00\xff\x00"
                             "\xff\x00\x00",
                             9) +
                         std::string(3, '\0');
    std::string top = std::string(
                          "\x10\x20\x30"
                          "\x40\x50\x60"
                          "\x70\x80\x90",
                          9) +
                      std::string(3, '\0');
    return bottom + top;
}

VImage decode_bmp_file(const std::string& file) {
    auto decoded = decode_image(file, {});
    EXPECT_TRUE(decoded.ok()) << (decoded ? "" : decoded.message());
    return decoded ? decoded->image : VImage::black(1, 1);
}

std::vector<double> pixel(const VImage& image, int x, int y) {
    return image.getpoint(x, y);
}

TEST_F(BmpTest, ReadsBottomUp24Bit) {
    write_bytes(path("a.bmp"), bmp_bytes({3, 2, 24, 0, "", rgb24_pixels()}));
    VImage image = decode_bmp_file(path("a.bmp"));
    ASSERT_EQ(image.width(), 3);
    ASSERT_EQ(image.height(), 2);
    ASSERT_EQ(image.bands(), 3);
    EXPECT_EQ(pixel(image, 0, 0), (std::vector<double>{0x30, 0x20, 0x10}));  // BGR stored
    EXPECT_EQ(pixel(image, 0, 1), (std::vector<double>{255, 0, 0}));
    EXPECT_EQ(pixel(image, 1, 1), (std::vector<double>{0, 255, 0}));
    EXPECT_EQ(pixel(image, 2, 1), (std::vector<double>{0, 0, 255}));
}

TEST_F(BmpTest, ReadsTopDownRows) {
    write_bytes(path("a.bmp"), bmp_bytes({3, -2, 24, 0, "", rgb24_pixels()}));
    VImage image = decode_bmp_file(path("a.bmp"));
    EXPECT_EQ(pixel(image, 0, 0), (std::vector<double>{255, 0, 0}));
}

TEST_F(BmpTest, Reads32BitWithAlphaMask) {
    std::string masks = le32(0x00ff0000) + le32(0x0000ff00) + le32(0x000000ff) + le32(0xff000000);
    std::string pixels = std::string(
        "\x01\x02\x03\x80"
        "\x04\x05\x06\xff",
        8);  // BGRA
    BmpSpec spec{2, 1, 32, 6, masks, pixels};
    write_bytes(path("a.bmp"), bmp_bytes(spec));
    VImage image = decode_bmp_file(path("a.bmp"));
    ASSERT_EQ(image.bands(), 4);
    EXPECT_EQ(pixel(image, 0, 0), (std::vector<double>{3, 2, 1, 128}));
    EXPECT_EQ(pixel(image, 1, 0), (std::vector<double>{6, 5, 4, 255}));
}

TEST_F(BmpTest, Reads32BitRgbIgnoringTheUnusedByte) {
    std::string pixels = std::string("\x01\x02\x03\x00", 4);
    write_bytes(path("a.bmp"), bmp_bytes({1, 1, 32, 0, "", pixels}));
    VImage image = decode_bmp_file(path("a.bmp"));
    ASSERT_EQ(image.bands(), 3);
    EXPECT_EQ(pixel(image, 0, 0), (std::vector<double>{3, 2, 1}));
}

TEST_F(BmpTest, Reads8BitAnd1BitPalettes) {
    std::string palette = std::string(
        "\x00\x00\x00\x00"
        "\xff\xff\xff\x00"
        "\x00\x00\xff\x00",
        12);
    std::string rows8 = std::string("\x02\x01\x00\x00", 4);  // one row of 3 indices + pad
    BmpSpec eight{3, 1, 8, 0, palette + std::string(256 * 4 - 12, '\0'), rows8};
    write_bytes(path("p8.bmp"), bmp_bytes(eight));
    VImage image8 = decode_bmp_file(path("p8.bmp"));
    EXPECT_EQ(pixel(image8, 0, 0), (std::vector<double>{255, 0, 0}));
    EXPECT_EQ(pixel(image8, 1, 0), (std::vector<double>{255, 255, 255}));
    EXPECT_EQ(pixel(image8, 2, 0), (std::vector<double>{0, 0, 0}));

    std::string bw = std::string(
        "\x00\x00\x00\x00"
        "\xff\xff\xff\x00",
        8);
    std::string rows1 = std::string("\xa0\x00\x00\x00", 4);  // 1010 0000: white black white
    write_bytes(path("p1.bmp"), bmp_bytes({3, 1, 1, 0, bw, rows1}));
    VImage image1 = decode_bmp_file(path("p1.bmp"));
    EXPECT_EQ(pixel(image1, 0, 0)[0], 255);
    EXPECT_EQ(pixel(image1, 1, 0)[0], 0);
    EXPECT_EQ(pixel(image1, 2, 0)[0], 255);
}

TEST_F(BmpTest, RefusesCompressedAndTruncatedFilesClearly) {
    write_bytes(path("rle.bmp"),
                bmp_bytes({3, 1, 8, 1, std::string(8, '\0'), std::string(4, '\0')}));
    auto rle = decode_image(path("rle.bmp"), {});
    ASSERT_FALSE(rle.ok());
    EXPECT_NE(rle.message().find("unsupported BMP kind"), std::string::npos) << rle.message();

    std::string whole = bmp_bytes({3, 2, 24, 0, "", rgb24_pixels()});
    write_bytes(path("cut.bmp"), whole.substr(0, whole.size() - 5));
    auto cut = decode_image(path("cut.bmp"), {});
    ASSERT_FALSE(cut.ok());
    EXPECT_EQ(cut.message(), "truncated BMP pixel data");
}

TEST_F(BmpTest, SizeLimitAppliesBeforeReadingPixels) {
    // Declares 50000 x 50000 but carries no pixels: must fail on the size, not on truncation.
    write_bytes(path("huge.bmp"), bmp_bytes({50000, 50000, 24, 0, "", std::string(12, '\0')}));
    auto huge = decode_image(path("huge.bmp"), {});
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.message(),
              "2500000000 pixels (50000x50000) exceeds the limit of 179000000 pixels");
}

TEST_F(BmpTest, BmpOutputsBecomePng) {
    write_bytes(path("a.bmp"), bmp_bytes({3, 2, 24, 0, "", rgb24_pixels()}));
    EXPECT_EQ(choose_output_extension(path("a.bmp"), {}), ".png");
}

}  // namespace
}  // namespace lote::testing

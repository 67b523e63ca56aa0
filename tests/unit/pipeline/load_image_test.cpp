#include "pipeline/load_image.hpp"

#include "pipeline/normal_form.hpp"
#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

class LoadImageTest : public PipelineTest {
  protected:
    DecodedImage decode_ok(const std::string& file, LoadOptions options = {}) {
        auto decoded = decode_image(path(file), options);
        EXPECT_TRUE(decoded.ok()) << file << ": " << (decoded ? "" : decoded.message());
        if (!decoded) {
            return {};
        }
        EXPECT_TRUE(is_normal_form(decoded->image)) << file;
        return std::move(*decoded);
    }
    std::string decode_error(const std::string& file, LoadOptions options = {}) {
        auto decoded = decode_image(path(file), options);
        EXPECT_FALSE(decoded.ok()) << file << " should fail";
        return decoded ? std::string() : decoded.message();
    }
};

TEST_F(LoadImageTest, ReadsEveryCommonFormatByContentIntoRgb) {
    VImage picture = rgb_picture(64, 48);
    picture.jpegsave(path("a.jpg").c_str());
    picture.pngsave(path("a.png").c_str());
    picture.webpsave(path("a.webp").c_str(), VImage::option()->set("lossless", true));
    picture.tiffsave(path("a.tif").c_str());
    picture.gifsave(path("a.gif").c_str());
    for (const char* name : {"a.jpg", "a.png", "a.webp", "a.tif", "a.gif"}) {
        DecodedImage d = decode_ok(name);
        EXPECT_EQ(d.image.width(), 64) << name;
        EXPECT_EQ(d.image.height(), 48) << name;
        EXPECT_EQ(d.image.interpretation(), VIPS_INTERPRETATION_sRGB) << name;
    }
    // Lossless formats keep the pixels exactly.
    EXPECT_EQ((decode_ok("a.png").image - picture).abs().max(), 0);
    EXPECT_EQ((decode_ok("a.tif").image - picture).abs().max(), 0);
}

TEST_F(LoadImageTest, DetectsTheFormatByContentNotByName) {
    rgb_picture(32, 16).pngsave(path("really_png.jpg").c_str());
    DecodedImage d = decode_ok("really_png.jpg");
    EXPECT_EQ(d.header.format.name, "png");
}

TEST_F(LoadImageTest, ReadsHeifAndAvifWhenThisLibvipsCanWriteThem) {
    VImage picture = rgb_picture(64, 48);
    try {
        picture.heifsave(path("a.avif").c_str(),
                         VImage::option()->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1));
    } catch (const vips::VError&) {
        GTEST_SKIP() << "this libvips has no AVIF encoder";
    }
    DecodedImage d = decode_ok("a.avif");
    EXPECT_EQ(d.header.format.name, "avif");
    EXPECT_EQ(d.image.bands(), 3);
    EXPECT_EQ(d.image.width(), 64);
}

TEST_F(LoadImageTest, GreyscaleStaysOneBand) {
    grey_picture(40, 30).pngsave(path("g.png").c_str());
    grey_picture(40, 30).jpegsave(path("g.jpg").c_str());
    for (const char* name : {"g.png", "g.jpg"}) {
        DecodedImage d = decode_ok(name);
        EXPECT_EQ(d.image.bands(), 1) << name;
        EXPECT_EQ(d.image.interpretation(), VIPS_INTERPRETATION_B_W) << name;
    }
}

TEST_F(LoadImageTest, AlphaIsKeptAsTheLastBand) {
    with_alpha(rgb_picture(20, 10), 128).pngsave(path("rgba.png").c_str());
    with_alpha(grey_picture(20, 10), 200).pngsave(path("ga.png").c_str());
    DecodedImage rgba = decode_ok("rgba.png");
    ASSERT_EQ(rgba.image.bands(), 4);
    EXPECT_EQ(rgba.image.extract_band(3).avg(), 128);
    DecodedImage ga = decode_ok("ga.png");
    ASSERT_EQ(ga.image.bands(), 2);
    EXPECT_EQ(ga.image.extract_band(1).avg(), 200);
}

TEST_F(LoadImageTest, PalettePngBecomesRgb) {
    rgb_picture(40, 30).pngsave(path("pal.png").c_str(), VImage::option()->set("palette", true));
    VImage raw = VImage::new_from_file(path("pal.png").c_str());
    ASSERT_TRUE(has_field(raw, "palette-bit-depth") || has_field(raw, "bits-per-sample"));
    DecodedImage d = decode_ok("pal.png");
    EXPECT_EQ(d.image.bands(), 3);
    EXPECT_LT((d.image - rgb_picture(40, 30)).abs().avg(), 12);
}

TEST_F(LoadImageTest, OneBitImagesBecomeBlackAndWhite) {
    VImage bits = (grey_picture(40, 30) > 128);  // 0 / 255
    bits.pngsave(path("bit.png").c_str(), VImage::option()->set("bitdepth", 1));
    bits.tiffsave(path("bit.tif").c_str(), VImage::option()->set("bitdepth", 1));
    for (const char* name : {"bit.png", "bit.tif"}) {
        DecodedImage d = decode_ok(name);
        ASSERT_EQ(d.image.bands(), 1) << name;
        EXPECT_EQ(d.image.max(), 255) << name;
        EXPECT_EQ(d.image.min(), 0) << name;
        EXPECT_EQ((d.image - bits).abs().max(), 0) << name;
    }
}

TEST_F(LoadImageTest, SixteenBitSamplesKeepTheirHighByte) {
    // 16-bit value v * 257 must come back as v (not its low byte).
    VImage eight = rgb_picture(30, 20);
    VImage sixteen = (eight.cast(VIPS_FORMAT_USHORT) * 257)
                         .cast(VIPS_FORMAT_USHORT)
                         .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_RGB16));
    sixteen.pngsave(path("rgb16.png").c_str());
    VImage grey16 = (grey_picture(30, 20).cast(VIPS_FORMAT_USHORT) * 257)
                        .cast(VIPS_FORMAT_USHORT)
                        .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_GREY16));
    grey16.pngsave(path("grey16.png").c_str());
    DecodedImage rgb = decode_ok("rgb16.png");
    EXPECT_EQ(rgb.image.bands(), 3);
    EXPECT_EQ((rgb.image - eight).abs().max(), 0);
    DecodedImage grey = decode_ok("grey16.png");
    EXPECT_EQ(grey.image.bands(), 1);
    EXPECT_EQ((grey.image - grey_picture(30, 20)).abs().max(), 0);
}

TEST_F(LoadImageTest, CmykJpegBecomesSrgbWithoutItsCmykProfile) {
    VImage picture = rgb_picture(40, 30);
    VImage cmyk = picture.icc_transform("cmyk");
    ASSERT_EQ(cmyk.interpretation(), VIPS_INTERPRETATION_CMYK);
    cmyk.jpegsave(path("cmyk.jpg").c_str(), VImage::option()->set("Q", 95));
    ASSERT_EQ(VImage::new_from_file(path("cmyk.jpg").c_str()).bands(), 4);
    DecodedImage d = decode_ok("cmyk.jpg");
    EXPECT_EQ(d.image.bands(), 3);
    EXPECT_EQ(d.image.interpretation(), VIPS_INTERPRETATION_sRGB);
    std::size_t length = 0;
    const void* icc = d.image.get_blob(VIPS_META_ICC_NAME, &length);
    ASSERT_GE(length, 20u);
    EXPECT_EQ(std::string(static_cast<const char*>(icc) + 16, 4), "RGB ");
    // Round trip through CMYK is lossy (gamut, JPEG) but the picture is the same.
    EXPECT_LT((d.image - picture).abs().avg(), 20);
}

TEST_F(LoadImageTest, CmykWithoutProfileUsesTheDefaultCmykProfile) {
    VImage cmyk = rgb_picture(40, 30).icc_transform("cmyk").copy();
    cmyk.remove(VIPS_META_ICC_NAME);
    cmyk.tiffsave(path("cmyk.tif").c_str());
    DecodedImage d = decode_ok("cmyk.tif");
    EXPECT_EQ(d.image.bands(), 3);
    EXPECT_LT((d.image - rgb_picture(40, 30)).abs().avg(), 20);
}

TEST_F(LoadImageTest, LabTiffBecomesSrgb) {
    VImage lab = rgb_picture(30, 20).colourspace(VIPS_INTERPRETATION_LAB);
    lab.tiffsave(path("lab.tif").c_str());
    DecodedImage d = decode_ok("lab.tif");
    EXPECT_EQ(d.image.bands(), 3);
    EXPECT_LE((d.image - rgb_picture(30, 20)).abs().max(), 2);
}

TEST_F(LoadImageTest, AnimatedGifGivesTheFirstFrame) {
    VImage first = VImage::black(20, 10, VImage::option()->set("bands", 3))
                       .linear(1.0, 200.0)
                       .cast(VIPS_FORMAT_UCHAR);
    VImage second =
        VImage::black(20, 10, VImage::option()->set("bands", 3)).cast(VIPS_FORMAT_UCHAR);
    VImage strip = first.join(second, VIPS_DIRECTION_VERTICAL)
                       .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    strip.set("page-height", 10);
    strip.gifsave(path("anim.gif").c_str());
    DecodedImage d = decode_ok("anim.gif");
    EXPECT_EQ(d.image.height(), 10);
    EXPECT_GT(d.image.extract_band(0).avg(), 150);
}

TEST_F(LoadImageTest, ExifOrientationIsAppliedByDefault) {
    VImage picture = rgb_picture(40, 20).copy();
    picture.set(VIPS_META_ORIENTATION, 6);
    picture.jpegsave(path("rot.jpg").c_str());
    DecodedImage turned = decode_ok("rot.jpg");
    EXPECT_EQ(turned.image.width(), 20);
    EXPECT_EQ(turned.image.height(), 40);
    EXPECT_EQ(turned.header.width, 20);
    LoadOptions as_stored;
    as_stored.auto_orient = false;
    DecodedImage stored = decode_ok("rot.jpg", as_stored);
    EXPECT_EQ(stored.image.width(), 40);
    EXPECT_EQ(stored.image.height(), 20);
}

TEST_F(LoadImageTest, TruncatedJpegFailsInsteadOfTurningGrey) {
    rgb_picture(400, 300).jpegsave(path("whole.jpg").c_str());
    std::string bytes = read_bytes(path("whole.jpg"));
    write_bytes(path("half.jpg"), bytes.substr(0, bytes.size() / 2));
    std::string message = decode_error("half.jpg");
    EXPECT_NE(message.find("truncated or corrupt JPEG"), std::string::npos) << message;
}

TEST_F(LoadImageTest, TruncatedPngFails) {
    rgb_picture(400, 300).pngsave(path("whole.png").c_str());
    std::string bytes = read_bytes(path("whole.png"));
    write_bytes(path("half.png"), bytes.substr(0, bytes.size() / 2));
    std::string message = decode_error("half.png");
    EXPECT_NE(message.find("PNG"), std::string::npos) << message;
}

TEST_F(LoadImageTest, TextFileIsNotAnImage) {
    write_bytes(path("photo.jpg"), "hello, this is not a picture\n");
    EXPECT_EQ(decode_error("photo.jpg"), "not an image file (text)");
}

TEST_F(LoadImageTest, BinaryJunkIsNotAnImage) {
    write_bytes(path("junk.png"), std::string("\x01\x02\x03\x00\xff\xfe", 6));
    EXPECT_EQ(decode_error("junk.png"), "not an image file (unknown format)");
}

TEST_F(LoadImageTest, EmptyFileSaysSo) {
    write_bytes(path("empty.jpg"), "");
    EXPECT_EQ(decode_error("empty.jpg"), "the file is empty");
}

TEST_F(LoadImageTest, MissingFileSaysSo) {
    EXPECT_EQ(decode_error("nowhere.jpg"), "no such file");
}

TEST_F(LoadImageTest, FolderIsNotAnImage) {
    fs::create_directory(path("folder.jpg"));
    EXPECT_EQ(decode_error("folder.jpg"), "is a folder, not an image file");
}

TEST_F(LoadImageTest, UntrustedFormatsAreRefused) {
    write_bytes(path("a.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>");
    std::string message = decode_error("a.svg");
    EXPECT_TRUE(message.find("unsupported") != std::string::npos ||
                message.find("not an image") != std::string::npos)
        << message;
}

TEST_F(LoadImageTest, SizeLimitIsCheckedFromTheHeader) {
    rgb_picture(100, 50).pngsave(path("small.png").c_str());
    LoadOptions tight;
    tight.max_pixels = 4999;
    EXPECT_EQ(decode_error("small.png", tight),
              "5000 pixels (100x50) exceeds the limit of 4999 pixels");
    tight.max_pixels = 5000;
    decode_ok("small.png", tight);
}

}  // namespace
}  // namespace lote::testing

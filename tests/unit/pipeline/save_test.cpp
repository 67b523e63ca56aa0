#include <unistd.h>

#include "pipeline/atomic_write.hpp"
#include "pipeline/encode_image.hpp"
#include "pipeline/load_image.hpp"
#include "pipeline/metadata.hpp"
#include "pipeline/options.hpp"
#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

class SaveTest : public PipelineTest {
  protected:
    VImage encode_and_reload(const VImage& image, Format format, SaveOptions options = {}) {
        auto bytes = encode_image(image, format, options);
        EXPECT_TRUE(bytes.ok()) << (bytes ? "" : bytes.message());
        std::string file = path("out" + format_extension(format));
        write_bytes(file, bytes ? *bytes : std::string());
        return VImage::new_from_file(file.c_str());
    }
};

VImage with_exif_camera(const VImage& image) {
    VImage tagged = image.copy();
    tagged.set("exif-ifd0-Make", "LoteCam (LoteCam, ASCII, 8 components, 8 bytes)");
    return tagged;
}

std::string jpeg_with_camera_tag(const std::string& file) {
    with_exif_camera(rgb_picture(32, 24)).jpegsave(file.c_str());
    return file;
}

TEST_F(SaveTest, FormatNamesRoundTrip) {
    for (Format f : {Format::Jpeg, Format::Png, Format::Webp, Format::Avif, Format::Tiff,
                     Format::Gif, Format::Heif}) {
        EXPECT_EQ(parse_format(format_name(f)), f);
        EXPECT_EQ(parse_format(format_extension(f)), f);
    }
    EXPECT_EQ(parse_format("JPG"), Format::Jpeg);
    EXPECT_EQ(parse_format("tif"), Format::Tiff);
    EXPECT_FALSE(parse_format("bmp").has_value());
}

TEST_F(SaveTest, EveryOutputFormatEncodes) {
    VImage picture = rgb_picture(48, 32);
    for (Format f : {Format::Jpeg, Format::Png, Format::Webp, Format::Tiff, Format::Gif}) {
        VImage back = encode_and_reload(picture, f);
        EXPECT_EQ(back.width(), 48) << format_name(f);
    }
    for (Format f : {Format::Avif, Format::Heif}) {
        if (!can_write(f)) {
            std::cout << "skipping " << format_name(f) << ": this libvips cannot write it\n";
            continue;
        }
        EXPECT_EQ(encode_and_reload(picture, f).width(), 48) << format_name(f);
    }
}

TEST_F(SaveTest, GreyAndAlphaImagesEncodeInEveryFormat) {
    VImage grey = grey_picture(24, 16);
    std::vector<VImage> kinds{
        grey,
        with_alpha(grey, 100)
            .cast(VIPS_FORMAT_UCHAR)
            .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_B_W)),
        with_alpha(rgb_picture(24, 16), 100)
            .cast(VIPS_FORMAT_UCHAR)
            .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB))};
    for (Format f : {Format::Jpeg, Format::Png, Format::Webp, Format::Tiff, Format::Gif,
                     Format::Avif, Format::Heif}) {
        if (!can_write(f)) {
            continue;
        }
        for (const VImage& image : kinds) {
            auto bytes = encode_image(image, f, {});
            EXPECT_TRUE(bytes.ok()) << format_name(f) << " " << image.bands()
                                    << " bands: " << (bytes ? "" : bytes.message());
        }
    }
}

TEST_F(SaveTest, AlphaSavedToJpegIsFlattenedOnWhite) {
    VImage transparent =
        with_alpha(VImage::black(16, 16, VImage::option()->set("bands", 3)), 0)
            .cast(VIPS_FORMAT_UCHAR)
            .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    VImage back = encode_and_reload(transparent, Format::Jpeg);
    EXPECT_EQ(back.bands(), 3);
    EXPECT_GT(back.avg(), 250);
}

TEST_F(SaveTest, QualityChangesJpegSize) {
    VImage picture =
        rgb_picture(200, 150).gaussnoise(200, 150).cast(VIPS_FORMAT_UCHAR).bandjoin_const({0, 0});
    picture = picture.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    SaveOptions low, high;
    low.quality = 20;
    high.quality = 95;
    EXPECT_LT(encode_image(picture, Format::Jpeg, low)->size(),
              encode_image(picture, Format::Jpeg, high)->size());
}

TEST_F(SaveTest, IccProfileIsKept) {
    VImage picture =
        rgb_picture(32, 24).icc_transform("srgb", VImage::option()->set("input_profile", "srgb"));
    ASSERT_TRUE(has_field(picture, VIPS_META_ICC_NAME));
    for (Format f : {Format::Jpeg, Format::Png, Format::Webp, Format::Tiff}) {
        EXPECT_TRUE(has_field(encode_and_reload(picture, f), VIPS_META_ICC_NAME)) << format_name(f);
    }
}

TEST_F(SaveTest, RgbProfileIsDroppedFromGreyPixels) {
    VImage picture =
        rgb_picture(32, 24).icc_transform("srgb", VImage::option()->set("input_profile", "srgb"));
    VImage grey = picture.extract_band(0).copy(
        VImage::option()->set("interpretation", VIPS_INTERPRETATION_B_W));
    ASSERT_TRUE(has_field(grey, VIPS_META_ICC_NAME));
    EXPECT_FALSE(has_field(prepare_output_metadata(grey, {}), VIPS_META_ICC_NAME));
}

TEST_F(SaveTest, ExifIsKeptByDefault) {
    auto decoded = decode_image(jpeg_with_camera_tag(path("cam.jpg")), {});
    ASSERT_TRUE(decoded.ok());
    VImage back = encode_and_reload(decoded->image, Format::Jpeg);
    ASSERT_TRUE(has_field(back, "exif-ifd0-Make"));
    EXPECT_EQ(std::string(back.get_string("exif-ifd0-Make")).rfind("LoteCam", 0), 0u);
}

TEST_F(SaveTest, StripRemovesExifButKeepsTheProfile) {
    VImage picture = with_exif_camera(
        rgb_picture(32, 24).icc_transform("srgb", VImage::option()->set("input_profile", "srgb")));
    const std::string xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"></x:xmpmeta>";
    vips_image_set_blob_copy(picture.get_image(), VIPS_META_XMP_NAME, xmp.data(), xmp.size());
    picture.jpegsave(path("in.jpg").c_str());
    VImage loaded = VImage::new_from_file(path("in.jpg").c_str());
    ASSERT_TRUE(has_field(loaded, "exif-ifd0-Make"));
    ASSERT_TRUE(has_field(loaded, VIPS_META_XMP_NAME));
    SaveOptions strip;
    strip.strip = true;
    for (Format f : {Format::Jpeg, Format::Png, Format::Webp}) {
        VImage back = encode_and_reload(loaded, f, strip);
        EXPECT_FALSE(has_field(back, "exif-ifd0-Make")) << format_name(f);
        EXPECT_FALSE(has_field(back, VIPS_META_XMP_NAME)) << format_name(f);
        EXPECT_TRUE(has_field(back, VIPS_META_ICC_NAME)) << format_name(f);
    }
}

TEST_F(SaveTest, AutoOrientedOutputsSayOrientationOne) {
    VImage picture = rgb_picture(40, 20).copy();
    picture.set(VIPS_META_ORIENTATION, 6);
    picture.jpegsave(path("rot.jpg").c_str());
    auto decoded = decode_image(path("rot.jpg"), {});
    ASSERT_TRUE(decoded.ok());
    VImage back = encode_and_reload(decoded->image, Format::Jpeg);
    EXPECT_EQ(back.width(), 20);
    int orientation =
        has_field(back, VIPS_META_ORIENTATION) ? back.get_int(VIPS_META_ORIENTATION) : 1;
    EXPECT_EQ(orientation, 1);
}

TEST_F(SaveTest, AsStoredOutputsKeepTheirOrientationTag) {
    VImage picture = rgb_picture(40, 20).copy();
    picture.set(VIPS_META_ORIENTATION, 6);
    picture.jpegsave(path("rot.jpg").c_str());
    LoadOptions as_stored;
    as_stored.auto_orient = false;
    auto decoded = decode_image(path("rot.jpg"), as_stored);
    ASSERT_TRUE(decoded.ok());
    VImage back = encode_and_reload(decoded->image, Format::Jpeg);
    EXPECT_EQ(back.width(), 40);
    EXPECT_EQ(back.get_int(VIPS_META_ORIENTATION), 6);
}

TEST_F(SaveTest, ChooseOutputExtensionFollowsContent) {
    rgb_picture(16, 16).jpegsave(path("a.jpeg").c_str());
    rgb_picture(16, 16).jpegsave(path("b.JPG").c_str());
    rgb_picture(16, 16).jpegsave(path("c.png").c_str());  // misnamed JPEG
    rgb_picture(16, 16).pngsave(path("d.png").c_str());
    rgb_picture(16, 16).tiffsave(path("e.tif").c_str());
    rgb_picture(16, 16).webpsave(path("f.webp").c_str());
    write_bytes(path("g.txt"), "text");
    EXPECT_EQ(choose_output_extension(path("a.jpeg"), {}), ".jpeg");
    EXPECT_EQ(choose_output_extension(path("b.JPG"), {}), ".JPG");
    EXPECT_EQ(choose_output_extension(path("c.png"), {}), ".jpg");
    EXPECT_EQ(choose_output_extension(path("d.png"), {}), ".png");
    EXPECT_EQ(choose_output_extension(path("e.tif"), {}), ".tif");
    EXPECT_EQ(choose_output_extension(path("f.webp"), {}), ".webp");
    EXPECT_EQ(choose_output_extension(path("g.txt"), {}), ".png");
    SaveOptions webp;
    webp.format = Format::Webp;
    EXPECT_EQ(choose_output_extension(path("a.jpeg"), webp), ".webp");
}

TEST_F(SaveTest, AtomicWriteLeavesOnlyTheFinalFile) {
    std::string target = path("deep/er/out.jpg");
    ASSERT_TRUE(write_file_atomically(target, "first").ok());
    ASSERT_TRUE(write_file_atomically(target, "second version").ok());
    EXPECT_EQ(read_bytes(target), "second version");
    EXPECT_EQ(count_files(dir() / "deep"), 2u);  // the folder "er" and the file
    for (const auto& entry : fs::directory_iterator(dir() / "deep" / "er")) {
        EXPECT_FALSE(is_temporary_output_name(entry.path().filename().string()));
    }
}

TEST_F(SaveTest, FailedAtomicWriteLeavesNothing) {
    write_bytes(path("plain_file"), "x");
    // Tests run as root, so permissions cannot make a folder unwritable; a parent that is a
    // regular file cannot hold anything.
    Status written = write_file_atomically(path("plain_file/out.jpg"), "data");
    EXPECT_FALSE(written.ok());
    EXPECT_NE(written.message().find("cannot create"), std::string::npos) << written.message();
    EXPECT_EQ(count_files(dir()), 1u);
}

TEST_F(SaveTest, FailedRenameRemovesTheTemporaryFile) {
    fs::create_directories(path("target_is_a_folder/inside"));
    Status written = write_file_atomically(path("target_is_a_folder"), "data");
    EXPECT_FALSE(written.ok());
    for (const auto& entry : fs::directory_iterator(dir())) {
        EXPECT_FALSE(is_temporary_output_name(entry.path().filename().string())) << entry.path();
    }
    EXPECT_TRUE(fs::is_directory(path("target_is_a_folder/inside")));
}

TEST_F(SaveTest, TemporaryNamesAreRecognised) {
    EXPECT_TRUE(is_temporary_output_name(".a.jpg.lote-tmp-12-0"));
    EXPECT_FALSE(is_temporary_output_name("a.jpg"));
}

}  // namespace
}  // namespace lote::testing

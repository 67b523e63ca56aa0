// What outputs carry, read back with exiftool (an independent reader) from photos that carry
// what cameras and photographers write: every filter, every format, both executors, each
// policy, --no-location, --artist/--copyright, --to-srgb and a damaged EXIF block.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/cli_test_support.hpp"
#include "support/camera_photo.hpp"

namespace lote::cli_testing {
namespace {

using lote::testing::exif_tags_under;
using lote::testing::keys_in_group;
using lote::testing::make_camera_photo;
using lote::testing::tag_text;

// One step of every kind: the seed filters (lote's own pixel buffers), and the libvips-based
// operations.
const std::vector<std::string> kEveryFilter = {
    "-f", "all", "-f", "ajustar:ancho=200", "-f", "rotar:grados=90", "-f", "voltear"};

class MetadataTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!fs::is_directory(lote::testing::photos_dir())) {
            GTEST_SKIP() << "no sample photos";
        }
        fs::create_directories(in());
        make_camera_photo((in() / "camera.jpg").string(), lote::testing::sample_photo(), 6, 480);
    }
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }

    Finished run(std::vector<std::string> extra) {
        std::vector<std::string> args = {"run", in().string(), "-o", out().string(), "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_lote(args, dir_.path());
    }

    TempDir dir_;
};

bool is_grey_output(const std::string& path) {
    return path.find("/grises/") != std::string::npos;
}

void expect_all_kept(const std::string& path, const nlohmann::json& tags, bool has_iptc) {
    SCOPED_TRACE(path);
    EXPECT_EQ(tag_text(tags, "IFD0:Artist"), "Ana Pérez");
    EXPECT_EQ(tag_text(tags, "IFD0:Copyright"), "© 2024 Ana Pérez");
    EXPECT_EQ(tag_text(tags, "IFD0:Make"), "Canon");
    EXPECT_EQ(tag_text(tags, "ExifIFD:SerialNumber"), "012345678");
    EXPECT_EQ(tag_text(tags, "ExifIFD:DateTimeOriginal"), "2023:06:15 10:30:00");
    EXPECT_FALSE(keys_in_group(tags, "GPS").empty());
    EXPECT_EQ(tag_text(tags, "XMP-dc:Creator"), "Ana Pérez");
    EXPECT_EQ(tag_text(tags, "XMP-dc:Rights"), "© 2024 Ana Pérez");
    EXPECT_EQ(tag_text(tags, "XMP-photoshop:Credit"), "Estudio Pérez");
    EXPECT_EQ(tag_text(tags, "XMP-xmpRights:WebStatement"), "https://example.com/license");
    EXPECT_EQ(tag_text(tags, "XMP-photoshop:City"), "Madrid");
    if (has_iptc) {
        EXPECT_EQ(tag_text(tags, "IPTC:By-line"), "Ana Pérez");
        EXPECT_EQ(tag_text(tags, "IPTC:CopyrightNotice"), "© 2024 Ana Pérez");
        EXPECT_EQ(tag_text(tags, "IPTC:City"), "Madrid");
    }
    // The pixels were turned upright, the thumbnail showed the unedited photo.
    EXPECT_EQ(tag_text(tags, "IFD0:Orientation"), "1");
    EXPECT_TRUE(keys_in_group(tags, "IFD1").empty());
    vips::VImage written = vips::VImage::new_from_file(path.c_str());
    EXPECT_EQ(tag_text(tags, "ExifIFD:ExifImageWidth"), std::to_string(written.width()));
    EXPECT_EQ(tag_text(tags, "ExifIFD:ExifImageHeight"), std::to_string(written.height()));
    // A one-band output never carries the RGB profile; colour ones keep Adobe RGB.
    std::string profile = tag_text(tags, "ICC_Profile:ProfileDescription");
    if (is_grey_output(path)) {
        EXPECT_EQ(profile, "");
        EXPECT_EQ(tag_text(tags, "ICC-header:ColorSpaceData"), "");
    } else {
        EXPECT_NE(profile.find("Adobe RGB"), std::string::npos) << profile;
    }
}

struct FormatCase {
    std::string format;
    bool iptc;  // JPEG, TIFF and PNG (as a raw profile) hold IPTC; WebP and HEIF do not
};

class EveryFormat : public MetadataTest,
                    public ::testing::WithParamInterface<std::tuple<FormatCase, std::string>> {};

TEST_P(EveryFormat, EveryFilterKeepsMetadataAndProfile) {
    auto [format, mode] = GetParam();
    std::vector<std::string> args = kEveryFilter;
    args.insert(args.end(), {"--format", format.format, "--mode", mode});
    Finished done = run(args);
    ASSERT_EQ(done.status, 0) << done.err;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 15u);
    for (const auto& [path, tags] : outputs) {
        expect_all_kept(path, tags, format.iptc);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Formats, EveryFormat,
    ::testing::Combine(::testing::Values(FormatCase{"jpeg", true}, FormatCase{"webp", false},
                                         FormatCase{"png", true}, FormatCase{"tiff", true},
                                         FormatCase{"avif", false}),
                       ::testing::Values(std::string("threads"), std::string("procesos"))),
    [](const auto& info) {
        return std::get<0>(info.param).format + "_" + std::get<1>(info.param);
    });

TEST_F(MetadataTest, CopyrightPolicyKeepsOnlyCreditFields) {
    for (const std::string format : {"jpeg", "tiff", "webp"}) {
        Finished done = run({"-f", "sepia", "-f", "grises", "--format", format, "--metadata",
                             "copyright", "--mode", "threads"});
        ASSERT_EQ(done.status, 0) << done.err;
    }
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 6u);
    for (const auto& [path, tags] : outputs) {
        SCOPED_TRACE(path);
        EXPECT_EQ(tag_text(tags, "IFD0:Artist"), "Ana Pérez");
        EXPECT_EQ(tag_text(tags, "IFD0:Copyright"), "© 2024 Ana Pérez");
        EXPECT_EQ(tag_text(tags, "XMP-dc:Creator"), "Ana Pérez");
        EXPECT_EQ(tag_text(tags, "XMP-dc:Rights"), "© 2024 Ana Pérez");
        EXPECT_EQ(tag_text(tags, "XMP-photoshop:Credit"), "Estudio Pérez");
        EXPECT_EQ(tag_text(tags, "XMP-xmpRights:UsageTerms"), "All rights reserved");
        for (const char* gone :
             {"IFD0:Make", "IFD0:Model", "ExifIFD:SerialNumber", "ExifIFD:LensSerialNumber",
              "ExifIFD:DateTimeOriginal", "XMP-photoshop:City", "XMP-iptcCore:Location",
              "XMP-xmp:CreatorTool", "IPTC:City", "IPTC:Keywords", "IPTC:Sub-location"}) {
            EXPECT_FALSE(tags.contains(gone)) << gone;
        }
        EXPECT_TRUE(keys_in_group(tags, "GPS").empty());
        EXPECT_TRUE(keys_in_group(tags, "XMP-exif").empty());
        if (path.ends_with(".webp")) continue;
        EXPECT_EQ(tag_text(tags, "IPTC:By-line"), "Ana Pérez");
        EXPECT_EQ(tag_text(tags, "IPTC:Credit"), "Estudio Pérez");
        EXPECT_EQ(tag_text(tags, "IPTC:CopyrightNotice"), "© 2024 Ana Pérez");
        EXPECT_EQ(tag_text(tags, "IPTC:Contact"), "ana@example.com");
        if (!is_grey_output(path)) {
            EXPECT_NE(tag_text(tags, "ICC_Profile:ProfileDescription").find("Adobe RGB"),
                      std::string::npos);
        }
    }
}

TEST_F(MetadataTest, NoneKeepsOnlyTheProfileAndStripIsItsAlias) {
    Finished done = run({"-f", "sepia", "--metadata", "none", "--mode", "procesos"});
    ASSERT_EQ(done.status, 0) << done.err;
    done = run({"--chain", "nitidez", "--chain-name", "stripped", "--strip", "--format", "png"});
    ASSERT_EQ(done.status, 0) << done.err;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 2u);
    for (const auto& [path, tags] : outputs) {
        SCOPED_TRACE(path);
        for (const char* group : {"IFD0", "ExifIFD", "GPS", "IFD1", "IPTC", "XMP-dc", "XMP-x"}) {
            EXPECT_TRUE(keys_in_group(tags, group).empty()) << group;
        }
        EXPECT_NE(tag_text(tags, "ICC_Profile:ProfileDescription").find("Adobe RGB"),
                  std::string::npos);
    }
}

TEST_F(MetadataTest, NoLocationRemovesGpsAndLocationFieldsUnderAnyPolicy) {
    Finished done = run({"-f", "invertir", "--no-location", "--mode", "threads"});
    ASSERT_EQ(done.status, 0) << done.err;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 1u);
    const auto& tags = outputs.begin()->second;
    EXPECT_TRUE(keys_in_group(tags, "GPS").empty());
    for (const char* gone :
         {"XMP-photoshop:City", "XMP-iptcCore:Location", "XMP-exif:GPSLatitude", "IPTC:City",
          "IPTC:Sub-location", "IPTC:Country-PrimaryLocationName"}) {
        EXPECT_FALSE(tags.contains(gone)) << gone;
    }
    EXPECT_EQ(tag_text(tags, "IFD0:Make"), "Canon");  // everything else stays
    EXPECT_EQ(tag_text(tags, "IPTC:Keywords"), "jardín");
}

TEST_F(MetadataTest, ArtistAndCopyrightAreWrittenToAllThreeBlocks) {
    for (const std::string policy : {"all", "copyright", "none"}) {
        fs::remove_all(out());
        Finished done = run({"-f", "brillo", "--metadata", policy, "--artist", "Luis Gómez",
                             "--copyright", "© 2025 Luis Gómez", "--mode", "procesos"});
        ASSERT_EQ(done.status, 0) << done.err;
        auto outputs = exif_tags_under(out().string());
        ASSERT_EQ(outputs.size(), 1u);
        const auto& tags = outputs.begin()->second;
        SCOPED_TRACE(policy);
        EXPECT_EQ(tag_text(tags, "IFD0:Artist"), "Luis Gómez");
        EXPECT_EQ(tag_text(tags, "IFD0:Copyright"), "© 2025 Luis Gómez");
        EXPECT_EQ(tag_text(tags, "XMP-dc:Creator"), "Luis Gómez");
        EXPECT_EQ(tag_text(tags, "XMP-dc:Rights"), "© 2025 Luis Gómez");
        EXPECT_EQ(tag_text(tags, "IPTC:By-line"), "Luis Gómez");
        EXPECT_EQ(tag_text(tags, "IPTC:CopyrightNotice"), "© 2025 Luis Gómez");
        EXPECT_EQ(tag_text(tags, "IPTC:CodedCharacterSet"), "\x1b%G");
    }
}

// Adobe RGB pixels converted to sRGB: a saturated colour's values change (sRGB needs larger
// numbers for the same green), the output says sRGB, and it matches libvips' own transform.
TEST_F(MetadataTest, ToSrgbConvertsThePixelsAndTagsTheProfile) {
    Finished plain = run({"-f", "voltear", "--format", "png", "--mode", "threads"});
    ASSERT_EQ(plain.status, 0) << plain.err;
    fs::rename(out() / "voltear", dir_.path() / "plain");
    Finished srgb = run({"-f", "voltear", "--format", "png", "--to-srgb", "--mode", "procesos"});
    ASSERT_EQ(srgb.status, 0) << srgb.err;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 1u);
    const auto& tags = outputs.begin()->second;
    std::string profile = tag_text(tags, "ICC_Profile:ProfileDescription");
    EXPECT_NE(profile.find("sRGB"), std::string::npos) << profile;
    EXPECT_EQ(tag_text(tags, "ICC-header:ColorSpaceData"), "RGB ");

    vips::VImage before =
        vips::VImage::new_from_file((dir_.path() / "plain" / "camera_voltear.png").c_str());
    vips::VImage after = vips::VImage::new_from_file(outputs.begin()->first.c_str());
    vips::VImage expected = before.icc_transform(
        "srgb", vips::VImage::option()->set("embedded", true)->set("depth", 8));
    EXPECT_GT((before - after).abs().max(), 8.0);  // the conversion moved the values
    EXPECT_LE((expected - after).abs().max(), 1.0);
}

TEST_F(MetadataTest, UntaggedInputsAreTakenAsSrgb) {
    vips::VImage untagged = vips::VImage::new_from_file((in() / "camera.jpg").c_str());
    untagged = untagged.copy_memory();
    untagged.remove(VIPS_META_ICC_NAME);
    fs::remove(in() / "camera.jpg");
    untagged.jpegsave((in() / "plain.jpg").c_str());
    Finished done = run({"-f", "sepia", "--to-srgb"});
    ASSERT_EQ(done.status, 0) << done.err;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 1u);
    EXPECT_NE(tag_text(outputs.begin()->second, "ICC_Profile:ProfileDescription").find("sRGB"),
              std::string::npos);
}

// A grey photo with a grey profile keeps it on grey outputs; colour outputs made from it (sepia)
// cannot carry a grey profile and carry none.
TEST_F(MetadataTest, GreyProfilesStayOnGreyOutputsOnly) {
    vips::VImage colour = vips::VImage::new_from_file((in() / "camera.jpg").c_str());
    vips::VImage grey = colour.colourspace(VIPS_INTERPRETATION_B_W).copy_memory();
    fs::remove(in() / "camera.jpg");
    grey.jpegsave((in() / "grey.jpg").c_str());
    lote::testing::command_output("exiftool -q -overwrite_original '-ICC_Profile<=" +
                                  std::string(lote::testing::kGreyProfile) + "' " +
                                  lote::testing::shell_quote((in() / "grey.jpg").string()));
    Finished done = run({"-f", "grises", "-f", "sepia", "--format", "png"});
    ASSERT_EQ(done.status, 0) << done.err;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 2u);
    for (const auto& [path, tags] : outputs) {
        SCOPED_TRACE(path);
        EXPECT_EQ(tag_text(tags, "ICC-header:ColorSpaceData"), is_grey_output(path) ? "GRAY" : "");
    }
}

TEST_F(MetadataTest, MalformedExifIsDroppedWithAWarningAndTheImageSucceeds) {
    lote::testing::break_exif((in() / "camera.jpg").string());
    Finished done = run({"-f", "grises", "-f", "sepia", "--mode", "procesos"});
    ASSERT_EQ(done.status, 0) << done.err;
    auto last = nlohmann::json::parse(done.out.substr(done.out.rfind("{\"event\"")));
    const auto& warnings = last["summary"]["warnings"];
    ASSERT_EQ(warnings.size(), 1u) << done.out;
    EXPECT_EQ(warnings[0]["image"], "camera.jpg");
    EXPECT_NE(warnings[0]["message"].get<std::string>().find("EXIF"), std::string::npos);
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 2u);
    for (const auto& [path, tags] : outputs) {
        EXPECT_TRUE(keys_in_group(tags, "IFD0").empty() || tag_text(tags, "IFD0:Make").empty());
        EXPECT_EQ(tag_text(tags, "XMP-dc:Creator"), "Ana Pérez");  // the rest is kept
        EXPECT_EQ(tag_text(tags, "IPTC:By-line"), "Ana Pérez");
    }
}

TEST_F(MetadataTest, MalformedXmpIsDroppedWithAWarning) {
    lote::testing::break_xmp((in() / "camera.jpg").string());
    Finished done = run({"-f", "blur", "--mode", "threads"});
    ASSERT_EQ(done.status, 0) << done.err;
    EXPECT_NE(done.out.find("malformed XMP"), std::string::npos) << done.out;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 1u);
    EXPECT_EQ(tag_text(outputs.begin()->second, "IFD0:Artist"), "Ana Pérez");
}

TEST_F(MetadataTest, WithoutAutoOrientTheOrientationStaysUnderEveryPolicy) {
    Finished done = run({"-f", "sepia", "--no-auto-orient", "--metadata", "none"});
    ASSERT_EQ(done.status, 0) << done.err;
    auto outputs = exif_tags_under(out().string());
    ASSERT_EQ(outputs.size(), 1u);
    EXPECT_EQ(tag_text(outputs.begin()->second, "IFD0:Orientation"), "6");
}

}  // namespace
}  // namespace lote::cli_testing

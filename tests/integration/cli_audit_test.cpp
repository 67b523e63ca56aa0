// `lote audit`: awkward and broken files each named with the right reason, duplicates, clashes,
// the plan and the estimate; nothing written.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) {
        crc ^= byte;
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// A PNG whose header claims 40,000 x 40,000 pixels (1.6 gigapixels) in a few dozen bytes.
std::string huge_png_header() {
    std::string ihdr = be32(40000) + be32(40000) + std::string("\x08\x02\x00\x00\x00", 5);
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) +
           png_chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) +
           png_chunk("IEND", "");
}

void write_bytes(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

vips::VImage colour(int width, int height) {
    vips::VImage x = vips::VImage::xyz(width, height);
    return (x[0] * 2).bandjoin(x[1] * 3).bandjoin(x[0] + x[1]).cast(VIPS_FORMAT_UCHAR);
}

class CliAudit : public ::testing::Test {
  protected:
    void SetUp() override {
        write_image(in() / "photo.jpg", 1, 120, 80);
        write_image(in() / "photo.png", 2, 60, 40);  // the same output name as WebP
        fs::copy_file(in() / "photo.jpg", in() / "copy of photo.jpg");
        std::string jpeg = read_text(in() / "photo.jpg");
        write_bytes(in() / "truncated.jpg", jpeg.substr(0, jpeg.size() * 6 / 10));
        write_bytes(in() / "notes.jpg", "these are notes, not a photo\n");
        write_bytes(in() / "huge.png", huge_png_header());
        write_image(dir_.path() / "outside" / "private.jpg", 3);
        fs::create_symlink(dir_.path() / "outside" / "private.jpg", in() / "link.jpg");
        (colour(40, 30).cast(VIPS_FORMAT_USHORT) * 256)
            .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_RGB16))
            .write_to_file((in() / "deep.png").c_str());
        colour(40, 30)
            .bandjoin(colour(40, 30)[0])
            .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_CMYK))
            .write_to_file((in() / "print.jpg").c_str());
        vips::VImage frames = colour(30, 20)
                                  .join(colour(30, 20).invert(), VIPS_DIRECTION_VERTICAL)
                                  .join(colour(30, 20), VIPS_DIRECTION_VERTICAL)
                                  .copy();
        frames.set("page-height", 20);
        frames.write_to_file((in() / "moving.gif").c_str());
        vips::VImage grey =
            colour(30, 20)[0]
                .bandjoin(colour(30, 20)[1])
                .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_B_W));
        grey.write_to_file((in() / "grey-alpha.png").c_str());
        vips::VImage turned = colour(50, 30).copy();
        turned.set("orientation", 6);
        turned.write_to_file((in() / "turned.jpg").c_str());
    }
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }
    nlohmann::json audit(std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"audit", in().string(), "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        Finished done = run_lote(args, dir_.path());
        EXPECT_EQ(done.status, 0) << done.err;
        return nlohmann::json::parse(done.out, nullptr, false);
    }
    TempDir dir_;
};

TEST_F(CliAudit, EachAwkwardFileIsDescribedAndEachBrokenOneRefusedWithItsReason) {
    auto report = audit();
    ASSERT_FALSE(report.is_discarded());
    std::map<std::string, std::string> refused;
    for (const auto& r : report["refused"]) {
        refused[r["file"]] = r["reason"];
        EXPECT_FALSE(r["message"].get<std::string>().empty()) << r.dump();
    }
    EXPECT_EQ(refused, (std::map<std::string, std::string>{{"huge.png", "too_large"},
                                                           {"link.jpg", "link_out"},
                                                           {"notes.jpg", "unsupported"},
                                                           {"truncated.jpg", "corrupt"}}))
        << report.dump(1);
    EXPECT_EQ(report["files"], 12);
    EXPECT_EQ(report["formats"]["jpeg"], 4);  // photo, copy, print, turned
    EXPECT_EQ(report["formats"]["png"], 3);   // photo, deep, grey-alpha
    EXPECT_EQ(report["formats"]["gif"], 1);
    EXPECT_EQ(report["colour_spaces"]["cmyk"], 1);
    EXPECT_EQ(report["colour_spaces"]["rgb16"], 1);
    EXPECT_EQ(report["colour_spaces"]["b-w"], 1);
    EXPECT_EQ(report["bit_depths"]["16-bit"], 1);
    // grey-alpha.png, and the GIF: libvips reads every GIF with an alpha band.
    EXPECT_EQ(report["with_alpha"], 2);
    EXPECT_EQ(report["rotated"], nlohmann::json::array({"turned.jpg"}));
    EXPECT_EQ(report["multipage"], nlohmann::json::array({"moving.gif"}));
    EXPECT_EQ(report["size"]["max_width"], 120);
    EXPECT_EQ(report["size"]["min_height"], 20);
    EXPECT_EQ(report["duplicates"],
              nlohmann::json::parse(R"([["copy of photo.jpg", "photo.jpg"]])"));
    EXPECT_FALSE(report.contains("plan"));
    EXPECT_FALSE(fs::exists(out()));
}

TEST_F(CliAudit, WithAJobItSaysWhatTheBatchWouldDoHowLongAndWritesNothing) {
    std::vector<std::string> job = {"-f", "grises", "--format", "webp", "-o", out().string()};
    // The photos' folder (the test's own folder also holds the captured output of each run).
    auto before = files_under(in());
    auto report = audit(job);
    ASSERT_FALSE(report.is_discarded());
    EXPECT_EQ(report["clashes"], nlohmann::json::parse(R"([["photo.jpg", "photo.png"]])"))
        << report.dump(1);
    // The link is refused without being opened; the other broken files are tried and fail.
    EXPECT_EQ(report["plan"]["write"], 11);
    EXPECT_EQ(report["plan"]["refuse"], 1);
    EXPECT_EQ(report["plan"]["up_to_date"], 0);
    EXPECT_GT(report["estimate"]["seconds"].get<double>(), 0.0);
    EXPECT_FALSE(report["estimate"]["timed"].empty());
    EXPECT_FALSE(fs::exists(out())) << "the audit wrote the output folder";
    EXPECT_EQ(files_under(in()), before);

    Finished run =
        run_lote({"run", in().string(), "-f", "grises", "--format", "webp", "-o", out().string()},
                 dir_.path());
    EXPECT_EQ(run.status, 1);  // the broken files fail, the rest are done
    auto again = audit(job);
    EXPECT_EQ(again["plan"]["up_to_date"], 8) << again.dump(1);
    EXPECT_EQ(again["plan"]["write"].get<int>() + again["plan"]["redo"].get<int>(), 3);
}

TEST_F(CliAudit, APresetIsAJobAndATemplateThatClashesIsSaid) {
    auto report = audit({"--preset", "thumbnails", "-o", out().string(), "--no-estimate"});
    ASSERT_FALSE(report.is_discarded());
    EXPECT_EQ(report["plan"]["write"], 11) << report.dump(1);
    EXPECT_FALSE(report.contains("estimate"));
    auto named = audit({"-f", "grises", "-o", out().string(), "--name", "same", "--no-estimate"});
    ASSERT_TRUE(named.contains("naming_refused")) << named.dump(1);
    EXPECT_FALSE(fs::exists(out()));
}

TEST_F(CliAudit, AFolderThatIsNotThereIsAClearError) {
    Finished done = run_lote({"audit", (dir_.path() / "nowhere").string()}, dir_.path());
    EXPECT_EQ(done.status, 2);
    EXPECT_NE(done.err.find("nowhere"), std::string::npos) << done.err;
}

TEST_F(CliAudit, TheTerminalReportSpeaksSpanishWhenAsked) {
    Finished done = run_lote({"audit", in().string()}, dir_.path(), {"LOTE_LANG=es"});
    EXPECT_EQ(done.status, 0) << done.err;
    EXPECT_NE(done.out.find("rechazadas (4)"), std::string::npos) << done.out;
    EXPECT_NE(done.out.find("enlace fuera de la carpeta"), std::string::npos) << done.out;
    EXPECT_NE(done.out.find("duplicadas"), std::string::npos) << done.out;
}

}  // namespace
}  // namespace lote::cli_testing

// `lote run` with the studio steps: a logo on every image in both executors (the logo file kept
// among the photos is not one of them), exact framing sizes on EXIF-rotated photos checked with
// vipsheader and Pillow, and every bad logo or value refused with exit status 2 before any work.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

// Runs a command and returns its standard output.
std::string output_of(const std::string& command) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    if (!pipe) return out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

std::string quoted(const fs::path& path) {
    return "'" + path.string() + "'";
}

// Width x height as stored in the file, and its EXIF orientation (1 when none), by vipsheader.
std::string stored_size(const fs::path& file) {
    const std::string w = output_of("vipsheader -f width " + quoted(file));
    const std::string h = output_of("vipsheader -f height " + quoted(file));
    return w.substr(0, w.find('\n')) + "x" + h.substr(0, h.find('\n'));
}

// The mean colour of a box of the file, read by Pillow.
std::string pillow_mean(const fs::path& file, int left, int top, int right, int bottom) {
    return output_of(
        "/usr/bin/python3 -c \"import sys; from PIL import Image, ImageStat; "
        "im = Image.open(sys.argv[1]).convert('RGB').crop((" +
        std::to_string(left) + "," + std::to_string(top) + "," + std::to_string(right) + "," +
        std::to_string(bottom) +
        ")); print(' '.join(str(round(v)) for v in ImageStat.Stat(im).mean))\" " + quoted(file));
}

void write_logo(const fs::path& path, int w, int h) {
    vips::VImage rgb = vips::VImage::black(w, h, vips::VImage::option()->set("bands", 3));
    vips::VImage blue = rgb.linear({0.0, 0.0, 0.0}, {0.0, 0.0, 255.0}).cast(VIPS_FORMAT_UCHAR);
    vips::VImage logo = blue.bandjoin_const({255}).copy(
        vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    logo.write_to_file(path.string().c_str());
}

// A 400x300 JPEG stored with EXIF `orientation` (so displayed as 300x400 for 5..8).
void write_rotated(const fs::path& path, int orientation, int width = 400, int height = 300) {
    fs::create_directories(path.parent_path());
    vips::VImage grey = vips::VImage::black(width, height, vips::VImage::option()->set("bands", 3));
    vips::VImage image =
        (grey + 120)
            .cast(VIPS_FORMAT_UCHAR)
            .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    image.set("orientation", orientation);
    image.jpegsave(path.string().c_str());
}

class CliStudio : public ::testing::Test {
  protected:
    void SetUp() override {
        for (int i = 0; i < 3; ++i)
            write_image(in() / ("img" + std::to_string(i) + ".jpg"), i, 400, 300);
        write_logo(in() / "logo.png", 200, 100);
    }
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }
    Finished run(std::vector<std::string> args) {
        args.insert(args.begin(), {"run", in().string(), "-o", out().string()});
        return run_lote(args, dir_.path());
    }
    TempDir dir_;
};

TEST_F(CliStudio, ALogoOnEveryImageInBothModesAndTheLogoIsNoInput) {
    for (const char* mode : {"threads", "procesos"}) {
        fs::remove_all(out());
        Finished done = run(
            {"--chain",
             "logo:archivo=" + (in() / "logo.png").string() + ",tamano=12,posicion=bottom-right",
             "--mode", mode, "--workers", "2"});
        ASSERT_EQ(done.status, 0) << mode << done.err << done.out;
        const fs::path folder = out() / "logo";
        EXPECT_EQ(count_outputs(folder), 3u) << mode;  // img0..2, not logo.png
        EXPECT_FALSE(fs::exists(folder / "logo_logo.png")) << mode;
        const fs::path first = folder / "img0_logo.jpg";
        EXPECT_EQ(stored_size(first), "400x300");
        // 12 % of 400 = 48 x 24, 9 px (3 % of 300) from the bottom-right corner.
        const std::string inside =
            pillow_mean(first, 400 - 9 - 46, 300 - 9 - 22, 400 - 11, 300 - 11);
        int r = -1, g = -1, b = -1;
        ASSERT_EQ(std::sscanf(inside.c_str(), "%d %d %d", &r, &g, &b), 3) << inside;
        EXPECT_LT(r, 30) << inside;
        EXPECT_GT(b, 220) << inside;
    }
}

TEST_F(CliStudio, AChangedLogoRedoesTheOutputsMadeWithIt) {
    const std::string chain = "logo:archivo=" + (in() / "logo.png").string();
    Finished first = run({"--chain", chain});
    ASSERT_EQ(first.status, 0) << first.err;
    Finished again = run({"--chain", chain});
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_NE(again.out.find("skipped: 3 images already up to date"), std::string::npos)
        << again.out;
    write_logo(in() / "logo.png", 300, 100);  // a new logo under the same name
    Finished changed = run({"--chain", chain});
    ASSERT_EQ(changed.status, 0) << changed.err;
    EXPECT_EQ(changed.out.find("skipped:"), std::string::npos) << changed.out;
    EXPECT_NE(changed.out.find("3 done (3 made now, 0 already up to date)"), std::string::npos)
        << changed.out;
}

TEST_F(CliStudio, FramingGivesExactSizesOnRotatedPhotos) {
    fs::remove_all(in());
    const std::pair<int, std::pair<int, int>> photos[] = {
        {1, {400, 300}}, {6, {400, 300}}, {8, {400, 300}}, {3, {300, 400}}, {5, {300, 400}}};
    for (const auto& [orientation, size] : photos) {
        write_rotated(in() / ("o" + std::to_string(orientation) + ".jpg"), orientation, size.first,
                      size.second);
    }
    Finished done =
        run({"--chain", "rellenar:ancho=1080,alto=1350,foco=atencion", "--chain",
             "lienzo:ancho=200,alto=200,color=#000000", "--chain", "recortar:proporcion=4:5",
             "--chain", "rellenar:ancho=90,alto=40", "--chain-name", "fill", "--chain-name", "pad",
             "--chain-name", "crop", "--chain-name", "small"});
    ASSERT_EQ(done.status, 0) << done.err << done.out;
    for (const auto& [orientation, size] : photos) {
        const std::string name = "o" + std::to_string(orientation);
        // Orientations 5..8 turn the stored picture a quarter: the user sees it swapped.
        const bool turned = orientation >= 5;
        const int shown_w = turned ? size.second : size.first;
        const int shown_h = turned ? size.first : size.second;
        EXPECT_EQ(stored_size(out() / "fill" / (name + "_fill.jpg")), "1080x1350") << name;
        EXPECT_EQ(stored_size(out() / "pad" / (name + "_pad.jpg")), "200x200") << name;
        const int crop_w = shown_w * 5 > shown_h * 4 ? shown_h * 4 / 5 : shown_w;
        const int crop_h = shown_w * 5 > shown_h * 4 ? shown_h : shown_w * 5 / 4;
        EXPECT_EQ(stored_size(out() / "crop" / (name + "_crop.jpg")),
                  std::to_string(crop_w) + "x" + std::to_string(crop_h))
            << name;
        EXPECT_EQ(stored_size(out() / "small" / (name + "_small.jpg")), "90x40") << name;
    }
}

TEST_F(CliStudio, BadLogosAndValuesExit2BeforeAnyWork) {
    vips::VImage::black(8, 8).jpegsave((in() / "photo-logo.jpg").string().c_str());
    std::ofstream(in() / "notes.png") << "not an image";
    const std::pair<std::string, std::string> cases[] = {
        {"logo:archivo=" + (in() / "missing.png").string(), "does not exist"},
        {"logo:archivo=" + (in() / "notes.png").string(), "not a PNG or WebP"},
        {"logo:archivo=" + (in() / "photo-logo.jpg").string(), "is a JPEG image"},
        {"logo:archivo=" + in().string(), "is a folder"},
        {"logo", "\"archivo\" is required"},
        {"logo:archivo=" + (in() / "logo.png").string() + ",opacidad=2", "opacidad"},
        {"logo:archivo=" + (in() / "logo.png").string() + ",tamano=0", "tamano"},
        {"logo:archivo=" + (in() / "logo.png").string() + ",posicion=bottom-middle", "posicion"},
        {"marca_agua:fuente='No Such Font'", "fuente"},
        {"marca_agua:color=rojo", "color"},
        {"rellenar:ancho=100", "alto"},
        {"recortar:proporcion=4x5", "proporcion"},
        {"lienzo:ancho=100,alto=100,color=#12", "color"},
    };
    for (const auto& [chain, reason] : cases) {
        for (const char* mode : {"threads", "procesos"}) {
            Finished done = run({"--chain", "nitidez | " + chain, "--mode", mode});
            EXPECT_EQ(done.status, 2) << chain << " " << done.err;
            EXPECT_NE(done.err.find(reason), std::string::npos) << chain << ": " << done.err;
            EXPECT_EQ(count_outputs(out()), 0u) << chain;  // nothing written, nothing started
            EXPECT_EQ(done.out.find("processed"), std::string::npos) << done.out;
        }
    }
    // The photos are untouched and still all there.
    EXPECT_EQ(stored_size(in() / "img0.jpg"), "400x300");
}

}  // namespace
}  // namespace lote::cli_testing

// lote starts libvips with only the modules it uses (HEIF/AVIF), not every module installed.
#include <gtest/gtest.h>

#include <vips/vips8>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

// The libvips modules mapped by a running process.
std::string mapped_files(pid_t pid) {
    return read_text("/proc/" + std::to_string(pid) + "/maps");
}

bool heif_module_built() {
    const fs::path home = fs::path(LOTE_BINARY).parent_path() / "vips-home";
    for (const auto& entry : fs::recursive_directory_iterator(home)) {
        if (entry.path().filename() == "vips-heif.so") {
            return true;
        }
    }
    return false;
}

// What the processes started in `dir` have printed on stdout so far.
std::string printed(const fs::path& dir) {
    std::string text;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().filename().string().rfind("stdout-", 0) == 0) {
            text += read_text(entry.path());
        }
    }
    return text;
}

TEST(VipsModules, AServerLoadsOnlyTheHeifModule) {
    TempDir dir;
    Lote server({"serve", "--port", "0", "--input", (dir.path() / "in").string(), "--output",
                 (dir.path() / "out").string(), "--no-samples"},
                dir.path());
    // libvips loads its modules in VIPS_INIT, before the server prints where it listens.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (printed(dir.path()).find("127.0.0.1") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_NE(printed(dir.path()).find("127.0.0.1"), std::string::npos);
    const std::string maps = mapped_files(server.pid());
    ASSERT_FALSE(maps.empty());
    EXPECT_EQ(maps.find("vips-poppler"), std::string::npos);
    EXPECT_EQ(maps.find("vips-magick"), std::string::npos);
    EXPECT_EQ(maps.find("vips-openslide"), std::string::npos);
    EXPECT_EQ(maps.find("vips-jxl"), std::string::npos);
    if (heif_module_built()) {
        EXPECT_NE(maps.find("vips-heif"), std::string::npos);
    }
}

TEST(VipsModules, AvifInputsStillDecodeInWorkers) {
    TempDir dir;
    fs::create_directories(dir.path() / "in");
    const fs::path avif = dir.path() / "in" / "photo.avif";
    try {
        vips::VImage picture =
            vips::VImage::black(64, 48, vips::VImage::option()->set("bands", 3)) + 90;
        picture.cast(VIPS_FORMAT_UCHAR)
            .heifsave(avif.c_str(), vips::VImage::option()->set("compression",
                                                                VIPS_FOREIGN_HEIF_COMPRESSION_AV1));
    } catch (const vips::VError&) {
        GTEST_SKIP() << "this libvips has no AVIF encoder";
    }
    Finished run =
        run_lote({"run", (dir.path() / "in").string(), "-o", (dir.path() / "out").string(), "-f",
                  "invertir", "--format", "png", "--mode", "procesos", "--workers", "1"},
                 dir.path());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    vips::VImage out = vips::VImage::new_from_file(
        (dir.path() / "out" / "invertir" / "photo_invertir.png").c_str());
    EXPECT_EQ(out.width(), 64);
    EXPECT_NEAR(out.avg(), 255 - 90, 3);
}

}  // namespace
}  // namespace lote::cli_testing

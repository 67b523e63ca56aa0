#pragma once
// Helpers for the pipeline tests: a temporary folder per test and synthetic images of every kind,
// made with libvips in the test itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vips/vips8>

#include "pipeline/init_image_io.hpp"
#include "support/temp_dir.hpp"

namespace lote::testing {

namespace fs = std::filesystem;
using vips::VImage;

class PipelineTest : public ::testing::Test {
  protected:
    void SetUp() override {
        init_image_io();
        dir_ = std::make_unique<test_support::TempDir>("lote-pipeline");
    }
    void TearDown() override { dir_.reset(); }
    std::string path(const std::string& name) const { return (dir_->path() / name).string(); }
    const fs::path& dir() const { return dir_->path(); }

  private:
    std::unique_ptr<test_support::TempDir> dir_;
};

// A colourful RGB test picture: a horizontal red ramp, a vertical green ramp, constant blue.
inline VImage rgb_picture(int width, int height) {
    VImage xy = VImage::xyz(width, height);
    VImage red = xy.extract_band(0).linear(255.0 / std::max(1, width - 1), 0.0);
    VImage green = xy.extract_band(1).linear(255.0 / std::max(1, height - 1), 0.0);
    VImage blue = VImage::black(width, height).linear(1.0, 90.0);
    return red.bandjoin(green)
        .bandjoin(blue)
        .cast(VIPS_FORMAT_UCHAR)
        .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

inline VImage grey_picture(int width, int height) {
    return rgb_picture(width, height).colourspace(VIPS_INTERPRETATION_B_W);
}

inline VImage with_alpha(const VImage& image, double alpha) {
    return image.bandjoin_const({alpha});
}

inline std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

inline bool has_field(const VImage& image, const char* name) {
    return vips_image_get_typeof(image.get_image(), name) != 0;
}

inline std::size_t count_files(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::recursive_directory_iterator(dir)) {
        ++n;
    }
    return n;
}

}  // namespace lote::testing

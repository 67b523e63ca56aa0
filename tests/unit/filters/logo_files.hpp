#pragma once
// Logo files for the tests: PNG and WebP images written into a temporary folder that is removed
// with the fixture, plus deliberately broken files.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vips/vips8>

#include "test_image.hpp"

namespace lote::test {

namespace fs = std::filesystem;

class TempFolder {
  public:
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "lote-logo-test-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const fs::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    fs::path path_;
};

// A uniform w × h logo of colour (r, g, b) and alpha `a`, saved as PNG or WebP (by extension).
inline std::string write_logo(const std::string& path, int w, int h, std::uint8_t r, std::uint8_t g,
                              std::uint8_t b, std::uint8_t a) {
    Img img(w, h, 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            img.at(y, x, 0) = r;
            img.at(y, x, 1) = g;
            img.at(y, x, 2) = b;
            img.at(y, x, 3) = a;
        }
    vips::VImage image = to_vips(img);
    if (path.size() > 5 && path.substr(path.size() - 5) == ".webp") {
        image.webpsave(path.c_str(), vips::VImage::option()->set("lossless", true));
    } else {
        image.pngsave(path.c_str());
    }
    return path;
}

inline std::string write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return path;
}

}  // namespace lote::test

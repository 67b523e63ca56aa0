#pragma once
// Small synthetic images for the filter tests: a plain buffer the tests index with (y, x, c),
// converted to and from libvips images.

#include <glib.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>
#include <vips/vips8>

#include "filters/registry.hpp"

namespace lote::test {

struct Img {
    int width = 0;
    int height = 0;
    int bands = 0;
    std::vector<std::uint8_t> data;

    Img() = default;
    Img(int w, int h, int b)
        : width(w), height(h), bands(b), data(static_cast<std::size_t>(w) * h * b) {}
    std::uint8_t& at(int y, int x, int c) {
        return data[(static_cast<std::size_t>(y) * width + x) * bands + c];
    }
    std::uint8_t at(int y, int x, int c) const {
        return data[(static_cast<std::size_t>(y) * width + x) * bands + c];
    }
    // Edge samples repeat beyond the image.
    std::uint8_t clamped(int y, int x, int c) const {
        y = y < 0 ? 0 : (y >= height ? height - 1 : y);
        x = x < 0 ? 0 : (x >= width ? width - 1 : x);
        return at(y, x, c);
    }
};

// Random samples with a fixed seed, mixed with a gradient so blurs have structure to keep.
inline Img random_image(int w, int h, int bands, unsigned seed = 7) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> noise(0, 255);
    Img img(w, h, bands);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            for (int c = 0; c < bands; ++c) {
                const int gradient = (x * 255 / (w > 1 ? w - 1 : 1) + y * 97 + c * 60) % 256;
                img.at(y, x, c) = static_cast<std::uint8_t>((gradient + noise(gen)) / 2);
            }
        }
    }
    return img;
}

inline vips::VImage to_vips(const Img& img) {
    void* copy = g_malloc(img.data.size());
    std::memcpy(copy, img.data.data(), img.data.size());
    auto image = vips::VImage::new_from_memory_steal(copy, img.data.size(), img.width, img.height,
                                                     img.bands, VIPS_FORMAT_UCHAR);
    const auto kind = img.bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    return image.copy(vips::VImage::option()->set("interpretation", kind));
}

inline Img from_vips(const vips::VImage& image) {
    vips::VImage u8 = image.format() == VIPS_FORMAT_UCHAR ? image : image.cast(VIPS_FORMAT_UCHAR);
    Img img(u8.width(), u8.height(), u8.bands());
    std::size_t size = 0;
    void* bytes = u8.write_to_memory(&size);
    std::memcpy(img.data.data(), bytes, std::min(size, img.data.size()));
    g_free(bytes);
    return img;
}

inline const FilterSpec& filter_named(const char* id) {
    const FilterSpec* f = Registry::instance().find(id);
    if (f == nullptr) {
        throw std::runtime_error(std::string("no filter ") + id);
    }
    return *f;
}

// Runs a filter with the given parameters (validated, defaults filled).
inline Img run(const char* id, const Img& in,
               const nlohmann::json& given = nlohmann::json::object()) {
    const FilterSpec& f = filter_named(id);
    auto params = Registry::instance().validate(f, given);
    if (!params) {
        throw std::runtime_error(params.message());
    }
    return from_vips(f.apply(to_vips(in), *params));
}

inline std::uint8_t clamp255(double v) {
    return static_cast<std::uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

// The largest absolute difference between two images of the same shape (-1 if shapes differ).
inline int max_difference(const Img& a, const Img& b) {
    if (a.width != b.width || a.height != b.height || a.bands != b.bands) {
        return -1;
    }
    int worst = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i) {
        worst = std::max(worst, std::abs(int(a.data[i]) - int(b.data[i])));
    }
    return worst;
}

}  // namespace lote::test

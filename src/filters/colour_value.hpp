#pragma once
// A colour parameter ("#RRGGBB", as Registry::validate stores it) as sample values for an image
// of the filters' normal form.

#include <string>
#include <vector>

namespace lote {

struct Rgb {
    double r = 255;
    double g = 255;
    double b = 255;
    bool neutral() const { return r == g && g == b; }
    // ITU-R 601-2 luma, as `grises` computes it.
    double luma() const { return (r * 19595 + g * 38470 + b * 7471 + 32768) / 65536; }
};

inline Rgb rgb_of(const std::string& hex) {
    auto byte = [&hex](std::size_t at) {
        return static_cast<double>(std::stoi(hex.substr(at, 2), nullptr, 16));
    };
    if (hex.size() != 7 || hex[0] != '#') {
        return {};
    }
    return {byte(1), byte(3), byte(5)};
}

// The colour as `colour_bands` samples (1: its luma, 3: r, g, b).
inline std::vector<double> samples_of(const Rgb& c, int colour_bands) {
    if (colour_bands == 1) {
        return {static_cast<double>(static_cast<int>(c.luma()))};
    }
    return {c.r, c.g, c.b};
}

}  // namespace lote

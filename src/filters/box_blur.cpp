#include "filters/box_blur.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "filters/box_columns.hpp"
#include "filters/box_rows.hpp"
#include "filters/filter_functions.hpp"
#include "filters/pixel_buffer.hpp"

namespace lote {

float extended_box_radius(float radius, int passes) {
    // Kept in float like Pillow's _gaussian_blur_radius: the fixed-point weights derive from it,
    // and a double here would move some of them by one unit.
    const float sigma2 = radius * radius / static_cast<float>(passes);
    const float big_l = static_cast<float>(std::sqrt(12.0 * sigma2 + 1.0));
    const float l = static_cast<float>(std::floor((big_l - 1.0) / 2.0));
    float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2);
    a /= 6 * (sigma2 - (l + 1) * (l + 1));
    return l + a;
}

ExtendedBox extended_box(float box_radius) {
    ExtendedBox box;
    box.whole = static_cast<int>(box_radius);
    box.weight = static_cast<std::uint32_t>(static_cast<float>(1u << 24) / (box_radius * 2 + 1));
    box.fraction = ((1u << 24) - static_cast<std::uint32_t>(box.whole * 2 + 1) * box.weight) / 2;
    return box;
}

namespace {

constexpr int kPasses = 3;
// Scratch samples, left uninitialised: every pass writes all of them before they are read.
using Samples = std::unique_ptr<std::uint8_t[]>;
Samples new_samples(std::size_t count) {
    return Samples(new std::uint8_t[count]);
}

void write_with_alpha(const std::uint8_t* plane, int channels, const PixelsIn& in, PixelsOut& out) {
    const std::size_t pixels = static_cast<std::size_t>(in.width) * in.height;
    for (std::size_t i = 0; i < pixels; ++i) {
        std::memcpy(out.data + i * out.bands, plane + i * channels, channels);
        out.data[i * out.bands + channels] = in.data[i * in.bands + channels];
    }
}

}  // namespace

// Three passes along the rows into the output (or a packed copy when there is an alpha band to
// put back), then three down the columns in place.
vips::VImage filters::blur(const vips::VImage& image, const Params& params) {
    const auto radius = static_cast<float>(params.number("radio"));
    const ExtendedBox box = extended_box(extended_box_radius(radius, kPasses));
    PixelsIn in = read_pixels(image);
    const int channels = colour_bands_of(in.bands);
    PixelsOut out = new_pixels(in.width, in.height, in.bands);
    Samples packed = channels == in.bands
                         ? nullptr
                         : new_samples(static_cast<std::size_t>(in.width) * in.height * channels);
    std::uint8_t* plane = packed ? packed.get() : out.data;
    blur_rows_thrice(in.data, in.width, in.height, in.bands, channels, box, plane);
    blur_columns_thrice(plane, in.height, static_cast<std::size_t>(in.width) * channels, box);
    if (packed) {
        write_with_alpha(packed.get(), channels, in, out);
    }
    return out.image;
}

}  // namespace lote

#include "filters/box_blur.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "filters/filter_functions.hpp"
#include "filters/pixel_buffer.hpp"
#include "filters/row_kernels.hpp"

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
// Pixels on a side of the square tiles of a transposition: two tiles (in and out) stay in the
// first-level cache while their pixels are swapped.
constexpr int kTile = 32;

// Scratch samples, left uninitialised: every pass writes all of them before they are read.
using Samples = std::unique_ptr<std::uint8_t[]>;
Samples new_samples(std::size_t count) {
    return Samples(new std::uint8_t[count]);
}

// A packed image of `rows` rows of `row_samples` 8-bit samples.
struct Plane {
    Samples samples;
    int rows = 0;
    std::size_t row_samples = 0;
};

// dst = src with rows and columns swapped: pixel (x, y) of a width × height image of `stride`
// samples a pixel goes to row x, column y of a packed image of `Channels` samples a pixel
// (the first `Channels` samples of each source pixel are kept). Done in tiles so both sides are
// read and written a cache line at a time.
template <int Channels>
void transpose(const std::uint8_t* src, int width, int height, int stride, std::uint8_t* dst) {
    for (int y0 = 0; y0 < height; y0 += kTile) {
        const int y1 = std::min(height, y0 + kTile);
        for (int x0 = 0; x0 < width; x0 += kTile) {
            const int x1 = std::min(width, x0 + kTile);
            for (int x = x0; x < x1; ++x) {
                std::uint8_t* out = dst + (static_cast<std::size_t>(x) * height + y0) * Channels;
                const std::uint8_t* in = src + (static_cast<std::size_t>(y0) * width + x) * stride;
                for (int y = y0; y < y1; ++y, out += Channels, in += stride * width) {
                    std::memcpy(out, in, Channels);
                }
            }
        }
    }
}

void transpose(const std::uint8_t* src, int width, int height, int stride, int channels,
               std::uint8_t* dst) {
    switch (channels) {
        case 1:
            transpose<1>(src, width, height, stride, dst);
            break;
        case 2:
            transpose<2>(src, width, height, stride, dst);
            break;
        case 3:
            transpose<3>(src, width, height, stride, dst);
            break;
        default:
            transpose<4>(src, width, height, stride, dst);
            break;
    }
}

// One extended box pass down the columns of `src` into `dst` (same shape): a running sum per
// sample slides down the rows, so memory is read in order and the row loop vectorises. Rows
// beyond the ends repeat the end rows.
void blur_columns(const std::uint8_t* src, std::uint8_t* dst, std::size_t row_samples, int rows,
                  const ExtendedBox& box, std::vector<std::uint32_t>& sums) {
    auto row = [&](int y) {
        return src + static_cast<std::size_t>(std::clamp(y, 0, rows - 1)) * row_samples;
    };
    sums.assign(row_samples, 0);
    for (int k = -box.whole; k <= box.whole; ++k) {
        kernels::accumulate_run(row(k), row_samples, sums.data());
    }
    for (int y = 0; y < rows; ++y) {
        kernels::box_step_run(row(y - box.whole - 1), row(y + box.whole + 1), row(y - box.whole),
                              sums.data(), row_samples, box.weight, box.fraction,
                              dst + static_cast<std::size_t>(y) * row_samples);
    }
}

// The three passes down the columns of `plane`, the result left in `plane`; `scratch` has its
// size. The last pass may instead go to `last` when it is given.
void blur_columns_thrice(Plane& plane, Samples& scratch, const ExtendedBox& box,
                         std::uint8_t* last = nullptr) {
    std::vector<std::uint32_t> sums;
    std::uint8_t* a = plane.samples.get();
    std::uint8_t* b = scratch.get();
    blur_columns(a, b, plane.row_samples, plane.rows, box, sums);
    blur_columns(b, a, plane.row_samples, plane.rows, box, sums);
    blur_columns(a, last != nullptr ? last : b, plane.row_samples, plane.rows, box, sums);
    if (last == nullptr) {
        std::swap(plane.samples, scratch);
    }
}

void write_with_alpha(const std::uint8_t* plane, int channels, const PixelsIn& in, PixelsOut& out) {
    const std::size_t pixels = static_cast<std::size_t>(in.width) * in.height;
    for (std::size_t i = 0; i < pixels; ++i) {
        std::memcpy(out.data + i * out.bands, plane + i * channels, channels);
        out.data[i * out.bands + channels] = in.data[i * in.bands + channels];
    }
}

}  // namespace

// The passes along the rows run on the transposed image, as passes down its columns: a running
// sum along a row is one long chain of dependent additions, while down the columns every sample
// of a row advances at once in vector lanes. Two transpositions cost far less than the scalar
// chains they replace.
vips::VImage filters::blur(const vips::VImage& image, const Params& params) {
    const auto radius = static_cast<float>(params.number("radio"));
    const ExtendedBox box = extended_box(extended_box_radius(radius, kPasses));
    PixelsIn in = read_pixels(image);
    const int channels = colour_bands_of(in.bands);
    const std::size_t total = static_cast<std::size_t>(in.width) * in.height * channels;

    Plane across{new_samples(total), in.width, static_cast<std::size_t>(in.height) * channels};
    transpose(in.data, in.width, in.height, in.bands, channels, across.samples.get());
    Samples scratch = new_samples(total);
    blur_columns_thrice(across, scratch, box);

    Plane down{std::move(scratch), in.height, static_cast<std::size_t>(in.width) * channels};
    transpose(across.samples.get(), in.height, in.width, channels, channels, down.samples.get());
    PixelsOut out = new_pixels(in.width, in.height, in.bands);
    if (channels == in.bands) {
        blur_columns_thrice(down, across.samples, box, out.data);
    } else {
        blur_columns_thrice(down, across.samples, box);
        write_with_alpha(down.samples.get(), channels, in, out);
    }
    return out.image;
}

}  // namespace lote

#include "filters/box_blur.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

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

inline std::uint8_t fixed_to_sample(std::uint32_t bulk) {
    return static_cast<std::uint8_t>((bulk + (1u << 23)) >> 24);
}

// Blurs one packed line of `count` pixels of `Channels` samples in place; `padded` is scratch.
// Samples beyond the ends repeat the end samples, so the line is copied with a margin of
// whole+1 pixels on each side and a running sum per channel slides over it (the channels are
// independent chains the processor can overlap).
template <int Channels>
void blur_line(std::uint8_t* line, int count, const ExtendedBox& box,
               std::vector<std::uint8_t>& padded) {
    const int margin = box.whole + 1;
    padded.resize(static_cast<std::size_t>(count + 2 * margin) * Channels);
    for (int i = 0; i < margin; ++i) {
        std::memcpy(&padded[i * Channels], line, Channels);
        std::memcpy(&padded[(margin + count + i) * Channels], line + (count - 1) * Channels,
                    Channels);
    }
    std::memcpy(&padded[margin * Channels], line, static_cast<std::size_t>(count) * Channels);
    const std::uint8_t* p = padded.data();
    // Window of output 0: padded pixels 1 .. 2·whole+1 (centre at `margin`).
    std::uint32_t sum[Channels] = {};
    for (int k = 1; k <= 2 * box.whole + 1; ++k) {
        for (int c = 0; c < Channels; ++c) {
            sum[c] += p[k * Channels + c];
        }
    }
    const std::uint8_t* before = p;                         // distance whole+1 to the left
    const std::uint8_t* after = p + 2 * margin * Channels;  // distance whole+1 to the right
    const std::uint8_t* leaving = p + Channels;             // first sample of the window
    for (int x = 0; x < count; ++x) {
        for (int c = 0; c < Channels; ++c) {
            const std::uint32_t far = before[c] + after[c];
            line[c] = fixed_to_sample(sum[c] * box.weight + far * box.fraction);
            sum[c] += after[c];
            sum[c] -= leaving[c];
        }
        line += Channels;
        before += Channels;
        after += Channels;
        leaving += Channels;
    }
}

void blur_line(std::uint8_t* line, int count, int channels, const ExtendedBox& box,
               std::vector<std::uint8_t>& padded) {
    switch (channels) {
        case 1:
            blur_line<1>(line, count, box, padded);
            break;
        case 2:
            blur_line<2>(line, count, box, padded);
            break;
        case 3:
            blur_line<3>(line, count, box, padded);
            break;
        default:
            blur_line<4>(line, count, box, padded);
            break;
    }
}

// Blurs along the columns of a packed image (`row_samples` samples a row) from `src` into
// `dst`, one row at a time with a running sum per sample so the memory is read in order.
void blur_columns(const std::uint8_t* src, std::uint8_t* dst, int row_samples, int rows,
                  const ExtendedBox& box, std::vector<std::uint32_t>& sums) {
    auto row = [&](int y) {
        return src + static_cast<std::size_t>(std::clamp(y, 0, rows - 1)) * row_samples;
    };
    sums.assign(row_samples, 0);
    for (int k = -box.whole; k <= box.whole; ++k) {
        const std::uint8_t* r = row(k);
        for (int i = 0; i < row_samples; ++i) {
            sums[i] += r[i];
        }
    }
    for (int y = 0; y < rows; ++y) {
        const std::uint8_t* before = row(y - box.whole - 1);
        const std::uint8_t* after = row(y + box.whole + 1);
        const std::uint8_t* leaving = row(y - box.whole);
        std::uint8_t* out = dst + static_cast<std::size_t>(y) * row_samples;
        for (int i = 0; i < row_samples; ++i) {
            const std::uint32_t far = before[i] + after[i];
            out[i] = fixed_to_sample(sums[i] * box.weight + far * box.fraction);
            sums[i] += after[i];
            sums[i] -= leaving[i];
        }
    }
}

// Colour samples of the image, packed (alpha left out).
std::vector<std::uint8_t> colour_plane(const PixelsIn& in, int channels) {
    std::vector<std::uint8_t> plane(static_cast<std::size_t>(in.width) * in.height * channels);
    if (channels == in.bands) {
        std::memcpy(plane.data(), in.data, plane.size());
        return plane;
    }
    std::uint8_t* q = plane.data();
    const std::size_t pixels = static_cast<std::size_t>(in.width) * in.height;
    for (std::size_t i = 0; i < pixels; ++i, q += channels) {
        std::memcpy(q, in.data + i * in.bands, channels);
    }
    return plane;
}

void write_with_alpha(const std::uint8_t* plane, int channels, const PixelsIn& in, PixelsOut& out) {
    const std::size_t pixels = static_cast<std::size_t>(in.width) * in.height;
    for (std::size_t i = 0; i < pixels; ++i) {
        std::memcpy(out.data + i * out.bands, plane + i * channels, channels);
        out.data[i * out.bands + channels] = in.data[i * in.bands + channels];
    }
}

}  // namespace

vips::VImage filters::blur(const vips::VImage& image, const Params& params) {
    const auto radius = static_cast<float>(params.number("radio"));
    const ExtendedBox box = extended_box(extended_box_radius(radius, kPasses));
    PixelsIn in = read_pixels(image);
    const int channels = colour_bands_of(in.bands);
    std::vector<std::uint8_t> plane = colour_plane(in, channels);
    std::vector<std::uint8_t> padded;
    const std::size_t row_samples = static_cast<std::size_t>(in.width) * channels;
    for (int y = 0; y < in.height; ++y) {
        for (int pass = 0; pass < kPasses; ++pass) {
            blur_line(plane.data() + row_samples * y, in.width, channels, box, padded);
        }
    }
    PixelsOut out = new_pixels(in.width, in.height, in.bands);
    std::vector<std::uint8_t> other(plane.size());
    std::vector<std::uint32_t> sums;
    const int samples = static_cast<int>(row_samples);
    blur_columns(plane.data(), other.data(), samples, in.height, box, sums);
    blur_columns(other.data(), plane.data(), samples, in.height, box, sums);
    if (channels == in.bands) {
        blur_columns(plane.data(), out.data, samples, in.height, box, sums);
    } else {
        blur_columns(plane.data(), other.data(), samples, in.height, box, sums);
        write_with_alpha(other.data(), channels, in, out);
    }
    return out.image;
}

}  // namespace lote

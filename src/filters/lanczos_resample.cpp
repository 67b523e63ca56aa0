#include "filters/lanczos_resample.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "filters/geometry.hpp"
#include "filters/pixel_buffer.hpp"

namespace lote {

namespace {

constexpr int kPrecisionBits = 22;
constexpr double kSupport = 3.0;

double sinc(double x) {
    if (x == 0.0) {
        return 1.0;
    }
    x *= M_PI;
    return std::sin(x) / x;
}

double lanczos3(double x) {
    return (x >= -kSupport && x < kSupport) ? sinc(x) * sinc(x / kSupport) : 0.0;
}

// For each output position: the first input sample it reads and its fixed-point weights.
struct Taps {
    std::vector<int> first;
    std::vector<int> count;
    std::vector<std::int32_t> weights;  // `size` per output position
    int size = 0;
};

Taps taps_for(int in_size, int out_size) {
    const double scale = static_cast<double>(in_size) / out_size;
    const double filter_scale = std::max(scale, 1.0);
    const double support = kSupport * filter_scale;
    Taps taps;
    taps.size = static_cast<int>(std::ceil(support)) * 2 + 1;
    taps.first.resize(out_size);
    taps.count.resize(out_size);
    taps.weights.assign(static_cast<std::size_t>(out_size) * taps.size, 0);
    std::vector<double> w(taps.size);
    for (int o = 0; o < out_size; ++o) {
        const double centre = (o + 0.5) * scale;
        const int first = std::max(0, static_cast<int>(centre - support + 0.5));
        const int count = std::min(static_cast<int>(centre + support + 0.5), in_size) - first;
        double total = 0;
        for (int k = 0; k < count; ++k) {
            w[k] = lanczos3((k + first - centre + 0.5) / filter_scale);
            total += w[k];
        }
        for (int k = 0; k < count; ++k) {
            const double normalised = total != 0.0 ? w[k] / total : w[k];
            const double fixed = normalised * (1 << kPrecisionBits);
            taps.weights[static_cast<std::size_t>(o) * taps.size + k] =
                static_cast<std::int32_t>(fixed < 0 ? fixed - 0.5 : fixed + 0.5);
        }
        taps.first[o] = first;
        taps.count[o] = count;
    }
    return taps;
}

inline std::uint8_t fixed_to_sample(std::int32_t sum) {
    const std::int32_t v = sum >> kPrecisionBits;
    return static_cast<std::uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

// Resamples each row of `src` (rows × in_width pixels of `Channels`) to out_width pixels; the
// channels are summed together so the weights are loaded once per tap.
template <int Channels>
void resample_rows(const std::uint8_t* src, int in_width, int rows, std::uint8_t* dst,
                   int out_width) {
    const Taps taps = taps_for(in_width, out_width);
    for (int y = 0; y < rows; ++y) {
        const std::uint8_t* in = src + static_cast<std::size_t>(y) * in_width * Channels;
        std::uint8_t* out = dst + static_cast<std::size_t>(y) * out_width * Channels;
        for (int o = 0; o < out_width; ++o) {
            const std::int32_t* w = &taps.weights[static_cast<std::size_t>(o) * taps.size];
            const std::uint8_t* p = in + static_cast<std::size_t>(taps.first[o]) * Channels;
            std::int32_t sum[Channels];
            for (int c = 0; c < Channels; ++c) {
                sum[c] = 1 << (kPrecisionBits - 1);
            }
            for (int k = 0; k < taps.count[o]; ++k, p += Channels) {
                for (int c = 0; c < Channels; ++c) {
                    sum[c] += p[c] * w[k];
                }
            }
            for (int c = 0; c < Channels; ++c) {
                out[o * Channels + c] = fixed_to_sample(sum[c]);
            }
        }
    }
}

void resample_rows(const std::uint8_t* src, int in_width, int rows, int bands, std::uint8_t* dst,
                   int out_width) {
    switch (bands) {
        case 1:
            resample_rows<1>(src, in_width, rows, dst, out_width);
            break;
        case 2:
            resample_rows<2>(src, in_width, rows, dst, out_width);
            break;
        case 3:
            resample_rows<3>(src, in_width, rows, dst, out_width);
            break;
        default:
            resample_rows<4>(src, in_width, rows, dst, out_width);
            break;
    }
}

// Resamples the columns: each output row is a weighted sum of whole input rows.
void resample_columns(const std::uint8_t* src, int in_height, int row_samples, std::uint8_t* dst,
                      int out_height) {
    const Taps taps = taps_for(in_height, out_height);
    std::vector<std::int32_t> sums(row_samples);
    for (int o = 0; o < out_height; ++o) {
        std::fill(sums.begin(), sums.end(), 1 << (kPrecisionBits - 1));
        const std::int32_t* w = &taps.weights[static_cast<std::size_t>(o) * taps.size];
        for (int k = 0; k < taps.count[o]; ++k) {
            const std::uint8_t* row =
                src + static_cast<std::size_t>(taps.first[o] + k) * row_samples;
            for (int i = 0; i < row_samples; ++i) {
                sums[i] += row[i] * w[k];
            }
        }
        std::uint8_t* out = dst + static_cast<std::size_t>(o) * row_samples;
        for (int i = 0; i < row_samples; ++i) {
            out[i] = fixed_to_sample(sums[i]);
        }
    }
}

// The same resampling with the passes swapped (the 8-bit rounding between them differs, by at
// most one level).
vips::VImage resample_columns_first(const PixelsIn& in, int width, int height) {
    const int bands = in.bands;
    std::vector<std::uint8_t> columns(static_cast<std::size_t>(in.width) * height * bands);
    if (height == in.height) {
        std::copy(in.data, in.data + columns.size(), columns.begin());
    } else {
        resample_columns(in.data, in.height, in.width * bands, columns.data(), height);
    }
    PixelsOut out = new_pixels(width, height, bands);
    if (width == in.width) {
        std::copy(columns.begin(), columns.end(), out.data);
    } else {
        resample_rows(columns.data(), in.width, height, bands, out.data, width);
    }
    return out.image;
}

}  // namespace

vips::VImage lanczos3_resample(const vips::VImage& image, int width, int height) {
    PixelsIn in = read_pixels(image);
    const int bands = in.bands;
    // Rows first, as Pillow does; its intermediate image is width × the input's height. When that
    // is over the pixel limit (a wide, short result from a tall input), columns go first: that
    // intermediate is then at most as large as the result.
    const auto rows_first_pixels = static_cast<std::uint64_t>(width) * in.height;
    const auto columns_first_pixels = static_cast<std::uint64_t>(in.width) * height;
    if (rows_first_pixels > pixel_limit() && columns_first_pixels < rows_first_pixels) {
        return resample_columns_first(in, width, height);
    }
    std::vector<std::uint8_t> rows(static_cast<std::size_t>(width) * in.height * bands);
    if (width == in.width) {
        std::copy(in.data, in.data + rows.size(), rows.begin());
    } else {
        resample_rows(in.data, in.width, in.height, bands, rows.data(), width);
    }
    PixelsOut out = new_pixels(width, height, bands);
    if (height == in.height) {
        std::copy(rows.begin(), rows.end(), out.data);
    } else {
        resample_columns(rows.data(), in.height, width * bands, out.data, height);
    }
    return out.image;
}

}  // namespace lote

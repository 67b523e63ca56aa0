// The vectorised inner loops against the spec's formulas written the plain way, on random rows
// of awkward lengths (vector bodies and their scalar tails both run).

#include "filters/row_kernels.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "filters/pixel_buffer.hpp"

namespace lote {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> sample(0, 255);
    Bytes out(n);
    for (auto& v : out) {
        v = static_cast<std::uint8_t>(sample(rng));
    }
    return out;
}

// Row lengths around the vector widths (16 and 32 samples), plus none at all.
const std::size_t kLengths[] = {0, 1, 2, 15, 16, 17, 31, 33, 64, 101, 1000};
const std::size_t kStrides[] = {1, 2, 3, 4};

int clamp255(int v) {
    return std::clamp(v, 0, 255);
}

// Three rows with a pixel of margin on both sides, and the samples the kernels see.
struct Neighbourhood {
    Bytes above, here, below;
    std::size_t s;
    Neighbourhood(std::size_t n, std::size_t stride, unsigned seed)
        : above(random_bytes(n + 2 * stride, seed)),
          here(random_bytes(n + 2 * stride, seed + 1)),
          below(random_bytes(n + 2 * stride, seed + 2)),
          s(stride) {}
    const std::uint8_t* a() const { return above.data() + s; }
    const std::uint8_t* h() const { return here.data() + s; }
    const std::uint8_t* b() const { return below.data() + s; }
    int eight(std::size_t i) const {
        const auto* p = a();
        const auto* q = h();
        const auto* r = b();
        return p[i - s] + p[i] + p[i + s] + q[i - s] + q[i + s] + r[i - s] + r[i] + r[i + s];
    }
};

TEST(RowKernels, SmoothMatchesPillowsKernel) {
    for (std::size_t stride : kStrides) {
        for (std::size_t n : kLengths) {
            Neighbourhood nb(n, stride, 7);
            Bytes out(n);
            kernels::smooth_run(nb.a(), nb.h(), nb.b(), stride, n, out.data());
            for (std::size_t i = 0; i < n; ++i) {
                ASSERT_EQ(out[i], (nb.eight(i) + 5 * nb.h()[i] + 6) / 13)
                    << "n=" << n << " i=" << i;
            }
        }
    }
}

TEST(RowKernels, EdgesClampBothWays) {
    for (std::size_t stride : kStrides) {
        for (std::size_t n : kLengths) {
            Neighbourhood nb(n, stride, 11);
            Bytes out(n);
            kernels::edges_run(nb.a(), nb.h(), nb.b(), stride, n, out.data());
            for (std::size_t i = 0; i < n; ++i) {
                ASSERT_EQ(out[i], clamp255(8 * nb.h()[i] - nb.eight(i))) << "n=" << n << " i=" << i;
            }
        }
    }
    // A bright dot on black saturates; black beside a bright ring goes to 0.
    Bytes dark(3, 0), dot = {0, 255, 0}, out(1);
    kernels::edges_run(dark.data() + 1, dot.data() + 1, dark.data() + 1, 1, 1, out.data());
    EXPECT_EQ(out[0], 255);
    Bytes ring(3, 255), hole = {255, 0, 255};
    kernels::edges_run(ring.data() + 1, hole.data() + 1, ring.data() + 1, 1, 1, out.data());
    EXPECT_EQ(out[0], 0);
}

TEST(RowKernels, EmbossUsesTheLowerLeftNeighbour) {
    for (std::size_t stride : kStrides) {
        for (std::size_t n : kLengths) {
            Neighbourhood nb(n, stride, 13);
            Bytes out(n);
            kernels::emboss_run(nb.h(), nb.b(), stride, n, out.data());
            for (std::size_t i = 0; i < n; ++i) {
                ASSERT_EQ(out[i], clamp255(nb.h()[i] - nb.b()[i - stride] + 128)) << i;
            }
        }
    }
}

TEST(RowKernels, PointKernels) {
    for (std::size_t n : kLengths) {
        const Bytes in = random_bytes(n, 17);
        const Bytes other = random_bytes(n, 19);
        Bytes table(256 * 256);
        for (std::size_t i = 0; i < table.size(); ++i) {
            table[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 13);
        }
        Bytes inverted(n), masked(n), looked(n), looked2(n);
        kernels::invert_run(in.data(), n, inverted.data());
        kernels::mask_run(in.data(), n, 0xf0, masked.data());
        kernels::lookup_run(in.data(), n, table.data(), looked.data());
        kernels::lookup2_run(in.data(), other.data(), n, table.data(), looked2.data());
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_EQ(inverted[i], 255 - in[i]);
            ASSERT_EQ(masked[i], in[i] & 0xf0);
            ASSERT_EQ(looked[i], table[in[i]]);
            ASSERT_EQ(looked2[i], table[in[i] * 256 + other[i]]);
        }
    }
}

TEST(RowKernels, BoxStepIsOneExtendedBoxOutputAndMovesTheWindow) {
    const std::uint32_t weight = 1u << 22, fraction = 1u << 21;
    for (std::size_t n : kLengths) {
        const Bytes before = random_bytes(n, 23), after = random_bytes(n, 29);
        const Bytes leaving = random_bytes(n, 31);
        std::vector<std::uint32_t> sums(n), expected_sums(n);
        std::mt19937 rng(37);
        for (std::size_t i = 0; i < n; ++i) {
            sums[i] = 255 + rng() % 700;  // always at least `leaving`
        }
        Bytes out(n);
        std::vector<std::uint32_t> start = sums;
        kernels::box_step_run(before.data(), after.data(), leaving.data(), sums.data(), n, weight,
                              fraction, out.data());
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t bulk = std::uint64_t{start[i]} * weight +
                                       (std::uint64_t{before[i]} + after[i]) * fraction +
                                       (1u << 23);
            ASSERT_EQ(out[i], static_cast<std::uint8_t>(bulk >> 24)) << i;
            ASSERT_EQ(sums[i], start[i] + after[i] - leaving[i]) << i;
        }
        Bytes row = random_bytes(n, 41);
        std::vector<std::uint32_t> acc = sums;
        kernels::accumulate_run(row.data(), n, acc.data());
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_EQ(acc[i], sums[i] + row[i]);
        }
    }
}

TEST(RowKernels, BoxWindowIsTheDifferenceOfPrefixSums) {
    const std::uint32_t weight = 3355443, fraction = 1677721;  // a box of radius 2.0
    for (std::size_t n : kLengths) {
        const Bytes before = random_bytes(n, 53), after = random_bytes(n, 59);
        std::vector<std::uint32_t> lower(n), upper(n);
        std::mt19937 rng(61);
        for (std::size_t i = 0; i < n; ++i) {
            lower[i] = rng() % 100000;
            upper[i] = lower[i] + rng() % (5 * 255 + 1);  // a window of five samples
        }
        Bytes out(n);
        kernels::box_window_run(upper.data(), lower.data(), before.data(), after.data(), n, weight,
                                fraction, out.data());
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t bulk = std::uint64_t{upper[i] - lower[i]} * weight +
                                       (std::uint64_t{before[i]} + after[i]) * fraction +
                                       (1u << 23);
            ASSERT_EQ(out[i], static_cast<std::uint8_t>(bulk >> 24)) << i;
        }
    }
}

TEST(RowKernels, LumaAndItsSum) {
    for (std::size_t pixels : kLengths) {
        const Bytes rgb = random_bytes(3 * pixels, 43);
        Bytes out(pixels);
        kernels::luma_rgb_run(rgb.data(), pixels, out.data());
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < pixels; ++i) {
            const int l =
                (rgb[3 * i] * 19595 + rgb[3 * i + 1] * 38470 + rgb[3 * i + 2] * 7471 + 32768) >> 16;
            ASSERT_EQ(out[i], l);
            sum += l;
        }
        EXPECT_EQ(kernels::luma_rgb_sum(rgb.data(), pixels), sum);
    }
    // More than one 32-bit partial sum's worth of white pixels.
    const std::size_t many = (1u << 16) * 3 + 5;
    const Bytes white(3 * many, 255);
    EXPECT_EQ(kernels::luma_rgb_sum(white.data(), many), std::uint64_t{255} * many);
}

TEST(RowKernels, SepiaDivisionIsExactOverItsWholeRange) {
    for (std::uint32_t v = 0; v <= 1351u * 255u; ++v) {
        ASSERT_EQ(kernels::sepia_thousandths(v), v / 1000) << v;
    }
}

TEST(RowKernels, SepiaMatchesTheMatrix) {
    const int matrix[3][3] = {{393, 769, 189}, {349, 686, 168}, {272, 534, 131}};
    for (std::size_t pixels : kLengths) {
        const Bytes rgb = random_bytes(3 * pixels, 47);
        Bytes out(3 * pixels);
        kernels::sepia_rgb_run(rgb.data(), pixels, out.data());
        for (std::size_t i = 0; i < pixels; ++i) {
            for (int c = 0; c < 3; ++c) {
                const int v = (matrix[c][0] * rgb[3 * i] + matrix[c][1] * rgb[3 * i + 1] +
                               matrix[c][2] * rgb[3 * i + 2]) /
                              1000;
                ASSERT_EQ(out[3 * i + c], std::min(v, 255)) << i << "," << c;
            }
        }
    }
}

// The resampling kernel against its sum written out, with negative weights (Lanczos lobes), sums
// pushed past both ends of 0..255 and lengths across the kernel's chunk of 512 samples.
TEST(WeightedLines, IsTheRoundedClampedWeightedSum) {
    constexpr int kOne = 1 << kernels::kResamplePrecisionBits;
    const std::vector<std::vector<std::int32_t>> weight_sets = {
        {kOne},
        {kOne / 2, kOne / 2},
        {-kOne / 10, kOne * 6 / 10, kOne * 6 / 10, -kOne / 10},
        {kOne / 3, kOne / 3, kOne - 2 * (kOne / 3)},
        {-kOne / 4, kOne * 3 / 2, -kOne / 4},
        {kOne / 5, -kOne / 7, kOne / 2, kOne / 3, -kOne / 9, kOne / 11, kOne / 13, 12345, -54321,
         kOne / 17, kOne / 19, kOne / 23, kOne / 29}};
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{31}, std::size_t{511},
                          std::size_t{512}, std::size_t{513}, std::size_t{1037}}) {
        for (const auto& weights : weight_sets) {
            std::vector<Bytes> lines;
            std::vector<const std::uint8_t*> pointers;
            for (std::size_t k = 0; k < weights.size(); ++k) {
                lines.push_back(random_bytes(n, static_cast<unsigned>(17 * k + n)));
            }
            for (const auto& line : lines) {
                pointers.push_back(line.data());
            }
            Bytes out(n, 7);
            kernels::weighted_lines_run(pointers.data(), weights.data(),
                                        static_cast<int>(weights.size()), n, out.data());
            for (std::size_t i = 0; i < n; ++i) {
                std::int64_t sum = std::int64_t{1} << (kernels::kResamplePrecisionBits - 1);
                for (std::size_t k = 0; k < weights.size(); ++k) {
                    sum += std::int64_t{lines[k][i]} * weights[k];
                }
                const std::int64_t floored = sum >= 0 ? sum / kOne : -((-sum + kOne - 1) / kOne);
                ASSERT_EQ(out[i], std::clamp<std::int64_t>(floored, 0, 255))
                    << "n=" << n << " i=" << i << " taps=" << weights.size();
            }
        }
    }
}

// A filter's output buffer is handed to libvips as it is: the next filter reads the very same
// memory (no copy), and the image keeps it alive after the writer is gone.
TEST(PixelBuffers, NewImagesAreReadWithoutACopy) {
    vips::VImage image;
    const std::uint8_t* written = nullptr;
    {
        PixelsOut out = new_pixels(5, 4, 3);
        for (std::size_t i = 0; i < out.row_bytes() * out.height; ++i) {
            out.data[i] = static_cast<std::uint8_t>(i);
        }
        written = out.data;
        image = out.image;
    }
    EXPECT_EQ(image.interpretation(), VIPS_INTERPRETATION_sRGB);
    PixelsIn in = read_pixels(image);
    EXPECT_EQ(in.data, written);
    EXPECT_EQ(in.row(3)[14], 59);
    EXPECT_EQ(new_pixels(2, 2, 1).image.interpretation(), VIPS_INTERPRETATION_B_W);
    EXPECT_DOUBLE_EQ(image.avg(), 29.5);
}

}  // namespace
}  // namespace lote

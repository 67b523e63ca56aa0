#include "filters/row_kernels.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

// GCC builds each marked function for AVX2 and for the baseline, and an ifunc resolver picks one
// at load time. Other compilers get the baseline only.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define LOTE_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LOTE_VECTOR_CLONES
#endif

namespace lote::kernels {

namespace {

// The sums of a neighbourhood fit in 16 bits (8·255 + 5·255 + 6 < 2^15), so the loops work on
// int/unsigned values the compiler narrows to 16-bit lanes.
inline unsigned neighbours(const std::uint8_t* __restrict a, const std::uint8_t* __restrict h,
                           const std::uint8_t* __restrict b, std::size_t i, std::size_t s) {
    return a[i - s] + a[i] + a[i + s] + h[i - s] + h[i + s] + b[i - s] + b[i] + b[i + s];
}

inline std::uint8_t clamp_to_sample(int v) {
    return static_cast<std::uint8_t>(std::clamp(v, 0, 255));
}

// One extended box output: the window's sum at `weight`, the two samples just beyond it at
// `fraction`, rounded from 24-bit fixed point.
inline std::uint8_t extended_box_output(std::uint32_t window, std::uint32_t before,
                                        std::uint32_t after, std::uint32_t weight,
                                        std::uint32_t fraction) {
    constexpr std::uint32_t kHalf = 1u << 23;
    return static_cast<std::uint8_t>((window * weight + (before + after) * fraction + kHalf) >> 24);
}

}  // namespace

LOTE_VECTOR_CLONES
void smooth_run(const std::uint8_t* __restrict above, const std::uint8_t* __restrict here,
                const std::uint8_t* __restrict below, std::size_t s, std::size_t n,
                std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned total = neighbours(above, here, below, i, s) + 5u * here[i] + 6u;
        out[i] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(total) / 13u);
    }
}

LOTE_VECTOR_CLONES
void edges_run(const std::uint8_t* __restrict above, const std::uint8_t* __restrict here,
               const std::uint8_t* __restrict below, std::size_t s, std::size_t n,
               std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        const int v = 8 * here[i] - static_cast<int>(neighbours(above, here, below, i, s));
        out[i] = clamp_to_sample(v);
    }
}

LOTE_VECTOR_CLONES
void emboss_run(const std::uint8_t* __restrict here, const std::uint8_t* __restrict below,
                std::size_t s, std::size_t n, std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = clamp_to_sample(here[i] - below[i - s] + 128);
    }
}

LOTE_VECTOR_CLONES
void invert_run(const std::uint8_t* __restrict in, std::size_t n, std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<std::uint8_t>(255 - in[i]);
    }
}

LOTE_VECTOR_CLONES
void mask_run(const std::uint8_t* __restrict in, std::size_t n, std::uint8_t mask,
              std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<std::uint8_t>(in[i] & mask);
    }
}

// Two samples per lookup through a table of every pair (128 KiB, built from the 256 entries
// in microseconds): half the loads and stores of a lookup per sample, three times faster on a
// 24-megasample image.
void lookup_run(const std::uint8_t* __restrict in, std::size_t n,
                const std::uint8_t* __restrict table, std::uint8_t* __restrict out) {
    std::vector<std::uint16_t> pairs(1u << 16);
    for (unsigned v = 0; v < pairs.size(); ++v) {
        pairs[v] = static_cast<std::uint16_t>(table[v & 0xff] | table[v >> 8] << 8);
    }
    std::size_t i = 0;
    for (; i + 2 <= n; i += 2) {
        std::uint16_t two;
        std::memcpy(&two, in + i, 2);
        const std::uint16_t mapped = pairs[two];
        std::memcpy(out + i, &mapped, 2);
    }
    for (; i < n; ++i) {
        out[i] = table[in[i]];
    }
}

void lookup2_run(const std::uint8_t* __restrict first, const std::uint8_t* __restrict second,
                 std::size_t n, const std::uint8_t* __restrict table,
                 std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = table[static_cast<std::size_t>(first[i]) << 8 | second[i]];
    }
}

LOTE_VECTOR_CLONES
void box_step_run(const std::uint8_t* __restrict before, const std::uint8_t* __restrict after,
                  const std::uint8_t* __restrict leaving, std::uint32_t* __restrict sums,
                  std::size_t n, std::uint32_t weight, std::uint32_t fraction,
                  std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = extended_box_output(sums[i], before[i], after[i], weight, fraction);
        sums[i] = sums[i] + after[i] - leaving[i];
    }
}

LOTE_VECTOR_CLONES
void box_window_run(const std::uint32_t* __restrict upper, const std::uint32_t* __restrict lower,
                    const std::uint8_t* __restrict before, const std::uint8_t* __restrict after,
                    std::size_t n, std::uint32_t weight, std::uint32_t fraction,
                    std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = extended_box_output(upper[i] - lower[i], before[i], after[i], weight, fraction);
    }
}

LOTE_VECTOR_CLONES
void accumulate_run(const std::uint8_t* __restrict row, std::size_t n,
                    std::uint32_t* __restrict sums) {
    for (std::size_t i = 0; i < n; ++i) {
        sums[i] += row[i];
    }
}

namespace {

inline std::uint8_t luma_at(const std::uint8_t* p) {
    return luma(p[0], p[1], p[2]);
}

}  // namespace

LOTE_VECTOR_CLONES
void luma_rgb_run(const std::uint8_t* __restrict rgb, std::size_t pixels,
                  std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < pixels; ++i) {
        out[i] = luma_at(rgb + 3 * i);
    }
}

LOTE_VECTOR_CLONES
std::uint64_t luma_rgb_sum(const std::uint8_t* __restrict rgb, std::size_t pixels) {
    // 32-bit partial sums vectorise; 2^16 lumas of at most 255 cannot overflow one.
    constexpr std::size_t kChunk = 1u << 16;
    std::uint64_t total = 0;
    for (std::size_t start = 0; start < pixels; start += kChunk) {
        const std::size_t end = std::min(pixels, start + kChunk);
        std::uint32_t partial = 0;
        for (std::size_t i = start; i < end; ++i) {
            partial += luma_at(rgb + 3 * i);
        }
        total += partial;
    }
    return total;
}

LOTE_VECTOR_CLONES
void sepia_rgb_run(const std::uint8_t* __restrict rgb, std::size_t pixels,
                   std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint32_t r = rgb[3 * i];
        const std::uint32_t g = rgb[3 * i + 1];
        const std::uint32_t b = rgb[3 * i + 2];
        out[3 * i] = sepia_sample(0, r, g, b);
        out[3 * i + 1] = sepia_sample(1, r, g, b);
        out[3 * i + 2] = sepia_sample(2, r, g, b);
    }
}

// The sums are kept for a chunk of samples at a time, small enough to stay in the first-level
// cache while every tap is added, so each input line is read once per output line. Taps are
// added two at a time (half the passes over the sums); each pass is a plain loop over restrict
// pointers, so the compiler vectorises it without run-time overlap checks.
namespace {

constexpr std::size_t kLineChunk = 256;

inline void add_two_lines(std::int32_t* __restrict sums, const std::uint8_t* __restrict a,
                          std::int32_t wa, const std::uint8_t* __restrict b, std::int32_t wb,
                          std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) {
        sums[i] += a[i] * wa + b[i] * wb;
    }
}

inline void add_line(std::int32_t* __restrict sums, const std::uint8_t* __restrict a,
                     std::int32_t wa, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) {
        sums[i] += a[i] * wa;
    }
}

inline void store_lines_sum(const std::int32_t* __restrict sums, std::size_t m,
                            std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < m; ++i) {
        out[i] = clamp_to_sample(sums[i] >> kResamplePrecisionBits);
    }
}

}  // namespace

LOTE_VECTOR_CLONES
void weighted_lines_run(const std::uint8_t* const* lines, const std::int32_t* weights, int taps,
                        std::size_t n, std::uint8_t* __restrict out) {
    constexpr std::int32_t kHalf = 1 << (kResamplePrecisionBits - 1);
    alignas(32) std::int32_t sums[kLineChunk];
    for (std::size_t start = 0; start < n; start += kLineChunk) {
        const std::size_t m = std::min(kLineChunk, n - start);
        std::fill(sums, sums + m, kHalf);
        int k = 0;
        for (; k + 1 < taps; k += 2) {
            add_two_lines(sums, lines[k] + start, weights[k], lines[k + 1] + start, weights[k + 1],
                          m);
        }
        if (k < taps) {
            add_line(sums, lines[k] + start, weights[k], m);
        }
        store_lines_sum(sums, m, out + start);
    }
}

}  // namespace lote::kernels

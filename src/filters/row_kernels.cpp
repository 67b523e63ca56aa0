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
    constexpr std::uint32_t kHalf = 1u << 23;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t far = static_cast<std::uint32_t>(before[i]) + after[i];
        out[i] = static_cast<std::uint8_t>((sums[i] * weight + far * fraction + kHalf) >> 24);
        sums[i] = sums[i] + after[i] - leaving[i];
    }
}

LOTE_VECTOR_CLONES
void box_window_run(const std::uint32_t* __restrict upper, const std::uint32_t* __restrict lower,
                    const std::uint8_t* __restrict before, const std::uint8_t* __restrict after,
                    std::size_t n, std::uint32_t weight, std::uint32_t fraction,
                    std::uint8_t* __restrict out) {
    constexpr std::uint32_t kHalf = 1u << 23;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t far = static_cast<std::uint32_t>(before[i]) + after[i];
        out[i] = static_cast<std::uint8_t>(((upper[i] - lower[i]) * weight + far * fraction + kHalf) >> 24);
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

inline std::uint32_t luma(const std::uint8_t* p) {
    return (p[0] * 19595u + p[1] * 38470u + p[2] * 7471u + 32768u) >> 16;
}

}  // namespace

LOTE_VECTOR_CLONES
void luma_rgb_run(const std::uint8_t* __restrict rgb, std::size_t pixels,
                  std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < pixels; ++i) {
        out[i] = static_cast<std::uint8_t>(luma(rgb + 3 * i));
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
            partial += luma(rgb + 3 * i);
        }
        total += partial;
    }
    return total;
}

namespace {

// v / 1000 for v <= 1351·255 (the largest matrix row times the largest sample), as
// (v / 8) / 125 with the division by 125 done as a multiply and shift: exact over that range
// (checked exhaustively in the tests) and, unlike a division, vectorisable.
inline std::uint32_t thousandths(std::uint32_t v) {
    return ((v >> 3) * 33555u) >> 22;
}

inline std::uint8_t sepia_sample(std::uint32_t weighted) {
    return static_cast<std::uint8_t>(std::min(255u, thousandths(weighted)));
}

}  // namespace

std::uint32_t sepia_thousandths(std::uint32_t weighted) {
    return thousandths(weighted);
}

LOTE_VECTOR_CLONES
void sepia_rgb_run(const std::uint8_t* __restrict rgb, std::size_t pixels,
                   std::uint8_t* __restrict out) {
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint32_t r = rgb[3 * i];
        const std::uint32_t g = rgb[3 * i + 1];
        const std::uint32_t b = rgb[3 * i + 2];
        out[3 * i] = sepia_sample(393 * r + 769 * g + 189 * b);
        out[3 * i + 1] = sepia_sample(349 * r + 686 * g + 168 * b);
        out[3 * i + 2] = sepia_sample(272 * r + 534 * g + 131 * b);
    }
}

}  // namespace lote::kernels

#pragma once
// The innermost loops of the integer filters, over one run of contiguous samples. They are
// written so the compiler vectorises them, and built twice (AVX2 and the baseline x86-64) with
// the right one chosen when the program loads: the binary still runs on any x86-64, and uses
// 256-bit vectors where the processor has them.
//
// Neighbourhood kernels take pointers to the first sample of the run in the rows above, at and
// below, and the pixel stride `s`: samples i−s and i+s are the same channel of the left and right
// neighbours, so the caller keeps the run one pixel inside the image.

#include <cstddef>
#include <cstdint>

namespace lote::kernels {

// Pillow's SMOOTH: (sum of the 8 neighbours + 5·centre + 6) / 13, never above 255.
void smooth_run(const std::uint8_t* above, const std::uint8_t* here, const std::uint8_t* below,
                std::size_t s, std::size_t n, std::uint8_t* out);
// FIND_EDGES: 8·centre − the 8 neighbours, clamped to 0..255.
void edges_run(const std::uint8_t* above, const std::uint8_t* here, const std::uint8_t* below,
               std::size_t s, std::size_t n, std::uint8_t* out);
// EMBOSS as Pillow applies it: centre − the lower-left neighbour + 128, clamped.
void emboss_run(const std::uint8_t* here, const std::uint8_t* below, std::size_t s, std::size_t n,
                std::uint8_t* out);
// out[i] = 255 − in[i].
void invert_run(const std::uint8_t* in, std::size_t n, std::uint8_t* out);
// out[i] = in[i] & mask.
void mask_run(const std::uint8_t* in, std::size_t n, std::uint8_t mask, std::uint8_t* out);
// out[i] = table[in[i]].
void lookup_run(const std::uint8_t* in, std::size_t n, const std::uint8_t* table,
                std::uint8_t* out);
// out[i] = table[first[i]·256 + second[i]].
void lookup2_run(const std::uint8_t* first, const std::uint8_t* second, std::size_t n,
                 const std::uint8_t* table, std::uint8_t* out);

// One step of a running box sum down the columns: out = round((sums·weight +
// (before+after)·fraction) / 2^24), then the window moves one row (adds `after`, drops `leaving`).
void box_step_run(const std::uint8_t* before, const std::uint8_t* after,
                  const std::uint8_t* leaving, std::uint32_t* sums, std::size_t n,
                  std::uint32_t weight, std::uint32_t fraction, std::uint8_t* out);
// One extended box output per sample from prefix sums along a row: out = round(((upper −
// lower)·weight + (before+after)·fraction) / 2^24), where upper − lower is the window's sum.
void box_window_run(const std::uint32_t* upper, const std::uint32_t* lower,
                    const std::uint8_t* before, const std::uint8_t* after, std::size_t n,
                    std::uint32_t weight, std::uint32_t fraction, std::uint8_t* out);
// sums[i] += row[i].
void accumulate_run(const std::uint8_t* row, std::size_t n, std::uint32_t* sums);

// ITU-R 601-2 luma in Pillow's fixed point.
inline std::uint8_t luma(std::uint32_t r, std::uint32_t g, std::uint32_t b) {
    return static_cast<std::uint8_t>((r * 19595u + g * 38470u + b * 7471u + 32768u) >> 16);
}

// The sepia matrix in thousandths, so trunc(0.393R + 0.769G + 0.189B) is exact integer math.
inline constexpr std::uint32_t kSepia[3][3] = {{393, 769, 189}, {349, 686, 168}, {272, 534, 131}};

// weighted / 1000 for weighted <= 1351·255 (the largest matrix row times the largest sample),
// as (weighted / 8) / 125 with the division by 125 done as a multiply and shift: exact over that
// range (checked exhaustively in the tests) and, unlike a division, vectorisable.
inline std::uint32_t sepia_thousandths(std::uint32_t weighted) {
    return ((weighted >> 3) * 33555u) >> 22;
}

// One output channel of sepia, clamped to 255.
inline std::uint8_t sepia_sample(int channel, std::uint32_t r, std::uint32_t g, std::uint32_t b) {
    const std::uint32_t* row = kSepia[channel];
    const std::uint32_t value = sepia_thousandths(row[0] * r + row[1] * g + row[2] * b);
    return static_cast<std::uint8_t>(value > 255u ? 255u : value);
}

// Packed RGB pixels: luma, and its sum.
void luma_rgb_run(const std::uint8_t* rgb, std::size_t pixels, std::uint8_t* out);
std::uint64_t luma_rgb_sum(const std::uint8_t* rgb, std::size_t pixels);
// Packed RGB pixels through the sepia matrix.
void sepia_rgb_run(const std::uint8_t* rgb, std::size_t pixels, std::uint8_t* out);

// One line of a separable resampling: out[i] = clamp((2^21 + Σ_k lines[k][i]·weights[k]) >> 22)
// to 0..255, the weighted sum of `taps` input lines with 22-bit fixed-point weights (Pillow's
// precision for 8-bit images). The sums stay in 32 bits while Σ|weights| < 2^31 / (255·2^22), as
// Lanczos weights normalised to 1 are (Σ|w| < 1.3).
inline constexpr int kResamplePrecisionBits = 22;
void weighted_lines_run(const std::uint8_t* const* lines, const std::int32_t* weights, int taps,
                        std::size_t n, std::uint8_t* out);

}  // namespace lote::kernels

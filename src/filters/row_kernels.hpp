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

// Packed RGB pixels: ITU-R 601-2 luma in Pillow's fixed point, and its sum.
void luma_rgb_run(const std::uint8_t* rgb, std::size_t pixels, std::uint8_t* out);
std::uint64_t luma_rgb_sum(const std::uint8_t* rgb, std::size_t pixels);
// Packed RGB pixels through the sepia matrix (thousandths, truncated, clamped).
void sepia_rgb_run(const std::uint8_t* rgb, std::size_t pixels, std::uint8_t* out);
// weighted / 1000 as sepia_rgb_run computes it; exact for weighted <= 1351·255.
std::uint32_t sepia_thousandths(std::uint32_t weighted);

}  // namespace lote::kernels

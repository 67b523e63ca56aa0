#pragma once
// Pillow's Lanczos (a = 3) resampling, written out: separable, rows first, 22-bit fixed-point
// weights normalised per output sample, pixel centres aligned. Used where libvips' resize
// differs from Pillow by more than the spec allows (enlarging: libvips aligns the samples
// differently and uses another interpolator when upsizing).

#include <vips/vips8>

namespace lote {

vips::VImage lanczos3_resample(const vips::VImage& image, int width, int height);

}  // namespace lote

#pragma once
// Pillow's Lanczos (a = 3) resampling, written out: separable, rows first, 22-bit fixed-point
// weights normalised per output sample, pixel centres aligned, the support widened by the scale
// when reducing. Used for every resize (smaller and larger): libvips 8.14's reduce is several
// times slower and aligns its samples differently from Pillow.
//
// The input is read in strips of rows, top to bottom, so a decode that streams (a JPEG read
// sequentially) is pulled through the row pass and never held whole; only the row pass's result
// (output width × input height) is kept for the column pass. Both passes are the same vectorised
// kernel (kernels::weighted_lines_run): the column pass sums whole rows, the row pass sums the
// columns of a strip turned on its side.

#include <vips/vips8>

namespace lote {

vips::VImage lanczos3_resample(const vips::VImage& image, int width, int height);

}  // namespace lote

#pragma once
// Shrink-on-load: when every output of an image starts by fitting it into a smaller box
// (`ajustar`), JPEG and WebP can be decoded at 1/2, 1/4 or 1/8 of their size, which is much
// faster and lighter than decoding 24 MP to make a 1600 px image.
//
// Exactness: the output size must not depend on the shrink. So the fit's target size is computed
// from the ORIGINAL dimensions, and the first step is then carried out as a resize of the shrunk
// image to exactly that size (the same Lanczos3 resize `ajustar` itself uses); the shrink is only
// chosen when the shrunk image is still at least as large as every target.
// `redimensionar` is never shrunk on load: its results must stay within 40 dB PSNR of Pillow's
// full-resolution Lanczos, which a DCT-domain pre-shrink does not guarantee.
#include <optional>
#include <vector>
#include <vips/vips8>

#include "filters/chain.hpp"
#include "filters/geometry.hpp"

namespace lote {

// 1, 2, 4 or 8: the largest shrink that keeps the image at least as large as every output's fit.
int choose_shrink(Size original, const std::vector<const Chain*>& chains);

// Runs the chain on an image decoded with `shrink` from an original of `original` size.
vips::VImage apply_chain_after_shrink(const vips::VImage& image, Size original, int shrink,
                                      const Chain& chain);

// When the chain starts by making the image smaller (`ajustar`, or `redimensionar` below 100 %),
// the size that first step produces from the original: a plain Lanczos3 resize of the image
// decoded with `shrink` to that size gives the first step's exact pixels, so the decode can be
// streamed through it. Nothing when the first step is anything else or does not reduce.
std::optional<Size> leading_reduction(Size original, int shrink, const Chain& chain);

// The chain without its first step (same name), for an image the first step was applied to.
Chain chain_after_first_step(const Chain& chain);

}  // namespace lote

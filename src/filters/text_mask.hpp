#pragma once
// The watermark's text as an 8-bit coverage mask (255 = fully covered), rendered by libvips
// (Pango) in a given font at the size that makes it a given width.

#include <string>
#include <vips/vips8>

namespace lote {

// `text` shown literally (no markup) in the Pango font `font`, scaled so its width is
// `width_share` of `width` but its height at most `height_share` of `height`, and never larger
// than width × height; an empty image (is_null) when the text draws nothing (only zero-width
// characters). With the default font, width share 0.6 and height share 0.4 this is the
// seed's watermark mask, pixel for pixel.
vips::VImage text_mask(const std::string& text, const std::string& font, int width, int height,
                       double width_share, double height_share);

}  // namespace lote

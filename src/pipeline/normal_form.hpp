#pragma once
// The filters' normal form: 8-bit uchar, 1 band (B_W) or 3 bands (sRGB), plus alpha as the last
// band when the input has one. Every decoded image is brought to it before any filter runs.
#include <vips/vips8>

namespace lote {

// Lazy (no pixels are computed here). Greyscale stays one band; palette, 1-bit and 16-bit samples,
// CMYK (through the embedded ICC profile, else libvips' default CMYK profile), LAB, XYZ, scRGB and
// float images all end up as 8-bit sRGB or B_W.
vips::VImage to_normal_form(const vips::VImage& image);

// True when the image already is in normal form.
bool is_normal_form(const vips::VImage& image);

}  // namespace lote

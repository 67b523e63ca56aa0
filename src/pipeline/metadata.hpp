#pragma once
// What metadata an output carries: the ICC profile is kept (when it fits the pixels), EXIF/XMP/IPTC
// are kept unless SaveOptions.strip asks to drop them.
#include <vips/vips8>

#include "pipeline/options.hpp"

namespace lote {

// Returns a copy with the metadata the output should carry; the input image is not modified.
vips::VImage prepare_output_metadata(const vips::VImage& image, const SaveOptions& options);

// Removes EXIF, XMP and IPTC (and libvips' exif-* fields parsed from them) in place; keeps the
// ICC profile. libvips 8.14's `strip` save option drops the profile too, hence this.
void remove_descriptive_metadata(vips::VImage& image);

}  // namespace lote

#pragma once
// The metadata fields an output image is saved with. Two ways in:
// - prepare_output_metadata: an image that carries its own fields (thumbnails, previews,
//   samples): a profile that does not fit the pixels is dropped, `strip` drops EXIF/XMP/IPTC.
// - with_output_fields: a batch output, whatever fields the chain left on it, gets exactly what
//   the input's OutputMetadata says: the profile (when it fits), the resolution, the orientation,
//   and the EXIF/XMP/IPTC blocks for the formats libvips writes them into itself.
#include <vips/vips8>

#include "pipeline/metadata_edit.hpp"
#include "pipeline/options.hpp"

namespace lote {

// Returns a copy with the metadata the output should carry; the input image is not modified.
vips::VImage prepare_output_metadata(const vips::VImage& image, const SaveOptions& options);

// Removes EXIF, XMP and IPTC (and libvips' exif-* fields parsed from them) in place; keeps the
// ICC profile. libvips 8.14's `strip` save option drops the profile too, hence this.
void remove_descriptive_metadata(vips::VImage& image);

vips::VImage with_output_fields(const vips::VImage& pixels, const OutputMetadata& metadata,
                                Format format);

// True when libvips' own writer for `format` is given the EXIF/XMP/IPTC (JPEG, HEIF/AVIF);
// the others get them from pipeline/metadata_embed.hpp after encoding.
bool libvips_writes_metadata(Format format);

// The built-in sRGB profile, for outputs --to-srgb tags that had none.
SharedBlob srgb_profile();

}  // namespace lote

#pragma once
// Turning a normal-form image into the bytes of one output file.
#include <string>
#include <vips/vips8>

#include "pipeline/options.hpp"
#include "util/result.hpp"

namespace lote {

// The whole encoded file in memory (so the file write can be atomic). Alpha saved to JPEG is
// flattened on white, JPEG having no alpha. Metadata follows prepare_output_metadata().
Result<std::string> encode_image(const vips::VImage& image, Format format,
                                 const SaveOptions& options);

class OutputMetadata;
// A batch output: its metadata is exactly `metadata`'s (pipeline/metadata.hpp), whatever fields
// the chain left on the image; for WebP, PNG and TIFF it is written into the encoded file.
Result<std::string> encode_image(const vips::VImage& image, Format format,
                                 const SaveOptions& options, const OutputMetadata& metadata);

// Whether this libvips build can encode the format (HEIF/AVIF need libheif encoders); checked
// once by encoding a tiny image.
bool can_write(Format format);

}  // namespace lote

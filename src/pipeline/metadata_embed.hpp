#pragma once
// Writing an output's EXIF, XMP and IPTC into an encoded file with Exiv2, for the formats whose
// libvips 8.14 writer gets them wrong: WebP (an EXIF chunk with a JPEG header), PNG (eXIf
// written twice, once after the pixels), TIFF (no EXIF, IPTC cut short). The ICC profile is
// libvips' and stays as written.

#include <string>
#include <string_view>

#include "pipeline/metadata_edit.hpp"
#include "util/result.hpp"

namespace lote {

Result<std::string> embed_metadata(std::string_view encoded, const OutputMetadata& metadata,
                                   int width, int height);

}  // namespace lote

#pragma once
// Inside pipeline/ only: the Exiv2 containers behind an OutputMetadata, for the code that
// writes them into encoded files (pipeline/metadata_embed.cpp).

#include <exiv2/exiv2.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/options.hpp"
#include "pipeline/source_metadata.hpp"

namespace lote {

struct MetadataParts {
    SourceMetadata source;
    MetadataPolicy policy = MetadataPolicy::All;
    Exiv2::ExifData exif;
    Exiv2::ByteOrder byte_order = Exiv2::littleEndian;
    Exiv2::XmpData xmp;
    Exiv2::IptcData iptc;
    int orientation = 1;
    std::optional<std::string> date_taken;
    std::vector<std::string> warnings;

    // Serialised on first use; EXIF once per output size.
    mutable int exif_width = -1;
    mutable int exif_height = -1;
    mutable std::string exif_bytes;
    mutable std::optional<std::string> xmp_bytes;
    mutable std::optional<std::string> iptc_bytes;
    mutable std::optional<std::string> photoshop_bytes;
};

// The EXIF to write for an output of this size (a copy with the pixel dimensions set).
Exiv2::ExifData exif_for_output(const MetadataParts& parts, int width, int height);

}  // namespace lote

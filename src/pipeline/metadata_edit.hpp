#pragma once
// What every output of one input carries, decided once per input: its EXIF, XMP and IPTC parsed
// with Exiv2 and filtered by the policy (all | copyright | none, and --no-location), the artist
// and copyright written to all three, the EXIF thumbnail dropped (it shows the unedited photo),
// the orientation reset to 1 when lote turned the pixels. A block Exiv2 cannot read is left out
// with a warning for that image; the image itself still succeeds.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/options.hpp"
#include "pipeline/source_metadata.hpp"

namespace lote {

struct MetadataParts;  // Exiv2's containers (pipeline/metadata_parts.hpp)

class OutputMetadata {
  public:
    // No metadata at all (what an image made from nothing carries).
    OutputMetadata();
    static OutputMetadata prepare(const SourceMetadata& source, MetadataPolicy policy,
                                  const MetadataOptions& options, bool converted_to_srgb);

    const std::vector<std::string>& warnings() const;
    // EXIF DateTimeOriginal as YYYY-MM-DD (read whatever the policy), if the input has one.
    const std::optional<std::string>& date_taken() const;
    // The orientation the output states: 1, or the stored one when the pixels were not turned.
    int orientation() const;
    const SourceMetadata& source() const;
    MetadataPolicy policy() const;

    // The serialised blocks (empty when the output carries none). EXIF is a TIFF structure
    // without the "Exif\0\0" header; under policy `all` its pixel dimensions are the output's.
    const std::string& exif_block(int width, int height) const;
    const std::string& xmp_packet() const;
    const std::string& iptc_datasets() const;
    // The IPTC as a JPEG APP13 payload ("Photoshop 3.0" resource block).
    const std::string& photoshop_block() const;

    const MetadataParts& parts() const { return *parts_; }

  private:
    std::shared_ptr<MetadataParts> parts_;
};

}  // namespace lote

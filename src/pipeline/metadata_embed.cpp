#include "pipeline/metadata_embed.hpp"

#include "pipeline/exiv2_messages.hpp"
#include "pipeline/metadata_parts.hpp"

namespace lote {

namespace {

void replace_metadata(Exiv2::Image& image, const MetadataParts& parts, int width, int height) {
    Exiv2::ExifData exif = exif_for_output(parts, width, height);
    if (exif.empty()) {
        image.clearExifData();
    } else {
        image.setExifData(exif);
    }
    if (parts.xmp.empty()) {
        image.clearXmpData();
        image.clearXmpPacket();
    } else {
        image.setXmpData(parts.xmp);
    }
    if (parts.iptc.empty()) {
        image.clearIptcData();
    } else {
        image.setIptcData(parts.iptc);
    }
}

std::string contents_of(Exiv2::BasicIo& io) {
    io.seek(0, Exiv2::BasicIo::beg);
    Exiv2::DataBuf all = io.read(static_cast<long>(io.size()));
    return std::string(reinterpret_cast<const char*>(all.pData_), all.size_);
}

}  // namespace

Result<std::string> embed_metadata(std::string_view encoded, const OutputMetadata& metadata,
                                   int width, int height) {
    Exiv2Messages messages;
    try {
        auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(encoded.data()),
                                               static_cast<long>(encoded.size()));
        if (image.get() == nullptr) {
            return fail(ErrorKind::internal, "cannot add metadata: unknown file type");
        }
        image->readMetadata();
        replace_metadata(*image, metadata.parts(), width, height);
        image->writeMetadata();
        return contents_of(image->io());
    } catch (const Exiv2::AnyError& e) {
        return fail(ErrorKind::internal, std::string("cannot add metadata (") + e.what() + ")");
    }
}

}  // namespace lote

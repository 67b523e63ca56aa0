#include "pipeline/source_metadata.hpp"

#include <utility>

namespace lote {

SharedBlob::SharedBlob(const SharedBlob& other) : blob_(other.blob_) {
    if (blob_ != nullptr) {
        vips_area_copy(VIPS_AREA(blob_));
    }
}

SharedBlob& SharedBlob::operator=(const SharedBlob& other) {
    if (this != &other) {
        SharedBlob copy(other);
        std::swap(blob_, copy.blob_);
    }
    return *this;
}

SharedBlob& SharedBlob::operator=(SharedBlob&& other) noexcept {
    std::swap(blob_, other.blob_);
    return *this;
}

SharedBlob::~SharedBlob() {
    if (blob_ != nullptr) {
        vips_area_unref(VIPS_AREA(blob_));
    }
}

SharedBlob SharedBlob::copy_of(std::string_view bytes) {
    if (bytes.empty()) {
        return {};
    }
    return SharedBlob(vips_blob_copy(bytes.data(), bytes.size()));
}

std::size_t SharedBlob::size() const {
    return blob_ == nullptr ? 0 : VIPS_AREA(blob_)->length;
}

const unsigned char* SharedBlob::data() const {
    return blob_ == nullptr ? nullptr : static_cast<const unsigned char*>(VIPS_AREA(blob_)->data);
}

std::string_view SharedBlob::view() const {
    return {reinterpret_cast<const char*>(data()), size()};
}

SharedBlob blob_field(const vips::VImage& image, const char* field) {
    if (vips_image_get_typeof(image.get_image(), field) != VIPS_TYPE_BLOB) {
        return {};
    }
    GValue value = G_VALUE_INIT;
    if (vips_image_get(image.get_image(), field, &value) != 0) {
        vips_error_clear();
        return {};
    }
    auto* blob = static_cast<VipsBlob*>(g_value_get_boxed(&value));
    SharedBlob shared;
    if (blob != nullptr && VIPS_AREA(blob)->length > 0) {
        vips_area_copy(VIPS_AREA(blob));
        shared = SharedBlob(blob);
    }
    g_value_unset(&value);
    return shared;
}

SourceMetadata capture_source_metadata(const vips::VImage& decoded, int stored_orientation,
                                       bool reoriented) {
    SourceMetadata m;
    m.exif = blob_field(decoded, VIPS_META_EXIF_NAME);
    m.xmp = blob_field(decoded, VIPS_META_XMP_NAME);
    m.iptc = blob_field(decoded, VIPS_META_IPTC_NAME);
    m.icc = blob_field(decoded, VIPS_META_ICC_NAME);
    m.orientation = stored_orientation;
    m.reoriented = reoriented;
    // The loader's resolution (the file's, or libvips' default for the format): images the
    // filters build from memory would otherwise say 1 pixel/mm (25.4 dpi).
    m.xres = decoded.xres();
    m.yres = decoded.yres();
    return m;
}

}  // namespace lote

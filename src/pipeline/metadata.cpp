#include "pipeline/metadata.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lote {

namespace {

using vips::VImage;

std::vector<std::string> field_names(const VImage& image) {
    std::vector<std::string> names;
    gchar** fields = vips_image_get_fields(image.get_image());
    for (gchar** f = fields; f != nullptr && *f != nullptr; ++f) {
        names.emplace_back(*f);
    }
    g_strfreev(fields);
    return names;
}

bool is_descriptive(std::string_view name) {
    return name == VIPS_META_EXIF_NAME || name == VIPS_META_XMP_NAME ||
           name == VIPS_META_IPTC_NAME || name.starts_with("exif-") ||
           name.starts_with("png-comment-") || name == "jpeg-comment";
}

// The ICC header names its colour space at bytes 16..19 ("RGB ", "GRAY", "CMYK", ...).
std::string profile_colour_space(const VImage& image) {
    std::size_t length = 0;
    const void* data = image.get_blob(VIPS_META_ICC_NAME, &length);
    if (length < 20) {
        return {};
    }
    return std::string(static_cast<const char*>(data) + 16, 4);
}

// A profile describing other pixels than the output's (an RGB profile on the one-band result of
// `grises`, a CMYK profile on RGB) would make viewers show wrong colours; such a profile is
// dropped.
bool profile_fits(const VImage& image) {
    std::string space = profile_colour_space(image);
    bool grey = image.bands() - (image.has_alpha() ? 1 : 0) == 1;
    return grey ? space == "GRAY" : space == "RGB ";
}

bool has_field(const VImage& image, const char* name) {
    return vips_image_get_typeof(image.get_image(), name) != 0;
}

}  // namespace

void remove_descriptive_metadata(VImage& image) {
    for (const auto& name : field_names(image)) {
        if (is_descriptive(name)) {
            image.remove(name.c_str());
        }
    }
}

VImage prepare_output_metadata(const VImage& image, const SaveOptions& options) {
    VImage out = image.copy();  // set/remove on a shared image would change every user's view
    if (has_field(out, VIPS_META_ICC_NAME) && !profile_fits(out)) {
        out.remove(VIPS_META_ICC_NAME);
    }
    if (options.strip) {
        remove_descriptive_metadata(out);
    }
    return out;
}

}  // namespace lote

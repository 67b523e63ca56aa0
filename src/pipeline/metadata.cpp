#include "pipeline/metadata.hpp"

#include <mutex>
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

// Everything a saver would turn into metadata: what libvips read from the input (including the
// JPEG thumbnail, which its EXIF writer would embed again) and the profile and orientation.
bool is_saved_metadata(std::string_view name) {
    return is_descriptive(name) || name == VIPS_META_ICC_NAME || name == VIPS_META_ORIENTATION ||
           name == "jpeg-thumbnail-data" || name == VIPS_META_RESOLUTION_UNIT;
}

std::string colour_space_of(std::string_view profile) {
    return profile.size() < 20 ? std::string() : std::string(profile.substr(16, 4));
}

// The ICC header names its colour space at bytes 16..19 ("RGB ", "GRAY", "CMYK", ...). A profile
// describing other pixels than the output's (an RGB profile on the one-band result of `grises`,
// a CMYK profile on RGB) would make viewers show wrong colours; such a profile is dropped.
bool fits(std::string_view profile, const VImage& image) {
    std::string space = colour_space_of(profile);
    bool grey = image.bands() - (image.has_alpha() ? 1 : 0) == 1;
    return grey ? space == "GRAY" : space == "RGB ";
}

std::string_view profile_of(const VImage& image) {
    std::size_t length = 0;
    const void* data = image.get_blob(VIPS_META_ICC_NAME, &length);
    return {static_cast<const char*>(data), length};
}

bool has_field(const VImage& image, const char* name) {
    return vips_image_get_typeof(image.get_image(), name) != 0;
}

void set_shared_blob(VImage& image, const char* name, const SharedBlob& blob) {
    GValue value = G_VALUE_INIT;
    g_value_init(&value, VIPS_TYPE_BLOB);
    g_value_set_boxed(&value, blob.get());
    vips_image_set(image.get_image(), name, &value);
    g_value_unset(&value);
}

void set_bytes(VImage& image, const char* name, std::string_view prefix, const std::string& bytes) {
    if (bytes.empty()) {
        return;
    }
    std::string all(prefix);
    all += bytes;
    vips_image_set_blob_copy(image.get_image(), name, all.data(), all.size());
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
    if (has_field(out, VIPS_META_ICC_NAME) && !fits(profile_of(out), out)) {
        out.remove(VIPS_META_ICC_NAME);
    }
    if (options.strip) {
        remove_descriptive_metadata(out);
    }
    return out;
}

bool libvips_writes_metadata(Format format) {
    return format == Format::Jpeg || format == Format::Heif || format == Format::Avif;
}

VImage with_output_fields(const VImage& pixels, const OutputMetadata& metadata, Format format) {
    const SourceMetadata& source = metadata.source();
    auto* options = VImage::option();
    if (source.xres > 0 && source.yres > 0) {
        options->set("xres", source.xres)->set("yres", source.yres);
    }
    VImage out = pixels.copy(options);
    for (const auto& name : field_names(out)) {
        if (is_saved_metadata(name)) {
            out.remove(name.c_str());
        }
    }
    if (!source.icc.empty() && fits(source.icc.view(), out)) {
        set_shared_blob(out, VIPS_META_ICC_NAME, source.icc);
    }
    out.set(VIPS_META_ORIENTATION, metadata.orientation());
    if (libvips_writes_metadata(format)) {
        set_bytes(out, VIPS_META_EXIF_NAME, std::string_view("Exif\0\0", 6),
                  metadata.exif_block(out.width(), out.height()));
        set_bytes(out, VIPS_META_XMP_NAME, "", metadata.xmp_packet());
        if (format == Format::Jpeg) {
            set_bytes(out, VIPS_META_IPTC_NAME, "", metadata.photoshop_block());
        }
    }
    return out;
}

SharedBlob srgb_profile() {
    static SharedBlob profile;
    static std::once_flag once;
    std::call_once(once, [] {
        VipsBlob* blob = nullptr;
        if (vips_profile_load("srgb", &blob, nullptr) == 0 && blob != nullptr) {
            profile = SharedBlob(blob);
        } else {
            vips_error_clear();
        }
    });
    return profile;
}

}  // namespace lote

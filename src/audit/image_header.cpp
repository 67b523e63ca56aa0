#include "audit/image_header.hpp"

#include <unistd.h>
#include <vips/vips.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <system_error>

#include "batch/image_sniff.hpp"
#include "pipeline/file_structure.hpp"

namespace lote::audit {

namespace fs = std::filesystem;

const char* refusal_name(Refusal refusal) {
    switch (refusal) {
        case Refusal::none:
            return "none";
        case Refusal::link_out:
            return "link_out";
        case Refusal::unreadable:
            return "unreadable";
        case Refusal::unsupported:
            return "unsupported";
        case Refusal::corrupt:
            return "corrupt";
        case Refusal::too_large:
            return "too_large";
    }
    return "none";
}

namespace {

// "jpegload" -> "jpeg"; "VipsForeignLoadJpegFile" -> "jpeg" (the class, before a load).
std::string format_of(const char* loader) {
    std::string name = loader != nullptr ? loader : "";
    if (name.rfind("VipsForeignLoad", 0) == 0) {
        name = name.substr(15);
        for (const char* suffix : {"File", "Source", "Buffer"}) {
            std::string s = suffix;
            if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
                name.resize(name.size() - s.size());
                break;
            }
        }
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return name;
    }
    for (const char* suffix : {"load_source", "load_buffer", "load"}) {
        std::string s = suffix;
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
            name.resize(name.size() - s.size());
            break;
        }
    }
    return name;
}

int bits_of(VipsBandFormat format) {
    switch (format) {
        case VIPS_FORMAT_UCHAR:
        case VIPS_FORMAT_CHAR:
            return 8;
        case VIPS_FORMAT_USHORT:
        case VIPS_FORMAT_SHORT:
            return 16;
        case VIPS_FORMAT_UINT:
        case VIPS_FORMAT_INT:
        case VIPS_FORMAT_FLOAT:
            return 32;
        default:
            return 64;
    }
}

std::string colour_space_of(VipsInterpretation interpretation) {
    const char* nick = vips_enum_nick(VIPS_TYPE_INTERPRETATION, interpretation);
    return nick != nullptr ? nick : "unknown";
}

// The ICC profile's description ('desc' tag: v2 textDescriptionType or v4 multiLocalizedUnicode).
std::string profile_description(const unsigned char* data, std::size_t size) {
    auto be32 = [&](std::size_t at) -> std::uint32_t {
        return at + 4 <= size
                   ? (std::uint32_t(data[at]) << 24) | (std::uint32_t(data[at + 1]) << 16) |
                         (std::uint32_t(data[at + 2]) << 8) | data[at + 3]
                   : 0;
    };
    std::uint32_t tags = be32(128);
    for (std::uint32_t i = 0; i < tags && i < 100; ++i) {
        std::size_t entry = 132 + 12 * i;
        if (be32(entry) != 0x64657363) {  // 'desc'
            continue;
        }
        std::size_t at = be32(entry + 4), length = be32(entry + 8);
        if (at + length > size || length < 12) {
            return {};
        }
        std::string text;
        if (be32(at) == 0x64657363) {  // v2: ASCII count then text
            std::size_t count = be32(at + 8);
            for (std::size_t k = 0; k < count && at + 12 + k < at + length; ++k) {
                char c = static_cast<char>(data[at + 12 + k]);
                if (c == '\0') break;
                text += c;
            }
        } else if (be32(at) == 0x6D6C7563 && length >= 28) {  // v4 'mluc': first record, UTF-16BE
            std::size_t len = be32(at + 20), off = be32(at + 24);
            for (std::size_t k = 0; k + 1 < len && at + off + k + 1 < at + length; k += 2) {
                unsigned code = (unsigned(data[at + off + k]) << 8) | data[at + off + k + 1];
                text += code < 0x80 ? static_cast<char>(code) : '?';
            }
        }
        return text;
    }
    return {};
}

bool readable(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    char byte;
    return file && (file.read(&byte, 1) || file.eof());
}

void read_fields(VipsImage* image, ImageHeader& header) {
    header.width = vips_image_get_width(image);
    header.height = vips_image_get_height(image);
    header.bands = vips_image_get_bands(image);
    header.bits = bits_of(vips_image_get_format(image));
    header.colour_space = colour_space_of(vips_image_get_interpretation(image));
    header.alpha = vips_image_hasalpha(image) != 0;
    int value = 0;
    if (vips_image_get_typeof(image, VIPS_META_ORIENTATION) != 0 &&
        vips_image_get_int(image, VIPS_META_ORIENTATION, &value) == 0) {
        header.orientation = value;
    }
    if (vips_image_get_typeof(image, VIPS_META_N_PAGES) != 0 &&
        vips_image_get_int(image, VIPS_META_N_PAGES, &value) == 0) {
        header.pages = std::max(1, value);
    }
    const void* icc = nullptr;
    std::size_t icc_size = 0;
    if (vips_image_get_typeof(image, VIPS_META_ICC_NAME) != 0 &&
        vips_image_get_blob(image, VIPS_META_ICC_NAME, &icc, &icc_size) == 0) {
        header.icc_profile = true;
        header.profile = profile_description(static_cast<const unsigned char*>(icc), icc_size);
    }
}

}  // namespace

ImageHeader read_image_header(const fs::path& path, const std::string& link_refusal,
                              std::uint64_t max_pixels) {
    ImageHeader header;
    if (!link_refusal.empty()) {
        header.refusal = Refusal::link_out;
        header.reason = link_refusal;
        return header;
    }
    std::error_code ec;
    header.bytes = fs::file_size(path, ec);
    if (ec || !readable(path)) {
        header.refusal = Refusal::unreadable;
        header.reason = "cannot be read (permissions, or it is gone)";
        return header;
    }
    if (!looks_like_image(path)) {
        header.refusal = header.bytes == 0 ? Refusal::corrupt : Refusal::unsupported;
        header.reason = header.bytes == 0 ? "the file is empty"
                                          : "not an image lote reads (its content is no JPEG, "
                                            "PNG, WebP, TIFF, GIF, BMP or HEIF)";
        return header;
    }
    const char* loader = vips_foreign_find_load(path.c_str());
    header.format = format_of(loader);
    VipsImage* image =
        loader != nullptr ? vips_image_new_from_file(path.c_str(), nullptr) : nullptr;
    if (image == nullptr) {
        std::string why = vips_error_buffer();
        vips_error_clear();
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        header.refusal = Refusal::corrupt;
        header.reason = "its header cannot be read" + (why.empty() ? "" : ": " + why);
        return header;
    }
    read_fields(image, header);
    const char* used = nullptr;
    if (vips_image_get_typeof(image, "vips-loader") != 0 &&
        vips_image_get_string(image, "vips-loader", &used) == 0) {
        header.format = format_of(used);
    }
    g_object_unref(image);
    if (static_cast<std::uint64_t>(header.width) * header.height > max_pixels) {
        header.refusal = Refusal::too_large;
        header.reason = std::to_string(header.width) + " x " + std::to_string(header.height) +
                        " is over the limit of " + std::to_string(max_pixels) + " pixels";
        return header;
    }
    FileStructure structure = check_file_structure(path);
    if (structure.ending == FileEnding::truncated) {
        header.refusal = Refusal::corrupt;
        header.reason = structure.problem.empty() ? "the file is cut short" : structure.problem;
    }
    if (structure.frames > 1) {
        header.pages = std::max(header.pages, structure.frames);
    }
    return header;
}

}  // namespace lote::audit

#include "pipeline/input_format.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vips/vips8>

#include "pipeline/file_bytes.hpp"

namespace lote {

namespace {

namespace fs = std::filesystem;

// The libvips loaders lote trusts with user files, and what each one reads. Anything else libvips
// might recognise (SVG, PDF, FITS, ...) is refused even if it were not blocked as untrusted.
struct KnownLoader {
    std::string_view loader;
    std::string_view name;
    std::optional<Format> writable_as;
};
constexpr std::array<KnownLoader, 6> kLoaders{{
    {"jpegload", "jpeg", Format::Jpeg},
    {"pngload", "png", Format::Png},
    {"webpload", "webp", Format::Webp},
    {"tiffload", "tiff", Format::Tiff},
    {"gifload", "gif", Format::Gif},
    {"heifload", "heif", Format::Heif},
}};

bool looks_like_text(const std::string& bytes) {
    for (unsigned char c : bytes) {
        bool control = c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
        if (control || c == 0x7f) {
            return false;
        }
    }
    return true;
}

// BMP has no trusted libvips loader (only ImageMagick's, which is blocked): lote reads it itself.
bool looks_like_bmp(const std::string& bytes) {
    return bytes.size() >= 18 && bytes[0] == 'B' && bytes[1] == 'M';
}

// HEIF and AVIF share one loader; the ISO-BMFF "ftyp" box names the codec family.
bool is_avif(const std::string& prefix) {
    auto ftyp = prefix.find("ftyp");
    return ftyp != std::string::npos && prefix.find("avi", ftyp) != std::string::npos;
}

std::optional<std::string> libvips_loader_for(const std::string& path) {
    // libvips answers with the loader's class name ("VipsForeignLoadJpegFile").
    const char* class_name = vips_foreign_find_load(path.c_str());
    if (class_name == nullptr) {
        vips_error_clear();
        return std::nullopt;
    }
    const char* nickname = vips_nickname_find(g_type_from_name(class_name));
    return std::string(nickname != nullptr ? nickname : class_name);
}

Result<InputFormat> classify_unknown(const std::string& prefix) {
    if (looks_like_text(prefix)) {
        return fail("not an image file (text)");
    }
    return fail("not an image file (unknown format)");
}

Status check_is_regular_nonempty(const std::string& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        return fail("no such file");
    }
    if (fs::is_directory(status)) {
        return fail("is a folder, not an image file");
    }
    if (fs::file_size(path, ec) == 0 && !ec) {
        return fail("the file is empty");
    }
    std::ifstream probe(path, std::ios::binary);
    if (!probe) {
        return fail("cannot open the file (permission denied?)");
    }
    return Status::success();
}

}  // namespace

Result<InputFormat> detect_input_format(const std::string& path) {
    if (Status usable = check_is_regular_nonempty(path); !usable) {
        return fail(usable.message());
    }
    std::string prefix = read_file_prefix(path, 512);
    std::optional<std::string> loader = libvips_loader_for(path);
    if (!loader) {
        if (looks_like_bmp(prefix)) {
            return InputFormat{"bmp", "", std::nullopt};
        }
        return classify_unknown(prefix);
    }
    for (const auto& known : kLoaders) {
        if (*loader == known.loader) {
            if (known.loader == "heifload" && is_avif(prefix.substr(0, 64))) {
                return InputFormat{"avif", *loader, Format::Avif};
            }
            return InputFormat{std::string(known.name), *loader, known.writable_as};
        }
    }
    if (looks_like_bmp(prefix)) {  // libvips may offer its (blocked) ImageMagick loader
        return InputFormat{"bmp", "", std::nullopt};
    }
    std::string kind = loader->substr(0, loader->find("load"));
    return fail("unsupported image format (" + kind + ")");
}

std::optional<Format> format_from_path(const std::string& path) {
    std::string extension = fs::path(path).extension().string();
    if (extension.empty()) {
        return std::nullopt;
    }
    return parse_format(extension);
}

}  // namespace lote

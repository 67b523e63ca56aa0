#include "batch/image_sniff.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <string>

namespace lote {

namespace {

constexpr std::size_t kHeadBytes = 32;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// ISO base media files (HEIF, AVIF) say what they are in the `ftyp` box's major brand.
bool is_heif_family(std::string_view head) {
    if (head.size() < 12 || head.substr(4, 4) != "ftyp") {
        return false;
    }
    constexpr std::array<std::string_view, 10> brands = {"heic", "heix", "hevc", "hevx", "heim",
                                                         "heis", "mif1", "msf1", "avif", "avis"};
    std::string_view brand = head.substr(8, 4);
    for (std::string_view known : brands) {
        if (brand == known) {
            return true;
        }
    }
    return false;
}

// "BM" alone starts too many text files; the DIB header's size (offset 14) must be a known one.
bool is_bmp(std::string_view head) {
    if (head.size() < 18 || !starts_with(head, "BM")) {
        return false;
    }
    unsigned size = 0;
    for (int i = 3; i >= 0; --i) {
        size = (size << 8) | static_cast<unsigned char>(head[14 + static_cast<std::size_t>(i)]);
    }
    constexpr std::array<unsigned, 7> known = {12, 40, 52, 56, 64, 108, 124};
    return std::find(known.begin(), known.end(), size) != known.end();
}

}  // namespace

bool has_image_signature(std::string_view head) {
    using namespace std::string_view_literals;
    if (starts_with(head, "\xFF\xD8\xFF"sv) || starts_with(head, "\x89PNG\r\n\x1A\n"sv) ||
        starts_with(head, "GIF8"sv) || starts_with(head, "II*\0"sv) ||
        starts_with(head, "MM\0*"sv) || is_bmp(head)) {
        return true;
    }
    if (head.size() >= 12 && starts_with(head, "RIFF"sv) && head.substr(8, 4) == "WEBP"sv) {
        return true;
    }
    return is_heif_family(head);
}

bool looks_like_image(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return false;
    }
    std::array<char, kHeadBytes> buffer{};
    file.read(buffer.data(), buffer.size());
    return has_image_signature(
        std::string_view(buffer.data(), static_cast<std::size_t>(file.gcount())));
}

bool has_image_extension(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kExtensions{
        ".jpg",  ".jpeg", ".jpe", ".png",  ".webp", ".tif",
        ".tiff", ".gif",  ".bmp", ".heic", ".heif", ".avif"};
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos) {
        return false;
    }
    std::string ext(name.substr(dot));
    for (auto& c : ext) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

bool is_image_candidate(const std::filesystem::path& path) {
    return has_image_extension(path.filename().string()) || looks_like_image(path);
}

}  // namespace lote

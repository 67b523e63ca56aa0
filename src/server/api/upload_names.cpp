#include "server/api/upload_names.hpp"

#include "server/net/paths.hpp"

namespace lote::server {

namespace {

// Cuts `text` to at most `bytes` bytes without splitting a UTF-8 sequence.
std::string cut_utf8(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) return text;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

// Splits "name.ext" at the last dot (a leading dot is no extension).
std::pair<std::string, std::string> stem_and_extension(const std::string& name) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0 || name.size() - dot > 16) return {name, ""};
    return {name.substr(0, dot), name.substr(dot)};
}

std::string fit(const std::string& stem, const std::string& suffix) {
    if (stem.size() + suffix.size() <= kMaxUploadNameBytes) return stem + suffix;
    return cut_utf8(stem, kMaxUploadNameBytes - suffix.size()) + suffix;
}

}  // namespace

Result<std::string> sanitize_upload_name(std::string_view client_name) {
    if (!is_valid_utf8(client_name)) return fail("the file name is not valid UTF-8");
    auto slash = client_name.find_last_of("/\\");
    if (slash != std::string_view::npos) client_name.remove_prefix(slash + 1);
    std::string name;
    for (char c : client_name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) continue;
        name += c;
    }
    std::size_t first = name.find_first_not_of(". ");
    name = first == std::string::npos ? std::string() : name.substr(first);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name.empty()) return fail("the file name is empty once cleaned");
    auto [stem, ext] = stem_and_extension(name);
    return fit(stem, ext);
}

std::string numbered_name(const std::string& name, unsigned number) {
    auto [stem, ext] = stem_and_extension(name);
    std::string suffix(1, '-');
    suffix += std::to_string(number);
    suffix += ext;
    return fit(stem, suffix);
}

}  // namespace lote::server

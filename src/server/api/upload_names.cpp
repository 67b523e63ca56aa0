#include "server/api/upload_names.hpp"

#include <glib.h>

#include <memory>

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

bool is_dropped_code_point(char32_t c) {
    bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
    bool bidi = c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
                (c >= 0x2066 && c <= 0x2069);
    return control || bidi;
}

// `text` (valid UTF-8) without the code points above.
std::string without_dropped(std::string_view text) {
    std::string out;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end) {
        const char* next = g_utf8_next_char(p);
        if (!is_dropped_code_point(g_utf8_get_char(p))) out.append(p, next);
        p = next;
    }
    return out;
}

std::string to_nfc(const std::string& text) {
    std::unique_ptr<gchar, decltype(&g_free)> nfc(
        g_utf8_normalize(text.data(), static_cast<gssize>(text.size()), G_NORMALIZE_NFC), &g_free);
    return nfc ? std::string(nfc.get()) : text;
}

}  // namespace

Result<std::string> sanitize_upload_name(std::string_view client_name) {
    if (!is_valid_utf8(client_name)) return fail("the file name is not valid UTF-8");
    auto slash = client_name.find_last_of("/\\");
    if (slash != std::string_view::npos) client_name.remove_prefix(slash + 1);
    std::string name = to_nfc(without_dropped(client_name));
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

#include "server/net/paths.hpp"

#include <system_error>

#include "util/error_codes.hpp"

namespace lote::server {

namespace {

// Length of the UTF-8 sequence starting with `lead`, or 0 if `lead` cannot start one.
int utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// The allowed range of the second byte depends on the lead byte (overlongs, surrogates, >
// U+10FFFF).
bool second_byte_ok(unsigned char lead, unsigned char second) {
    if (lead == 0xE0) return second >= 0xA0 && second <= 0xBF;
    if (lead == 0xED) return second >= 0x80 && second <= 0x9F;
    if (lead == 0xF0) return second >= 0x90 && second <= 0xBF;
    if (lead == 0xF4) return second >= 0x80 && second <= 0x8F;
    return second >= 0x80 && second <= 0xBF;
}

bool is_continuation(unsigned char c) {
    return c >= 0x80 && c <= 0xBF;
}

bool has_parent_component(const fs::path& p) {
    for (const auto& part : p) {
        if (part == "..") return true;
    }
    return false;
}

// Prefix check on whole components, so "/data/in" does not contain "/data/input2".
bool is_within(const fs::path& root, const fs::path& candidate) {
    auto r = root.begin();
    auto c = candidate.begin();
    for (; r != root.end(); ++r, ++c) {
        if (r->empty() && std::next(r) == root.end()) return true;  // trailing separator
        if (c == candidate.end() || *r != *c) return false;
    }
    return true;
}

Error refused(std::string message, std::string_view user_path, const char* reason) {
    return fail(ErrorKind::refused, std::move(message))
        .coded(codes::path_refused, {{"path", std::string(user_path)}, {"reason", reason}});
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto lead = static_cast<unsigned char>(text[i]);
        int len = utf8_sequence_length(lead);
        if (len == 0 || i + len > text.size()) return false;
        if (len > 1 && !second_byte_ok(lead, static_cast<unsigned char>(text[i + 1]))) return false;
        for (int k = 2; k < len; ++k) {
            if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return false;
        }
        i += len;
    }
    return true;
}

Result<fs::path> confine(const fs::path& root, std::string_view user_path) {
    if (user_path.find('\0') != std::string_view::npos) {
        return fail(ErrorKind::refused, "la ruta contiene un byte NUL")
            .coded(codes::path_refused, {{"path", ""}, {"reason", "nul"}});
    }
    if (!is_valid_utf8(user_path)) {
        return fail(ErrorKind::refused, "la ruta no es UTF-8 válido")
            .coded(codes::path_refused, {{"path", ""}, {"reason", "utf8"}});
    }
    if (user_path.find('\\') != std::string_view::npos) {
        return refused("la ruta no puede contener '\\'", user_path, "backslash");
    }
    fs::path relative{std::string(user_path)};
    if (relative.is_absolute() || relative.has_root_name() || relative.has_root_directory()) {
        return refused("la ruta debe ser relativa: " + std::string(user_path), user_path,
                       "absolute");
    }
    if (has_parent_component(relative)) {
        return refused("la ruta no puede contener '..': " + std::string(user_path), user_path,
                       "parent");
    }
    std::error_code ec;
    fs::path real_root = fs::weakly_canonical(root, ec);
    if (ec) return fail(ErrorKind::io, "la carpeta raíz no es accesible: " + root.string());
    fs::path resolved = fs::weakly_canonical(real_root / relative, ec);
    if (ec) {
        return refused("la ruta no es accesible: " + std::string(user_path), user_path,
                       "inaccessible");
    }
    if (!is_within(real_root, resolved)) {
        return refused("la ruta sale de la carpeta permitida: " + std::string(user_path), user_path,
                       "outside");
    }
    return resolved;
}

std::string relative_name(const fs::path& root, const fs::path& inside) {
    std::string rel = inside.lexically_relative(root).generic_string();
    return rel == "." ? std::string() : rel;
}

}  // namespace lote::server

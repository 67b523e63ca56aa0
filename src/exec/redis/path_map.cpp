#include "exec/redis/path_map.hpp"

#include <algorithm>

namespace lote {

namespace fs = std::filesystem;

namespace {

fs::path normal_absolute(const fs::path& path) {
    fs::path normal = path.lexically_normal();
    if (!normal.has_filename() && normal != normal.root_path()) normal = normal.parent_path();
    return normal;
}

bool has_dot_dot(const fs::path& path) {
    return std::any_of(path.begin(), path.end(), [](const fs::path& part) { return part == ".."; });
}

Result<fs::path> checked_side(std::string_view text, const char* side) {
    fs::path path(text);
    if (text.empty()) return fail(std::string("the ") + side + " side is empty");
    if (!path.is_absolute())
        return fail(std::string("the ") + side + " side must be an absolute path");
    // Checked before normalising: "/a/../b" would otherwise quietly become "/b".
    if (has_dot_dot(path)) return fail(std::string("the ") + side + " side must not use \"..\"");
    return normal_absolute(path);
}

// The deepest existing folder at or above `path`, resolved through symbolic links.
fs::path existing_canonical(fs::path path) {
    std::error_code ec;
    for (;;) {
        fs::path resolved = fs::canonical(path, ec);
        if (!ec) return resolved;
        if (path == path.parent_path()) return path;
        path = path.parent_path();
    }
}

}  // namespace

Result<PathMapping> parse_path_mapping(std::string_view text) {
    auto equals = text.find('=');
    auto refuse = [text](const std::string& why) {
        return fail("--map " + std::string(text) + ": " + why + " (expected FROM=TO)");
    };
    if (equals == std::string_view::npos) return refuse("no '='");
    auto from = checked_side(text.substr(0, equals), "FROM");
    if (!from) return refuse(from.message());
    auto to = checked_side(text.substr(equals + 1), "TO");
    if (!to) return refuse(to.message());
    return PathMapping{*from, *to};
}

bool path_is_within(const fs::path& path, const fs::path& root) {
    auto [root_end, path_at] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    if (root_end == root.end()) return true;
    // "/a/b/" against "/a/b": a trailing empty part of the root matches the end.
    return std::next(root_end) == root.end() && root_end->empty() && path_at == path.end();
}

fs::path replace_prefix(const fs::path& path, const fs::path& from, const fs::path& to) {
    fs::path rest = path.lexically_relative(from);
    return rest.empty() || rest == "." ? to : (to / rest).lexically_normal();
}

Result<std::string> PathMap::to_local(const std::string& text) const {
    fs::path path(text);
    if (!path.is_absolute()) return fail(ErrorKind::refused, "not an absolute path: " + text);
    fs::path normal = path.lexically_normal();
    const PathMapping* best = nullptr;
    for (const auto& root : roots_) {
        if (!path_is_within(normal, root.from)) continue;
        if (!best || root.from.string().size() > best->from.string().size()) best = &root;
    }
    if (!best) return fail(ErrorKind::refused, text + " is outside the folders this node serves");
    fs::path local = replace_prefix(normal, best->from, best->to);
    // A symbolic link inside the share may not lead out of it.
    if (!path_is_within(existing_canonical(local), existing_canonical(best->to))) {
        return fail(ErrorKind::refused, text + " leads out of the shared folder " +
                                            best->to.string() + " through a symbolic link");
    }
    return local.string();
}

std::string PathMap::to_coordinator(const std::string& text) const {
    fs::path normal = fs::path(text).lexically_normal();
    for (const auto& root : roots_) {
        if (path_is_within(normal, root.to))
            return replace_prefix(normal, root.to, root.from).string();
    }
    return text;
}

}  // namespace lote

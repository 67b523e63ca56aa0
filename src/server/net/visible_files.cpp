#include "server/net/visible_files.hpp"

#include "batch/input_links.hpp"
#include "pipeline/atomic_write.hpp"
#include "server/net/paths.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

bool hidden_component(const fs::path& relative) {
    for (const auto& part : relative) {
        std::string name = part.string();
        if (name.size() > 1 && name.front() == '.' && name != "..") return true;
    }
    return false;
}

// The job store and the files SQLite keeps beside it.
bool is_state_file(const fs::path& file, const fs::path& state_file) {
    if (state_file.empty()) return false;
    std::string base = state_file.string();
    std::string name = file.string();
    return name == base || name == base + "-wal" || name == base + "-shm" ||
           name == base + "-journal";
}

Error not_served(std::string_view user_path) {
    return fail(ErrorKind::refused,
                "hidden files and lote's own files are not served: " + std::string(user_path))
        .coded(codes::path_refused, {{"path", std::string(user_path)}, {"reason", "private"}});
}

}  // namespace

bool is_private_file(const fs::path& root, const fs::path& file, const fs::path& state_file) {
    if (hidden_component(file.lexically_relative(root))) return true;
    if (is_temporary_output_name(file.filename().string())) return true;
    return is_state_file(file, state_file);
}

Result<fs::path> confine_visible(const fs::path& root, std::string_view user_path,
                                 const fs::path& state_file) {
    // Looked at as given first, so a hidden name is refused whether or not it exists.
    if (hidden_component(fs::path(std::string(user_path)))) return not_served(user_path);
    auto resolved = confine(root, user_path);
    if (!resolved) return resolved;
    if (auto why = link_refusal(root / std::string(user_path), root)) {
        return fail(ErrorKind::refused, *why)
            .coded(codes::path_refused, {{"path", std::string(user_path)}, {"reason", "link"}});
    }
    if (is_private_file(root, *resolved, state_file)) return not_served(user_path);
    return resolved;
}

}  // namespace lote::server

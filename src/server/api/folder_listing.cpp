#include "server/api/folder_listing.hpp"

#include <algorithm>
#include <string_view>

#include "batch/image_sniff.hpp"
#include "batch/input_links.hpp"

namespace lote::server {

namespace fs = std::filesystem;

namespace {

// Listed like the batch would take it: a name with an image extension without opening the file
// (a folder of 10,000 photos lists fast), any other name when its first bytes are an image's (a
// JPEG saved without an extension is processed by a batch, so it is shown too).
bool listable_image(const fs::directory_entry& entry, const fs::path& confine_to) {
    std::error_code type_ec;
    if (entry.is_symlink(type_ec) && link_refusal(entry.path(), confine_to)) {
        std::error_code ec;
        if (fs::is_directory(entry.path(), ec)) return false;
        return refused_link_counts_as_image(entry.path());  // shown refused, not opened
    }
    if (!entry.is_regular_file(type_ec)) return false;  // d_type: usually no stat needed
    return is_image_candidate(entry.path());
}

}  // namespace

Result<std::vector<std::string>> list_image_names(const fs::path& folder,
                                                  const fs::path& confine_to) {
    std::error_code root_ec;
    fs::path root = fs::weakly_canonical(confine_to.empty() ? folder : confine_to, root_ec);
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) return fail("cannot read the folder: " + ec.message());
    std::vector<std::string> names;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return fail("cannot read the folder: " + ec.message());
        std::string name = it->path().filename().string();
        if (name.empty() || name.front() == '.' || !listable_image(*it, root)) continue;
        names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

namespace {

void walk(const fs::path& dir, const std::string& relative, const fs::path& skip, int depth_left,
          std::size_t max_count, std::vector<std::string>& out) {
    if (depth_left <= 0) return;
    std::error_code ec;
    std::vector<std::pair<std::string, fs::path>> children;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (name.empty() || name.front() == '.' || it->is_symlink(type_ec) ||
            !it->is_directory(type_ec)) {
            continue;
        }
        if (!skip.empty() && fs::equivalent(it->path(), skip, type_ec)) continue;
        children.emplace_back(name, it->path());
    }
    std::sort(children.begin(), children.end());
    for (const auto& [name, path] : children) {
        if (out.size() >= max_count) return;
        std::string child = relative.empty() ? name : relative + "/" + name;
        out.push_back(child);
        walk(path, child, skip, depth_left - 1, max_count, out);
    }
}

}  // namespace

std::vector<std::string> list_folders(const fs::path& root, const fs::path& skip, int max_depth,
                                      std::size_t max_count) {
    std::vector<std::string> out{""};
    walk(root, "", skip, max_depth, max_count, out);
    return out;
}

}  // namespace lote::server
